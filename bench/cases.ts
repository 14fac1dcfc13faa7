// One benchmark case per process, so peak memory (maxRSS) belongs to that case alone.
// Usage: tsx bench/cases.ts <case> ; prints one JSON object on stdout.
import { readFileSync } from 'node:fs';
import * as detmath from '../src/engine/detmath.js';
import { exponential } from '../src/engine/distributions.js';
import { EventQueue } from '../src/engine/eventQueue.js';
import { runTasks } from '../src/experiment/pool.js';
import { RandomSource } from '../src/engine/random.js';
import { runQueue } from '../src/model/queue/queueModel.js';
import type { MunicipalityScenario, QueueScenario } from '../src/scenario/schema.js';
import { runMunicipality } from '../src/model/municipality/municipalityModel.js';
import { parseScenario } from '../src/scenario/validate.js';

const REPEATS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

function mmc(departures: number) {
  const file = 'scenarios/validation/mmc.json';
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file) as QueueScenario;
  // A horizon long enough that the run always stops at the departure count.
  const long = { ...scenario, horizon: { ...scenario.horizon, years: 10_000 } };
  runQueue(long, 0, { stopAfterDepartures: 50_000 }); // warm up the JIT
  const runs = Array.from({ length: REPEATS }, (_, i) => time(() => runQueue(long, i + 1, { stopAfterDepartures: departures })));
  const events = runs[0].value.eventsProcessed;
  const ms = median(runs.map((r) => r.ms));
  return {
    case: 'mmc',
    scenario: file,
    departures,
    events,
    wallMs: ms,
    eventsPerSecond: events / (ms / 1000),
    repeats: REPEATS,
  };
}

/** The classic hold model: a queue of `size` events; each hold pops the minimum and pushes it back later. */
function hold(size: number, holds: number) {
  const once = (seed: number) => {
    const rng = new RandomSource(seed).stream('hold');
    const q = new EventQueue(size);
    for (let i = 0; i < size; i++) q.push(exponential(rng, 1), 0, i, 0, 0);
    let t = 0;
    for (let i = 0; i < holds; i++) {
      q.pop();
      t = q.lastTime;
      q.push(t + exponential(rng, 1), 0, q.lastA, 0, 0);
    }
    return t;
  };
  once(0);
  const runs = Array.from({ length: REPEATS }, (_, i) => time(() => once(i + 1)));
  const ms = median(runs.map((r) => r.ms));
  return { case: `queue.hold.${size}`, queueSize: size, holds, wallMs: ms, holdsPerSecond: holds / (ms / 1000), repeats: REPEATS };
}

/** One replication of a municipality scenario (10 simulated years by default). */
function municipality(file: string) {
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file) as MunicipalityScenario;
  runMunicipality(scenario, 0, { horizonDays: scenario.horizon.warmupDays + 365 }); // warm up the JIT
  const runs = Array.from({ length: REPEATS }, (_, i) => time(() => runMunicipality(scenario, i + 1)));
  const ms = median(runs.map((r) => r.ms));
  const events = runs[0].value.eventsProcessed;
  return { case: `municipality:${file}`, years: scenario.horizon.years, users: runs[0].value.users.arrival.length, events, wallMs: ms, eventsPerSecond: events / (ms / 1000), repeats: REPEATS };
}

/**
 * Cost of deterministic maths (src/engine/detmath.ts, issue 12): nanoseconds per call of each
 * function against the engine's own Math.* on the same inputs, in the same process.
 */
function detmathCost() {
  const N = 1 << 16;
  const xs = new Float64Array(N);
  const ys = new Float64Array(N);
  const rng = new RandomSource(1).stream('detmath');
  for (let i = 0; i < N; i++) {
    xs[i] = 0.001 + 20 * rng.next();
    ys[i] = 4 * rng.next() - 2;
  }
  const CALLS = 4_000_000;
  const per = (f: (x: number, y: number) => number) => {
    let sink = 0;
    for (let i = 0; i < 200_000; i++) sink += f(xs[i & (N - 1)], ys[i & (N - 1)]); // warm up the JIT
    const runs = Array.from({ length: REPEATS }, () =>
      time(() => {
        for (let i = 0; i < CALLS; i++) sink += f(xs[i & (N - 1)], ys[i & (N - 1)]);
        return sink;
      }),
    );
    return (median(runs.map((r) => r.ms)) * 1e6) / CALLS;
  };
  const pairs: Array<[string, (x: number, y: number) => number, (x: number, y: number) => number]> = [
    ['exp', (x, y) => detmath.exp(-x * y), (x, y) => Math.exp(-x * y)],
    ['log', (x) => detmath.log(x), (x) => Math.log(x)],
    ['log1p', (x) => detmath.log1p(x), (x) => Math.log1p(x)],
    ['pow', (x, y) => detmath.pow(x, y), (x, y) => Math.pow(x, y)],
    ['cos', (x) => detmath.cos(x), (x) => Math.cos(x)],
  ];
  const nsPerCall: Record<string, { detmath: number; math: number; ratio: number }> = {};
  for (const [name, det, native] of pairs) {
    const d = per(det);
    const m = per(native);
    nsPerCall[name] = { detmath: d, math: m, ratio: d / m };
  }
  return { case: 'detmath', calls: CALLS, repeats: REPEATS, nsPerCall };
}

/** Replications per second of one scenario through the experiment pool, serially (jobs 1) or in parallel. */
async function replications(file: string, jobs: number, reps: number): Promise<Record<string, unknown>> {
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
  const tasks = Array.from({ length: reps }, (_, i) => ({ scenario, seed: i + 1 }));
  await runTasks(tasks.slice(0, 1), { jobs: 1 }); // warm up the JIT (the serial path runs in-process)
  // For jobs > 1 the time includes starting each worker with a cold compiler (the warm-up above
  // only warms this thread); CPU time shows what V8's own background threads add on few cores.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runTasks(tasks, { jobs });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { case: `replications:${file}:${jobs}`, jobs, replications: reps, wallMs: ms, cpuMs: (cpu.user + cpu.system) / 1000, replicationsPerSecond: reps / (ms / 1000) };
}

const which = process.argv[2];
let result: Record<string, unknown>;
switch (which) {
  case 'mmc':
    result = mmc(1_000_000);
    break;
  case 'hold':
    result = hold(16, 2_000_000); // about the M/M/c queue's pending-event count
    break;
  case 'detmath':
    result = detmathCost();
    break;
  case 'hold-large':
    result = hold(10_000, 2_000_000);
    break;
  default:
    if (which?.startsWith('replications:')) {
      // replications:<file>:<jobs>
      const [, file, jobs] = which.split(':');
      result = await replications(file, Number(jobs), 24);
      break;
    }
    if (which?.startsWith('municipality:')) {
      result = municipality(which.slice('municipality:'.length));
      break;
    }
    throw new Error(`unknown bench case ${which}`);
}
const mem = process.memoryUsage();
result.peakRssMB = process.resourceUsage().maxRSS / 1024;
result.heapUsedMB = mem.heapUsed / 2 ** 20;
process.stdout.write(`${JSON.stringify(result)}\n`);
