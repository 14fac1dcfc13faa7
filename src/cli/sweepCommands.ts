import { dirname, relative, resolve } from 'node:path';
import { experimentJsonSchema, ExperimentSchema, type Experiment } from '../experiment/experimentSchema.js';
import { defaultJobs } from '../experiment/pool.js';
import { ExperimentError, mergeRows, parseSweepCsv, planSweep, runSweep, sweepCsv, type Shard, type SweepPlan, type SweepRow } from '../experiment/sweep.js';
import { sweepSummary } from '../experiment/sweepSummary.js';
import { formatIssues, validateJsonText, validateScenarioText } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import { MODEL_VERSION, VERSION } from '../version.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError, intOption, parse, writeOut, yearsOption, type CliIo, readText } from './common.js';
import { finiteOrNull } from './output.js';
import { ProgressBar } from './progress.js';
import { ALLOW_LARGE_HELP, runawayBound } from './runLimits.js';
import { estimateRunSize, sizeProblem, type RunSize } from '../experiment/runSize.js';

export const SWEEP_HELP = `Usage: koordsim sweep EXPERIMENT.json [--out results.csv|results.json] [--jobs N] [--shard K/N]
                      [--reps R] [--years Y] [--seed N] [--warmup-days D]

Runs an experiment: its base scenario with the parameters set at each point of the design (full
grid, Latin hypercube, Morris or one at a time), each point for the same replication seeds
(common random numbers). Prints the mean and 95% t-interval per point and metric, and for Morris
and one-at-a-time designs the sensitivity (mu*, sigma; the tornado).

Options:
  --out FILE    write the results: .csv is tidy long format (one row per replication x metric with
                experiment hash, point, parameter values, scenario hash, replication, seed, version);
                .json holds the same rows and the summary. A manifest FILE.manifest.json records how
                to reproduce them.
  --jobs N      worker threads (default: the machine's cores minus one, at least 1); the rows are
                the same for any N
  --shard K/N   run only tasks with task % N = K - 1 (for job arrays); merge the shards with
                koordsim merge
  --reps R, --years Y, --seed N, --warmup-days D
                override the experiment's replications, years, seed and warm-up for this run (a
                quick small run without editing the file); the experiment hash and the manifest's
                command record them
${ALLOW_LARGE_HELP}
  -h, --help    this help

The experiment file format is described in the README (koordsim experiment-schema prints its JSON Schema).`;

export const MERGE_HELP = `Usage: koordsim merge EXPERIMENT.json SHARD.csv... --out results.csv

Combines the CSV outputs of koordsim sweep --shard K/N (all N shards) into the rows one unsharded
run writes, in the same order, byte for byte. Fails if a task is missing or appears twice, or if a
shard belongs to another experiment (its experiment hash differs).`;


/** Command-line overrides of an experiment's own settings. */
export interface SweepOverrides {
  replications?: number;
  years?: number;
  seed?: number;
  warmupDays?: number;
}

/** Reads and checks an experiment file and its base scenario; prints the problems and returns null if any. */
export function loadPlan(file: string, io: CliIo, overrides: SweepOverrides = {}): SweepPlan | null {
  const r = validateJsonText(ExperimentSchema, experimentJsonSchema(), readText(file), file);
  if (!r.ok) {
    io.stderr(`${formatIssues(r.issues)}\n`);
    return null;
  }
  const experiment: Experiment = { ...r.value };
  if (overrides.replications !== undefined) experiment.replications = overrides.replications;
  if (overrides.years !== undefined) experiment.years = overrides.years;
  if (overrides.seed !== undefined) experiment.seed = overrides.seed;
  if (overrides.warmupDays !== undefined) experiment.warmupDays = overrides.warmupDays;
  const scenarioFile = relative(process.cwd(), resolve(dirname(file), experiment.scenario)) || experiment.scenario;
  let scenarioText: string;
  try {
    scenarioText = readText(scenarioFile);
  } catch (e) {
    throw new UsageError(`${file}: $.scenario: ${(e as Error).message} (the path "${experiment.scenario}" is resolved relative to the experiment file's folder, ${dirname(file)})`);
  }
  const s = validateScenarioText(scenarioText, scenarioFile);
  if (!s.ok) {
    io.stderr(`${file}: $.scenario: the base scenario ${scenarioFile} is invalid\n${formatIssues(s.issues)}\n`);
    return null;
  }
  try {
    return planSweep(experiment, file, s.scenario, scenarioFile);
  } catch (e) {
    if (e instanceof ExperimentError) {
      io.stderr(`${formatIssues(e.issues)}\n`);
      return null;
    }
    throw e;
  }
}

