import { describe, expect, it } from 'vitest';
import {
  Categorical,
  Empirical,
  bernoulli,
  categorical,
  exponential,
  gamma,
  lognormal,
  lognormalParams,
  normal,
  poisson,
  uniform,
  uniformInt,
} from '../../src/engine/distributions.js';
import { RandomSource, type Uniform } from '../../src/engine/random.js';

/*
 * Statistical checks. Every moment check uses the theoretical standard error:
 *   SE(sample mean)     = sqrt(var / n)
 *   SE(sample variance) = sqrt((mu4 - var^2 (n-3)/(n-1)) / n)      (mu4 = 4th central moment)
 * and allows Z = 5 standard errors. Seeds are fixed, so the tests are deterministic; with ~100
 * checks at 5 SE the chance that a correct sampler lands outside on a given seed is ~1e-4.
 *
 * Falsifiability: unless a case says otherwise, expectMoments also checks the *same* sample
 * against the moments of the distribution scaled by 1.05 (a 5% scale error) and requires that
 * hypothesis to be rejected, so each check demonstrably has the power to catch such an error.
 */

const N = 200_000;
const Z = 5;

function rng(label: string): Uniform {
  return new RandomSource(`distributions:${label}`).stream('test');
}

function collect(n: number, draw: () => number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw();
  return xs;
}

function sampleMoments(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    ss += d * d;
  }
  return { mean, variance: ss / (n - 1) };
}

/** Mean, variance and 4th central moment of a distribution. */
interface Truth {
  mean: number;
  variance: number;
  mu4: number;
}

function judge(obs: { mean: number; variance: number }, t: Truth, n: number) {
  const meanTol = Z * Math.sqrt(t.variance / n);
  const varTol = Z * Math.sqrt((t.mu4 - (t.variance * t.variance * (n - 3)) / (n - 1)) / n);
  return {
    meanTol,
    varTol,
    meanOk: Math.abs(obs.mean - t.mean) <= meanTol,
    varOk: Math.abs(obs.variance - t.variance) <= varTol,
  };
}

function scaled(t: Truth, c: number): Truth {
  return { mean: t.mean * c, variance: t.variance * c * c, mu4: t.mu4 * c ** 4 };
}

/**
 * Asserts sample mean and variance within Z SE of the truth. `wrong` (default: truth scaled by
 * 1.05) must be rejected by the same checks; pass null where n gives too little power (said so at
 * the call site, with the check that covers it instead).
 */
function expectMoments(label: string, xs: ArrayLike<number>, truth: Truth, wrong: Truth | null = scaled(truth, 1.05)) {
  const obs = sampleMoments(xs);
  const j = judge(obs, truth, xs.length);
  expect(Math.abs(obs.mean - truth.mean), `${label}: mean ${obs.mean} vs ${truth.mean} (tol ${j.meanTol})`).toBeLessThanOrEqual(j.meanTol);
  expect(Math.abs(obs.variance - truth.variance), `${label}: variance ${obs.variance} vs ${truth.variance} (tol ${j.varTol})`).toBeLessThanOrEqual(j.varTol);
  if (wrong) {
    const w = judge(obs, wrong, xs.length);
    expect(w.meanOk && w.varOk, `${label}: a 5% error would not have been detected`).toBe(false);
  }
}

/** |observed proportion - p| <= Z binomial SEs. */
function expectProportion(label: string, count: number, n: number, p: number) {
  const tol = Z * Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(count / n - p), `${label}: ${count / n} vs ${p} (tol ${tol})`).toBeLessThanOrEqual(tol);
}

/** Upper chi-square quantile at tail probability ~1e-6 (z = 4.753), Wilson–Hilferty. */
function chiSquareCritical(df: number): number {
  const z = 4.753;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/**
 * Pearson goodness of fit of counts to probs (same length; last entry may be a tail bin).
 * Adjacent bins are pooled until each has expected count >= 5. Zero-probability bins must be
 * empty.
 */
function expectGoodnessOfFit(label: string, counts: ArrayLike<number>, probs: ArrayLike<number>) {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] === 0) expect(counts[i], `${label}: zero-probability bin ${i} was drawn`).toBe(0);
  }
  const obsBins: number[] = [];
  const expBins: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < probs.length; i++) {
    o += counts[i];
    e += n * probs[i];
    if (e >= 5) {
      obsBins.push(o);
      expBins.push(e);
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    obsBins[obsBins.length - 1] += o;
    expBins[expBins.length - 1] += e;
  }
  let stat = 0;
  for (let i = 0; i < obsBins.length; i++) stat += (obsBins[i] - expBins[i]) ** 2 / expBins[i];
  const df = obsBins.length - 1;
  expect(df, `${label}: too few bins`).toBeGreaterThan(0);
  expect(stat, `${label}: chi-square ${stat} on ${df} df`).toBeLessThan(chiSquareCritical(df));
}

