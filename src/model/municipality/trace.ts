/**
 * The event log of one run: compact columns, bounded by `maxEntries`, linked per user so that
 * any user's path is replayed in O(length of the path). Entries past the cap are counted, not
 * kept, and the users they touch are marked incomplete, so a replay never silently lies.
 */
export const TRACE_KINDS = [
  'arrive',
  'needOpen',
  'referralSent',
  'referralArrived',
  'referralLost',
  'infoLost',
  'refused',
  'deflected',
  'queued',
  'admitted',
  'noShow',
  'accepted',
  'rejected',
  'legDone',
  'episodeDone',
  'needReopen',
  'planAdjusted',
  'betweenChairsStart',
  'betweenChairsEnd',
  'betweenChairsEvent',
  'crisis',
  'disengaged',
  'exit',
  // Model II: coordinators (detail: coordinator id, pool or meeting mode as noted)
  'unmetRight',
  'coordinatorRequested', // detail: request kind (new, orphaned, transition)
  'coordinatorAssigned', // detail: coordinator id
  'assignmentRefused', // service: refusing unit (-1 = the coordinator's niche refusal); detail: coordinator id
  'caseOrphaned', // detail: coordinator id who left
  'ipDrafted',
  'meetingHeld', // detail: 0 full group, 1 bilateral
  // Pathway: a station owner escalated a need overdue in the station's queue
  'escalated',
  // Spells that end other ways (docs/model.md §5): a need lapsed or met elsewhere (detail: SPELL_ENDINGS
  // index), a grey-zone need re-raised with the leadership (detail 1 if it got an owner), a user found again
  'needLapsed',
  'reRaised',
  'reengaged',
  // A specialist service with no room sent the user back to the municipality (pushBack.ts; detail: the municipal service)
  'pushedBack',
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];
const KIND: Record<TraceKind, number> = Object.fromEntries(TRACE_KINDS.map((k, i) => [k, i])) as Record<TraceKind, number>;

export interface TraceEntry {
  t: number;
  user: number;
  kind: TraceKind;
  /** Service index, or -1. */
  service: number;
  /** Need index within the user, or -1. */
  need: number;
  /** Kind-specific detail: other service, cause index, exit reason index, ... */
  detail: number;
}

export class TraceLog {
  readonly maxEntries: number;
  /** False for a run that keeps no log at all (a lean run, run.ts): every add is ignored. */
  readonly on: boolean;
  private t: Float64Array;
  private user: Int32Array;
  private kind: Uint8Array;
  private service: Int16Array;
  private need: Int16Array;
  private detail: Int32Array;
  private next: Int32Array;
  private head: number[] = [];
  private tail: number[] = [];
  private incomplete = new Set<number>();
  length = 0;
  dropped = 0;

  constructor(maxEntries: number, on = true) {
    this.maxEntries = on ? maxEntries : 0;
    this.on = on;
    const c = Math.min(this.maxEntries, 4096);
    this.t = new Float64Array(c);
    this.user = new Int32Array(c);
    this.kind = new Uint8Array(c);
    this.service = new Int16Array(c);
    this.need = new Int16Array(c);
    this.detail = new Int32Array(c);
    this.next = new Int32Array(c);
  }

  /**
   * No log: for runs that only want metrics. In the 100-year run of the 50,000-inhabitant
   * municipality the log fills its 2,000,000 entries, 48 MB of typed arrays, which a lean run does not hold.
   */
  static off(): TraceLog {
    return new TraceLog(0, false);
  }

  add(t: number, user: number, kind: TraceKind, service = -1, need = -1, detail = 0): void {
    if (!this.on) return;
    if (this.length >= this.maxEntries) {
      this.dropped++;
      this.incomplete.add(user);
      return;
    }
    if (this.length === this.t.length) this.grow();
    const i = this.length++;
    this.t[i] = t;
    this.user[i] = user;
    this.kind[i] = KIND[kind];
    this.service[i] = service;
    this.need[i] = need;
    this.detail[i] = detail;
    this.next[i] = -1;
    while (this.head.length <= user) {
      this.head.push(-1);
      this.tail.push(-1);
    }
    if (this.head[user] < 0) this.head[user] = i;
    else this.next[this.tail[user]] = i;
    this.tail[user] = i;
  }

  /** Every kept entry of one user, in time order. */
  userPath(user: number): TraceEntry[] {
    const out: TraceEntry[] = [];
    for (let i = user < this.head.length ? this.head[user] : -1; i >= 0; i = this.next[i]) out.push(this.entry(i));
    return out;
  }

  /** False if entries of this user were dropped at the cap, or if the run kept no log. */
  isComplete(user: number): boolean {
    return this.on && !this.incomplete.has(user);
  }

  entry(i: number): TraceEntry {
    return { t: this.t[i], user: this.user[i], kind: TRACE_KINDS[this.kind[i]], service: this.service[i], need: this.need[i], detail: this.detail[i] };
  }

  *entries(): IterableIterator<TraceEntry> {
    for (let i = 0; i < this.length; i++) yield this.entry(i);
  }

  /** JSON lines, one entry per line, with service and need names resolved by the caller's tables. */
  toJsonLines(serviceIds: readonly string[]): string {
    let s = '';
    for (let i = 0; i < this.length; i++) {
      const e = this.entry(i);
      s += `${JSON.stringify({ t: e.t, user: e.user, kind: e.kind, service: e.service >= 0 ? serviceIds[e.service] : null, need: e.need >= 0 ? e.need : null, detail: e.detail })}\n`;
    }
    return s;
  }

  private grow(): void {
    const c = Math.min(this.maxEntries, this.t.length * 2);
    const g = <T extends Float64Array | Int32Array | Uint8Array | Int16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.t = g(this.t, (n) => new Float64Array(n));
    this.user = g(this.user, (n) => new Int32Array(n));
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.service = g(this.service, (n) => new Int16Array(n));
    this.need = g(this.need, (n) => new Int16Array(n));
    this.detail = g(this.detail, (n) => new Int32Array(n));
    this.next = g(this.next, (n) => new Int32Array(n));
  }
}
