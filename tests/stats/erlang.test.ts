import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmc } from '../../src/stats/erlang.js';

function expectClose(actual: number, expected: number, tol = 1e-12): void {
  const err = Math.abs(actual - expected) / Math.max(1e-300, Math.abs(expected));
  if (!(err <= tol)) {
    throw new Error(`expected ${actual} to be within ${tol} (relative) of ${expected}; error ${err}`);
  }
}

/** Independent reference: Erlang C by direct summation in log space (log-sum-exp). */
function erlangCDirect(c: number, a: number): number {
  // terms ln(a^k / k!) for k < c, plus ln(a^c / c! * c / (c - a))
  const logs: number[] = [];
  let lnTerm = 0; // k = 0
  for (let k = 0; k < c; k++) {
    logs.push(lnTerm);
    lnTerm += Math.log(a) - Math.log(k + 1);
  }
  const lnLast = lnTerm + Math.log(c / (c - a));
  logs.push(lnLast);
  const mx = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - mx);
  return Math.exp(lnLast - mx) / s;
}

describe('erlangB', () => {
  it('matches known values', () => {
    // B(10, 5) = 0.01838457... (standard Erlang-B table value 0.018385)
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    expectClose(erlangB(10, 5), 0.018384570336648133); // 50-digit mpmath reference
    // B(1, a) = a / (1 + a); B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
    expectClose(erlangB(1, 0.5), 1 / 3);
    expectClose(erlangB(2, 1), 0.2);
    // loss systems may be overloaded
    expect(erlangB(2, 10)).toBeGreaterThan(0.8);
  });

  it('is stable for large c', () => {
    expectClose(erlangB(300, 290), 0.026481901167089301, 1e-11); // mpmath reference
    const b = erlangB(5000, 4900);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
  });

  it('rejects invalid inputs', () => {
    expect(() => erlangB(0, 1)).toThrow(RangeError);
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(3, 0)).toThrow(RangeError);
    expect(() => erlangB(3, -1)).toThrow(RangeError);
    expect(() => erlangB(3, NaN)).toThrow(RangeError);
  });
});