function discreteTruth(values: ArrayLike<number>, probs: ArrayLike<number>): Truth {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += probs[i] * values[i];
  let variance = 0;
  let mu4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d2 = (values[i] - mean) ** 2;
    variance += probs[i] * d2;
    mu4 += probs[i] * d2 * d2;
  }
  return { mean, variance, mu4 };
}

/** Mixture of uniforms on segments [a, b] with masses p (zero-width segment = atom). */
function segmentTruth(segments: Array<[a: number, b: number, p: number]>): Truth {
  let mean = 0;
  for (const [a, b, p] of segments) mean += (p * (a + b)) / 2;
  let ex2 = 0;
  let mu4 = 0;
  for (const [a, b, p] of segments) {
    ex2 += (p * (a * a + a * b + b * b)) / 3;
    mu4 += b > a ? (p * ((b - mean) ** 5 - (a - mean) ** 5)) / (5 * (b - a)) : p * (a - mean) ** 4;
  }
  return { mean, variance: ex2 - mean * mean, mu4 };
}

function poissonPmf(mean: number, kMax: number): number[] {
  // log-space start avoids underflow of e^-mean for large means.
  const logFact = (k: number) => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  };
  const mode = Math.floor(mean);
  const probs = new Array<number>(kMax + 1).fill(0);
  probs[mode] = Math.exp(-mean + mode * Math.log(mean) - logFact(mode));
  for (let k = mode + 1; k <= kMax; k++) probs[k] = (probs[k - 1] * mean) / k;
  for (let k = mode - 1; k >= 0; k--) probs[k] = (probs[k + 1] * (k + 1)) / mean;
  return probs;
}

// ---------------------------------------------------------------------------------------------

describe('exponential', () => {
  for (const mean of [1, 0.25, 40]) {
    it(`mean ${mean}: moments and tail probabilities`, () => {
      const u = rng(`exp:${mean}`);
      const xs = collect(N, () => exponential(u, mean));
      expectMoments(`exponential(${mean})`, xs, { mean, variance: mean ** 2, mu4: 9 * mean ** 4 });
      let gt1 = 0;
      let gt3 = 0;
      let neg = 0;
      for (const x of xs) {
        if (x > mean) gt1++;
        if (x > 3 * mean) gt3++;
        if (x < 0) neg++;
      }
      expect(neg).toBe(0);
      expectProportion('P(X > mean)', gt1, N, Math.exp(-1));
      expectProportion('P(X > 3 mean)', gt3, N, Math.exp(-3));
    });
  }
});

describe('normal', () => {
  for (const [mean, sd] of [
    [0, 1],
    [10, 3],
    [-5, 0.1],
  ]) {
    it(`N(${mean}, ${sd}): moments and 1/2/3-sigma coverage`, () => {
      const u = rng(`normal:${mean}:${sd}`);
      const xs = collect(N, () => normal(u, mean, sd));
      expectMoments(`normal(${mean}, ${sd})`, xs, { mean, variance: sd * sd, mu4: 3 * sd ** 4 });
      const within = [0, 0, 0];
      for (const x of xs) {
        const z = Math.abs(x - mean) / sd;
        if (z < 1) within[0]++;
        if (z < 2) within[1]++;
        if (z < 3) within[2]++;
      }
      expectProportion('|Z| < 1', within[0], N, 0.6826894921370859);
      expectProportion('|Z| < 2', within[1], N, 0.9544997361036416);
      expectProportion('|Z| < 3', within[2], N, 0.9973002039367398);
    });
  }

  it('sd 0 returns the mean', () => {
    expect(normal(rng('normal:sd0'), 7, 0)).toBe(7);
  });
});

