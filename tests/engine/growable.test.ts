import { describe, expect, it } from 'vitest';
import { GrowableFloat64, IntQueue } from '../../src/engine/growable.js';

describe('GrowableFloat64', () => {
  it('grows past its initial capacity and keeps every value', () => {
    const g = new GrowableFloat64(16);
    for (let i = 0; i < 100; i++) expect(g.push(i * 0.5)).toBe(i);
    g.set(3, -1);
    expect(g.get(3)).toBe(-1);
    expect(Array.from(g.toArray())).toEqual(Array.from({ length: 100 }, (_, i) => (i === 3 ? -1 : i * 0.5)));
    expect(() => g.set(100, 0)).toThrow(RangeError);
  });

  it('seal() returns exactly the filled part, as a view when little is unused and as a copy otherwise', () => {
    const full = new GrowableFloat64(16);
    for (let i = 0; i < 15; i++) full.push(i);
    const a = full.seal();
    expect(Array.from(a)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(a.buffer.byteLength).toBe(16 * 8); // a view over the 16-slot buffer
    const sparse = new GrowableFloat64(64);
    sparse.push(1);
    const b = sparse.seal();
    expect(Array.from(b)).toEqual([1]);
    expect(b.buffer.byteLength).toBe(8); // a right-sized copy: 63 of 64 slots were unused
  });

  it('refuses every write and read after seal(), so the sealed array cannot change behind its reader', () => {
    const g = new GrowableFloat64(16);
    g.push(1);
    g.push(2);
    const a = g.seal();
    expect(() => g.push(3)).toThrow(/after seal/);
    expect(() => g.set(0, 9)).toThrow(/after seal/);
    expect(() => g.get(0)).toThrow(/after seal/);
    expect(Array.from(a)).toEqual([1, 2]);
  });
});

describe('IntQueue', () => {
  it('is first in, first out across growth and wrap-around', () => {
    const q = new IntQueue(16);
    const out: number[] = [];
    for (let i = 0; i < 10; i++) q.push(i);
    for (let i = 0; i < 5; i++) out.push(q.shift());
    for (let i = 10; i < 40; i++) q.push(i);
    expect(q.peek()).toBe(5);
    while (q.length > 0) out.push(q.shift());
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(() => q.shift()).toThrow(RangeError);
  });
});
