import { RandomSource, type Uniform } from '../engine/random.js';

/**
 * Experiment designs: which parameter combinations to run. A design is plain data (the factors and
 * one row of values per point), so a batch runner can run its points and `sensitivity.ts` can read
 * the outputs back without knowing how the points were chosen.
 *
 * Every design is a pure function of its arguments; the random ones draw from one named stream of
 * a `RandomSource(seed)`, so the same seed always gives the same points.
 *
 * Unit space: the random and Morris designs work in [0, 1] per factor and map to values at the end
 * (`valueAt`), so a 'levels' factor and a numeric range are handled alike:
 * - range: min + u * (max - min), rounded when `integer` (the end values then get half the weight
 *   of the inner integers; that is what rounding a continuous design means).
 * - levels: level index min(m - 1, floor(u * m)) for m levels, i.e. the unit interval split into m
 *   equal bins. With Morris' Δ > 1/2 >= 1/m every Morris step crosses a bin edge, so a step always
 *   changes the level.
 */

export type FactorValue = number | string | boolean;

export type Factor =
  | { name: string; kind: 'levels'; levels: FactorValue[] }
  /** `steps` (>= 2) is the number of grid values for `fullGrid`; the other designs ignore it. */
  | { name: string; kind: 'range'; min: number; max: number; integer: boolean; steps?: number };

/** One step of a Morris trajectory: point `before` -> point `after` moves factor `factor` by `delta` (unit space). */
export interface MorrisStep {
  trajectory: number;
  before: number;
  after: number;
  factor: number;
  /** Signed Δ in unit space: +Δ or −Δ. */
  delta: number;
}

export interface MorrisMeta {
  kind: 'morris';
  trajectories: number;
  gridLevels: number;
  /** Δ = p / (2(p − 1)) in unit space. */
  delta: number;
  /** Every step of every trajectory, in point order; trajectory t has points t(k+1) .. t(k+1)+k. */
  steps: MorrisStep[];
}

export interface OatMeta {
  kind: 'oat';
  /** Index of the base point (always 0). */
  base: number;
  /** low[i] / high[i]: index of the point with factor i at its low / high value. */
  low: number[];
  high: number[];
}

export interface Design {
  kind: 'grid' | 'lhs' | 'morris' | 'oat';
  factors: Factor[];
  /** One row per point, one value per factor, in factor order. */
  points: FactorValue[][];
  meta: MorrisMeta | OatMeta | null;
}

const DEFAULTS = {
  /** Morris (1991) and Campolongo et al. (2007) recommend p = 4 levels. */
  morrisGridLevels: 4,
  /** Stream names: each design draws from its own stream so adding one never shifts another. */
  lhsStream: 'experiment.lhs',
  morrisStream: 'experiment.morris',
};

// ---------------------------------------------------------------------------------------------
// Validation (cold paths)

function fail(where: string, message: string): never {
  throw new RangeError(`${where}: ${message}`);
}

function validateFactors(where: string, factors: Factor[]): void {
  if (!Array.isArray(factors) || factors.length === 0) fail(where, 'factors must be a non-empty list, got none');
  const seen = new Set<string>();
  factors.forEach((f, i) => {
    const label = `factor ${i}${typeof f?.name === 'string' ? ` ('${f.name}')` : ''}`;
    if (typeof f?.name !== 'string' || f.name === '') fail(where, `${label}: name must be a non-empty string`);
    if (seen.has(f.name)) fail(where, `${label}: duplicate factor name '${f.name}'`);
    seen.add(f.name);
    if (f.kind === 'levels') {
      if (!Array.isArray(f.levels) || f.levels.length === 0) fail(where, `${label}: levels must be a non-empty list`);
      f.levels.forEach((v, j) => {
        const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
        if (!ok) fail(where, `${label}: levels[${j}] must be a finite number, string or boolean, got ${String(v)}`);
      });
    } else if (f.kind === 'range') {
      if (!Number.isFinite(f.min)) fail(where, `${label}: min must be a finite number, got ${f.min}`);
      if (!Number.isFinite(f.max)) fail(where, `${label}: max must be a finite number, got ${f.max}`);
      if (!(f.min < f.max)) fail(where, `${label}: min must be < max, got min ${f.min} >= max ${f.max}`);
      if (typeof f.integer !== 'boolean') fail(where, `${label}: integer must be true or false, got ${String(f.integer)}`);
      // Rounding a value in [1.5, 3.5] could give 4; integer bounds keep every rounded value inside.
      if (f.integer && !(Number.isInteger(f.min) && Number.isInteger(f.max))) {
        fail(where, `${label}: an integer range needs integer min and max, got [${f.min}, ${f.max}]`);
      }
      if (f.steps !== undefined && !(Number.isInteger(f.steps) && f.steps >= 2)) {
        fail(where, `${label}: steps must be an integer >= 2, got ${f.steps}`);
      }
    } else {
      fail(where, `${label}: kind must be 'levels' or 'range', got ${String((f as { kind?: unknown })?.kind)}`);
    }
  });
}

