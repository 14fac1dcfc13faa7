/**
 * A streamed run's record (RunOptions.stream; issue 15, "memory flat in simulated time"): the
 * rows of the record's append-only tables are folded, as the run goes, into exactly the counts,
 * sums and values the metrics read, and the tables are emptied. The values are kept only where a
 * metric needs every one: waits and strains (exact quantiles) and meeting delays (the two-pass
 * mean); so memory still grows with them, by 8 bytes a value, and with per-user state
 * (docs/performance.md, "Memory in simulated time"). Metrics stay pure functions of
 * the record: they read it through `completeFold`, which is the folded part plus the rows still
 * in the tables, folded the same way. Every sum is formed row by row in row order, and every
 * list of values keeps row order, so a streamed record and a kept one give the same metrics bit
 * for bit (tests/model/municipality/stream.test.ts runs every library scenario both ways).
 *
 * Folded: episodes, rejections, handoffs, betweenChairs, spells, spellEndings, planAdjustments,
 * pushBacks, crisesInService, relativesExhausted and, of Model II, weeks, meetings, refusals and
 * exits: rows that are final when they are written and never read back by the model. Kept whole:
 * the users, the unowned spells, requests, orphans, coordinators, ties and first contacts, whose
 * rows are rewritten after they are written (an exit, a spell's end, an assignment) or are few.
 * Data only (numbers, arrays, a Set, a Map, byte arrays; no methods), so a streamed record can be
 * cloned or posted like any other; JSON would lose the Set and the Map.
 */
import { InvariantError } from './invariants.js';
import type { MunicipalityRecord } from './record.js';
import { CAUSES } from './causes.js';
import { SPELL_ENDINGS } from './spellReasons.js';
import { inWindow as inObservationWindow, overlap } from './observationWindow.js';

/** Users marked by id (a set of ids that only grows), one byte per id. */
export interface UserMarks {
  bits: Uint8Array;
  count: number;
}

function mark(m: UserMarks, uid: number): void {
  // User ids are dense row indices (population.ts); anything else is a bug, not a user to skip.
  if (!(Number.isInteger(uid) && uid >= 0)) throw new RangeError(`recordFold: user id ${uid} is not a row index`);
  if (uid >= m.bits.length) {
    const b = new Uint8Array(Math.max(uid + 1, m.bits.length * 2));
    b.set(m.bits);
    m.bits = b;
  }
  if (m.bits[uid] === 0) {
    m.bits[uid] = 1;
    m.count++;
  }
}

const marks = (): UserMarks => ({ bits: new Uint8Array(1024), count: 0 });

/**
 * The three windows of growth.ts (riseOverWindow): the whole observation window [W, T], its first
 * third and its last third, as [start, end] pairs in that order.
 */
export function growthWindows(W: number, T: number): [number, number][] {
  const third = (T - W) / 3;
  return [
    [W, T],
    [W, W + third],
    [T - third, T],
  ];
}

export interface RecordFold {
  W: number;
  T: number;
  /** Rows folded so far (all tables): how much a streamed run did not keep. */
  rows: number;
  /** Time of the last row folded of each time-ordered table, for the invariant that time never goes back. */
  last: { handoffs: number; betweenChairs: number; rejections: number; refusals: number; exits: number };
  /** Episodes with a first service inside the window: their waits (row order), users and entry function (summed in row order). */
  waits: number[];
  served: UserMarks;
  entryFunction: number;
  /** growth.ts's mean wait by first service in each growth window [a, b): sum and count. */
  growthWait: { sum: number; k: number }[];
  rejected: number;
  capped: number;
  turnedAway: UserMarks;
  handoffs: number;
  handedOff: UserMarks;
  infoLoss: number;
  referralsLost: number;
  betweenChairs: number;
  byCause: number[];
  /** Days of user-level spells inside the window, and inside each growth window, summed in row order. */
  spellDays: number;
  growthSpellDays: number[];
  endings: number[];
  planAdjustments: number;
  pushedBack: number;
  crises: number;
  adjustedAtCrisis: number;
  relativesExhausted: number;
  coordination: CoordinationFold | null;
}

