// The golden runs (tests/golden/README.md): what each golden file holds and how to compute it.
// Browser-safe on purpose: the Node test (golden.test.ts) and the Chromium test
// (tests/browser/golden.browser.test.ts) compute every case with this same code and compare the
// text with the committed file byte for byte. The Node test also runs the real CLI command and
// checks that it prints the same text, so a golden file is literally `koordsim ... --json` output.
import { toJson } from '../../src/cli/output.js';
import { runReplications } from '../../src/experiment/replicate.js';
import { ExperimentSchema, experimentJsonSchema } from '../../src/experiment/experimentSchema.js';
import { sweepCsv } from '../../src/experiment/sweepCsv.js';
import { planSweep, taskOf, taskRows } from '../../src/experiment/sweepPlan.js';
import { metricsOf, runScenario } from '../../src/model/registry.js';
import { validateJsonText, validateScenarioText } from '../../src/scenario/validate.js';

export interface RunCase {
  kind: 'run';
  /** File name under tests/golden/ is `${id}.json`. */
  id: string;
  scenario: string;
  seed: number;
  reps: number;
  years: number;
}

export interface SweepCase {
  kind: 'sweep';
  /** File name under tests/golden/ is `${id}.csv`. */
  id: string;
  experiment: string;
}

export type GoldenCase = RunCase | SweepCase;

/**
 * Short horizons, so the whole set runs in seconds in Node and in Chromium. Together they reach
 * every sampler (exponential, lognormal, gamma, poisson, normal), the seasonal arrivals, both
 * municipality designs with coordinators and the Student-t intervals of the summaries.
 */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { kind: 'run', id: 'mmc', scenario: 'scenarios/validation/mmc.json', seed: 7, reps: 3, years: 2 },
  { kind: 'run', id: 'hvr-nord-stafett', scenario: 'scenarios/hvr-nord-stafett.json', seed: 7, reps: 2, years: 5 },
  // Warm-up is 1,460 days in the kommune scenarios, so 5 years leaves one measured year.
  { kind: 'run', id: 'kommune-stafettlop-koordinator', scenario: 'scenarios/kommune-stafettlop-koordinator.json', seed: 7, reps: 2, years: 5 },
  { kind: 'run', id: 'kommune-integrert-team-koordinator', scenario: 'scenarios/kommune-integrert-team-koordinator.json', seed: 7, reps: 2, years: 5 },
  { kind: 'sweep', id: 'sweep-point', experiment: 'tests/golden/sweep-point.experiment.json' },
];

/** The golden file's name under tests/golden/. */
export function goldenFile(c: GoldenCase): string {
  return c.kind === 'run' ? `${c.id}.json` : `${c.id}.csv`;
}

/** The koordsim command whose output the golden file is (paths relative to the repository root). */
export function goldenCommand(c: GoldenCase): string[] {
  return c.kind === 'run'
    ? ['run', c.scenario, '--seed', String(c.seed), '--reps', String(c.reps), '--years', String(c.years), '--json']
    : ['sweep', c.experiment, '--out', `${c.id}.csv`];
}

/** The files a case reads, relative to the repository root (the test hands their texts in). */
export function goldenInputs(c: GoldenCase, experimentScenario?: string): string[] {
  return c.kind === 'run' ? [c.scenario] : [c.experiment, ...(experimentScenario ? [experimentScenario] : [])];
}

/** The base scenario an experiment file names, relative to the repository root. */
export function experimentScenarioPath(experimentFile: string, experimentText: string): string {
  const rel = (JSON.parse(experimentText) as { scenario: string }).scenario;
  const parts = experimentFile.split('/').slice(0, -1);
  for (const p of rel.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** Computes a case's golden text from the input files' texts (keyed by path relative to the root). */
export function computeGolden(c: GoldenCase, texts: Readonly<Record<string, string>>): string {
  const read = (path: string) => {
    const t = texts[path];
    if (t === undefined) throw new Error(`golden case ${c.id}: the text of ${path} was not handed in`);
    return t;
  };
  if (c.kind === 'run') {
    const v = validateScenarioText(read(c.scenario), c.scenario);
    if (!v.ok) throw new Error(`golden case ${c.id}: ${c.scenario} is invalid`);
    return toJson(runReplications(v.scenario, { seed: c.seed, reps: c.reps, years: c.years }));
  }
  const experimentText = read(c.experiment);
  const e = validateJsonText(ExperimentSchema, experimentJsonSchema(), experimentText, c.experiment);
  if (!e.ok) throw new Error(`golden case ${c.id}: ${c.experiment} is invalid`);
  const scenarioFile = experimentScenarioPath(c.experiment, experimentText);
  const s = validateScenarioText(read(scenarioFile), scenarioFile);
  if (!s.ok) throw new Error(`golden case ${c.id}: ${scenarioFile} is invalid`);
  const plan = planSweep(e.value, c.experiment, s.scenario, scenarioFile);
  const years = plan.experiment.years ?? undefined;
  const rows = [];
  for (let task = 0; task < plan.tasks; task++) {
    const { point, seed } = taskOf(plan, task);
    rows.push(...taskRows(plan, task, metricsOf(runScenario(plan.points[point].scenario, seed, { years, warmupDays: plan.experiment.warmupDays }))));
  }
  return sweepCsv(plan, rows);
}
