import { binDaysFor, digestOf } from '../experiment/digest.js';
import { replicationSeed } from '../experiment/replicate.js';
import {
  QUEUE_WARMUP_SERIES,
  WARMUP_SERIES,
  WARMUP_SERIES_LABELS,
  isWarmupSeries,
  lastHalfLevel,
  seriesOf,
  suggestWarmup,
  welch,
  type WarmupSeries,
  type WelchResult,
} from '../experiment/warmup.js';
import { metricsOf, runScenario } from '../model/registry.js';
import type { Scenario } from '../scenario/schema.js';
import { formatIssues, validateScenarioText } from '../scenario/validate.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError, intOption, parse, writeOut, type CliIo, readText } from './common.js';
import { ALLOW_LARGE_HELP, checkRunSize, runawayAsBadInput } from './runLimits.js';
import { ProgressBar } from './progress.js';
import { MODEL_VERSION, VERSION } from '../version.js';

const DEFAULTS = {
  series: 'waitDays' as WarmupSeries,
  reps: 10,
  seed: 1,
  /**
   * Half-width of the moving average for monthly bins: 2w + 1 = 13 months spans a year, so the
   * seasonality of arrivals and the holiday calendar mostly average out (assumption; Law & Kelton
   * only ask for the smallest w that makes the curve reasonably smooth).
   */
  monthlyWindow: 6,
  weeklyWindow: 4,
  /** Relative band of suggestWarmup. */
  tolerance: 0.05,
  /** Table rows before sampling. */
  maxRows: 40,
  sparklineWidth: 60,
};

export const WARMUP_HELP = `Usage: koordsim warmup FILE [--series NAME] [--reps R] [--seed N] [--years Y] [--window W] [--out welch.csv]

Welch's graphical method (Law & Kelton, Simulation Modeling and Analysis, ch. 9) for choosing
horizon.warmupDays in a steady-state study. Runs R replications of the scenario with its warm-up
set to 0, averages one series per time bin across them, smooths the averages with a centred moving
average of 2W + 1 bins (shrinking near the start) and prints the curve, an ASCII sparkline and a
suggested warm-up: the first bin from which the smoothed curve stays within ±${DEFAULTS.tolerance * 100}% of the mean
of its last half. The suggestion is a rule of thumb, not a test: look at the curve, and if it has
not flattened by mid-run, run longer.

Series (one value per bin: a month for runs of a year or more, else a week):
${WARMUP_SERIES.map((s) => `  ${s.padEnd(22)}${WARMUP_SERIES_LABELS[s]}`).join('\n')}
A queue-model scenario has only ${QUEUE_WARMUP_SERIES.join(' and ')}; caseload needs coordinators.

Options:
  --series NAME  the series to follow (default ${DEFAULTS.series})
  --reps R       number of replications (default ${DEFAULTS.reps}); replication r uses seed N + r
  --seed N       master seed, an integer (default ${DEFAULTS.seed})
  --years Y      simulated years per replication (default: the scenario's horizon.years)
  --window W     half-width of the moving average, an integer >= 1 and < bins/2 (default ${DEFAULTS.monthlyWindow}
                 for monthly bins, ${DEFAULTS.weeklyWindow} for weekly, at most a quarter of the bins)
  --out FILE     also write the curve as CSV: bin, startDays, mean, smoothed (empty for the last W
                 bins, which have no centred window), version, modelVersion
${ALLOW_LARGE_HELP}
  -h, --help     this help`;

