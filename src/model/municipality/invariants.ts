import { EXIT_REASONS, type MunicipalityRecord } from './record.js';
import { NS, urgencyLevel, type World } from './world.js';

/** End-of-run state the record does not hold, for cross-checks. */
export interface EndState {
  activeUsers: number;
  queueLengths: number[];
  used: number[];
  occupyingByService: number[];
  occupyingCounted: number[];
  queuedCounted: number[];
  unownedOpen: number;
  now: number;
  /** Model II self-check: coordinators' case lists agree with their users. */
  coordinationProblems: string[];
}

export class InvariantError extends Error {
  constructor(message: string) {
    super(`koordsim invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}

/**
 * Checks every run ends consistent; throws loudly otherwise (a bug, never bad input): every user
 * that arrived is accounted for exactly once (active, or exited for one reason); no negative queue
 * or capacity; every queued or occupying need is where the service thinks it is; time never went
 * back in any log.
 */
export function checkInvariants(r: MunicipalityRecord, end: EndState): void {
  const n = r.users.arrival.length;
  let exited = 0;
  for (let i = 0; i < n; i++) {
    const reason = r.users.exitReason[i];
    const t = r.users.exitTime[i];
    if (reason === -1) {
      if (!Number.isNaN(t)) throw new InvariantError(`user ${i} has an exit time but no reason`);
    } else {
      if (reason < 0 || reason >= EXIT_REASONS.length) throw new InvariantError(`user ${i} has exit reason ${reason}`);
      if (!(t >= r.users.arrival[i]) || t > r.horizonDays) throw new InvariantError(`user ${i} left at ${t}, arrived at ${r.users.arrival[i]}`);
      exited++;
    }
  }
  if (exited + end.activeUsers !== n) throw new InvariantError(`${n} users arrived but ${exited} left and ${end.activeUsers} are active`);
  end.queueLengths.forEach((q, s) => {
    if (q < 0) throw new InvariantError(`negative queue at ${r.serviceIds[s]}`);
    if (q !== end.queuedCounted[s]) throw new InvariantError(`${r.serviceIds[s]} queue holds ${q} but ${end.queuedCounted[s]} needs are queued there`);
  });
  end.used.forEach((u, s) => {
    if (u < 0) throw new InvariantError(`negative hours in use at ${r.serviceIds[s]}`);
    if (end.occupyingByService[s] !== end.occupyingCounted[s]) throw new InvariantError(`${r.serviceIds[s]} counts ${end.occupyingByService[s]} cases but ${end.occupyingCounted[s]} needs are there`);
    if (end.occupyingByService[s] === 0 && u > 1e-6) throw new InvariantError(`${r.serviceIds[s]} has ${u} hours in use and no case`);
  });
  const monotone = (xs: number[], what: string) => {
    for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) throw new InvariantError(`time went back in ${what} at row ${i}`);
  };
  monotone(r.users.arrival, 'arrivals');
  monotone(r.handoffs.time, 'handoffs');
  monotone(r.betweenChairs.time, 'between-chairs events');
  monotone(r.rejections.time, 'rejections');
  if (end.now !== r.horizonDays) throw new InvariantError(`run ended at ${end.now}, horizon ${r.horizonDays}`);
  for (let i = 0; i < r.spells.start.length; i++) {
    if (r.spells.end[i] < r.spells.start[i]) throw new InvariantError(`between-chairs spell ${i} ends before it starts`);
  }
  const us = r.unownedSpells;
  for (let i = 0; i < us.start.length; i++) {
    if (!(us.end[i] >= us.start[i])) throw new InvariantError(`between-chairs spell of one cause ${i} ends before it starts or never ends`);
  }
  if (end.coordinationProblems.length > 0) throw new InvariantError(end.coordinationProblems.slice(0, 3).join('; '));
  if (r.coordination) {
    const c = r.coordination;
    monotone(c.refusals.time, 'assignment refusals');
    monotone(c.exits.time, 'coordinator exits');
    for (let i = 0; i < c.requests.user.length; i++) if (c.requests.assigned[i] < c.requests.reported[i]) throw new InvariantError(`coordinator request ${i} assigned before it was made`);
    for (let i = 0; i < c.orphans.start.length; i++) if (c.orphans.end[i] < c.orphans.start[i]) throw new InvariantError(`orphaned case ${i} ends before it starts`);
    for (let i = 0; i < c.weeks.strain.length; i++) if (!(c.weeks.strain[i] >= 0 && c.weeks.strain[i] <= 1)) throw new InvariantError(`strain ${c.weeks.strain[i]} outside [0, 1]`);
  }
  if (r.spells.end.filter((e) => e === r.horizonDays).length < end.unownedOpen) throw new InvariantError('open between-chairs spells were not closed at the horizon');
}

/** One fired event, as the scheduler names it: kind, arguments (usually user and need) and time. */
export interface FiredEvent {
  kind: string;
  a: number;
  b: number;
  time: number;
}

/**
 * The invariants of a run in progress, checked after every event in `--check` mode: users are
 * conserved (every arrival has its row in the record, and left in the record exactly when the
 * user is gone); queues, hours in use, cases and capacities are never negative, and every queued
 * or occupying need is where its service counts it; time is monotone and within the horizon;
 * every between-chairs spell is either closed or open for a need that is unowned now (and every
 * unowned need has its open spell), and each user's count of unowned needs (User.unownedNeeds) equals
 * a recount; coordinators' caseload lists agree with their users (Model II's
 * own cross-check). O(users x needs + spells) per event, so for checking, not for production runs.
 * Throws InvariantError naming the event, its time and the user concerned.
 */
export function checkAfterEvent(w: World, ev: FiredEvent, previousTime: number): void {
  const at = `after event ${ev.kind}(${ev.a}, ${ev.b}) at day ${ev.time}`;
  const fail = (what: string, user?: number): never => {
    throw new InvariantError(`${user !== undefined ? `user ${user}: ` : ''}${what}, ${at}`);
  };
  if (!(ev.time >= previousTime)) fail(`time went back from day ${previousTime}`);
  if (!(ev.time <= w.T)) fail(`time passed the horizon (day ${w.T})`);
  const r = w.rec;
  const n = w.users.length;
  if (r.users.arrival.length !== n || r.users.exitReason.length !== n || r.users.exitTime.length !== n) fail(`${n} users exist but the record holds ${r.users.arrival.length} arrivals`);

  const queued = new Array<number>(w.services.length).fill(0);
  const occupying = new Array<number>(w.services.length).fill(0);
  for (const u of w.users) {
    const left = r.users.exitReason[u.id] !== -1;
    if (u.gone !== left) fail(u.gone ? 'left, but the record has no exit' : 'the record has an exit, but the user is still here', u.id);
    if (left && !(r.users.exitTime[u.id] >= u.arrival && r.users.exitTime[u.id] <= ev.time)) fail(`left at day ${r.users.exitTime[u.id]}, arrived at day ${u.arrival}`, u.id);
    let unowned = 0;
    for (const need of u.needs) {
      if (need.state === NS.Unowned) unowned++;
      if (u.gone && need.state !== NS.Gone) fail(`need ${need.index} is in state ${need.state} but the user left`, u.id);
      if (need.state === NS.Queued || need.state === NS.Occupying) {
        if (!(need.at >= 0 && need.at < w.services.length)) fail(`need ${need.index} is at service ${need.at}, which does not exist`, u.id);
        (need.state === NS.Queued ? queued : occupying)[need.at]++;
      }
      if (need.state === NS.Unowned && !(need.spellRow >= 0 && Number.isNaN(r.unownedSpells.end[need.spellRow]))) fail(`need ${need.index} is unowned without an open between-chairs spell`, u.id);
    }
    if (u.unownedNeeds !== unowned) fail(`counts ${u.unownedNeeds} unowned needs but ${unowned} are unowned`, u.id);
  }
  w.services.forEach((s, i) => {
    const id = r.serviceIds[i];
    if (s.used < -1e-9) fail(`${id} has ${s.used} hours in use`);
    if (s.capacity < 0) fail(`${id} has capacity ${s.capacity}`);
    if (s.occupying < 0) fail(`${id} counts ${s.occupying} cases`);
    if (s.queue.length !== queued[i]) fail(`${id} queue holds ${s.queue.length} but ${queued[i]} needs are queued there`, s.queue[0]?.user);
    if (s.occupying !== occupying[i]) fail(`${id} counts ${s.occupying} cases but ${occupying[i]} needs are there`);
    for (const q of s.queue) if (q.state !== NS.Queued || q.at !== i) fail(`need ${q.index} is in the queue of ${id} but in state ${q.state} at service ${q.at}`, q.user);
    const byUrgency = [0, 0, 0, 0];
    for (const q of s.queue) byUrgency[urgencyLevel(q)]++;
    if (byUrgency.some((k, level) => k !== s.queuedByUrgency[level])) fail(`${id} counts [${s.queuedByUrgency.join(', ')}] queued needs by urgency but holds [${byUrgency.join(', ')}]`, s.queue[0]?.user);
  });

  const spells = r.unownedSpells;
  for (let row = 0; row < spells.end.length; row++) {
    const end = spells.end[row];
    const uid = spells.user[row];
    if (!Number.isNaN(end)) {
      if (!(end >= spells.start[row])) fail(`between-chairs spell ${row} ends at day ${end} before it starts at day ${spells.start[row]}`, uid);
      continue;
    }
    if (w.users[uid]?.gone !== false) fail(`between-chairs spell ${row} is still open but the user left`, uid);
    const need = spells.need[row];
    if (need >= 0 && (w.users[uid].needs[need]?.state !== NS.Unowned || w.users[uid].needs[need].spellRow !== row)) fail(`between-chairs spell ${row} is open but need ${need} is owned`, uid);
  }
  const problems = w.hooks.check?.() ?? [];
  if (problems.length > 0) {
    const user = /user (\d+)/.exec(problems[0]);
    fail(`coordination: ${problems.slice(0, 3).join('; ')}`, user ? Number(user[1]) : undefined);
  }
}
