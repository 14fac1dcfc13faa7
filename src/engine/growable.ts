/**
 * Append-only typed arrays that double when full: per-entity columns of a run record without an
 * object per entity.
 */
export class GrowableFloat64 {
  private buf: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Float64Array(Math.max(16, initialCapacity));
  }

  push(v: number): number {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length] = v;
    return this.length++;
  }

  get(i: number): number {
    return this.buf[i];
  }

  set(i: number, v: number): void {
    if (i >= this.length) throw new RangeError(`GrowableFloat64: index ${i} >= length ${this.length}`);
    this.buf[i] = v;
  }

  /** A right-sized copy. */
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}

/** FIFO of integer ids on a growable ring buffer. */
export class IntQueue {
  private buf: Int32Array;
  private head = 0;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Int32Array(Math.max(16, initialCapacity));
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i++) b[i] = this.buf[(this.head + i) % this.buf.length];
      this.buf = b;
      this.head = 0;
    }
    this.buf[(this.head + this.length) % this.buf.length] = v;
    this.length++;
  }

  shift(): number {
    if (this.length === 0) throw new RangeError('IntQueue: shift from an empty queue');
    const v = this.buf[this.head];
    this.head = (this.head + 1) % this.buf.length;
    this.length--;
    return v;
  }

  peek(): number {
    if (this.length === 0) throw new RangeError('IntQueue: peek at an empty queue');
    return this.buf[this.head];
  }
}
