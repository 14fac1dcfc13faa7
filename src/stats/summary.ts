import { HALF_LN_2PI, LN_SQRT_PI, exp, log, log1p, sin, tan } from '../engine/detmath.js';
/**
 * Descriptive statistics and Student-t confidence intervals for replicated
 * simulation output.
 *
 * Everything here is deterministic, allocation-light and dependency-free.
 *
 * Distribution functions:
 *  - `normalQuantile`: Wichura (1988), Algorithm AS 241 "PPND16", Applied
 *    Statistics 37(3):477-484. Relative accuracy about 1e-16.
 *  - `studentTCdf`: via the regularized incomplete beta function,
 *      P(T > t) = 0.5 * I_{v/(v+t^2)}(v/2, 1/2)        (t > 0),
 *    with I_x(a, b) evaluated by its continued fraction (modified Lentz), as in
 *    Press et al., Numerical Recipes (3rd ed.), section 6.4, and ln Gamma by the
 *    Lanczos approximation (g = 7, n = 9).
 *  - `studentTQuantile`: exact closed forms for v = 1 and v = 2; otherwise the
 *    Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5) as a starting point,
 *    refined by safeguarded Newton iteration on ln P(T > t) against the CDF
 *    above (bisection fallback inside a maintained bracket). Accuracy is limited
 *    by the CDF, about 1e-12 relative in practice. For v > 3e4 the four-term
 *    Cornish-Fisher expansion alone is used (truncation error O(v^-5): below
 *    1e-13 relative for p >= 1e-100, ~1e-11 at p = 1e-300); `studentTCdf`
 *    inverts the same expansion there, because the continued fraction loses
 *    ~1e-16 * v to cancellation at huge v.
 *    v = Infinity gives the normal quantile.
 */

// ---------------------------------------------------------------------------
// Descriptive statistics
// ---------------------------------------------------------------------------

/** Arithmetic mean; NaN for an empty input. Two-pass (compensated) for accuracy. */
export function mean(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const m = s / n;
  if (!Number.isFinite(m)) return m;
  // Second pass corrects most of the rounding error of the naive sum
  // (and makes the mean of identical values exactly that value).
  let r = 0;
  for (let i = 0; i < n; i++) r += xs[i] - m;
  return m + r / n;
}

/** Sample variance (denominator n - 1); 0 when n < 2. */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    ss += d * d;
    comp += d;
  }
  // Corrected two-pass algorithm (Chan, Golub & LeVeque 1983).
  return Math.max(0, (ss - (comp * comp) / n) / (n - 1));
}

