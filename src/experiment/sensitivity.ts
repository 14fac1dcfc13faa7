import { mean, variance } from '../stats/summary.js';
import type { Design, FactorValue, MorrisMeta, OatMeta } from './design.js';

/**
 * Sensitivity measures read from a design and one output per point (the caller averages
 * replications first). Pure: they only index into `y` by the design's point numbers.
 */

export interface MorrisEffect {
  factor: string;
  /** Mean elementary effect: its sign says which way the factor pushes the output. */
  mu: number;
  /** Mean |EE| (Campolongo, Cariboni & Saltelli 2007): effects of opposite sign do not cancel. */
  muStar: number;
  /** Sample sd of the EEs: large means non-linear or interacting. NaN if n < 2. */
  sigma: number;
  /** Number of elementary effects used (steps whose outputs are both not NaN). */
  n: number;
}

export interface TornadoBar {
  factor: string;
  low: FactorValue;
  high: FactorValue;
  yLow: number;
  yHigh: number;
  yBase: number;
  /** |yHigh − yLow|. */
  swing: number;
}

function checkOutputs(where: string, design: Design, y: ArrayLike<number>): void {
  if (y == null || typeof y.length !== 'number') throw new RangeError(`${where}: y must be an array of numbers, got ${String(y)}`);
  if (y.length !== design.points.length) {
    throw new RangeError(`${where}: y must have one value per design point (${design.points.length}), got ${y.length}`);
  }
}

function wrongDesign(where: string, needed: string, design: Design): never {
  throw new RangeError(`${where}: needs a '${needed}' design, got a '${design.kind}' design`);
}

function morrisMeta(design: Design): MorrisMeta {
  if (design.kind !== 'morris' || design.meta?.kind !== 'morris') wrongDesign('morrisEffects', 'morris', design);
  return design.meta;
}

function oatMeta(design: Design): OatMeta {
  if (design.kind !== 'oat' || design.meta?.kind !== 'oat') wrongDesign('tornado', 'oat', design);
  return design.meta;
}

/**
 * Morris elementary effects, EE = (y_after − y_before) / Δ per step with Δ signed and in unit
 * space, so an EE is "output change per full factor range" and factors with different units are
 * comparable. A step with a NaN output (a failed or skipped run) is left out, not propagated, so one
 * bad run costs one effect rather than the factor. Results are in factor order.
 */
export function morrisEffects(design: Design, y: ArrayLike<number>): MorrisEffect[] {
  const meta = morrisMeta(design);
  checkOutputs('morrisEffects', design, y);
  const effects: number[][] = design.factors.map(() => []);
  for (const s of meta.steps) {
    const before = y[s.before];
    const after = y[s.after];
    if (Number.isNaN(before) || Number.isNaN(after)) continue;
    effects[s.factor].push((after - before) / s.delta);
  }
  return design.factors.map((f, i) => {
    const ee = effects[i];
    return {
      factor: f.name,
      mu: mean(ee),
      muStar: mean(ee.map(Math.abs)),
      // summary.variance returns 0 for n < 2; one effect says nothing about spread, so NaN.
      sigma: ee.length < 2 ? NaN : Math.sqrt(variance(ee)),
      n: ee.length,
    };
  });
}

/**
 * Tornado bars from a one-at-a-time design, largest swing first. Ties (and NaN swings, which go
 * last) keep factor order, so the chart is stable from run to run.
 */
export function tornado(design: Design, y: ArrayLike<number>): TornadoBar[] {
  const meta = oatMeta(design);
  checkOutputs('tornado', design, y);
  const yBase = y[meta.base];
  const bars = design.factors.map((f, i): TornadoBar => {
    const yLow = y[meta.low[i]];
    const yHigh = y[meta.high[i]];
    return {
      factor: f.name,
      low: design.points[meta.low[i]][i],
      high: design.points[meta.high[i]][i],
      yLow,
      yHigh,
      yBase,
      swing: Math.abs(yHigh - yLow),
    };
  });
  const key = (s: number): number => (Number.isNaN(s) ? -Infinity : s);
  return bars.sort((a, b) => key(b.swing) - key(a.swing) || 0);
}
