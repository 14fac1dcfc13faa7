/**
 * Falling between chairs (faller mellom stolene), one definition for every cause (domain brief §5;
 * docs/model.md §5): a spell opens when something active loses its owner (a need no service
 * holds, or, from the coordinators of Model II, a user's right to a coordinator or a plan that
 * nobody holds); the cause is what made it lose its owner; the spell is an event only if it is
 * still open `unownedThresholdDays` later. A user is between chairs while any spell is open.
 */
import { CAUSE_INDEX, type Cause } from './causes.js';
import type { Relatives } from './relatives.js';
import { REASON_INDEX, REASON_OF_CAUSE, type SpellReason } from './spellReasons.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export function betweenChairs(w: World, relatives: Relatives, p: Ports): Pick<Ports, 'setUnowned' | 'clearUnowned' | 'openSpell' | 'closeSpell' | 'keepSpell'> & {
  onThreshold(uid: number, row: number): void;
  closeAtHorizon(): void;
  /** Users with a spell open (after the horizon: those whose spells the horizon closed). */
  usersBetweenChairs(): number;
} {
  const { sim, spec, rec, trace, users, W, T } = w;
  const s = rec.unownedSpells;
  /** The pending threshold event of each spell (row). */
  const handles: number[] = [];
  /** Per user: spells open now, and when the user's current between-chairs stretch began. */
  const open: number[] = [];
  const since: number[] = [];

  /** A spell of `cause` opens now for the user (`need` -1: a Model II spell); returns its row. */
  const openSpell = (uid: number, need: number, cause: Cause, a: number, b: number, keptBy: SpellReason = REASON_OF_CAUSE[cause]): number => {
    const row = s.user.length;
    s.user.push(uid);
    s.need.push(need);
    s.cause.push(CAUSE_INDEX[cause]);
    s.start.push(sim.now);
    s.end.push(NaN);
    s.serviceA.push(a);
    s.serviceB.push(b);
    s.keptBy.push(REASON_INDEX[keptBy]);
    handles.push(sim.schedule(spec.unownedThresholdDays, w.ev.betweenChairsThreshold, uid, row));
    if ((open[uid] ?? 0) === 0) {
      open[uid] = 0;
      since[uid] = sim.now;
      trace.add(sim.now, uid, 'betweenChairsStart', a, need, CAUSE_INDEX[cause]);
      relatives.busy(users[uid]);
    }
    open[uid]++;
    return row;
  };

  /** The spell in `row` ends now: someone owns it again, or the user left. */
  const closeSpell = (row: number) => {
    if (!Number.isNaN(s.end[row])) throw new Error(`between chairs: spell ${row} closed twice`);
    s.end[row] = sim.now;
    sim.cancel(handles[row]);
    const uid = s.user[row];
    if (--open[uid] === 0) {
      rec.spells.user.push(uid);
      rec.spells.start.push(since[uid]);
      rec.spells.end.push(sim.now);
      trace.add(sim.now, uid, 'betweenChairsEnd', -1, s.need[row]);
      relatives.free(users[uid]);
    }
  };

  const keepSpell = (row: number, keptBy: SpellReason) => {
    if (Number.isNaN(s.end[row])) s.keptBy[row] = REASON_INDEX[keptBy];
  };

  const setUnowned = (u: User, n: Need, cause: Cause, a: number, b: number, keptBy?: SpellReason) => {
    if (n.state !== NS.Unowned) u.unownedNeeds++;
    n.state = NS.Unowned;
    n.at = -1;
    n.unownedSince = sim.now;
    n.unownedCause = u.disengaged && cause === 'unownedNeed' ? 'disengagement' : cause;
    n.unownedA = a;
    n.unownedB = b;
    // What keeps it there: no mandate at all, the user's dropping out, or what the cause implies.
    n.unownedWhy = n.route === null ? 'noMandate' : (keptBy ?? REASON_OF_CAUSE[cause]);
    n.spellRow = openSpell(u.id, n.index, n.unownedCause, a, b, u.disengaged && n.route !== null ? 'disengaged' : n.unownedWhy);
    // Nobody works on it now: it may lapse (lapse.ts) before anyone takes it back.
    p.startLapse(u, n);
  };

  /** Relatives chase an unowned need: their hours over [since, until] inside the window (assumption: a flat rate). */
  const relativesHours = (from: number, until: number) => {
    const a = Math.max(from, W);
    const b = Math.min(until, T);
    if (b > a) rec.relativeHours += (spec.relativeHoursPerWeek * (b - a)) / 7;
  };

  const clearUnowned = (u: User, n: Need) => {
    if (n.state !== NS.Unowned) return;
    u.unownedNeeds--;
    if (u.relatives) relativesHours(n.unownedSince, sim.now);
    closeSpell(n.spellRow);
    n.spellRow = -1;
    p.stopLapse(n);
    n.state = NS.Latent; // the caller sets the next state
  };

  /** The threshold of the spell in `row` has passed: an event if it is still open. */
  const onThreshold = (uid: number, row: number) => {
    if (!Number.isNaN(s.end[row])) return;
    const bc = rec.betweenChairs;
    const cause = s.cause[row];
    bc.time.push(sim.now);
    bc.start.push(s.start[row]);
    bc.user.push(uid);
    bc.cause.push(cause);
    bc.serviceA.push(s.serviceA[row]);
    bc.serviceB.push(s.serviceB[row]);
    trace.add(sim.now, uid, 'betweenChairsEvent', s.serviceA[row], s.need[row], cause);
  };

  /** At the horizon: relatives' hours of needs still unowned, and the spells still open. */
  const closeAtHorizon = () => {
    relatives.closeAtHorizon();
    for (let row = 0; row < s.end.length; row++) if (Number.isNaN(s.end[row])) s.end[row] = T;
    for (const u of users) {
      if (u.relatives) for (const n of u.needs) if (n.state === NS.Unowned) relativesHours(n.unownedSince, T);
      if ((open[u.id] ?? 0) > 0) {
        rec.spells.user.push(u.id);
        rec.spells.start.push(since[u.id]);
        rec.spells.end.push(T);
      }
    }
  };

  const usersBetweenChairs = () => open.reduce((k, x) => k + (x > 0 ? 1 : 0), 0);

  return { setUnowned, clearUnowned, openSpell, closeSpell, keepSpell, onThreshold, closeAtHorizon, usersBetweenChairs };
}