describe('lognormal', () => {
  function lognormalTruth(mean: number, sd: number): Truth {
    const s2 = Math.log1p((sd / mean) ** 2);
    const variance = sd * sd;
    const excessKurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
    return { mean, variance, mu4: (excessKurtosis + 3) * variance * variance };
  }

  it('lognormalParams inverts the lognormal mean/sd formulas', () => {
    for (const [mean, sd] of [
      [1, 0.5],
      [10, 3],
      [2, 20],
      [0.001, 1e-6],
      [5, 0],
    ]) {
      const { mu, sigma } = lognormalParams(mean, sd);
      expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(mean, 12);
      const sdBack = Math.sqrt(Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma));
      expect(Math.abs(sdBack - sd)).toBeLessThanOrEqual(1e-12 * mean + 1e-12 * sd);
    }
    // Huge coefficient of variation does not overflow.
    const { mu, sigma } = lognormalParams(1e-200, 1e200);
    expect(Number.isFinite(mu) && Number.isFinite(sigma)).toBe(true);
  });

  for (const [mean, sd] of [
    [1, 0.5],
    [10, 3],
  ]) {
    it(`mean ${mean}, sd ${sd}: moments of X and of log X`, () => {
      const u = rng(`lognormal:${mean}:${sd}`);
      const xs = collect(N, () => lognormal(u, mean, sd));
      expectMoments(`lognormal(${mean}, ${sd})`, xs, lognormalTruth(mean, sd));
      const { mu, sigma } = lognormalParams(mean, sd);
      const logs = xs.map(Math.log);
      expectMoments(`log lognormal(${mean}, ${sd})`, logs, { mean: mu, variance: sigma ** 2, mu4: 3 * sigma ** 4 }, {
        mean: mu + Math.log(1.05),
        variance: sigma ** 2,
        mu4: 3 * sigma ** 4,
      });
    });
  }

  it('large sd (mean 2, sd 20): mean of X, full check in log space', () => {
    // With sd/mean = 10 the kurtosis is ~1e8, so at n = 200k the sample variance of X has a
    // relative SE of ~20x and even the mean's 5-SE band is ~11%: neither can detect a 5% error
    // honestly. Check the mean of X within its (wide) SE, and test the distribution where it is
    // sharp: log X must be Normal(mu, sigma^2) and a 5% scale error (log shift 0.049) must be
    // rejected there.
    const mean = 2;
    const sd = 20;
    const u = rng('lognormal:large-sd');
    const xs = collect(N, () => lognormal(u, mean, sd));
    expectMoments('lognormal(2, 20)', xs, lognormalTruth(mean, sd), null);
    const { mu, sigma } = lognormalParams(mean, sd);
    const logs = xs.map(Math.log);
    expectMoments('log lognormal(2, 20)', logs, { mean: mu, variance: sigma ** 2, mu4: 3 * sigma ** 4 }, {
      mean: mu + Math.log(1.05),
      variance: sigma ** 2,
      mu4: 3 * sigma ** 4,
    });
    // And a 5% error in sigma must be rejected too.
    const obs = sampleMoments(logs);
    const s2w = (1.05 * sigma) ** 2;
    expect(judge(obs, { mean: mu, variance: s2w, mu4: 3 * s2w * s2w }, N).varOk).toBe(false);
  });

  it('sd 0 returns (numerically) the mean', () => {
    expect(lognormal(rng('lognormal:sd0'), 7, 0)).toBeCloseTo(7, 12);
  });
});

describe('gamma', () => {
  const cases: Array<[shape: number, scale: number]> = [
    [0.3, 2],
    [1, 1.5],
    [2.5, 0.7],
    [9, 3],
  ];
  for (const [shape, scale] of cases) {
    it(`shape ${shape}, scale ${scale}: moments`, () => {
      const u = rng(`gamma:${shape}:${scale}`);
      const xs = collect(N, () => gamma(u, shape, scale));
      for (const x of xs) if (!(x >= 0 && x < Infinity)) throw new Error(`bad gamma sample ${x}`);
      expectMoments(`gamma(${shape}, ${scale})`, xs, {
        mean: shape * scale,
        variance: shape * scale * scale,
        mu4: 3 * shape * (shape + 2) * scale ** 4,
      });
    });
  }

  for (const [shape, scale] of [
    [1, 1.5],
    [9, 3],
  ]) {
    it(`integer shape ${shape}: tail probabilities match the Erlang CDF`, () => {
      const erlangTail = (t: number) => {
        const x = t / scale;
        let term = 1;
        let sum = 1;
        for (let i = 1; i < shape; i++) {
          term *= x / i;
          sum += term;
        }
        return Math.exp(-x) * sum;
      };
      const u = rng(`gamma-tail:${shape}`);
      const xs = collect(N, () => gamma(u, shape, scale));
      for (const f of [0.5, 1, 1.5, 2.5]) {
        const t = f * shape * scale;
        let c = 0;
        for (const x of xs) if (x > t) c++;
        expectProportion(`gamma(${shape}) P(X > ${t})`, c, N, erlangTail(t));
      }
    });
  }

  it('scale 0 gives 0', () => {
    expect(gamma(rng('gamma:scale0'), 2, 0)).toBe(0);
  });
});