/** Sample standard deviation, sqrt(variance(xs)); 0 when n < 2. */
export function stdDev(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

function checkProbability(p: number, name = 'p'): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`);
}

/**
 * Quantile of already ascending-sorted data, Hyndman & Fan type 7 (R's
 * default, numpy's 'linear'): h = (n - 1) p, linear interpolation between
 * order statistics floor(h) and floor(h) + 1. NaN for empty input.
 * Throws RangeError if p is not in [0, 1]. The input is not checked for order.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const xlo = sorted[lo];
  if (frac === 0 || lo + 1 >= n) return xlo;
  const xhi = sorted[lo + 1];
  if (xlo === xhi) return xlo; // also avoids Infinity - Infinity
  return xlo + frac * (xhi - xlo);
}

/**
 * Type-7 quantile (see `quantileSorted`) of unsorted data. Sorts a copy; the
 * input is not mutated. NaN if the input is empty or contains NaN.
 */
export function quantile(xs: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const n = xs.length;
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) return NaN;
    copy[i] = x;
  }
  copy.sort(); // typed-array sort is numeric ascending
  return quantileSorted(copy, p);
}

// ---------------------------------------------------------------------------
// Normal quantile: Wichura AS 241 (PPND16)
// ---------------------------------------------------------------------------

/**
 * Standard normal quantile (inverse CDF), Wichura (1988) AS 241 PPND16.
 * normalQuantile(0) = -Infinity, normalQuantile(1) = Infinity;
 * throws RangeError for p outside [0, 1] or NaN.
 */
export function normalQuantile(p: number): number {
  checkProbability(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

// ---------------------------------------------------------------------------
// Student t: CDF via the regularized incomplete beta function
// ---------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
function lnGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x); x in (0, 0.5) here.
    return log(Math.PI / sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return HALF_LN_2PI + (z + 0.5) * log(t) - t + log(s);
}

/** Stirling-series remainder of ln Gamma: lnGamma(x) = (x-1/2)ln x - x + ln(2 pi)/2 + S(x). */
function stirlingRemainder(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360)))))) / x;
}

/**
 * ln Gamma(a + 1/2) - ln Gamma(a). For large a the direct difference would
 * cancel catastrophically (both terms ~ a ln a), so use Stirling's series:
 *   = (1/2) ln a + a ln(1 + 1/(2a)) - 1/2 + S(a + 1/2) - S(a)  (rearranged).
 */
function lnGammaHalfRatio(a: number): number {
  if (a < 10) return lnGamma(a + 0.5) - lnGamma(a);
  return 0.5 * log(a) + a * log1p(0.5 / a) - 0.5 + stirlingRemainder(a + 0.5) - stirlingRemainder(a);
}

const FPMIN = 1e-300;
const CF_EPS = 1e-16;
const CF_MAXIT = 100_000;

/** Continued fraction for I_x(a, b) (Numerical Recipes betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAXIT; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPS) return h;
  }
  return h; // not reached for the parameter ranges used here
}

/**
 * Regularized incomplete beta I_x(a, b), given x and y = 1 - x separately
 * (with their logarithms) so that neither loses precision near 0 or 1.
 */
function incompleteBeta(a: number, b: number, x: number, y: number, lnx: number, lny: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // ln B(a, b); b = 1/2 (the only case used here) goes through the
  // cancellation-free ratio so that huge a (df) stays accurate.
  const lnBeta = b === 0.5 ? LN_SQRT_PI - lnGammaHalfRatio(a) : lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const lnFront = a * lnx + b * lny - lnBeta;
  if (x < (a + 1) / (a + b + 2)) {
    return (exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (exp(lnFront) * betaContinuedFraction(b, a, y)) / b;
}

/** Upper tail P(T > t) for t >= 0, df finite > 0. */
function tUpperTail(t: number, df: number): number {
  if (t === 0) return 0.5;
  if (t === Infinity) return 0;
  const r = t / Math.sqrt(df);
  const r2 = r * r;
  // x = df / (df + t^2) = 1 / (1 + r^2); y = 1 - x = r^2 / (1 + r^2)
  let x: number, y: number, lnx: number, lny: number;
  if (r2 === Infinity) {
    lnx = -2 * log(r);
    x = exp(lnx);
    y = 1;
    lny = 0;
  } else {
    x = 1 / (1 + r2);
    y = r2 / (1 + r2);
    lnx = -log1p(r2);
    lny = r2 === 0 ? -Infinity : -log1p(1 / r2);
  }
  return 0.5 * incompleteBeta(df / 2, 0.5, x, y, lnx, lny);
}

/** ln of the Student-t density at t. */
function tLogPdf(t: number, df: number): number {
  return (
    lnGammaHalfRatio(df / 2) -
    0.5 * log(df * Math.PI) -
    ((df + 1) / 2) * log1p((t * t) / df)
  );
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/**
 * Regularized upper incomplete gamma Q(a, x) (Numerical Recipes 6.2: series
 * for x < a + 1, continued fraction otherwise). Used for the normal tail:
 * P(Z > z) = 0.5 * Q(1/2, z^2 / 2) for z >= 0.
 */
function upperIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnFront = a * log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < CF_MAXIT; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * CF_EPS) break;
    }
    return 1 - sum * exp(lnFront);
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= CF_MAXIT; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPS) break;
  }
  return exp(lnFront) * h;
}

/** Standard normal CDF (used for studentTCdf with df = Infinity). */
function normalCdf(z: number): number {
  if (Math.abs(z) > 40) return z > 0 ? 1 : 0; // tail below 1e-300 (and avoids Infinity - Infinity)
  const upper = 0.5 * upperIncompleteGamma(0.5, 0.5 * z * z); // P(Z > |z|)
  return z >= 0 ? 1 - upper : upper;
}

/**
 * Student-t cumulative distribution function P(T <= t) with df > 0 degrees of
 * freedom (non-integer allowed), via the regularized incomplete beta function
 * (continued fraction; see module comment); ~1e-14 absolute accuracy.
 * df = Infinity gives the standard normal CDF (via the incomplete gamma function).
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (df > CORNISH_FISHER_DF) return normalCdf(inverseCornishFisher(t, df));
  const upper = tUpperTail(Math.abs(t), df);
  return t >= 0 ? 1 - upper : upper;
}

/** Cornish-Fisher expansion of the t quantile about the normal quantile z (A&S 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** d/dz of cornishFisher(z, df). */
function cornishFisherDerivative(z: number, df: number): number {
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z6 * z2;
  const d1 = (3 * z2 + 1) / 4;
  const d2 = (25 * z4 + 48 * z2 + 3) / 96;
  const d3 = (21 * z6 + 95 * z4 + 51 * z2 - 15) / 384;
  const d4 = (711 * z8 + 5432 * z6 + 7410 * z4 - 5760 * z2 - 945) / 92160;
  return 1 + (d1 + (d2 + (d3 + d4 / df) / df) / df) / df;
}

/**
 * Solve cornishFisher(z, df) = t for z (Newton; df > CORNISH_FISHER_DF so the
 * map is a tiny perturbation of the identity). Beyond |t| = 50 the t tail
 * underflows for such df anyway, so the normal tail of t itself is returned.
 */
function inverseCornishFisher(t: number, df: number): number {
  if (!(Math.abs(t) <= 50)) return t;
  let z = t;
  for (let i = 0; i < 20; i++) {
    const step = (cornishFisher(z, df) - t) / cornishFisherDerivative(z, df);
    z -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/**
 * Above this df the incomplete-beta continued fraction loses accuracy to
 * cancellation (relative error ~ 1e-16 * df), while the Cornish-Fisher
 * expansion is accurate far beyond double precision; both the CDF and the
 * quantile switch to it.
 */
const CORNISH_FISHER_DF = 3e4;

/**
 * Quantile (inverse CDF) of Student's t distribution with df > 0 degrees of
 * freedom (non-integer allowed; df = Infinity gives the normal quantile).
 * Returns -Infinity / Infinity at p = 0 / 1; throws RangeError for p outside
 * [0, 1] or df <= 0. Method: see module comment (closed forms for df = 1, 2;
 * otherwise Newton on the incomplete-beta CDF). Accuracy ~1e-12 relative.
 */
export function studentTQuantile(p: number, df: number): number {
  checkProbability(p);
  checkDf(df);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p; // upper-tail probability, in (0, 0.5)
  if (df === 1) return sign / tan(Math.PI * q);
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  const z = -normalQuantile(q); // > 0, computed from the small tail for accuracy
  if (df > CORNISH_FISHER_DF) return sign * cornishFisher(z, df);
  return sign * solveUpperTail(q, df, z);
}

/** Find t > 0 with P(T > t) = q, q in (0, 0.5). */
function solveUpperTail(q: number, df: number, z: number): number {
  const lnq = log(q);
  // Starting point: Cornish-Fisher, which is excellent for moderate df and
  // moderate tails; clamp into a sensible range otherwise.
  let t = cornishFisher(z, df);
  if (!(t > 0) || !Number.isFinite(t)) t = z > 0 ? z : 1;
  // Bracket [lo, hi] with tail(lo) > q > tail(hi).
  let lo = 0;
  let hi = Infinity;
  for (let iter = 0; iter < 2000; iter++) {
    const tail = tUpperTail(t, df);
    if (tail === q) return t;
    if (tail > q) lo = t;
    else hi = t;
    // Newton step on ln tail(t): d/dt ln tail = -pdf / tail.
    const lnTail = log(tail);
    const step = (lnTail - lnq) * exp(lnTail - tLogPdf(t, df));
    let next = t + step;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = hi === Infinity ? Math.max(2 * t, t + 1) : 0.5 * (lo + hi);
    }
    if (Math.abs(next - t) <= 1e-15 * t || (hi !== Infinity && hi - lo <= 2e-16 * hi)) return next;
    t = next;
  }
  return t;
}

// ---------------------------------------------------------------------------
// Confidence intervals and summaries
// ---------------------------------------------------------------------------

// The quantile is an iterated incomplete-beta inversion; the dashboard asks for it once per time
// bin and side with the same replication count (240 times a redraw for the ten-year pair, the
// largest item of the user-days series with 20 replications in a CPU profile), so each df's is
// kept. The same value, computed once.
const T975 = new Map<number, number>();
function t975(df: number): number {
  let q = T975.get(df);
  if (q === undefined) T975.set(df, (q = studentTQuantile(0.975, df)));
  return q;
}

/**
 * Two-sided 95 % Student-t confidence interval for the mean:
 * mean ± t_{0.975, n-1} · s / sqrt(n).
 * Returns [NaN, NaN] when n < 2 (no variance estimate is possible), and
 * [m, m] exactly when all values are equal.
 */
export function ci95(xs: ArrayLike<number>): [number, number] {
  const n = xs.length;
  if (n < 2) return [NaN, NaN];
  const m = mean(xs);
  let allEqual = true;
  for (let i = 1; i < n; i++) {
    if (xs[i] !== xs[0]) {
      allEqual = false;
      break;
    }
  }
  if (allEqual) return [xs[0], xs[0]];
  const half = (t975(n - 1) * stdDev(xs)) / Math.sqrt(n);
  return [m - half, m + half];
}

export interface Summary {
  mean: number;
  /** 95 % t-interval for the mean; [NaN, NaN] when fewer than 2 values. */
  ci95: [number, number];
  /** The input values, copied into a plain array. */
  values: number[];
}

/** Mean, 95 % t-interval and a plain-array copy of the values. */
export function summarize(xs: ArrayLike<number>): Summary {
  return { mean: mean(xs), ci95: ci95(xs), values: Array.from(xs) };
}

export interface PairedDifference {
  /** Mean of a[i] - b[i]. */
  mean: number;
  /** 95 % t-interval for the mean difference; [NaN, NaN] when fewer than 2 pairs. */
  ci95: [number, number];
}

/**
 * Paired comparison (e.g. two policies run on common random numbers):
 * the t-interval of d[i] = a[i] - b[i]. Throws RangeError if the lengths differ.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  if (a.length !== b.length) {
    throw new RangeError(`pairedDifference: lengths differ (${a.length} vs ${b.length})`);
  }
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return { mean: mean(d), ci95: ci95(d) };
}

/**
 * 95 % Welch interval for mean(a) − mean(b) of two independent samples (unequal variances,
 * Welch–Satterthwaite degrees of freedom). [NaN, NaN] when either sample has fewer than 2 values.
 */
export function welchDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  const na = a.length;
  const nb = b.length;
  const m = mean(a) - mean(b);
  if (na < 2 || nb < 2) return { mean: m, ci95: [NaN, NaN] };
  const va = variance(a) / na;
  const vb = variance(b) / nb;
  const se = Math.sqrt(va + vb);
  // A metric undefined in some run (NaN: no waits in a third of the window, no crisis in service)
  // has no interval; say so instead of failing the whole comparison.
  if (Number.isNaN(se)) return { mean: m, ci95: [NaN, NaN] };
  if (se === 0) return { mean: m, ci95: [m, m] };
  const df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1));
  const half = studentTQuantile(0.975, df) * se;
  return { mean: m, ci95: [m - half, m + half] };
}

/**
 * How much common random numbers narrow the 95 % interval of B − A: 1 − (paired width) /
 * (width with independent seeds). The independent width is estimated from the same runs, since
 * each side's own variance does not depend on how the seeds are shared; the test checks the
 * estimate against runs on independent seeds. NaN with fewer than 2 pairs or no spread at all.
 */
export function crnNarrowing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const paired = pairedDifference(b, a).ci95;
  const independent = welchDifference(b, a).ci95;
  const wp = paired[1] - paired[0];
  const wi = independent[1] - independent[0];
  return wi > 0 ? 1 - wp / wi : NaN;
}
