// One benchmark case per process, so peak memory (maxRSS) belongs to that case alone.
// Usage: tsx bench/cases.ts <case> [--quick] ; prints one JSON object on stdout.
// CPU times (process.cpuUsage) are reported beside wall times: the bench machine may be shared.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as detmath from '../src/engine/detmath.js';
import { exponential } from '../src/engine/distributions.js';
import { EventQueue } from '../src/engine/eventQueue.js';
import { runTasks } from '../src/experiment/pool.js';
import { RandomSource } from '../src/engine/random.js';
import { runQueue } from '../src/model/queue/queueModel.js';
import type { MunicipalityScenario, QueueScenario } from '../src/scenario/schema.js';
import { runMunicipality } from '../src/model/municipality/municipalityModel.js';
import { parseScenario } from '../src/scenario/validate.js';
import { scaleScenario, type RawScenario } from '../scripts/scaleScenario.js';
import { bareHeapMmc, type MmcParams } from './bareHeapMmc.js';
import { jsSimulatorMmc } from './jsSimulatorMmc.js';
import { BASE_50K, CITY_700K } from './workloads.js';

/** `--quick`: fewer repeats, shorter horizons, fewer replications, so the whole bench takes a few minutes. */
const QUICK = process.argv.includes('--quick');
const REPEATS = QUICK ? 3 : 5;
/** Unmeasured replications before the warm ones of a scaling case below 200,000 inhabitants (see scale). */
const WARM_RUNS = QUICK ? 3 : 8;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

/**
 * W1 (issue 15): M/M/10, λ 9 and μ 1 per day, until 10^6 customers have left, on koordsim's engine
 * (runQueue), on the bare typed-array heap (bench/bareHeapMmc.ts) and on js-simulator
 * (bench/jsSimulatorMmc.ts), interleaved in one process so the three see the same machine load.
 * Same streams and samplers in all three, so the same customers arrive and leave: the simulated
 * end time must agree, or the comparison is void.
 */
function w1(customers: number) {
  const params: MmcParams = { arrivalsPerDay: 9, meanServiceDays: 1, servers: 10 };
  const scenario = parseScenario({ formatVersion: 1, name: 'W1', model: 'queue', horizon: { years: 10_000, warmupDays: 0 }, calendar: { alwaysOpen: true }, queue: params }, 'W1') as QueueScenario;
  const engines: Record<string, (seed: number) => { events: number; now: number }> = {
    koordsim: (seed) => {
      const r = runQueue(scenario, seed, { stopAfterDepartures: customers });
      return { events: r.eventsProcessed, now: r.horizonDays };
    },
    bareHeap: (seed) => bareHeapMmc(params, seed, customers),
    jsSimulator: (seed) => jsSimulatorMmc(params, seed, customers),
  };
  for (const f of Object.values(engines)) f(0); // warm up the JIT
  const runs: Record<string, Array<{ ms: number; cpuMs: number; value: { events: number; now: number } }>> = { koordsim: [], bareHeap: [], jsSimulator: [] };
  for (let r = 1; r <= REPEATS; r++) {
    for (const [name, f] of Object.entries(engines)) {
      // Each engine starts with a clean heap (run.ts passes --expose-gc): js-simulator's garbage
      // (one object per departure) must not be collected on koordsim's time, nor the reverse.
      globalThis.gc?.();
      runs[name].push(time(() => f(r)));
    }
  }
  for (let r = 0; r < REPEATS; r++) {
    const ends = Object.values(runs).map((x) => x[r].value.now);
    if (ends.some((e) => e !== ends[0])) throw new Error(`W1: the three engines disagree on the simulated end time of repeat ${r + 1}: ${ends.join(', ')}`);
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => {
      const cpuMs = median(rs.map((x) => x.cpuMs));
      const wallMs = median(rs.map((x) => x.ms));
      return [name, { events: rs[0].value.events, wallMs, cpuMs, customersPerSecond: customers / (cpuMs / 1000) }];
    }),
  );
  const k = summary.koordsim.customersPerSecond;
  return {
    case: 'w1',
    queue: params,
    customers,
    repeats: REPEATS,
    ...summary,
    // Rates are per CPU second of the main thread (medians over interleaved repeats).
    ratioToBareHeap: k / summary.bareHeap.customersPerSecond,
    ratioToJsSimulator: k / summary.jsSimulator.customersPerSecond,
    targets: { customersPerSecond: 4e6, ratioToBareHeap: 2 / 3, ratioToJsSimulator: 1.4 },
  };
}

function loadRaw(file: string): RawScenario {
  return JSON.parse(readFileSync(file, 'utf8')) as RawScenario;
}