describe('erlangC', () => {
  it('matches known values and direct summation', () => {
    expectClose(erlangC(10, 5), 0.036105359158320186); // mpmath reference
    expectClose(erlangC(1, 0.5), 0.5); // M/M/1: C = rho
    // c = 3, a = 2.4: sum_{k<3} a^k/k! = 1 + 2.4 + 2.88 = 6.28;
    // a^3/3! * c/(c-a) = 2.304 * 5 = 11.52;  C = 11.52 / 17.8 = 288/445
    expectClose(erlangC(3, 2.4), 288 / 445);
    for (const [c, a] of [
      [2, 1.9],
      [5, 0.1],
      [20, 15],
      [50, 45],
      [120, 119.5],
    ]) {
      expectClose(erlangC(c, a), erlangCDirect(c, a), 1e-11);
    }
  });

  it('is stable for c = 300 and c = 500 near saturation', () => {
    for (const [c, a, ref] of [
      [300, 290, 0.4493598466425404],
      [300, 250, 0.0012609198774228515],
      [500, 495, 0.74899387795258415],
    ]) {
      const v = erlangC(c, a);
      expect(Number.isFinite(v)).toBe(true);
      expectClose(v, ref, 1e-11); // mpmath 60-digit references
    }
    const m = mmc({ lambda: 299.9, mu: 1, c: 300 });
    for (const v of [m.rho, m.probWait, m.meanWait, m.meanSystemTime, m.meanInQueue, m.meanInSystem, m.waitQuantile(0.99)]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(m.probWait).toBeGreaterThan(0.9);
    expect(m.probWait).toBeLessThanOrEqual(1);
  });

  it('requires a < c and positive inputs', () => {
    expect(() => erlangC(2, 2)).toThrow(RangeError);
    expect(() => erlangC(2, 3)).toThrow(RangeError);
    expect(() => erlangC(0, 0.5)).toThrow(RangeError);
    expect(() => erlangC(2, 0)).toThrow(RangeError);
    expect(() => erlangC(2, -1)).toThrow(RangeError);
  });
});

describe('mmc', () => {
  it('reduces to the M/M/1 closed forms', () => {
    const lambda = 0.8;
    const mu = 1.25;
    const rho = lambda / mu; // 0.64
    const r = mmc({ lambda, mu, c: 1 });
    expectClose(r.rho, rho);
    expectClose(r.probWait, rho); // C = rho
    expectClose(r.meanWait, rho / (mu - lambda)); // Wq
    expectClose(r.meanSystemTime, 1 / (mu - lambda)); // W
    expectClose(r.meanInQueue, (rho * rho) / (1 - rho)); // Lq
    expectClose(r.meanInSystem, rho / (1 - rho)); // L
  });

  it('M/M/2 with lambda = 1, mu = 1 (hand computed)', () => {
    // a = 1, rho = 0.5. B(1,1) = 1/2, B(2,1) = 0.5 / (2 + 0.5) = 0.2.
    // C = 2*0.2 / (2 - 1*0.8) = 1/3   (also 2 rho^2 / (1 + rho) = 0.5 / 1.5)
    // Wq = C / (c mu - lambda) = 1/3, W = 4/3, Lq = 1/3, L = 4/3
    const r = mmc({ lambda: 1, mu: 1, c: 2 });
    expectClose(r.rho, 0.5);
    expectClose(r.probWait, 1 / 3);
    expectClose(r.meanWait, 1 / 3);
    expectClose(r.meanSystemTime, 4 / 3);
    expectClose(r.meanInQueue, 1 / 3);
    expectClose(r.meanInSystem, 4 / 3);
  });

  it('M/M/2 with lambda = 3, mu = 2 (textbook Lq = 2 rho^3 / (1 - rho^2))', () => {
    // rho = 0.75: C = 2 rho^2/(1+rho) = 9/14, Wq = C/(4-3) = 9/14, Lq = 27/14
    const r = mmc({ lambda: 3, mu: 2, c: 2 });
    expectClose(r.probWait, 9 / 14);
    expectClose(r.meanWait, 9 / 14);
    expectClose(r.meanInQueue, (2 * 0.75 ** 3) / (1 - 0.75 ** 2));
    expectClose(r.meanSystemTime, 9 / 14 + 0.5);
    expectClose(r.meanInSystem, 3 * (9 / 14 + 0.5));
  });

  it('M/M/3 with lambda = 2.4, mu = 1: C = 288/445, Wq = C / 0.6', () => {
    const r = mmc({ lambda: 2.4, mu: 1, c: 3 });
    expectClose(r.probWait, 288 / 445);
    expectClose(r.meanWait, 288 / 445 / 0.6, 1e-12);
    expectClose(r.meanInSystem, 2.4 * (288 / 445 / 0.6 + 1), 1e-12);
  });

  it('waiting-time quantile from P(Wq > t) = C exp(-(c mu - lambda) t)', () => {
    // M/M/1, lambda = 0.5, mu = 1: C = 0.5, decay rate 0.5
    const r = mmc({ lambda: 0.5, mu: 1, c: 1 });
    expect(r.waitQuantile(0)).toBe(0);
    expect(r.waitQuantile(0.3)).toBe(0);
    expect(r.waitQuantile(0.5)).toBe(0); // p <= 1 - C
    expectClose(r.waitQuantile(0.9), 2 * Math.log(5)); // ln(0.5/0.1)/0.5
    expect(r.waitQuantile(1)).toBe(Infinity);
    // consistency: P(Wq > q_p) = 1 - p for p > 1 - C
    const m = mmc({ lambda: 9, mu: 1, c: 10 });
    for (const p of [0.8, 0.95, 0.99]) {
      const t = m.waitQuantile(p);
      expectClose(m.probWait * Math.exp(-(10 - 9) * t), 1 - p, 1e-12);
    }
    expect(() => r.waitQuantile(1.1)).toThrow(RangeError);
    expect(() => r.waitQuantile(-0.1)).toThrow(RangeError);
  });

  it('rejects unstable or invalid parameters', () => {
    expect(() => mmc({ lambda: 2, mu: 1, c: 2 })).toThrow(RangeError); // a = c
    expect(() => mmc({ lambda: 3, mu: 1, c: 2 })).toThrow(RangeError); // a > c
    expect(() => mmc({ lambda: 0, mu: 1, c: 2 })).toThrow(RangeError);
    expect(() => mmc({ lambda: -1, mu: 1, c: 2 })).toThrow(RangeError);
    expect(() => mmc({ lambda: 1, mu: 0, c: 2 })).toThrow(RangeError);
    expect(() => mmc({ lambda: 1, mu: -2, c: 2 })).toThrow(RangeError);
    expect(() => mmc({ lambda: 1, mu: 1, c: 0 })).toThrow(RangeError);
    expect(() => mmc({ lambda: 1, mu: 1, c: 1.5 })).toThrow(RangeError);
    expect(() => mmc({ lambda: Infinity, mu: 1, c: 2 })).toThrow(RangeError);
  });
});