export function warmupCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parse(
    args,
    { series: { type: 'string' }, reps: { type: 'string' }, seed: { type: 'string' }, years: { type: 'string' }, window: { type: 'string' }, out: { type: 'string' }, 'allow-large': { type: 'boolean' } },
    'warmup',
  );
  if (values.help) {
    io.stdout(`${WARMUP_HELP}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`warmup needs exactly one scenario FILE, got ${positionals.length} (see koordsim warmup --help)`);
  const seriesName = values.series ?? DEFAULTS.series;
  if (!isWarmupSeries(seriesName)) throw new UsageError(`unknown series "${seriesName}"; valid series: ${WARMUP_SERIES.join(', ')}`);
  const reps = intOption(values.reps, 'reps', DEFAULTS.reps, 1);
  const seed = intOption(values.seed, 'seed', DEFAULTS.seed, -(2 ** 52));
  const windowFlag = values.window === undefined ? undefined : intOption(values.window, 'window', 1, 1);
  let years: number | undefined;
  if (values.years !== undefined) {
    years = Number(values.years);
    if (!Number.isFinite(years) || years <= 0 || years > 10_000) throw new UsageError(`--years must be a number in (0, 10000], got "${values.years}"`);
  }
  const out = values.out;
  if (out !== undefined && !/\.csv$/i.test(out)) throw new UsageError(`--out must end in .csv, got "${out}"`);

  const file = positionals[0];
  const loaded = validateScenarioText(readText(file), file);
  if (!loaded.ok) {
    io.stderr(`${formatIssues(loaded.issues)}\n`);
    return EXIT_BAD_INPUT;
  }
  const scenario = loaded.scenario;
  checkSeriesFits(scenario, seriesName, file);
  const maxEvents = checkRunSize(file, scenario, years, reps, Boolean(values['allow-large']));

  // Waits and coordinator-weeks are only recorded after the warm-up: the curve must start at day 0.
  const fromZero: Scenario = { ...scenario, horizon: { ...scenario.horizon, warmupDays: 0 } };
  const horizonDays = (years ?? scenario.horizon.years) * 365;
  const binDays = binDaysFor(horizonDays);
  const runs: Float64Array[] = [];
  let window = windowFlag;
  const bar = new ProgressBar(io.stderrIsTty ? io.stderr : undefined, `warmup ${scenario.name}`);
  try {
    for (let r = 0; r < reps; r++) {
      const record = runawayAsBadInput(file, () => runScenario(fromZero, replicationSeed(seed, r), { years, maxEvents, lean: true }));
      const digest = digestOf(record, metricsOf(record));
      // Checked after the first run so a bad --window fails in seconds, with the bins the digest really has.
      if (r === 0) window = resolveWindow(windowFlag, digest.bins, digest.binDays);
      runs.push(seriesOf(digest, seriesName));
      bar.update((r + 1) / reps, `${r + 1}/${reps} reps`);
    }
  } finally {
    bar.done();
  }
  const result = welch(runs, window!);
  let k: number;
  try {
    k = suggestWarmup(result.smoothed, DEFAULTS.tolerance);
    lastHalfLevel(result.smoothed); // the report needs it; a series with no values there is bad input, not a bug
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${file}: series ${seriesName}: ${e.message} (try another --series, or more --years)`);
    throw e;
  }

  if (out !== undefined) writeOut(out, welchCsv(result, binDays));
  io.stdout(
    report({
      file,
      scenario,
      series: seriesName,
      reps,
      seed,
      years: years ?? scenario.horizon.years,
      binDays,
      result,
      suggested: k,
    }),
  );
  return EXIT_OK;
}


function checkSeriesFits(scenario: Scenario, series: WarmupSeries, file: string): void {
  if (scenario.model === 'queue') {
    if (!QUEUE_WARMUP_SERIES.includes(series)) {
      throw new UsageError(`series "${series}" needs a municipality scenario; ${file} is a queue scenario, which supports only ${QUEUE_WARMUP_SERIES.join(', ')}`);
    }
    return;
  }
  if (series === 'caseload' && scenario.municipality.coordination === null) {
    throw new UsageError(`series "caseload" needs coordinators; ${file} has no municipality.coordination`);
  }
}

function resolveWindow(flag: number | undefined, bins: number, binDays: number): number {
  if (bins < 3) throw new UsageError(`the run has only ${bins} time bin${bins === 1 ? '' : 's'}; Welch's method needs at least 3: use a longer --years`);
  if (flag !== undefined) {
    if (flag >= bins / 2) throw new UsageError(`--window must be < bins/2 = ${bins / 2} for this run (${bins} bins), got ${flag}`);
    return flag;
  }
  const preferred = binDays > 7 ? DEFAULTS.monthlyWindow : DEFAULTS.weeklyWindow;
  // Law & Kelton: w <= m/4, so at least three quarters of the curve has a full window.
  return Math.max(1, Math.min(preferred, Math.floor(bins / 4)));
}

/** The CSV of `--out`: one row per bin; smoothed is empty for the last `window` bins. Each row carries the software and model version, as every output does. */
export function welchCsv(result: WelchResult, binDays: number): string {
  const rows = ['bin,startDays,mean,smoothed,version,modelVersion'];
  for (let b = 0; b < result.bins; b++) {
    const s = b < result.smoothed.length ? result.smoothed[b] : NaN;
    rows.push([b, csvNumber(b * binDays), csvNumber(result.mean[b]), csvNumber(s), VERSION, MODEL_VERSION].join(','));
  }
  return `${rows.join('\n')}\n`;
}

function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

interface ReportInput {
  file: string;
  scenario: Scenario;
  series: WarmupSeries;
  reps: number;
  seed: number;
  years: number;
  binDays: number;
  result: WelchResult;
  suggested: number;
}