/** The base scenario scaled to `inhabitants` (or the shipped 700k city), parsed. */
function scaled(inhabitants: number): { file: string; scenario: MunicipalityScenario } {
  if (inhabitants === 700_000) return { file: CITY_700K, scenario: parseScenario(loadRaw(CITY_700K), CITY_700K) as MunicipalityScenario };
  const base = loadRaw(BASE_50K);
  const file = `${BASE_50K} ×${inhabitants / base.municipality.inhabitants}`;
  return { file, scenario: parseScenario(scaleScenario(base, inhabitants / base.municipality.inhabitants), file) as MunicipalityScenario };
}

/** `scenario` over `years` years; a warm-up that would not fit is halved until it does (quick mode's short runs). */
function shortened<S extends { horizon: { years: number; warmupDays: number } }>(scenario: S, years: number): S {
  let warmupDays = scenario.horizon.warmupDays;
  while (warmupDays >= years * 365) warmupDays = Math.floor(warmupDays / 2);
  return { ...scenario, horizon: { years, warmupDays } };
}

/**
 * One row of the scaling table: replications of the base municipality scaled to `inhabitants`,
 * `years` simulated years after the warm-up's start (the scenario's own warm-up). Two figures:
 *
 * - cold: the first replication in a fresh process, as one `koordsim run --reps 1` pays it. V8
 *   compiles the model as it runs (and counts its compiler threads' time as the process's CPU), so
 *   a cold 50k replication costs 2-4 times a warm one (measured 2026-12-07: 1.9 s CPU, then 1.5,
 *   0.8, 0.7, ... 0.3 s in one process).
 * - warm (the headline, `cpuMs`): per replication once the process has run some, as the experiment
 *   pool's workers, `run --reps N`, compare and sweep pay it for all but their first few. Below
 *   200,000 inhabitants the median of REPEATS after WARM_RUNS unmeasured replications; at 200,000
 *   and more the second replication (the first one warms the process up).
 */
function scale(inhabitants: number, years: number) {
  const { file, scenario } = scaled(inhabitants);
  const s = shortened(scenario, years);
  const big = inhabitants >= 200_000;
  // Streamed, as `koordsim run`, compare, sweep and the experiment pool make it (no event log, users
  // who left released, rows folded into the metrics as the run goes).
  let seed = 1;
  const run = () => runMunicipality(s, seed++, { stream: true });
  const cold = time(run);
  if (!big) for (let i = 0; i < WARM_RUNS; i++) run();
  const runs = Array.from({ length: big ? 1 : REPEATS }, () => time(run));
  // Users and events of the first measured warm replication, as its CPU time beside them.
  const r = runs[0].value;
  const cpuMs = median(runs.map((x) => x.cpuMs));
  const coordinators = scenario.municipality.coordination?.pools.reduce((n, p) => n + p.count, 0) ?? 0;
  return {
    case: `scale:${inhabitants}:${years}`,
    scenario: file,
    inhabitants,
    years,
    warmupDays: s.horizon.warmupDays,
    coordinators,
    staffFte: scenario.municipality.services.reduce((n, x) => n + x.staffFte, 0),
    users: r.users.arrival.length,
    events: r.eventsProcessed,
    warmRuns: big ? 1 : 1 + WARM_RUNS,
    repeats: runs.length,
    wallMs: median(runs.map((x) => x.ms)),
    cpuMs,
    eventsPerSecond: median(runs.map((x) => x.value.eventsProcessed)) / (cpuMs / 1000),
    coldWallMs: cold.ms,
    coldCpuMs: cold.cpuMs,
  };
}

/** How a memory case runs: streamed (every batch run), lean (the dashboard's workers), or full (the live view, `run --trace`). */
type MemoryMode = 'stream' | 'lean' | 'full';

/**
 * Memory of one replication of the 50k municipality over `years` simulated years: peak RSS of this
 * process and the heap still held once the record is returned (the record is kept alive). Compare
 * 10 and 100 years: memory should not grow with simulated time (issue 15 asks ≤ 1.2×).
 * `memory:<years>` is a streamed run, as `koordsim run`, compare, sweep and the experiment pool
 * make it (rows folded into the metrics as it goes); `memory:<years>:lean` keeps the rows but no
 * event log and releases users who left (the dashboard's workers, which need the rows for their
 * charts); `memory:<years>:full` keeps everything (the live view, `run --trace`).
 */
