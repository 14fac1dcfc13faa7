import type { Uniform } from './random.js';
import { HALF_LN_2PI, cos, exp, log, log1p, pow } from './detmath.js';

/**
 * Sampling functions for the simulation's random variates.
 *
 * Rules every sampler here follows:
 * - It draws only from `u.next()` (never a global random source), so the same uniform sequence always gives
 *   the same output.
 * - It is stateless: no spare normal or other value is cached between calls, so streams never
 *   leak numbers into each other and a call's output depends only on its arguments and the
 *   uniforms it draws.
 * - It does not allocate on the sampling path (the prepared classes allocate once, in the
 *   constructor).
 * - It tolerates u = 0 (Alea's output has 32-bit resolution, so 0 really happens): logarithms take
 *   `1 - u`, which is in (0, 1].
 * - It validates its parameters with one or two comparisons (written so NaN fails them) and throws
 *   a RangeError naming the distribution, the parameter and the value. The throw lives in a
 *   separate function so the hot functions stay small.
 *
 * Degenerate parameters are allowed where the limit is a point mass: exponential mean 0, gamma
 * scale 0, normal/lognormal sd 0 and poisson mean 0.
 */

// ---------------------------------------------------------------------------------------------
// Validation helpers (cold paths)

function bad(dist: string, param: string, value: unknown, requirement: string): never {
  throw new RangeError(`${dist}: ${param} must be ${requirement}, got ${String(value)}`);
}

/** Validates a weight vector (finite, >= 0, positive finite sum) and returns its sum. */
function weightTotal(dist: string, weights: ArrayLike<number>, param = 'weights'): number {
  const n = weights.length;
  if (n === 0) bad(dist, param, '[] (empty)', 'a non-empty list');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0 && w < Infinity)) bad(dist, `${param}[${i}]`, w, 'a finite number >= 0');
    total += w;
  }
  if (!(total > 0)) bad(dist, `sum of ${param}`, total, '> 0 (at least one positive weight)');
  if (!(total < Infinity)) bad(dist, `sum of ${param}`, total, 'finite (weights overflow; rescale them)');
  return total;
}

/**
 * Rejection loops give up after this many consecutive rejections. A working generator never gets
 * near it (both acceptance rates here are well above 1/2, so the chance is below 1e-3000); a broken or
 * constant Uniform would otherwise hang the run.
 */
const MAX_REJECTIONS = 10_000;

function degenerate(dist: string): never {
  throw new Error(`${dist}: ${MAX_REJECTIONS} consecutive rejections; the uniform source looks degenerate`);
}

const TWO_PI = 2 * Math.PI;

/** Standard normal by Box–Muller (Box & Muller 1958), one pair of uniforms per draw, cosine branch only. */
function stdNormal(u: Uniform): number {
  // 1 - u is in (0, 1], so the log is finite; u = 0 gives radius 0. With 32-bit uniforms the
  // largest |z| is sqrt(2 * 32 * ln 2) ~ 6.66.
  return Math.sqrt(-2 * log(1 - u.next())) * cos(TWO_PI * u.next());
}

// ---------------------------------------------------------------------------------------------
// Continuous distributions

/**
 * Exponential with the given mean (= 1 / rate), by inversion: -mean * ln(1 - U).
 * Draws exactly one uniform. mean = 0 gives 0.
 */
export function exponential(u: Uniform, mean: number): number {
  if (!(mean >= 0 && mean < Infinity)) bad('exponential', 'mean', mean, 'a finite number >= 0');
  return -log(1 - u.next()) * mean + 0; // "+ 0" turns -0 into 0
}

/**
 * Normal(mean, sd) by Box–Muller (Box & Muller 1958), using one pair of uniforms per draw and
 * discarding the sine partner, so there is no cached spare. Draws exactly two uniforms.
 */
