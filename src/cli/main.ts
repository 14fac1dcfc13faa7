import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, intOption, parse, readText, writeOut, yearsOption, type CliIo } from './common.js';
import { compareScenarios, type CompareOutput } from '../experiment/compare.js';
import { runReplications, runUntilPrecision, type PrecisionResult, type RunOutput } from '../experiment/replicate.js';
import { horizonProblem, type RunRecord } from '../model/registry.js';
import { scenarioJsonSchema, type Scenario } from '../scenario/schema.js';
import { formatIssues, validateScenarioText, withoutBom, type ScenarioIssue } from '../scenario/validate.js';
import { MAIN_HELP, quickReply } from './quickReply.js';
import { ProgressBar } from './progress.js';
import { MERGE_HELP, SWEEP_HELP, mergeCommand, sweepCommand } from './sweepCommands.js';
import { WARMUP_HELP, warmupCommand } from './warmupCommand.js';
import { experimentJsonSchema } from '../experiment/experimentSchema.js';
import { ALLOW_LARGE_HELP, checkRunSize, runawayAsBadInput } from './runLimits.js';
import { compareCsv, compareJson, compareTable, formatTable, toCsv, toJson } from './output.js';

export { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, type CliIo } from './common.js';

const HELP: Record<string, string> = {
  main: MAIN_HELP,
  validate: `Usage: koordsim validate FILE... [--print] [--json]

Checks each scenario file and lists every problem at once: the file, line and column, the JSON
path, what was expected and what was found, and the nearest valid key for a misspelt one.

Options:
  --print     print each valid scenario with every default filled in
  --json      print the problems as JSON (an array of {file, path, expected, found, ...})
  -h, --help  this help

Exit code 0 if every file is valid, 1 otherwise.`,
  run: `Usage: koordsim run FILE [--seed N] [--reps R] [--years Y] [--warmup-days D] [--out results.json|results.csv] [--json]

Runs R replications of the scenario in FILE and prints each metric's mean and 95% t-interval.
Replication r uses seed N + r, so any single replication can be rerun on its own.

Options:
  --seed N     master seed, an integer (default 1)
  --reps R     number of replications (default 10)
  --years Y    simulated years per replication (default: the scenario's horizon.years)
  --warmup-days D  days discarded at the start of every replication (default: the scenario's
               horizon.warmupDays; 0 for a terminating study that counts from day 0)
  --out FILE   also write results; .json (as --json) or .csv (tidy: one row per replication x metric)
  --json       print one JSON object {scenario, scenarioHash, seed, reps, version, metrics} instead of the table
  --precision P  replicate until the 95% interval of --metric is within +-P% of its mean (sequential
               procedure, Law & Kelton 9.4.1): --reps is then the minimum (default 5) and
               --max-reps the maximum (default 1000)
  --metric NAME  the metric for --precision (default: betweenChairs.per100UserYears, or waitDays.mean
               for a queue scenario)
  --trace FILE write the event log of the first replication as JSON lines (municipality scenarios):
               one {t, user, kind, service, need, detail} per line, from which any user's path replays
${ALLOW_LARGE_HELP}
  --check      check the model's invariants after every event (municipality scenarios; about 20 to
               100 times slower): users conserved, no negative queue or capacity, time monotone,
               between-chairs spells closed or open, caseload lists consistent. A violation stops
               the run naming the user, the event and the day (exit 2: a bug in koordsim)
  -h, --help   this help`,
  compare: `Usage: koordsim compare A.json B.json [--seed N] [--reps R] [--years Y] [--warmup-days D] [--out results.json|results.csv] [--json]

Runs A and B with the same replication seeds (common random numbers: the same users arrive in
both) and reports each metric for A and B, the paired difference B - A with its 95% t-interval, and
the ratio of the means A/B.

Options:
  --seed N     master seed, an integer (default 1)
  --reps R     number of replications of each scenario (default 10)
  --years Y    simulated years per replication (default: each scenario's horizon.years)
  --warmup-days D  days discarded at the start of every replication (default: each scenario's own)
  --out FILE   also write results; .json (as --json) or .csv (tidy: scenario x replication x metric)
  --json       print one JSON object {a, b, diff: {NAME: {mean, ci95}}} instead of the table
${ALLOW_LARGE_HELP}
  --check      check the model's invariants after every event (municipality scenarios; about 20 to
               100 times slower): users conserved, no negative queue or capacity, time monotone,
               between-chairs spells closed or open, caseload lists consistent. A violation stops
               the run naming the user, the event and the day (exit 2: a bug in koordsim)
  -h, --help   this help`,
  sweep: SWEEP_HELP,
  merge: MERGE_HELP,
  warmup: WARMUP_HELP,
  'experiment-schema': `Usage: koordsim experiment-schema

Prints the experiment file JSON Schema (the same as experiments/schema.json).`,
  schema: `Usage: koordsim schema

Prints the scenario JSON Schema (the same as scenarios/schema.json).`,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`koordsim: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const err = e as Error;
    io.stderr(`koordsim: internal error: ${err?.message ?? String(e)}\nThis is a bug in koordsim; please report it with the command you ran.\n`);
    if (process.env.KOORDSIM_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  // The main help and the version: the same answers cli.ts gives before it imports this module.
  const quick = quickReply(argv);
  if (quick !== null) {
    io.stdout(quick.stdout);
    return quick.code;
  }
  const [command, ...rest] = argv;
  if (command === 'help') {
    // `help TOPIC`: that command's help; an unknown topic gets the main help.
    io.stdout(`${HELP[rest[0]] ?? HELP.main}\n`);
    return EXIT_OK;
  }
  switch (command) {
    case 'validate':
      return validateCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    case 'compare':
      return compareCommand(rest, io);
    case 'sweep':
      if (wantsHelp(rest, io, 'sweep')) return EXIT_OK;
      return sweepCommand(rest, io);
    case 'merge':
      if (wantsHelp(rest, io, 'merge')) return EXIT_OK;
      return mergeCommand(rest, io);
    case 'warmup':
      return warmupCommand(rest, io);
    case 'experiment-schema':
      if (wantsHelp(rest, io, 'experiment-schema')) return EXIT_OK;
      io.stdout(`${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
      return EXIT_OK;
    case 'schema':
      if (wantsHelp(rest, io, 'schema')) return EXIT_OK;
      io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return EXIT_OK;
    default:
      throw new UsageError(`unknown command "${command}". Commands: ${Object.keys(HELP).filter((k) => k !== 'main').join(', ')}. See koordsim --help.`);
  }
}