function memory(years: number, mode: MemoryMode) {
  const { scenario } = scaled(50_000);
  const s = shortened(scenario, years);
  const t = time(() => runMunicipality(s, 1, { lean: mode !== 'full', stream: mode === 'stream' }));
  globalThis.gc?.();
  const mem = process.memoryUsage();
  const heapAfterMB = mem.heapUsed / 2 ** 20;
  return {
    case: `memory:${years}${mode === 'stream' ? '' : `:${mode}`}`,
    scenario: BASE_50K,
    years,
    mode,
    events: t.value.eventsProcessed,
    users: t.value.users.arrival.length,
    wallMs: t.ms,
    cpuMs: t.cpuMs,
    heapHeldAfterRunMB: heapAfterMB,
    arrayBuffersHeldAfterRunMB: mem.arrayBuffers / 2 ** 20,
  };
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
async function replications(file: string, jobs: number, reps: number, years?: number): Promise<Record<string, unknown>> {
  const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
  const scenario = years === undefined ? parsed : shortened(parsed, years);
  const tasks = Array.from({ length: reps }, (_, i) => ({ scenario, seed: i + 1 }));
  await runTasks(tasks.slice(0, 1), { jobs: 1 }); // warm up the JIT (the serial path runs in-process)
  // For jobs > 1 the time includes starting each worker with a cold compiler (the warm-up above
  // only warms this thread); CPU time shows what V8's own background threads add on few cores.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runTasks(tasks, { jobs });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { case: `replications:${file}:${jobs}`, jobs, cores: availableParallelism(), replications: reps, years: scenario.horizon.years, warmupDays: scenario.horizon.warmupDays, wallMs: ms, cpuMs: (cpu.user + cpu.system) / 1000, replicationsPerSecond: reps / (ms / 1000) };
}

/** CPU seconds (user + system) of this process's finished children, from /proc/self/stat; null off Linux. */
function childrenCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // Fields after the command's closing parenthesis: cutime and cstime are the 14th and 15th, in clock ticks (100 a second on Linux).
  const rest = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(rest[13]) + Number(rest[14])) / 100;
}

/**
 * CLI start-up (issue 15: `koordsim --help` in <= 0.3 s): `node bin/koordsim.js --help`, which
 * runs the compiled bundle (bin/compiledCli.js), against `node -e 0`, Node's own start-up;
 * interleaved, medians of CPU (children's user + system, 10 ms ticks) and wall seconds. The first
 * call builds the bundle if src/ changed and is not counted.
 */
function startup(repeats: number) {
  const commands: Record<string, string[]> = { help: ['bin/koordsim.js', '--help'], node: ['-e', '0'] };
  spawnSync(process.execPath, commands.help, { stdio: 'ignore' });
  const runs: Record<string, Array<{ cpu: number | null; wall: number }>> = { help: [], node: [] };
  for (let r = 0; r < repeats; r++) {
    for (const [name, args] of Object.entries(commands)) {
      const c0 = childrenCpuSeconds();
      const t0 = performance.now();
      const p = spawnSync(process.execPath, args, { stdio: 'ignore' });
      const wall = (performance.now() - t0) / 1000;
      if (p.status !== 0) throw new Error(`startup: node ${args.join(' ')} exited with ${p.status}`);
      const c1 = childrenCpuSeconds();
      runs[name].push({ cpu: c0 === null || c1 === null ? null : Math.round((c1 - c0) * 100) / 100, wall });
    }
  }
  const med = (name: string) => {
    const cpu = runs[name].map((x) => x.cpu);
    return { cpuSeconds: cpu.every((x) => x !== null) ? median(cpu as number[]) : null, wallSeconds: median(runs[name].map((x) => x.wall)) };
  };
  return { case: 'startup', repeats, help: med('help'), nodeItself: med('node'), target: { helpSeconds: 0.3 } };
}

const which = process.argv[2];
let result: Record<string, unknown>;
switch (which) {
  case 'w1':
    result = w1(QUICK ? 300_000 : 1_000_000);
    break;
  case 'mmc':
    result = mmc(1_000_000);
    break;
  case 'hold':
    result = hold(16, 2_000_000); // about the M/M/c queue's pending-event count
    break;
  case 'detmath':
    result = detmathCost();
    break;
  case 'startup':
    result = startup(QUICK ? 5 : 15);
    break;
  case 'hold-large':
    result = hold(10_000, 2_000_000);
    break;
  default:
    if (which?.startsWith('replications:')) {
      // replications:<file>:<jobs>[:<reps>[:<years>]]
      const [, file, jobs, reps, years] = which.split(':');
      result = await replications(file, Number(jobs), reps ? Number(reps) : 24, years ? Number(years) : undefined);
      break;
    }
    if (which?.startsWith('scale:')) {
      // scale:<inhabitants>:<years>
      const [, inhabitants, years] = which.split(':');
      result = scale(Number(inhabitants), Number(years));
      break;
    }
    if (which?.startsWith('memory:')) {
      const [years, mode = 'stream'] = which.slice('memory:'.length).split(':');
      if (mode !== 'stream' && mode !== 'lean' && mode !== 'full') throw new Error(`memory:${years}:${mode}: the mode is lean or full (or nothing, for a streamed run)`);
      result = memory(Number(years), mode);
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