export function normal(u: Uniform, mean: number, sd: number): number {
  if (!Number.isFinite(mean)) bad('normal', 'mean', mean, 'a finite number');
  if (!(sd >= 0 && sd < Infinity)) bad('normal', 'sd', sd, 'a finite number >= 0');
  return mean + sd * stdNormal(u);
}

/**
 * The (mu, sigma) of the underlying normal for a lognormal variable X with E[X] = mean and
 * SD[X] = sd: sigma^2 = ln(1 + (sd/mean)^2), mu = ln(mean) - sigma^2 / 2.
 */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  if (!(mean > 0 && mean < Infinity)) bad('lognormal', 'mean', mean, 'a finite number > 0');
  if (!(sd >= 0 && sd < Infinity)) bad('lognormal', 'sd', sd, 'a finite number >= 0');
  const cv = sd / mean;
  // log1p keeps precision for small cv; for huge cv, (sd/mean)^2 would overflow, so use logs.
  const s2 = cv > 1e100 ? 2 * (log(sd) - log(mean)) : log1p(cv * cv);
  return { mu: log(mean) - 0.5 * s2, sigma: Math.sqrt(s2) };
}

/**
 * Lognormal parameterised by the mean and standard deviation of the lognormal variable itself
 * (not of its logarithm): exp(mu + sigma Z) with (mu, sigma) from {@link lognormalParams} and Z
 * standard normal by Box–Muller. Draws exactly two uniforms.
 */
export function lognormal(u: Uniform, mean: number, sd: number): number {
  if (!(mean > 0 && mean < Infinity)) bad('lognormal', 'mean', mean, 'a finite number > 0');
  if (!(sd >= 0 && sd < Infinity)) bad('lognormal', 'sd', sd, 'a finite number >= 0');
  const cv = sd / mean;
  const s2 = cv > 1e100 ? 2 * (log(sd) - log(mean)) : log1p(cv * cv);
  return exp(log(mean) - 0.5 * s2 + Math.sqrt(s2) * stdNormal(u));
}

/** Marsaglia–Tsang squeeze/rejection for Gamma(shape >= 1, scale 1). */
function gammaAtLeastOne(u: Uniform, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let tries = 0; tries < MAX_REJECTIONS; tries++) {
    const x = stdNormal(u);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const w = u.next();
    const x2 = x * x;
    if (w < 1 - 0.0331 * x2 * x2) return d * v; // squeeze
    // log(0) = -Infinity accepts, which is right (probability-zero event).
    if (log(w) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
  return degenerate('gamma');
}

/**
 * Gamma(shape, scale) (mean shape*scale, variance shape*scale^2) by Marsaglia & Tsang (2000),
 * "A simple method for generating gamma variables", ACM TOMS 26(3). For shape < 1 it uses their
 * boost: Gamma(a) = Gamma(a + 1) * U^(1/a), with U taken as 1 - u so it is never 0.
 * Draws a variable number of uniforms (about 3 per sample, one more for shape < 1).
 */
export function gamma(u: Uniform, shape: number, scale: number): number {
  if (!(shape > 0 && shape < Infinity)) bad('gamma', 'shape', shape, 'a finite number > 0');
  if (!(scale >= 0 && scale < Infinity)) bad('gamma', 'scale', scale, 'a finite number >= 0');
  if (shape >= 1) return gammaAtLeastOne(u, shape) * scale;
  const g = gammaAtLeastOne(u, shape + 1);
  return g * pow(1 - u.next(), 1 / shape) * scale;
}

// ---------------------------------------------------------------------------------------------
// Discrete distributions

/** ln(k!) for k < 256, exact up to rounding; built once at load (a constant, not a cache). */
const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let k = 1; k < 256; k++) t[k] = t[k - 1] + log(k);
  return t;
})();

/**
 * ln P(X = k) for X ~ Poisson(lam), k >= 0 integer. For k >= 256 it uses Stirling's series for
 * ln k! rearranged so that the large terms cancel analytically:
 *   -lam + k ln lam - ln k! = (k+1-lam) - k ln((k+1)/lam) - ln(k+1)/2 - ln(2 pi)/2 - corr(k+1).
 */