export interface CoordinationFold {
  /** Distinct week times. */
  weekTimes: Set<number>;
  /** Coordinator-weeks by caseload (a count of cases). */
  caseloads: Map<number, number>;
  available: number;
  demanded: number;
  done: number;
  overServe: number;
  /** Strain of every coordinator-week, row order (so also the count of coordinator-weeks). */
  strains: number[];
  fight: number;
  flight: number;
  /** Days from request to review, full-group and bilateral meetings, row order (one per meeting held). */
  fullGroupDelays: number[];
  bilateralDelays: number[];
  refusals: number;
  overridden: number;
  exits: number;
}

export function emptyFold(W: number, T: number, withCoordination: boolean): RecordFold {
  return {
    W,
    T,
    rows: 0,
    last: { handoffs: -Infinity, betweenChairs: -Infinity, rejections: -Infinity, refusals: -Infinity, exits: -Infinity },
    waits: [],
    served: marks(),
    entryFunction: 0,
    growthWait: [0, 1, 2].map(() => ({ sum: 0, k: 0 })),
    rejected: 0,
    capped: 0,
    turnedAway: marks(),
    handoffs: 0,
    handedOff: marks(),
    infoLoss: 0,
    referralsLost: 0,
    betweenChairs: 0,
    byCause: CAUSES.map(() => 0),
    spellDays: 0,
    growthSpellDays: [0, 0, 0],
    endings: SPELL_ENDINGS.map(() => 0),
    planAdjustments: 0,
    pushedBack: 0,
    crises: 0,
    adjustedAtCrisis: 0,
    relativesExhausted: 0,
    coordination: withCoordination
      ? {
          weekTimes: new Set(),
          caseloads: new Map(),
          available: 0,
          demanded: 0,
          done: 0,
          overServe: 0,
          strains: [],
          fight: 0,
          flight: 0,
          fullGroupDelays: [],
          bilateralDelays: [],
          refusals: 0,
          overridden: 0,
          exits: 0,
        }
      : null,
  };
}

function inOrder(f: RecordFold, table: keyof RecordFold['last'], t: number, what: string, check: boolean): void {
  if (!check) return;
  if (t < f.last[table]) throw new InvariantError(`time went back in ${what} (day ${t} after day ${f.last[table]})`);
  f.last[table] = t;
}

/**
 * Adds the rows now in `r`'s folded tables to `f`, in row order. Does not change `r`. With `check`
 * (a streamed run's drain) it also checks the invariants invariants.ts checks on kept rows at the
 * end of a run: time never goes back in a log (across drains too), no spell ends before it starts,
 * strain stays in [0, 1].
 */
