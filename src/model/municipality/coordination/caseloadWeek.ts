// One coordinator's caseload in one week, case by case: the hours each case asks for and gets.
// State owned by the week (week.ts); the caseload coping modes (coping.ts) reshape it. No model rule here.

/**
 * Parallel columns, case i of the week in each. The buffers grow to the largest caseload seen and
 * are reused every week, so a week allocates nothing (benchmark:
 * `municipality:scenarios/kommune-stafettlop-koordinator.json`, about 36,000 coordinator-weeks).
 */
export class CaseloadWeek {
  /** Cases this week (the first `n` entries of every column count). */
  n = 0;
  uid = new Int32Array(0);
  /** Hours asked, by class; `delegated` is direct work handed to a colleague. */
  urgent = new Float64Array(0);
  direct = new Float64Array(0);
  travel = new Float64Array(0);
  coord = new Float64Array(0);
  delegated = new Float64Array(0);
  /** direct + travel + coord after coping; `share` is the part of it done. */
  routine = new Float64Array(0);
  share = new Float64Array(0);
  /** Services in the case (the responsibility group's size). */
  services = new Int32Array(0);
  /** 1 while the case waits for its first contact. */
  waiting = new Uint8Array(0);
  /** 1 for an urgent case (a crisis in the last two weeks or a need nobody owns), a user living alone (no relatives who coordinate), a child (a family with children): creaming's rules. */
  urgentCase = new Uint8Array(0);
  alone = new Uint8Array(0);
  child = new Uint8Array(0);
  /** Scratch order of cases (creaming). */
  order = new Int32Array(0);
  /** A colleague in the same pool had room last week (load below 1): someone to delegate to. */
  colleagueHasRoom = false;
  /** Routine hours asked (after coping) and done this week. */
  routineAsked = 0;
  routineDone = 0;
  /** Unowned needs absorbed, and extra direct hours of scope creep asked, over the caseload. */
  absorbed = 0;
  overServe = 0;
  /** Routine hours done, by activity. */
  directDone = 0;
  travelDone = 0;
  coordDone = 0;

  /** Room for `m` cases; keeps the first `n` uids. */
  reserve(m: number): void {
    if (m <= this.uid.length) return;
    const size = Math.max(m, 2 * this.uid.length, 16);
    const uid = new Int32Array(size);
    uid.set(this.uid);
    this.uid = uid;
    this.urgent = new Float64Array(size);
    this.direct = new Float64Array(size);
    this.travel = new Float64Array(size);
    this.coord = new Float64Array(size);
    this.delegated = new Float64Array(size);
    this.routine = new Float64Array(size);
    this.share = new Float64Array(size);
    this.services = new Int32Array(size);
    this.waiting = new Uint8Array(size);
    this.order = new Int32Array(size);
    this.urgentCase = new Uint8Array(size);
    this.alone = new Uint8Array(size);
    this.child = new Uint8Array(size);
  }
}

/** Sum of the first `n` entries, left to right from 0 (the same bits as `reduce((s, x) => s + x, 0)`). */
export function sumOf(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}