function logPoissonPmf(k: number, lam: number, logLam: number): number {
  if (k < 256) return -lam + k * logLam - LOG_FACTORIAL[k];
  const x = k + 1;
  const ix = 1 / x;
  const ix2 = ix * ix;
  const corr = ix * (1 / 12 - ix2 * (1 / 360 - ix2 / 1260));
  const d = x - lam;
  return d - k * log1p(d / lam) - 0.5 * log(x) - HALF_LN_2PI - corr;
}

/**
 * Poisson(mean). Exact for every mean:
 * - mean < 30: inversion by sequential search (Devroye 1986, "Non-Uniform Random Variate
 *   Generation", ch. X), one uniform per sample, about mean + 1 steps.
 * - mean >= 30: PTRS, transformed rejection with squeeze (Hörmann 1993, "The transformed rejection
 *   method for generating Poisson random variables", Insurance: Mathematics and Economics 12),
 *   about 2.3 uniforms per sample, O(1) time.
 * mean = 0 returns 0.
 */
export function poisson(u: Uniform, mean: number): number {
  if (!(mean >= 0 && mean < Infinity)) bad('poisson', 'mean', mean, 'a finite number >= 0');
  if (mean === 0) return 0;
  if (mean < 30) {
    const r = u.next();
    let k = 0;
    let p = exp(-mean);
    let cdf = p;
    // p > 0 only guards against an endless loop if rounding ever kept cdf below r.
    while (r >= cdf && p > 0) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logLam = log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (let tries = 0; tries < MAX_REJECTIONS; tries++) {
    const U = u.next() - 0.5;
    const V = u.next();
    const us = 0.5 - Math.abs(U);
    // us = 0 (u = 0) makes k = -Infinity, which is rejected below.
    const k = Math.floor(((2 * a) / us + b) * U + mean + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (log(V) + logInvAlpha - log(a / (us * us) + b) <= logPoissonPmf(k, mean, logLam)) return k;
  }
  return degenerate('poisson');
}

/** true with probability p: U < p. Draws exactly one uniform. */
export function bernoulli(u: Uniform, p: number): boolean {
  if (!(p >= 0 && p <= 1)) bad('bernoulli', 'p', p, 'a number in [0, 1]');
  return u.next() < p;
}

/**
 * Integer uniform on lo..hi, both inclusive: lo + floor(U * (hi - lo + 1)). Draws exactly one
 * uniform. With a 32-bit generator each value's probability is exact to within a relative
 * (hi - lo + 1) * 2^-32, and ranges wider than 2^32 cannot reach every value.
 */
export function uniformInt(u: Uniform, lo: number, hi: number): number {
  if (!Number.isSafeInteger(lo)) bad('uniformInt', 'lo', lo, 'a safe integer');
  if (!Number.isSafeInteger(hi)) bad('uniformInt', 'hi', hi, 'a safe integer');
  const n = hi - lo + 1;
  if (!(n >= 1)) bad('uniformInt', 'hi', hi, `>= lo (${lo})`);
  if (!(n <= Number.MAX_SAFE_INTEGER)) bad('uniformInt', 'hi - lo', hi - lo, `< 2^53 - 1`);
  // For U < 1 and integer n < 2^53, fl(U * n) < n, so the result never exceeds hi.
  return lo + Math.floor(u.next() * n);
}

/** Continuous uniform on [lo, hi) (hi itself only through rounding). Draws exactly one uniform. */
export function uniform(u: Uniform, lo: number, hi: number): number {
  if (!Number.isFinite(lo)) bad('uniform', 'lo', lo, 'a finite number');
  if (!(hi >= lo && hi < Infinity)) bad('uniform', 'hi', hi, `a finite number >= lo (${lo})`);
  return lo + (hi - lo) * u.next();
}

/**
 * Index i with probability weights[i] / sum(weights), by inversion with a linear scan. O(n) per
 * call (it also validates the weights each call); for repeated sampling from the same weights use
 * {@link Categorical}. Draws exactly one uniform; a zero-weight index is never returned.
 */
export function categorical(u: Uniform, weights: ArrayLike<number>): number {
  const total = weightTotal('categorical', weights);
  const r = u.next() * total; // < total, and the scan below sums in the same order as total
  const n = weights.length;
  let cum = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w > 0) {
      cum += w;
      if (r < cum) return i;
      last = i;
    }
  }
  return last; // unreachable except through rounding
}