export function foldRows(f: RecordFold, r: MunicipalityRecord, check = false): void {
  const { W, T } = f;
  f.rows += unfoldedRows(r);
  const inWindow = (t: number) => inObservationWindow(t, W, T);
  const windows = growthWindows(W, T);

  const e = r.episodes;
  for (let i = 0; i < e.user.length; i++) {
    const t = e.firstService[i];
    const wait = t - e.referral[i];
    for (let j = 0; j < 3; j++) {
      if (t >= windows[j][0] && t < windows[j][1]) {
        f.growthWait[j].sum += wait;
        f.growthWait[j].k++;
      }
    }
    if (!inWindow(t)) continue;
    mark(f.served, e.user[i]);
    f.waits.push(wait);
    f.entryFunction += e.entryFunction[i];
  }
  const rj = r.rejections;
  for (let i = 0; i < rj.time.length; i++) {
    inOrder(f, 'rejections', rj.time[i], 'rejections', check);
    if (!inWindow(rj.time[i])) continue;
    if (rj.cap[i]) f.capped++;
    else f.rejected++;
    mark(f.turnedAway, rj.user[i]);
  }
  const h = r.handoffs;
  for (let i = 0; i < h.time.length; i++) {
    inOrder(f, 'handoffs', h.time[i], 'handoffs', check);
    if (!inWindow(h.time[i])) continue;
    f.handoffs++;
    mark(f.handedOff, h.user[i]);
    if (h.infoLost[i]) f.infoLoss++;
    if (h.lost[i]) f.referralsLost++;
  }
  const bc = r.betweenChairs;
  for (let i = 0; i < bc.time.length; i++) {
    inOrder(f, 'betweenChairs', bc.time[i], 'between-chairs events', check);
    if (!inWindow(bc.time[i])) continue;
    f.betweenChairs++;
    f.byCause[bc.cause[i]]++;
  }
  const sp = r.spells;
  for (let i = 0; i < sp.start.length; i++) {
    if (check && sp.end[i] < sp.start[i]) throw new InvariantError(`between-chairs spell ${i} ends before it starts`);
    f.spellDays += overlap(sp.start[i], sp.end[i], W, T);
    for (let j = 0; j < 3; j++) f.growthSpellDays[j] += overlap(sp.start[i], sp.end[i], windows[j][0], windows[j][1]);
  }
  r.spellEndings.time.forEach((t, i) => {
    if (inWindow(t)) f.endings[r.spellEndings.kind[i]]++;
  });
  f.planAdjustments += r.planAdjustments.time.filter(inWindow).length;
  f.pushedBack += r.pushBacks.time.filter(inWindow).length;
  r.crisesInService.time.forEach((t, i) => {
    if (!inWindow(t)) return;
    f.crises++;
    if (r.crisesInService.adjusted[i]) f.adjustedAtCrisis++;
  });
  f.relativesExhausted += r.relativesExhausted.time.filter(inWindow).length;

  const c = r.coordination;
  const g = f.coordination;
  if (c === null || g === null) return;
  const w = c.weeks;
  for (let i = 0; i < w.time.length; i++) {
    g.weekTimes.add(w.time[i]);
    g.caseloads.set(w.caseload[i], (g.caseloads.get(w.caseload[i]) ?? 0) + 1);
    g.available += w.available[i];
    g.demanded += w.demanded[i];
    g.done += w.done[i];
    g.overServe += w.overServe[i];
    if (check && !(w.strain[i] >= 0 && w.strain[i] <= 1)) throw new InvariantError(`strain ${w.strain[i]} outside [0, 1]`);
    g.strains.push(w.strain[i]);
    if (w.mode[i] === 1) g.fight++;
    else if (w.mode[i] === 2) g.flight++;
  }
  const mt = c.meetings;
  for (let i = 0; i < mt.user.length; i++) (mt.mode[i] === 0 ? g.fullGroupDelays : g.bilateralDelays).push(mt.held[i] - mt.requested[i]);
  for (let i = 0; i < c.refusals.time.length; i++) {
    inOrder(f, 'refusals', c.refusals.time[i], 'assignment refusals', check);
    if (!inWindow(c.refusals.time[i])) continue;
    if (c.refusals.overridden[i]) g.overridden++;
    else g.refusals++;
  }
  for (const t of c.exits.time) inOrder(f, 'exits', t, 'coordinator exits', check);
  g.exits += c.exits.time.length;
}

/** An independent copy (the metrics of a record never change its fold). */
export function cloneFold(f: RecordFold): RecordFold {
  return structuredClone(f);
}

/** The tables a fold takes (recordFold.ts's header), each a set of columns of one length. */
function foldedTables(r: MunicipalityRecord): Record<string, unknown[]>[] {
  const tables: Record<string, unknown[]>[] = [r.episodes, r.rejections, r.handoffs, r.betweenChairs, r.spells, r.spellEndings, r.planAdjustments, r.pushBacks, r.crisesInService, r.relativesExhausted];
  const c = r.coordination;
  if (c !== null) tables.push(c.weeks, c.meetings, c.refusals, c.exits);
  return tables;
}

/** Rows now in the folded tables of `r`. */
export function unfoldedRows(r: MunicipalityRecord): number {
  let n = 0;
  // Every column of a table has one entry per row.
  for (const t of foldedTables(r)) n += Object.values(t)[0].length;
  return n;
}

/** Everything of `r` the metrics fold: its fold (if streamed) and the rows still in its tables. Does not change `r`. */
export function completeFold(r: MunicipalityRecord): RecordFold {
  const base = r.folded;
  if (base !== undefined && (base.W !== r.warmupDays || base.T !== r.horizonDays)) throw new Error(`completeFold: the record's window [${r.warmupDays}, ${r.horizonDays}] is not its fold's [${base.W}, ${base.T}]`);
  if (base !== undefined && unfoldedRows(r) === 0) return base;
  const f = base !== undefined ? cloneFold(base) : emptyFold(r.warmupDays, r.horizonDays, r.coordination !== null);
  foldRows(f, r);
  return f;
}

/** A streamed run folds the rows written so far into its record's fold and empties the tables. */
export function drain(r: MunicipalityRecord): void {
  r.folded ??= emptyFold(r.warmupDays, r.horizonDays, r.coordination !== null);
  foldRows(r.folded, r, true);
  for (const t of foldedTables(r)) for (const col of Object.values(t)) col.length = 0;
}