describe('poisson', () => {
  for (const mean of [0.5, 4, 29, 30, 31, 250, 10_000]) {
    it(`mean ${mean}: moments and chi-square fit to the pmf`, () => {
      const u = rng(`poisson:${mean}`);
      const xs = collect(N, () => poisson(u, mean));
      const kMax = Math.ceil(mean + 12 * Math.sqrt(mean) + 15);
      const counts = new Array<number>(kMax + 2).fill(0);
      for (const x of xs) {
        if (!(Number.isInteger(x) && x >= 0)) throw new Error(`bad poisson sample ${x}`);
        counts[Math.min(x, kMax + 1)]++;
      }
      expectMoments(`poisson(${mean})`, xs, { mean, variance: mean, mu4: mean * (1 + 3 * mean) });
      const probs = poissonPmf(mean, kMax);
      probs.push(Math.max(0, 1 - probs.reduce((a, b) => a + b, 0))); // tail bin
      expectGoodnessOfFit(`poisson(${mean})`, counts, probs);
    });
  }

  it('mean 0 returns 0 without drawing', () => {
    let draws = 0;
    const u: Uniform = { next: () => (draws++, 0.5) };
    expect(poisson(u, 0)).toBe(0);
    expect(draws).toBe(0);
  });
});

describe('bernoulli', () => {
  for (const [p, n] of [
    [0.1, N],
    [0.5, N],
    [0.9, N],
    [0.01, 10 * N], // rare events need more draws for a 5% error to be detectable
  ]) {
    it(`p ${p}: mean and variance`, () => {
      const u = rng(`bernoulli:${p}`);
      const xs = collect(n, () => (bernoulli(u, p) ? 1 : 0));
      const q = 1 - p;
      // Falsifiability: p off by 5%.
      const wrongP = 1.05 * p;
      const wq = 1 - wrongP;
      expectMoments(`bernoulli(${p})`, xs, { mean: p, variance: p * q, mu4: p * q * (1 - 3 * p * q) }, {
        mean: wrongP,
        variance: wrongP * wq,
        mu4: wrongP * wq * (1 - 3 * wrongP * wq),
      });
    });
  }

  it('p = 0 is never true and p = 1 always true', () => {
    const u = rng('bernoulli:edges');
    for (let i = 0; i < 10_000; i++) {
      expect(bernoulli(u, 0)).toBe(false);
      expect(bernoulli(u, 1)).toBe(true);
    }
    expect(bernoulli({ next: () => 0 }, 0)).toBe(false);
    expect(bernoulli({ next: () => 1 - 2 ** -32 }, 1)).toBe(true);
  });
});

describe('uniformInt', () => {
  it('-3..3: covers both endpoints, nothing outside, uniform frequencies and moments', () => {
    const lo = -3;
    const hi = 3;
    const k = hi - lo + 1;
    const u = rng('uniformInt:-3:3');
    const xs = collect(N, () => uniformInt(u, lo, hi));
    const counts = new Array<number>(k).fill(0);
    for (const x of xs) {
      if (!Number.isInteger(x) || x < lo || x > hi) throw new Error(`uniformInt out of range: ${x}`);
      counts[x - lo]++;
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[k - 1]).toBeGreaterThan(0);
    expectGoodnessOfFit('uniformInt(-3, 3)', counts, new Array<number>(k).fill(1 / k));
    expectMoments('uniformInt(-3, 3)', xs, {
      mean: 0,
      variance: (k * k - 1) / 12,
      mu4: ((k * k - 1) * (3 * k * k - 7)) / 240,
    });
  });

  it('endpoints come from the extreme uniforms; lo = hi returns lo; wide ranges stay in range', () => {
    expect(uniformInt({ next: () => 0 }, 5, 9)).toBe(5);
    expect(uniformInt({ next: () => 1 - 2 ** -32 }, 5, 9)).toBe(9);
    expect(uniformInt({ next: () => 1 - 2 ** -53 }, 5, 9)).toBe(9);
    expect(uniformInt(rng('uniformInt:point'), 4, 4)).toBe(4);
    const u = rng('uniformInt:wide');
    for (let i = 0; i < 10_000; i++) {
      const x = uniformInt(u, -1e9, 1e9);
      if (!Number.isInteger(x) || x < -1e9 || x > 1e9) throw new Error(`out of range: ${x}`);
    }
  });
});

describe('uniform', () => {
  it('[-2, 5): moments and range', () => {
    const lo = -2;
    const hi = 5;
    const u = rng('uniform:-2:5');
    const xs = collect(N, () => uniform(u, lo, hi));
    for (const x of xs) if (!(x >= lo && x < hi)) throw new Error(`uniform out of range: ${x}`);
    const w = hi - lo;
    // Falsifiability: a 5% wider interval around the same centre.
    expectMoments('uniform(-2, 5)', xs, { mean: (lo + hi) / 2, variance: w * w / 12, mu4: w ** 4 / 80 }, {
      mean: (lo + hi) / 2,
      variance: (1.05 * w) ** 2 / 12,
      mu4: (1.05 * w) ** 4 / 80,
    });
  });
});