function wantsHelp(args: string[], io: CliIo, command: string): boolean {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(`${HELP[command]}\n`);
    return true;
  }
  return false;
}

/** A horizon that leaves no observation window is bad input, with what to do about it. */
function checkHorizon(file: string, scenario: Scenario, years: number | undefined, warmupDays: number | undefined): void {
  const problem = horizonProblem(scenario, { years, warmupDays });
  if (problem !== null) throw new UsageError(`${file}: ${problem}`);
}

/** --check follows the municipality model's state; the M/M/c queue has none to check between events. */
function checkNeedsMunicipality(file: string, scenario: Scenario): void {
  if (scenario.model !== 'municipality') throw new UsageError(`--check needs a municipality scenario; ${file} is a ${scenario.model} scenario`);
}

/** True for a JSON Schema document (scenarios/schema.json), which is not a scenario. */
function isJsonSchema(text: string): boolean {
  try {
    const d = JSON.parse(withoutBom(text)) as Record<string, unknown>;
    return typeof d === 'object' && d !== null && typeof d.$schema === 'string' && /json-schema\.org/.test(d.$schema) && !('formatVersion' in d);
  } catch {
    return false;
  }
}

function readScenario(file: string): { ok: true; scenario: Scenario; hash: string } | { ok: false; issues: ScenarioIssue[] } {
  return validateScenarioText(readText(file), file);
}