function report(o: ReportInput): string {
  const { result, binDays, suggested: k } = o;
  const unit = binDays > 7 ? 'month' : 'week';
  const lines: string[] = [];
  lines.push(`Welch warm-up analysis: ${o.scenario.name} (${o.file})`);
  lines.push(`series ${o.series}: ${WARMUP_SERIES_LABELS[o.series]}`);
  const lastSeed = replicationSeed(o.seed, o.reps - 1);
  lines.push(
    `${o.reps} replication${o.reps === 1 ? '' : 's'} (seed${o.reps === 1 ? ` ${o.seed}` : `s ${o.seed}..${lastSeed}`}) x ${o.years} year${o.years === 1 ? '' : 's'}, run with warm-up 0; ` +
      `${result.bins} ${unit}ly bins of ${fmt(binDays)} days; moving average over 2W + 1 = ${2 * result.window + 1} bins (W = ${result.window})`,
  );
  lines.push('');

  const shown = sampleBins(result.bins, DEFAULTS.maxRows, k);
  const header = ['bin', 'startDays', unit, 'mean', 'smoothed'];
  const rows = shown.map((b) => [
    String(b),
    (b * binDays).toFixed(0),
    String(b + 1),
    fmt(result.mean[b]),
    b < result.smoothed.length ? fmt(result.smoothed[b]) : '-',
  ]);
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(w[i])).join('  ') + (Number(r[0]) === k ? '  <- first bin after the suggested warm-up' : '');
  lines.push(line(header));
  lines.push(w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of rows) lines.push(line(r));
  if (shown.length < result.bins) lines.push(`(${shown.length} of ${result.bins} bins shown; --out writes them all)`);
  lines.push(`(smoothed is '-' in the last ${result.window} bins: no centred window)`);
  lines.push('');

  const spark = sparkline(result.smoothed, DEFAULTS.sparklineWidth, k);
  const prefix = 'smoothed  ';
  lines.push(`${prefix}${spark.text}  min ${fmt(spark.min)}, max ${fmt(spark.max)}`);
  if (spark.marker >= 0) lines.push(`${' '.repeat(prefix.length + spark.marker)}^ bin ${k}`);

  const pct = `±${DEFAULTS.tolerance * 100}%`;
  if (k < 0) {
    lines.push(
      `no warm-up suggested: the smoothed curve ends outside the ${pct} band around the mean of its last half; ` +
        'run longer (--years), add replications (--reps) or widen --window, and check the curve',
    );
  } else {
    lines.push(`suggested warm-up: ${(k * binDays).toFixed(0)} days (bin ${k}); set horizon.warmupDays and check the curve`);
    lines.push(`  rule: from bin ${k} on, the smoothed curve stays within ${pct} of the mean of its last half`);
    if (k > result.smoothed.length / 2) {
      lines.push('  warning: that is in the second half of the curve, which the rule takes as steady state: too few replications or too short a run to tell');
    }
  }
  const level = lastHalfLevel(result.smoothed);
  const spread = level.mean !== 0 ? (2 * level.sd) / Math.abs(level.mean) : NaN;
  lines.push(
    `  last half of the smoothed curve: mean ${fmt(level.mean)}, sd ${fmt(level.sd)}` +
      (Number.isFinite(spread) ? ` (2 sd = ±${(spread * 100).toFixed(1)}% of the mean; the band is ${pct})` : ''),
  );
  if (spread > DEFAULTS.tolerance) {
    lines.push('  the curve still moves more than the band there (noise or drift): add --reps, widen --window or run longer before trusting the suggestion');
  }
  lines.push(`the scenario sets horizon.warmupDays = ${o.scenario.horizon.warmupDays}`);
  return `${lines.join('\n')}\n`;
}

/** At most about `max` evenly spaced bins, always with the first, the last and the suggested one. */
function sampleBins(bins: number, max: number, suggested: number): number[] {
  if (bins <= max) return Array.from({ length: bins }, (_, b) => b);
  const step = Math.ceil(bins / max);
  const set = new Set<number>();
  for (let b = 0; b < bins; b += step) set.add(b);
  set.add(bins - 1);
  if (suggested >= 0 && suggested < bins) set.add(suggested);
  return [...set].sort((a, b) => a - b);
}

/** Low to high; ASCII so it survives any terminal, log file or e-mail. */
const SPARK_LEVELS = '_.:-=+*#';

/** The curve squeezed into `width` columns (NaN-aware column means); `marker` is the column of bin `at`, -1 if none. */
function sparkline(ys: Float64Array, width: number, at: number): { text: string; min: number; max: number; marker: number } {
  const cols = Math.min(width, ys.length);
  const values = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * ys.length) / cols);
    const hi = Math.floor(((c + 1) * ys.length) / cols);
    let sum = 0;
    let n = 0;
    for (let j = lo; j < hi; j++) {
      if (Number.isNaN(ys[j])) continue;
      sum += ys[j];
      n++;
    }
    values[c] = n > 0 ? sum / n : NaN;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const top = SPARK_LEVELS.length - 1;
  let text = '';
  for (const v of values) {
    if (Number.isNaN(v)) text += ' ';
    else text += SPARK_LEVELS[max > min ? Math.round(((v - min) / (max - min)) * top) : Math.floor(top / 2)];
  }
  const marker = at >= 0 && at < ys.length ? Math.floor((at * cols) / ys.length) : -1;
  return { text, min, max, marker };
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return x.toExponential(3);
  if (Number.isInteger(x)) return String(x);
  return a >= 100 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}
