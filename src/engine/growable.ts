/**
 * Append-only typed arrays that double when full: per-entity columns of a run record without an
 * object per entity.
 */
/** The buffer of a sealed column: empty, so a write past `seal()` fails loudly. */
const SEALED = new Float64Array(0);

export class GrowableFloat64 {
  private buf: Float64Array;
  private sealed = false;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Float64Array(Math.max(16, initialCapacity));
  }

  push(v: number): number {
    if (this.length >= this.buf.length) {
      if (this.sealed) throw new Error('GrowableFloat64: push after seal()');
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length] = v;
    return this.length++;
  }

  get(i: number): number {
    if (this.sealed) throw new Error('GrowableFloat64: get after seal(); read the sealed array');
    return this.buf[i];
  }

  set(i: number, v: number): void {
    if (i >= this.length) throw new RangeError(`GrowableFloat64: index ${i} >= length ${this.length}`);
    if (this.sealed) throw new Error('GrowableFloat64: set after seal()');
    this.buf[i] = v;
  }

  /** A right-sized copy. */
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }

  /**
   * The filled part, after which the column takes no more writes (push and set throw). A view, not
   * a copy, when at most 1/8 of the buffer is unused: copying the three 8 MB columns of W1 was 8%
   * of its CPU profile, and with views W1 (`npm run bench`, w1) went from 0.68-0.72 to 0.81-0.82 of
   * the bare heap's speed (1.16x; four processes each, 8 interleaved repeats, shared 2-core
   * machine); a view keeps at most 1/8 more memory than a copy.
   */
  seal(): Float64Array {
    const b = this.buf;
    this.sealed = true;
    this.buf = SEALED;
    return this.length >= b.length - (b.length >> 3) ? b.subarray(0, this.length) : b.slice(0, this.length);
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