describe('categorical and Categorical (alias method)', () => {
  const weights = [0.1, 0, 3, 1.5, 0.4, 5, 0];
  const total = weights.reduce((a, b) => a + b, 0);
  const probs = weights.map((w) => w / total);

  function counts(draw: () => number, k: number, n: number): number[] {
    const c = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) c[draw()]++;
    return c;
  }

  it('plain categorical frequencies match the weights', () => {
    const u = rng('categorical:plain');
    const c = counts(() => categorical(u, weights), weights.length, N);
    expectGoodnessOfFit('categorical', c, probs);
    probs.forEach((p, i) => expectProportion(`category ${i}`, c[i], N, p));
  });

  it('alias frequencies match the weights and agree with the plain form', () => {
    const table = new Categorical(weights);
    expect(table.size).toBe(weights.length);
    const ua = rng('categorical:alias');
    const up = rng('categorical:plain-2');
    const ca = counts(() => table.sample(ua), weights.length, N);
    const cp = counts(() => categorical(up, weights), weights.length, N);
    expectGoodnessOfFit('Categorical', ca, probs);
    probs.forEach((p, i) => expectProportion(`alias category ${i}`, ca[i], N, p));
    // Two-sample chi-square test of homogeneity, over the positive-weight categories.
    let stat = 0;
    let df = -1;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0) {
        expect(ca[i] + cp[i]).toBe(0);
        continue;
      }
      df++;
      const e = (ca[i] + cp[i]) / 2; // equal sample sizes
      stat += (ca[i] - e) ** 2 / e + (cp[i] - e) ** 2 / e;
    }
    expect(stat).toBeLessThan(chiSquareCritical(df));
  });

  it('alias table over many uneven weights (with zeros) fits', () => {
    const src = rng('categorical:many-weights');
    const many = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 0 : src.next() ** 3 * 10));
    const sum = many.reduce((a, b) => a + b, 0);
    const table = new Categorical(Float64Array.from(many));
    const u = rng('categorical:many');
    const c = counts(() => table.sample(u), many.length, N);
    expectGoodnessOfFit('Categorical(300)', c, many.map((w) => w / sum));
  });

  it('extreme uniforms give valid, positive-weight indices', () => {
    const table = new Categorical(weights);
    for (const v of [0, 1 - 2 ** -32, 1 - 2 ** -53]) {
      const f: Uniform = { next: () => v };
      expect(weights[categorical(f, weights)]).toBeGreaterThan(0);
      expect(weights[table.sample(f)]).toBeGreaterThan(0);
    }
    expect(new Categorical([0, 0, 2]).sample(rng('categorical:single'))).toBe(2);
  });
});