function validateSeed(where: string, seed: number): void {
  if (!Number.isSafeInteger(seed)) fail(where, `seed must be an integer, got ${seed}`);
}

// ---------------------------------------------------------------------------------------------
// Unit space

/** The value of `factor` at unit coordinate u in [0, 1] (see the file comment for the mapping). */
export function valueAt(factor: Factor, u: number): FactorValue {
  if (factor.kind === 'levels') {
    const m = factor.levels.length;
    return factor.levels[Math.min(m - 1, Math.floor(u * m))];
  }
  const x = factor.min + u * (factor.max - factor.min);
  return factor.integer ? Math.round(x) : x;
}

/** Fisher–Yates shuffle of 0..n-1, drawing n - 1 uniforms. */
function permutation(n: number, u: Uniform): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u.next() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Designs

/** The values a factor takes in a full grid. */
function gridValues(f: Factor, i: number): FactorValue[] {
  if (f.kind === 'levels') return [...f.levels];
  const label = `factor ${i} ('${f.name}')`;
  if (f.steps === undefined) fail('fullGrid', `${label}: a range needs steps (number of grid values, >= 2)`);
  const steps = f.steps;
  if (f.integer && steps > f.max - f.min + 1) {
    fail('fullGrid', `${label}: steps ${steps} exceeds the ${f.max - f.min + 1} integers in [${f.min}, ${f.max}] (values would repeat)`);
  }
  // i / (steps - 1) rather than accumulating a step size, so the last value is exactly max.
  return Array.from({ length: steps }, (_, s) => valueAt(f, s / (steps - 1)));
}

/** Cartesian product of every factor's values; the last factor varies fastest. */
export function fullGrid(factors: Factor[]): Design {
  validateFactors('fullGrid', factors);
  const values = factors.map(gridValues);
  let points: FactorValue[][] = [[]];
  for (const vs of values) points = points.flatMap((row) => vs.map((v) => [...row, v]));
  return { kind: 'grid', factors, points, meta: null };
}

/**
 * Latin hypercube (McKay, Beckman & Conover 1979): each factor's unit interval is split into
 * `samples` equal strata, each stratum holds exactly one point, and the strata are matched across
 * factors by an independent random permutation per factor.
 *
 * Draw order (part of the seed contract): per factor, in factor order, the permutation
 * (samples − 1 uniforms) and then one uniform per point for its position within its stratum.
 */
export function latinHypercube(factors: Factor[], samples: number, seed: number): Design {
  validateFactors('latinHypercube', factors);
  if (!(Number.isInteger(samples) && samples >= 1)) fail('latinHypercube', `samples must be an integer >= 1, got ${samples}`);
  validateSeed('latinHypercube', seed);
  const u = new RandomSource(seed).stream(DEFAULTS.lhsStream);
  const points: FactorValue[][] = Array.from({ length: samples }, () => []);
  for (const f of factors) {
    const strata = permutation(samples, u);
    for (let s = 0; s < samples; s++) points[s].push(valueAt(f, (strata[s] + u.next()) / samples));
  }
  return { kind: 'lhs', factors, points, meta: null };
}

/**
 * Morris (1991) elementary-effects trajectories on a p-level grid {0, 1/(p−1), ..., 1} in unit
 * space, with Δ = p / (2(p − 1)) as Morris recommends (it makes every grid level equally likely).
 *
 * Each trajectory: every factor gets a start level from the lower half {0, ..., p/2 − 1} and a
 * direction; a factor moving down starts p/2 levels higher. Then the factors move one at a time, in
 * a random order, by ±Δ (p/2 grid levels), giving k + 1 points. Levels are kept as integers and
 * divided by p − 1 only when mapped, so the steps are exact.
 *
 * Draw order (part of the seed contract): per trajectory, per factor in factor order one uniform for
 * the start level and one for the direction; then the factor order (k − 1 uniforms).
 *
 * `gridLevels` defaults to 4; pass `undefined` to use the default with a seed.
 */
