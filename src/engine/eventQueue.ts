/**
 * The event queue: an indexed binary min-heap over typed arrays, the hot path of every run.
 *
 * Order is total and deterministic: by time, then priority (lower first), then insertion
 * sequence (earlier first), as in SimPy's `(time, priority, sequence)` heap. Priority and sequence
 * are packed into one float64 tie-breaker, `(priority + PRIORITY_OFFSET) * 2^40 + sequence`,
 * which is exact below 2^53, so one comparison settles a tie.
 *
 * Events live in slots (time, tie, kind, two integer arguments). The heap stores its keys inline
 * (heap-ordered copies of time and tie) so sifting touches contiguous memory, and `pos` maps each
 * slot to its heap index so cancellation removes an event in O(log n). Nothing is allocated per
 * event; the arrays double when full. Justified by `npm run bench` (queue.hold vs mmc).
 */

export const PRIORITY_MIN = -1024;
export const PRIORITY_MAX = 1023;
const PRIORITY_OFFSET = 1024;
const SEQ_SPAN = 2 ** 40;
/** Slots per generation in a handle; limits concurrently pending events to 16.7 million. */
const SLOT_SPAN = 2 ** 24;
const GEN_WRAP = 2 ** 28;

/** Opaque handle of a scheduled event: `generation * 2^24 + slot`. */
export type EventHandle = number;

export class EventQueue {
  // Slot data.
  private sTime: Float64Array;
  private sKind: Int32Array;
  private sA: Int32Array;
  private sB: Int32Array;
  private sGen: Int32Array;
  private sPos: Int32Array; // heap index, or -1 when the slot is free
  private free: Int32Array; // stack of free slots
  private freeTop = 0;
  // Heap data, heap-ordered.
  private hTime: Float64Array;
  private hTie: Float64Array;
  private hSlot: Int32Array;
  private n = 0;
  private seq = 0;
  private capacity: number;