function validateCommand(args: string[], io: CliIo): number {
  if (wantsHelp(args, io, 'validate')) return EXIT_OK;
  const { values, positionals } = parse(args, { print: { type: 'boolean' }, json: { type: 'boolean' } }, 'validate');
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE (see koordsim validate --help)');
  let bad = 0;
  const allIssues: ScenarioIssue[] = [];
  for (const file of positionals) {
    const text = readText(file);
    if (isJsonSchema(text)) {
      // `koordsim validate scenarios/*.json` also matches the schema itself: say so, do not fail.
      if (!values.json) io.stdout(`${file}: skipped (a JSON Schema, not a scenario)\n`);
      continue;
    }
    const r = validateScenarioText(text, file);
    if (r.ok) {
      if (values.print) io.stdout(`${JSON.stringify(r.scenario, null, 2)}\n`);
      else if (!values.json) io.stdout(`${file}: ok (${r.scenario.model} model, ${r.hash})\n`);
    } else {
      bad++;
      allIssues.push(...r.issues);
      if (!values.json) io.stderr(`${formatIssues(r.issues)}\n`);
    }
  }
  if (values.json) io.stdout(`${JSON.stringify(allIssues, null, 2)}\n`);
  return bad > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

interface RunFlags {
  positionals: string[];
  seed: number;
  reps: number;
  years: number | undefined;
  warmupDays: number | undefined;
  outFile: string | undefined;
  json: boolean;
  trace: string | undefined;
  precision: number | undefined;
  metric: string | undefined;
  maxReps: number | undefined;
  repsGiven: boolean;
  allowLarge: boolean;
  check: boolean;
}

function runFlags(args: string[], command: string): RunFlags {
  const { values, positionals } = parse(
    args,
    {
      seed: { type: 'string' },
      reps: { type: 'string' },
      years: { type: 'string' },
      'warmup-days': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      trace: { type: 'string' },
      precision: { type: 'string' },
      metric: { type: 'string' },
      'max-reps': { type: 'string' },
      'allow-large': { type: 'boolean' },
      check: { type: 'boolean' },
    },
    command,
  );
  if (command !== 'run' && (values.precision !== undefined || values.metric !== undefined || values['max-reps'] !== undefined)) throw new UsageError('--precision, --metric and --max-reps are options of run only (see koordsim run --help)');
  let precision: number | undefined;
  if (values.precision !== undefined) {
    precision = Number(values.precision.replace(/%$/, ''));
    if (!Number.isFinite(precision) || precision <= 0 || precision >= 100) throw new UsageError(`--precision must be a percentage in (0, 100), got "${values.precision}"`);
  }
  if ((values.metric !== undefined || values['max-reps'] !== undefined) && precision === undefined) throw new UsageError('--metric and --max-reps go with --precision (see koordsim run --help)');
  const maxReps = values['max-reps'] !== undefined ? intOption(values['max-reps'], 'max-reps', 1000, 2) : undefined;
  if (values.trace !== undefined && command !== 'run') throw new UsageError(`--trace is an option of run only (see koordsim run --help)`);
  const seed = intOption(values.seed, 'seed', 1, -(2 ** 52));
  const reps = intOption(values.reps, 'reps', 10, 1);
  const years = values.years !== undefined ? yearsOption(values.years) : undefined;
  const warmupDays = values['warmup-days'] !== undefined ? intOption(values['warmup-days'], 'warmup-days', 0, 0) : undefined;
  const outFile = values.out;
  if (outFile !== undefined && !/\.(json|csv)$/i.test(outFile)) throw new UsageError(`--out must end in .json or .csv, got "${outFile}"`);
  return { positionals, seed, reps, years, warmupDays, outFile, json: Boolean(values.json), trace: values.trace, precision, metric: values.metric, maxReps, repsGiven: values.reps !== undefined, allowLarge: Boolean(values['allow-large']), check: Boolean(values.check) };
}

function compareCommand(args: string[], io: CliIo): number {
  if (wantsHelp(args, io, 'compare')) return EXIT_OK;
  const { positionals, seed, reps, years, warmupDays, outFile, json, allowLarge, check } = runFlags(args, 'compare');
  if (positionals.length !== 2) throw new UsageError(`compare needs two scenario files A and B, got ${positionals.length} (see koordsim compare --help)`);
  const loaded = positionals.map((f) => readScenario(f));
  let bad = false;
  for (const r of loaded) {
    if (!r.ok) {
      io.stderr(`${formatIssues(r.issues)}\n`);
      bad = true;
    }
  }
  if (bad) return EXIT_BAD_INPUT;
  const [a, b] = loaded as Array<{ ok: true; scenario: Scenario; hash: string }>;
  [a, b].forEach((r, i) => checkHorizon(positionals[i], r.scenario, years, warmupDays));
  if (check) [a, b].forEach((r, i) => checkNeedsMunicipality(positionals[i], r.scenario));
  const bounds = [a, b].map((r, i) => checkRunSize(positionals[i], r.scenario, years, reps, allowLarge));
  const maxEventsPerReplication = bounds.every((x) => x !== undefined) ? Math.max(...(bounds as number[])) : undefined;
  const bar = new ProgressBar(io.stderrIsTty ? io.stderr : undefined, 'compare');
  let output: CompareOutput;
  try {
    output = runawayAsBadInput(`${positionals[0]} or ${positionals[1]}`, () =>
      compareScenarios(a.scenario, b.scenario, { seed, reps, years, warmupDays, maxEventsPerReplication, check, onProgress: (done, total) => bar.update(done / total, `${Math.floor(done)}/${total} runs`) }),
    );
  } finally {
    bar.done();
  }
  if (outFile !== undefined) writeOut(outFile, /\.csv$/i.test(outFile) ? compareCsv(output) : compareJson(output));
  io.stdout(json ? compareJson(output) : compareTable(output));
  return EXIT_OK;
}

function runCommand(args: string[], io: CliIo): number {
  if (wantsHelp(args, io, 'run')) return EXIT_OK;
  const { positionals, seed, reps, years, warmupDays, outFile, json, trace, precision, metric, maxReps, repsGiven, allowLarge, check } = runFlags(args, 'run');
  if (positionals.length !== 1) throw new UsageError(`run needs exactly one scenario FILE, got ${positionals.length} (see koordsim run --help)`);

  const file = positionals[0];
  const r = readScenario(file);
  if (!r.ok) {
    io.stderr(`${formatIssues(r.issues)}\n`);
    return EXIT_BAD_INPUT;
  }
  checkHorizon(file, r.scenario, years, warmupDays);
  if (check) checkNeedsMunicipality(file, r.scenario);
  // With --precision, up to --max-reps replications may run.
  const maxEventsPerReplication = checkRunSize(file, r.scenario, years, precision !== undefined ? Math.max(reps, maxReps ?? 1000) : reps, allowLarge);
  const bar = new ProgressBar(io.stderrIsTty ? io.stderr : undefined, `${r.scenario.name}`);
  // The replication --trace writes keeps its log and rows; the others are streamed (replicate.ts).
  const traceReplication = trace !== undefined ? 0 : undefined;
  const onRecord = (rep: number, record: RunRecord) => {
    if (trace === undefined || rep !== 0) return;
    if (record.model !== 'municipality') throw new UsageError(`--trace needs a municipality scenario; ${file} is a ${record.model} scenario`);
    writeOut(trace, record.trace.toJsonLines(record.serviceIds));
  };
  const replicate = (): { output: RunOutput; reached?: PrecisionResult } => {
    if (precision === undefined) {
      return { output: runReplications(r.scenario, { seed, reps, years, warmupDays, maxEventsPerReplication, check, onProgress: (done, total) => bar.update(done / total, `${Math.floor(done)}/${total} reps`), onRecord, traceReplication }) };
    }
    const name = metric ?? (r.scenario.model === 'queue' ? 'waitDays.mean' : 'betweenChairs.per100UserYears');
    try {
      const p = runUntilPrecision(r.scenario, {
        seed,
        years,
        warmupDays,
        metric: name,
        target: precision / 100,
        minReps: repsGiven ? reps : 5,
        maxReps,
        maxEventsPerReplication,
        check,
        onRecord,
        traceReplication,
        onProgress: (done) => bar.update(Math.min(1, done / 50), `${Math.floor(done)} reps`),
      });
      return { output: p.output, reached: p.precision };
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
  };
  let result: { output: RunOutput; reached?: PrecisionResult };
  try {
    result = runawayAsBadInput(file, replicate);
  } finally {
    bar.done();
  }
  const { output, reached } = result;
  if (outFile !== undefined) writeOut(outFile, /\.csv$/i.test(outFile) ? toCsv(output) : toJson(output));
  io.stdout(json ? toJson(output) : formatTable(output));
  if (reached) {
    const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'undefined');
    const line = `precision: ${reached.metric} 95% half-width ${pct(reached.achieved)} of the mean after ${output.reps} replications (target ${pct(reached.target)}${reached.reached ? ', reached' : ', NOT reached: raise --max-reps'})\n`;
    if (json) io.stderr(line);
    else io.stdout(line);
  }
  return EXIT_OK;
}