describe('Empirical', () => {
  it('discrete, unweighted', () => {
    const values = [1, 2, 2, 3, 10];
    const e = new Empirical(values);
    expect(e.mean).toBeCloseTo(3.6, 12);
    expect(e.variance).toBeCloseTo(10.64, 12);
    const u = rng('empirical:discrete');
    const xs = collect(N, () => e.sample(u));
    const distinct = [1, 2, 3, 10];
    const c = distinct.map((v) => xs.filter((x) => x === v).length);
    expect(c.reduce((a, b) => a + b, 0)).toBe(N); // nothing outside the observed values
    expectGoodnessOfFit('Empirical discrete', c, [0.2, 0.4, 0.2, 0.2]);
    expectMoments('Empirical discrete', xs, discreteTruth(values, [0.2, 0.2, 0.2, 0.2, 0.2]));
  });

  it('discrete, weighted (zero weight never drawn)', () => {
    const values = [1, 5, 7, 2];
    const weights = [1, 0, 3, 2];
    const probs = [1 / 6, 0, 1 / 2, 1 / 3];
    const e = new Empirical(values, weights);
    expect(e.mean).toBeCloseTo(26 / 6, 12);
    expect(e.variance).toBeCloseTo(26 - (26 / 6) ** 2, 12);
    const u = rng('empirical:weighted');
    const xs = collect(N, () => e.sample(u));
    const c = values.map((v) => xs.filter((x) => x === v).length);
    expect(c.reduce((a, b) => a + b, 0)).toBe(N);
    expectGoodnessOfFit('Empirical weighted', c, probs);
    expectMoments('Empirical weighted', xs, discreteTruth(values, probs));
  });

  it('interpolated, unweighted: piecewise-linear ECDF through sorted values', () => {
    // Sorted knots 1, 2, 3, 10 with F = 0, 1/3, 2/3, 1.
    const e = new Empirical([3, 1, 2, 10], undefined, true);
    const truth = segmentTruth([
      [1, 2, 1 / 3],
      [2, 3, 1 / 3],
      [3, 10, 1 / 3],
    ]);
    expect(truth.mean).toBeCloseTo(3.5, 12);
    expect(truth.variance).toBeCloseTo(165 / 9 - 12.25, 12);
    expect(e.mean).toBeCloseTo(truth.mean, 12);
    expect(e.variance).toBeCloseTo(truth.variance, 12);
    const u = rng('empirical:interp');
    const xs = collect(N, () => e.sample(u));
    let below2 = 0;
    let below3 = 0;
    let below6_5 = 0;
    for (const x of xs) {
      if (!(x >= 1 && x <= 10)) throw new Error(`out of range: ${x}`);
      if (x < 2) below2++;
      if (x < 3) below3++;
      if (x < 6.5) below6_5++;
    }
    expect(new Set(xs).size).toBeGreaterThan(N * 0.99); // continuous
    expectProportion('F(2)', below2, N, 1 / 3);
    expectProportion('F(3)', below3, N, 2 / 3);
    expectProportion('F(6.5)', below6_5, N, 2 / 3 + 1 / 6);
    expectMoments('Empirical interpolated', xs, truth);
  });

  it('interpolated, weighted: weights split half to each neighbouring gap', () => {
    // Knots 0, 1, 4 with weights 2, 1, 1: gap masses 1.5 and 1, i.e. 0.6 and 0.4.
    const e = new Empirical([0, 1, 4], [2, 1, 1], true);
    const truth = segmentTruth([
      [0, 1, 0.6],
      [1, 4, 0.4],
    ]);
    expect(truth.mean).toBeCloseTo(1.3, 12);
    expect(truth.variance).toBeCloseTo(1.31, 12);
    expect(e.mean).toBeCloseTo(truth.mean, 12);
    expect(e.variance).toBeCloseTo(truth.variance, 12);
    const u = rng('empirical:interp-weighted');
    const xs = collect(N, () => e.sample(u));
    let below1 = 0;
    let below2_5 = 0;
    for (const x of xs) {
      if (!(x >= 0 && x <= 4)) throw new Error(`out of range: ${x}`);
      if (x < 1) below1++;
      if (x < 2.5) below2_5++;
    }
    expectProportion('F(1)', below1, N, 0.6);
    expectProportion('F(2.5)', below2_5, N, 0.8);
    expectMoments('Empirical interpolated weighted', xs, truth);

    // A zero-weight value is ignored entirely.
    const withZero = new Empirical([0, 100, 1, 4], [2, 0, 1, 1], true);
    expect(withZero.mean).toBeCloseTo(1.3, 12);
    expect(withZero.variance).toBeCloseTo(1.31, 12);
  });

  it('interpolated: equal weights reproduce the unweighted distribution; one value is a point mass', () => {
    const values = [3, 1, 2, 10, 7];
    const a = new Empirical(values, undefined, true);
    const b = new Empirical(values, [2, 2, 2, 2, 2], true);
    expect(b.mean).toBeCloseTo(a.mean, 12);
    expect(b.variance).toBeCloseTo(a.variance, 12);
    const ua = rng('empirical:eq');
    const ub = rng('empirical:eq');
    for (let i = 0; i < 1000; i++) expect(b.sample(ub)).toBeCloseTo(a.sample(ua), 10);
    const one = new Empirical([4.5], undefined, true);
    expect(one.sample(ua)).toBe(4.5);
    expect(one.mean).toBe(4.5);
    expect(one.variance).toBe(0);
  });

  it('extreme uniforms stay within the observed range', () => {
    const cases = [
      new Empirical([3, 1, 2, 10]),
      new Empirical([3, 1, 2, 10], [1, 2, 0, 1]),
      new Empirical([3, 1, 2, 10], undefined, true),
      new Empirical([3, 1, 2, 10], [1, 2, 0, 1], true),
    ];
    for (const e of cases) {
      for (const v of [0, 1 - 2 ** -32, 1 - 2 ** -53]) {
        const x = e.sample({ next: () => v });
        expect(x >= 1 && x <= 10, `${x}`).toBe(true);
      }
    }
  });
});