function shardOption(v: string | undefined): Shard | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard must be K/N with 1 <= K <= N (e.g. 3/10), got "${v}"`);
  return { k, n };
}

function manifest(plan: SweepPlan, out: string, shard: Shard | undefined, rows: number, overrideArgs: string[] = []): string {
  const command = ['npx koordsim sweep', plan.file, '--out', out, ...(shard ? ['--shard', `${shard.k}/${shard.n}`] : []), ...overrideArgs].join(' ');
  return `${JSON.stringify(
    {
      koordsim: VERSION,
      model: MODEL_VERSION,
      node: process.version,
      command,
      experiment: { file: plan.file, name: plan.experiment.name, hash: plan.experimentHash },
      scenario: { file: plan.baseFile, hash: plan.baseHash },
      seed: plan.experiment.seed,
      replications: plan.experiment.replications,
      years: plan.experiment.years,
      warmupDays: plan.experiment.warmupDays ?? null,
      overrides: overrideArgs,
      design: plan.experiment.design,
      parameters: plan.experiment.parameters,
      points: plan.points.length,
      tasks: plan.tasks,
      shard: shard ? `${shard.k}/${shard.n}` : null,
      rows,
      metrics: plan.metrics,
      note: 'Rows depend only on the experiment, the scenario, the seed and the koordsim version: rerun the command to reproduce them (any --jobs).',
    },
    null,
    2,
  )}\n`;
}

function writeResults(plan: SweepPlan, rows: SweepRow[], out: string, shard: Shard | undefined, overrideArgs: string[] = []): void {
  if (/\.csv$/i.test(out)) writeOut(out, sweepCsv(plan, rows));
  else {
    const points = plan.points.map((p) => ({ point: p.index, ...Object.fromEntries(plan.columns.map((c, i) => [c, p.values[i]])), scenarioHash: p.hash }));
    writeOut(out, `${JSON.stringify({ experiment: plan.experiment.name, experimentHash: plan.experimentHash, version: VERSION, modelVersion: MODEL_VERSION, points, rows, summary: sweepSummary(plan, rows) }, finiteOrNull, 2)}\n`);
  }
  writeOut(out.replace(/\.(csv|json)$/i, '') + '.manifest.json', manifest(plan, out, shard, rows.length, overrideArgs));
}

/** The size of a sweep: every point's replications (a shard's share), the largest point's memory. */
function sweepSize(plan: SweepPlan, shard: Shard | undefined): RunSize {
  const reps = plan.experiment.replications;
  const sizes = plan.points.map((p) => estimateRunSize(p.scenario, { years: plan.experiment.years ?? undefined, replications: reps }));
  const largest = sizes.reduce((a, b) => (b.memoryBytesPerReplication > a.memoryBytesPerReplication ? b : a));
  const eventsTotal = sizes.reduce((a, b) => a + b.eventsTotal, 0) / (shard?.n ?? 1);
  return { ...largest, replications: reps, eventsTotal };
}

export async function sweepCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    { out: { type: 'string' }, jobs: { type: 'string' }, shard: { type: 'string' }, reps: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' }, 'warmup-days': { type: 'string' }, 'allow-large': { type: 'boolean' } },
    'sweep',
  );
  if (positionals.length !== 1) throw new UsageError(`sweep needs exactly one EXPERIMENT file, got ${positionals.length} (see koordsim sweep --help)`);
  const out = values.out;
  if (out !== undefined && !/\.(json|csv)$/i.test(out)) throw new UsageError(`--out must end in .json or .csv, got "${out}"`);
  const jobs = intOption(values.jobs, 'jobs', defaultJobs(), 1);
  const shard = shardOption(values.shard);
  const overrides: SweepOverrides = {
    replications: values.reps !== undefined ? intOption(values.reps, 'reps', 10, 1) : undefined,
    years: values.years !== undefined ? yearsOption(values.years) : undefined,
    seed: values.seed !== undefined ? intOption(values.seed, 'seed', 1, -(2 ** 52)) : undefined,
    warmupDays: values['warmup-days'] !== undefined ? intOption(values['warmup-days'], 'warmup-days', 0, 0) : undefined,
  };
  const overrideArgs = (['reps', 'years', 'seed', 'warmup-days'] as const).flatMap((k) => (values[k] !== undefined ? [`--${k}`, String(values[k])] : []));
  const plan = loadPlan(positionals[0], io, overrides);
  if (plan === null) return EXIT_BAD_INPUT;
  if (!values['allow-large']) {
    const problem = sizeProblem(sweepSize(plan, shard), `${positionals[0]} (${plan.points.length} points x ${plan.experiment.replications} replications${shard ? `, shard ${shard.k}/${shard.n}` : ''})`);
    if (problem !== null) throw new UsageError(problem);
  }
  const bar = new ProgressBar(io.stderrIsTty ? io.stderr : undefined, plan.experiment.name);
  let rows: SweepRow[];
  try {
    const years = plan.experiment.years ?? undefined;
    const maxEventsOf = values['allow-large'] ? undefined : (s: Scenario) => runawayBound(estimateRunSize(s, { years, replications: 1 }));
    rows = await runSweep(plan, { jobs, shard, maxEventsOf, onProgress: (done, total) => bar.update(done / total, `${done}/${total} runs`) });
  } catch (e) {
    // A task's error keeps the replication's own as its cause, by name across worker threads.
    if ((e as Error).cause instanceof Error && ((e as Error).cause as Error).name === 'RunawayError') {
      throw new UsageError(`${positionals[0]}: ${(e as Error).message}. Check the experiment's parameter values, or add --allow-large to let it run`);
    }
    throw e;
  } finally {
    bar.done();
  }
  if (out !== undefined) writeResults(plan, rows, out, shard, overrideArgs);
  io.stdout(sweepSummary(plan, rows).text);
  return EXIT_OK;
}

export function mergeCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parse(args, { out: { type: 'string' } }, 'merge');
  if (positionals.length < 2) throw new UsageError('merge needs the EXPERIMENT file and at least one SHARD.csv (see koordsim merge --help)');
  const out = values.out;
  if (out === undefined || !/\.csv$/i.test(out)) throw new UsageError('merge needs --out FILE.csv');
  const plan = loadPlan(positionals[0], io);
  if (plan === null) return EXIT_BAD_INPUT;
  let rows: SweepRow[];
  try {
    rows = mergeRows(
      plan,
      positionals.slice(1).map((f) => parseSweepCsv(plan, readText(f), f)),
    );
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  writeResults(plan, rows, out, undefined);
  io.stdout(sweepSummary(plan, rows).text);
  return EXIT_OK;
}