export function morris(factors: Factor[], trajectories: number, gridLevels: number = DEFAULTS.morrisGridLevels, seed: number): Design {
  validateFactors('morris', factors);
  factors.forEach((f, i) => {
    if (f.kind === 'levels' && f.levels.length < 2) {
      fail('morris', `factor ${i} ('${f.name}'): a levels factor needs at least 2 levels to have an elementary effect, got ${f.levels.length}`);
    }
  });
  if (!(Number.isInteger(trajectories) && trajectories >= 1)) fail('morris', `trajectories must be an integer >= 1, got ${trajectories}`);
  if (!(Number.isInteger(gridLevels) && gridLevels >= 2 && gridLevels % 2 === 0)) {
    fail('morris', `gridLevels must be an even integer >= 2, got ${gridLevels}`);
  }
  validateSeed('morris', seed);

  const p = gridLevels;
  const half = p / 2;
  const delta = p / (2 * (p - 1));
  const k = factors.length;
  const u = new RandomSource(seed).stream(DEFAULTS.morrisStream);
  const toPoint = (level: number[]): FactorValue[] => factors.map((f, i) => valueAt(f, level[i] / (p - 1)));

  const points: FactorValue[][] = [];
  const steps: MorrisStep[] = [];
  for (let t = 0; t < trajectories; t++) {
    const level: number[] = [];
    const direction: number[] = [];
    for (let i = 0; i < k; i++) {
      const low = Math.floor(u.next() * half);
      const up = u.next() < 0.5;
      direction.push(up ? 1 : -1);
      level.push(up ? low : low + half);
    }
    const order = permutation(k, u);
    points.push(toPoint(level));
    for (const i of order) {
      level[i] += direction[i] * half;
      const after = points.length;
      points.push(toPoint(level));
      steps.push({ trajectory: t, before: after - 1, after, factor: i, delta: direction[i] * delta });
    }
  }
  return { kind: 'morris', factors, points, meta: { kind: 'morris', trajectories, gridLevels: p, delta, steps } };
}

/** The low and high end of a factor: range min/max, or first/last level. */
function ends(f: Factor): [FactorValue, FactorValue] {
  return f.kind === 'range' ? [f.min, f.max] : [f.levels[0], f.levels[f.levels.length - 1]];
}

/**
 * One-factor-at-a-time design for a tornado chart: the base point (index 0), then for each factor
 * in order the point with that factor at its low and then at its high end, the others at base.
 * So factor i's low point is 1 + 2i and its high point 2 + 2i.
 */
export function oneAtATime(factors: Factor[], base: FactorValue[]): Design {
  validateFactors('oneAtATime', factors);
  if (!Array.isArray(base) || base.length !== factors.length) {
    fail('oneAtATime', `base must have one value per factor (${factors.length}), got ${Array.isArray(base) ? base.length : String(base)}`);
  }
  factors.forEach((f, i) => {
    const v = base[i];
    const label = `base[${i}] ('${f.name}')`;
    if (f.kind === 'levels') {
      if (!f.levels.includes(v)) fail('oneAtATime', `${label} must be one of the factor's levels, got ${String(v)}`);
    } else {
      if (!(typeof v === 'number' && v >= f.min && v <= f.max)) {
        fail('oneAtATime', `${label} must be a number in [${f.min}, ${f.max}], got ${String(v)}`);
      }
      if (f.integer && !Number.isInteger(v)) fail('oneAtATime', `${label} must be an integer, got ${v}`);
    }
  });
  const points: FactorValue[][] = [[...base]];
  const low: number[] = [];
  const high: number[] = [];
  factors.forEach((f, i) => {
    const [lo, hi] = ends(f);
    low.push(points.length);
    points.push(base.map((v, j) => (j === i ? lo : v)));
    high.push(points.length);
    points.push(base.map((v, j) => (j === i ? hi : v)));
  });
  return { kind: 'oat', factors, points, meta: { kind: 'oat', base: 0, low, high } };
}