/**
 * Prepared categorical distribution using the alias method (Walker 1977), built with Vose's
 * numerically stable construction (Vose 1991, "A linear algorithm for generating random numbers
 * with a given distribution", IEEE TSE 17(9)). O(n) setup, O(1) per sample, one uniform per
 * sample: its integer part picks a column and its fractional part decides between the column and
 * its alias (so each probability is resolved to about 2^-32 * n with a 32-bit generator).
 * Zero-weight categories are never sampled.
 */
export class Categorical {
  /** Number of categories (including zero-weight ones). */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const total = weightTotal('Categorical', weights);
    const n = weights.length;
    if (n > 0x7fffffff) bad('Categorical', 'weights.length', n, '< 2^31');
    this.size = n;
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    const p = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    const scale = n / total;
    for (let i = 0; i < n; i++) {
      p[i] = weights[i] * scale;
      if (p[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const l = small[--ns];
      const g = large[--nl];
      prob[l] = p[l];
      alias[l] = g;
      p[g] = p[g] + p[l] - 1;
      if (p[g] < 1) small[ns++] = g;
      else large[nl++] = g;
    }
    // Leftovers are (up to rounding) exactly full columns. A zero-weight category cannot be left
    // over: that would need a rounding error of about 1 in the column sums.
    while (nl > 0) {
      const g = large[--nl];
      prob[g] = 1;
      alias[g] = g;
    }
    while (ns > 0) {
      const l = small[--ns];
      prob[l] = 1;
      alias[l] = l;
    }
    this.prob = prob;
    this.alias = alias;
  }

  sample(u: Uniform): number {
    const x = u.next() * this.size;
    const i = x | 0; // x < size < 2^31
    return x - i < this.prob[i] ? i : this.alias[i];
  }
}

/**
 * Empirical distribution of observed values.
 *
 * - Discrete (default): resamples the observed values, with probability proportional to the
 *   weights if given (alias method, see {@link Categorical}) or uniformly otherwise. One uniform
 *   per sample.
 * - interpolate = true: continuous, by inversion of the piecewise-linear interpolation of the
 *   sorted values' ECDF (the continuous empirical distribution of Law & Kelton, "Simulation
 *   Modeling and Analysis"): with sorted values x(1) <= ... <= x(n),
 *   F(x(i)) = (i - 1) / (n - 1), linear in between, so each gap
 *   between neighbours carries mass 1 / (n - 1) spread uniformly. With weights, each value's weight
 *   is split half to each neighbouring gap (the outer halves of the two extremes are dropped and
 *   the rest renormalised); equal weights give the unweighted rule. Zero-weight values are
 *   ignored; tied values make zero-width gaps, i.e. atoms. One uniform per sample, O(1) unweighted,
 *   O(log n) weighted. Inversion keeps the sample monotone in the uniform (good for common random
 *   numbers).
 */
export class Empirical {
  readonly interpolate: boolean;
  /** Discrete: the values as given. Interpolated: the sorted knots with positive weight. */
  private readonly xs: Float64Array;
  /** Discrete weighted: the alias table. */
  private readonly picker: Categorical | null;
  /** Interpolated weighted: F at each knot (cdf[0] = 0, cdf[m-1] = 1). */
  private readonly cdf: Float64Array | null;
  private readonly meanValue: number;
  private readonly varianceValue: number;

