/**
 * The live view's snapshot of a running municipality (snapshot.ts defines its shape): aggregates
 * per service and each present user's most telling state. docs/model.md §12.
 */
import { CAUSE_INDEX, CAUSES } from './causes.js';
import { USER_STATES, type MunicipalitySnapshot } from './snapshot.js';
import { REASON_INDEX } from './spellReasons.js';
import { NS, type Need, type World } from './world.js';

const STATE_RANK: Record<number, number> = { [NS.Unowned]: 4, [NS.Transit]: 3, [NS.Queued]: 2, [NS.Occupying]: 1 };
const STATE_CODE: Record<number, number> = {
  [NS.Unowned]: USER_STATES.indexOf('betweenChairs'),
  [NS.Transit]: USER_STATES.indexOf('transit'),
  [NS.Queued]: USER_STATES.indexOf('queued'),
  [NS.Occupying]: USER_STATES.indexOf('seated'),
};

export function snapshotOf(w: World, done: boolean): MunicipalitySnapshot {
  const { sim, users, services, rec, hooks, T, W } = w;
  const present = users.filter((u) => !u.gone);
  const k = present.length;
  const out: MunicipalitySnapshot = {
    t: sim.now,
    horizonDays: T,
    warmupDays: W,
    eventsProcessed: sim.eventsProcessed,
    done,
    services: {
      queued: Int32Array.from(services, (s) => s.queue.length),
      seated: Int32Array.from(services, (s) => s.occupying),
      usedHours: Float64Array.from(services, (s) => s.used),
      capacityHours: Float64Array.from(services, (s) => s.capacity),
    },
    users: {
      id: new Int32Array(k),
      state: new Uint8Array(k),
      service: new Int16Array(k).fill(-1),
      from: new Int16Array(k).fill(-1),
      cause: new Int8Array(k).fill(-1),
      keptBy: new Int8Array(k).fill(-1),
      since: new Float64Array(k).fill(NaN),
      coordinator: new Int32Array(k).fill(-1),
    },
    betweenChairsEvents: new Int32Array(CAUSES.length),
    referralsSent: rec.handoffs.time.length,
    referralsLost: rec.handoffs.lost.reduce((a, l) => a + (l ? 1 : 0), 0),
    coordinators: hooks.coordinatorsInPost?.() ?? null,
  };
  for (const c of rec.betweenChairs.cause) out.betweenChairsEvents[c]++;
  const us = out.users;
  present.forEach((u, i) => {
    us.id[i] = u.id;
    let best: Need | null = null;
    for (const n of u.needs) if ((STATE_RANK[n.state] ?? 0) > (best ? STATE_RANK[best.state] : 0)) best = n;
    if (hooks.coordinatorOf) us.coordinator[i] = hooks.coordinatorOf(u.id);
    if (best === null) return; // at home: state 0
    us.state[i] = STATE_CODE[best.state];
    if (best.state === NS.Unowned) {
      us.service[i] = best.unownedA;
      us.from[i] = best.unownedB;
      us.cause[i] = CAUSE_INDEX[best.unownedCause];
      us.keptBy[i] = REASON_INDEX[u.disengaged && best.route !== null ? 'disengaged' : best.unownedWhy];
      us.since[i] = best.unownedSince;
    } else {
      us.service[i] = best.at;
      if (best.state === NS.Transit) us.from[i] = best.from;
    }
  });
  return out;
}