  /** Filled by `pop()`: the event just removed. */
  lastTime = 0;
  lastKind = 0;
  lastA = 0;
  lastB = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity | 0);
    this.capacity = c;
    this.sTime = new Float64Array(c);
    this.sKind = new Int32Array(c);
    this.sA = new Int32Array(c);
    this.sB = new Int32Array(c);
    this.sGen = new Int32Array(c);
    this.sPos = new Int32Array(c).fill(-1);
    this.free = new Int32Array(c);
    this.hTime = new Float64Array(c);
    this.hTie = new Float64Array(c);
    this.hSlot = new Int32Array(c);
    for (let i = 0; i < c; i++) this.free[i] = c - 1 - i;
    this.freeTop = c;
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event, or +Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.hTime[0] : Infinity;
  }

  /** Adds an event. Integer arguments `a`, `b` carry entity ids for the handler. */
  push(time: number, kind: number, a: number, b: number, priority: number): EventHandle {
    if (this.freeTop === 0) this.grow();
    if (this.seq >= SEQ_SPAN) throw new Error('EventQueue: more than 2^40 events scheduled in one run');
    const slot = this.free[--this.freeTop];
    this.sTime[slot] = time;
    this.sKind[slot] = kind;
    this.sA[slot] = a;
    this.sB[slot] = b;
    const tie = (priority + PRIORITY_OFFSET) * SEQ_SPAN + this.seq++;
    this.siftUp(this.n++, time, tie, slot);
    return this.sGen[slot] * SLOT_SPAN + slot;
  }

  /** Removes the earliest event into `lastTime/lastKind/lastA/lastB`; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const slot = this.hSlot[0];
    this.lastTime = this.hTime[0];
    this.lastKind = this.sKind[slot];
    this.lastA = this.sA[slot];
    this.lastB = this.sB[slot];
    this.release(slot);
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.hTime[last], this.hTie[last], this.hSlot[last]);
    return true;
  }

  /** True while the event behind `handle` is still waiting to fire. */
  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_SPAN;
    return slot < this.capacity && this.sPos[slot] >= 0 && this.sGen[slot] === (handle - slot) / SLOT_SPAN;
  }

  /** Removes a pending event. Returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (!this.isPending(handle)) return false;
    const slot = handle % SLOT_SPAN;
    const i = this.sPos[slot];
    this.release(slot);
    const last = --this.n;
    if (i === last) return true;
    const t = this.hTime[last];
    const tie = this.hTie[last];
    const s = this.hSlot[last];
    // The moved element may need to go either way.
    if (i > 0 && this.less(t, tie, this.hTime[(i - 1) >> 1], this.hTie[(i - 1) >> 1])) this.siftUp(i, t, tie, s);
    else this.siftDown(i, t, tie, s);
    return true;
  }

  /** Time at which a pending event will fire (NaN if not pending). */
  timeOf(handle: EventHandle): number {
    return this.isPending(handle) ? this.sTime[handle % SLOT_SPAN] : NaN;
  }

  clear(): void {
    while (this.n > 0) this.release(this.hSlot[--this.n]);
  }

  private less(t1: number, k1: number, t2: number, k2: number): boolean {
    return t1 < t2 || (t1 === t2 && k1 < k2);
  }

  private release(slot: number): void {
    this.sPos[slot] = -1;
    const g = this.sGen[slot] + 1;
    this.sGen[slot] = g === GEN_WRAP ? 0 : g;
    this.free[this.freeTop++] = slot;
  }

  // Hole-based sifts: move the hole, write the element once.
  private siftUp(i: number, t: number, tie: number, slot: number): void {
    const hTime = this.hTime;
    const hTie = this.hTie;
    const hSlot = this.hSlot;
    const pos = this.sPos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p];
      if (t > pt || (t === pt && tie > hTie[p])) break;
      hTime[i] = pt;
      hTie[i] = hTie[p];
      const ps = hSlot[p];
      hSlot[i] = ps;
      pos[ps] = i;
      i = p;
    }
    hTime[i] = t;
    hTie[i] = tie;
    hSlot[i] = slot;
    pos[slot] = i;
  }

  private siftDown(i: number, t: number, tie: number, slot: number): void {
    const hTime = this.hTime;
    const hTie = this.hTie;
    const hSlot = this.hSlot;
    const pos = this.sPos;
    const n = this.n;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = hTime[c];
      let ck = hTie[c];
      const r = c + 1;
      if (r < n) {
        const rt = hTime[r];
        if (rt < ct || (rt === ct && hTie[r] < ck)) {
          c = r;
          ct = rt;
          ck = hTie[r];
        }
      }
      if (t < ct || (t === ct && tie < ck)) break;
      hTime[i] = ct;
      hTie[i] = ck;
      const cs = hSlot[c];
      hSlot[i] = cs;
      pos[cs] = i;
      i = c;
    }
    hTime[i] = t;
    hTie[i] = tie;
    hSlot[i] = slot;
    pos[slot] = i;
  }

  private grow(): void {
    const old = this.capacity;
    const c = old * 2;
    if (c > SLOT_SPAN) throw new Error(`EventQueue: more than ${SLOT_SPAN} pending events`);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a);
      return b;
    };
    this.sTime = f64(this.sTime);
    this.sKind = i32(this.sKind);
    this.sA = i32(this.sA);
    this.sB = i32(this.sB);
    this.sGen = i32(this.sGen);
    const pos = new Int32Array(c).fill(-1);
    pos.set(this.sPos);
    this.sPos = pos;
    this.hTime = f64(this.hTime);
    this.hTie = f64(this.hTie);
    this.hSlot = i32(this.hSlot);
    this.free = new Int32Array(c);
    // Only called when the free stack is empty: every old slot is in use.
    for (let i = 0; i < c - old; i++) this.free[i] = c - 1 - i;
    this.freeTop = c - old;
    this.capacity = c;
  }
}