describe('determinism and statelessness', () => {
  function mixed(u: Uniform): number[] {
    const table = new Categorical([1, 2, 3]);
    const emp = new Empirical([1, 5, 2], undefined, true);
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      out.push(
        exponential(u, 2),
        normal(u, 1, 2),
        lognormal(u, 3, 4),
        gamma(u, 0.3, 1),
        gamma(u, 4, 2),
        poisson(u, 3),
        poisson(u, 120),
        bernoulli(u, 0.3) ? 1 : 0,
        uniformInt(u, 0, 9),
        uniform(u, -1, 1),
        categorical(u, [1, 2, 3]),
        table.sample(u),
        emp.sample(u),
      );
    }
    return out;
  }

  it('two streams with the same seed give identical sequences; another seed differs', () => {
    const a = mixed(new RandomSource(12345).stream('test'));
    const b = mixed(new RandomSource(12345).stream('test'));
    const c = mixed(new RandomSource(54321).stream('test'));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('no state is shared between streams (interleaved draws equal separate draws)', () => {
    const alone = new RandomSource(7).stream('x');
    const expected = Array.from({ length: 50 }, () => [normal(alone, 0, 1), lognormal(alone, 1, 1), gamma(alone, 2, 1)]);
    const a = new RandomSource(7).stream('x');
    const b = new RandomSource(7).stream('x');
    for (let i = 0; i < 50; i++) {
      const ra = [normal(a, 0, 1), lognormal(a, 1, 1), gamma(a, 2, 1)];
      const rb = [normal(b, 0, 1), lognormal(b, 1, 1), gamma(b, 2, 1)];
      expect(ra).toEqual(expected[i]);
      expect(rb).toEqual(expected[i]);
    }
  });

  it('fixed-cost samplers draw a fixed number of uniforms', () => {
    const table = new Categorical([1, 2, 3]);
    const cases: Array<[string, (u: Uniform) => unknown, number]> = [
      ['exponential', (u) => exponential(u, 1), 1],
      ['normal', (u) => normal(u, 0, 1), 2],
      ['lognormal', (u) => lognormal(u, 1, 1), 2],
      ['poisson < 30', (u) => poisson(u, 12), 1],
      ['bernoulli', (u) => bernoulli(u, 0.5), 1],
      ['uniformInt', (u) => uniformInt(u, 0, 9), 1],
      ['uniform', (u) => uniform(u, 0, 1), 1],
      ['categorical', (u) => categorical(u, [1, 2, 3]), 1],
      ['Categorical', (u) => table.sample(u), 1],
      ['Empirical', (u) => new Empirical([1, 2, 3], [1, 1, 2], true).sample(u), 1],
    ];
    for (const [name, f, k] of cases) {
      let draws = 0;
      const s = new RandomSource(1).stream('count');
      f({ next: () => (draws++, s.next()) });
      expect(draws, name).toBe(k);
    }
  });
});

describe('degenerate uniforms', () => {
  const extremes: Array<[string, Uniform]> = [
    ['constant 0', { next: () => 0 }],
    ['constant 1 - 2^-32', { next: () => 1 - 2 ** -32 }],
    ['constant 1 - 2^-53', { next: () => 1 - 2 ** -53 }],
  ];
  for (const [name, u] of extremes) {
    it(`${name} gives finite values for exponential/normal/lognormal/poisson(<30)`, () => {
      const out = [
        exponential(u, 1),
        exponential(u, 1e300),
        normal(u, 0, 1),
        normal(u, 5, 2),
        lognormal(u, 1, 1),
        lognormal(u, 2, 20),
        poisson(u, 0.5),
        poisson(u, 29),
      ];
      for (const x of out) expect(Number.isFinite(x), `${out}`).toBe(true);
      expect(exponential(u, 1)).toBeGreaterThanOrEqual(0);
      expect(lognormal(u, 1, 1)).toBeGreaterThan(0);
    });
  }

  it('constant 0 gives finite gamma values (Marsaglia–Tsang accepts z = 0)', () => {
    const zero: Uniform = { next: () => 0 };
    for (const shape of [0.3, 1, 2.5, 9]) {
      const x = gamma(zero, shape, 2);
      expect(Number.isFinite(x) && x > 0, `gamma(${shape}) = ${x}`).toBe(true);
    }
  });

  it('rejection samplers fed a constant that they always reject throw instead of hanging', () => {
    // Near-1 constants make Marsaglia–Tsang reject forever (z = 6.66 fails both tests) and u = 0
    // makes PTRS reject forever (us = 0). A real generator never does this.
    const nearOne: Uniform = { next: () => 1 - 2 ** -32 };
    expect(() => gamma(nearOne, 2.5, 1)).toThrow(/gamma: .*degenerate/);
    expect(() => gamma(nearOne, 0.3, 1)).toThrow(/gamma: .*degenerate/);
    expect(() => poisson({ next: () => 0 }, 250)).toThrow(/poisson: .*degenerate/);
  });

  it('u = 0 maps to the lower end where that is the inversion', () => {
    const zero: Uniform = { next: () => 0 };
    expect(Object.is(exponential(zero, 3), 0)).toBe(true);
    expect(poisson(zero, 4)).toBe(0);
    expect(uniform(zero, 2, 3)).toBe(2);
    // A run of zeros then normal values: PTRS rejects u = 0 (us = 0) and carries on.
    const s = new RandomSource(3).stream('zeros');
    let i = 0;
    const zerosFirst: Uniform = { next: () => (i++ < 6 ? 0 : s.next()) };
    const k = poisson(zerosFirst, 250);
    expect(Number.isInteger(k) && k >= 0).toBe(true);
  });
});

describe('parameter validation', () => {
  const u = rng('validation');
  const cases: Array<[() => unknown, RegExp]> = [
    [() => exponential(u, -1), /^exponential: mean .* got -1$/],
    [() => exponential(u, NaN), /^exponential: mean .* got NaN$/],
    [() => exponential(u, Infinity), /^exponential: mean .* got Infinity$/],
    [() => normal(u, 0, -1), /^normal: sd .* got -1$/],
    [() => normal(u, NaN, 1), /^normal: mean .* got NaN$/],
    [() => normal(u, 0, NaN), /^normal: sd .* got NaN$/],
    [() => lognormal(u, 0, 1), /^lognormal: mean .* got 0$/],
    [() => lognormal(u, -2, 1), /^lognormal: mean .* got -2$/],
    [() => lognormal(u, 1, -0.5), /^lognormal: sd .* got -0.5$/],
    [() => lognormal(u, 1, NaN), /^lognormal: sd .* got NaN$/],
    [() => lognormalParams(-1, 1), /^lognormal: mean .* got -1$/],
    [() => lognormalParams(1, -1), /^lognormal: sd .* got -1$/],
    [() => gamma(u, 0, 1), /^gamma: shape .* got 0$/],
    [() => gamma(u, -1, 1), /^gamma: shape .* got -1$/],
    [() => gamma(u, NaN, 1), /^gamma: shape .* got NaN$/],
    [() => gamma(u, 1, -2), /^gamma: scale .* got -2$/],
    [() => gamma(u, 1, NaN), /^gamma: scale .* got NaN$/],
    [() => poisson(u, -0.1), /^poisson: mean .* got -0.1$/],
    [() => poisson(u, NaN), /^poisson: mean .* got NaN$/],
    [() => poisson(u, Infinity), /^poisson: mean .* got Infinity$/],
    [() => bernoulli(u, 1.5), /^bernoulli: p .* got 1.5$/],
    [() => bernoulli(u, -0.1), /^bernoulli: p .* got -0.1$/],
    [() => bernoulli(u, NaN), /^bernoulli: p .* got NaN$/],
    [() => uniformInt(u, 3, 2), /^uniformInt: hi .* got 2$/],
    [() => uniformInt(u, 1.5, 2), /^uniformInt: lo .* got 1.5$/],
    [() => uniformInt(u, 0, NaN), /^uniformInt: hi .* got NaN$/],
    [() => uniform(u, 2, 1), /^uniform: hi .* got 1$/],
    [() => uniform(u, NaN, 1), /^uniform: lo .* got NaN$/],
    [() => uniform(u, 0, Infinity), /^uniform: hi .* got Infinity$/],
    [() => categorical(u, [1, -1]), /^categorical: weights\[1\] .* got -1$/],
    [() => categorical(u, [1, NaN]), /^categorical: weights\[1\] .* got NaN$/],
    [() => categorical(u, [Infinity]), /^categorical: weights\[0\] .* got Infinity$/],
    [() => categorical(u, [0, 0]), /^categorical: sum of weights .* got 0$/],
    [() => categorical(u, []), /^categorical: weights .*empty/],
    [() => categorical(u, [1e308, 1e308]), /^categorical: sum of weights .* got Infinity$/],
    [() => new Categorical([0.5, -0.5]), /^Categorical: weights\[1\] .* got -0.5$/],
    [() => new Categorical([0]), /^Categorical: sum of weights .* got 0$/],
    [() => new Categorical([]), /^Categorical: weights .*empty/],
    [() => new Empirical([]), /^Empirical: values .*empty/],
    [() => new Empirical([1, NaN]), /^Empirical: values\[1\] .* got NaN$/],
    [() => new Empirical([1, 2], [1]), /^Empirical: weights.length .* got 1$/],
    [() => new Empirical([1, 2], [1, -1]), /^Empirical: weights\[1\] .* got -1$/],
    [() => new Empirical([1, 2], [0, 0], true), /^Empirical: sum of weights .* got 0$/],
  ];
  it.each(cases.map(([f, re]) => [re.source, f, re] as const))('%s', (_name, f, re) => {
    expect(f).toThrow(RangeError);
    expect(f).toThrow(re);
  });

  it('degenerate but valid parameters are accepted', () => {
    expect(exponential(u, 0)).toBe(0);
    expect(poisson(u, 0)).toBe(0);
    expect(gamma(u, 0.5, 0)).toBe(0);
    expect(normal(u, -2, 0)).toBe(-2);
    expect(uniform(u, 3, 3)).toBe(3);
    expect(uniformInt(u, -7, -7)).toBe(-7);
  });
});