  constructor(values: ArrayLike<number>, weights?: ArrayLike<number>, interpolate = false) {
    const n = values.length;
    if (n === 0) bad('Empirical', 'values', '[] (empty)', 'a non-empty list');
    if (n > 0x7fffffff) bad('Empirical', 'values.length', n, '< 2^31');
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i])) bad('Empirical', `values[${i}]`, values[i], 'a finite number');
    }
    if (weights !== undefined && weights.length !== n) {
      bad('Empirical', 'weights.length', weights.length, `equal to values.length (${n})`);
    }
    const total = weights === undefined ? n : weightTotal('Empirical', weights);
    this.interpolate = interpolate;

    if (!interpolate) {
      this.xs = Float64Array.from(values);
      this.cdf = null;
      this.picker = weights === undefined ? null : new Categorical(weights);
      let m = 0;
      for (let i = 0; i < n; i++) m += (weights === undefined ? 1 : weights[i]) * values[i];
      m /= total;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const d = values[i] - m;
        v += (weights === undefined ? 1 : weights[i]) * d * d;
      }
      this.meanValue = m;
      this.varianceValue = v / total;
      return;
    }

    // Interpolated: keep positive-weight points, sort by value.
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (weights === undefined || weights[i] > 0) idx.push(i);
    idx.sort((a, b) => values[a] - values[b] || a - b);
    const m = idx.length;
    const xs = new Float64Array(m);
    for (let j = 0; j < m; j++) xs[j] = values[idx[j]];
    this.xs = xs;
    this.picker = null;
    if (m === 1) {
      this.cdf = null;
      this.meanValue = xs[0];
      this.varianceValue = 0;
      return;
    }
    // Gap masses: unweighted 1 each, weighted (w_j + w_{j+1}) / 2; cdf at knots.
    const cdf = new Float64Array(m);
    for (let j = 0; j < m - 1; j++) {
      const g = weights === undefined ? 1 : 0.5 * (weights[idx[j]] + weights[idx[j + 1]]);
      cdf[j + 1] = cdf[j] + g;
    }
    const gapTotal = cdf[m - 1];
    for (let j = 1; j < m - 1; j++) cdf[j] /= gapTotal;
    cdf[m - 1] = 1;
    this.cdf = weights === undefined ? null : cdf;
    // Mixture of uniforms on [x_j, x_{j+1}] with mass cdf[j+1] - cdf[j].
    let mean = 0;
    for (let j = 0; j < m - 1; j++) mean += (cdf[j + 1] - cdf[j]) * 0.5 * (xs[j] + xs[j + 1]);
    let v = 0;
    for (let j = 0; j < m - 1; j++) {
      const mid = 0.5 * (xs[j] + xs[j + 1]) - mean;
      const w = xs[j + 1] - xs[j];
      v += (cdf[j + 1] - cdf[j]) * (mid * mid + (w * w) / 12);
    }
    this.meanValue = mean;
    this.varianceValue = v;
  }

  /** Mean of the distribution this object samples from. */
  get mean(): number {
    return this.meanValue;
  }

  /** Variance of the distribution this object samples from (population variance, not n - 1). */
  get variance(): number {
    return this.varianceValue;
  }

  sample(u: Uniform): number {
    const xs = this.xs;
    if (!this.interpolate) {
      if (this.picker !== null) return xs[this.picker.sample(u)];
      return xs[(u.next() * xs.length) | 0];
    }
    const m = xs.length;
    if (m === 1) return xs[0];
    const r = u.next();
    const cdf = this.cdf;
    if (cdf === null) {
      const p = r * (m - 1); // < m - 1
      const j = p | 0;
      return xs[j] + (p - j) * (xs[j + 1] - xs[j]);
    }
    // Largest j in [0, m - 2] with cdf[j] <= r.
    let lo = 0;
    let hi = m - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= r) lo = mid;
      else hi = mid;
    }
    const t = (r - cdf[lo]) / (cdf[lo + 1] - cdf[lo]);
    return xs[lo] + t * (xs[lo + 1] - xs[lo]);
  }
}
