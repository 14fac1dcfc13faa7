import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/eventQueue.js';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.pop()) out.push([q.lastTime, q.lastA]);
  return out;
}

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion sequence', () => {
    const q = new EventQueue(16);
    q.push(2, 0, 1, 0, 0);
    q.push(1, 0, 2, 0, 5);
    q.push(1, 0, 3, 0, -5);
    q.push(1, 0, 4, 0, 5);
    q.push(1, 0, 5, 0, 0);
    q.push(0.5, 0, 6, 0, 1023);
    expect(drain(q).map(([, a]) => a)).toEqual([6, 3, 5, 2, 4, 1]);
  });

  it('cancels pending events and refuses to cancel twice or after firing', () => {
    const q = new EventQueue(16);
    const h1 = q.push(1, 0, 1, 0, 0);
    const h2 = q.push(2, 0, 2, 0, 0);
    const h3 = q.push(3, 0, 3, 0, 0);
    expect(q.cancel(h2)).toBe(true);
    expect(q.cancel(h2)).toBe(false);
    expect(q.isPending(h2)).toBe(false);
    expect(q.pop()).toBe(true);
    expect(q.lastA).toBe(1);
    expect(q.cancel(h1)).toBe(false);
    // h2's slot is reused by a new event; the old handle must not reach it.
    const h4 = q.push(4, 0, 4, 0, 0);
    expect(q.cancel(h2)).toBe(false);
    expect(q.isPending(h4)).toBe(true);
    expect(q.timeOf(h3)).toBe(3);
    expect(drain(q).map(([, a]) => a)).toEqual([3, 4]);
  });

  it('grows past its initial capacity without losing or reordering events', () => {
    const q = new EventQueue(16);
    for (let i = 0; i < 5000; i++) q.push((i * 7919) % 1000, 0, i, 0, 0);
    const out = drain(q);
    expect(out).toHaveLength(5000);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThanOrEqual(out[i - 1][0]);
  });

  it('matches a sorted reference under random pushes, pops and cancels (property)', () => {
    type Op = { op: 'push'; t: number; p: number } | { op: 'pop' } | { op: 'cancel'; k: number };
    const op = fc.oneof(
      fc.record({ op: fc.constant('push' as const), t: fc.integer({ min: 0, max: 20 }), p: fc.integer({ min: -3, max: 3 }) }),
      fc.record({ op: fc.constant('pop' as const) }),
      fc.record({ op: fc.constant('cancel' as const), k: fc.nat(200) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops: Op[]) => {
        const q = new EventQueue(16);
        let seq = 0;
        const ref: Array<{ t: number; p: number; s: number; h: number; id: number }> = [];
        const handles: number[] = [];
        const cmp = (x: (typeof ref)[0], y: (typeof ref)[0]) => x.t - y.t || x.p - y.p || x.s - y.s;
        for (const o of ops) {
          if (o.op === 'push') {
            const id = seq;
            const h = q.push(o.t, 0, id, 0, o.p);
            handles.push(h);
            ref.push({ t: o.t, p: o.p, s: seq++, h, id });
          } else if (o.op === 'pop') {
            ref.sort(cmp);
            const want = ref.shift();
            const got = q.pop();
            if (!want) {
              if (got) return false;
            } else if (!got || q.lastA !== want.id || q.lastTime !== want.t) return false;
          } else if (handles.length > 0) {
            const h = handles[o.k % handles.length];
            const i = ref.findIndex((r) => r.h === h);
            if (q.cancel(h) !== i >= 0) return false;
            if (i >= 0) ref.splice(i, 1);
          }
          if (q.size !== ref.length) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
