// `npm run bench`: runs each case in its own process and writes bench/results/bench.json.
// Speed and memory are measured here, never in timed tests.
// `npm run bench -- --quick`: every case, with fewer repeats, shorter horizons and fewer replications,
// in a few minutes (bench/results/bench-quick.json). Naming cases runs only those.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { MODEL_VERSION, VERSION } from '../src/version.js';
import { BASE_50K, CITY_700K } from './workloads.js';

const municipalities = [
  'scenarios/kommune-stafettlop.json',
  'scenarios/kommune-integrert-team.json',
  'scenarios/hvr-nord-stafett.json',
  'scenarios/kommune-stafettlop-koordinator.json',
  'scenarios/kommune-integrert-team-koordinator.json',
  'scenarios/rop-kombinert-rolle.json',
  'scenarios/barn-ip-koordinerende-enhet.json',
  'scenarios/kreftkoordinator.json',
  'scenarios/systemkoordinator.json',
].filter((f) => existsSync(f));
const quick = process.argv.includes('--quick');
const named = process.argv.slice(2).filter((a) => a !== '--quick');
const cores = availableParallelism();
const base = BASE_50K;
// Issue 15: replications per second of 100 replications of the 50k municipality with coordinators on
// 1, 2, 4, 8 and all cores (quick: 12 replications of 2 years). More jobs than cores are run too, to
// show they do not help.
const jobCounts = [...new Set([1, 2, 4, 8, cores])].sort((a, b) => a - b);
const replicationCases = jobCounts.map((jobs) => (quick ? `replications:${base}:${jobs}:12:2` : `replications:${base}:${jobs}:100`));
// The scaling table: the base scaled to 10k, 50k and 200k inhabitants, and the shipped 700k city.
const scaleYears = quick ? 2 : 10;
const scaleCases = [10_000, 50_000, 200_000, 700_000].map((n) => `scale:${n}:${scaleYears}`);
// `browser`: one run of bench/browser.ts (the dashboard's main thread while 20 replications a side
// stream in; `npm run bench:browser` repeats it for the spread); `browser:city`: the same with the
// 700k city opened as A and B, one replication a side (issue 15: the city streams without a
// main-thread task over 50 ms). Both report {skipped} without Chromium.
const CITY = CITY_700K;
const cases =
  named.length > 0
    ? named
    : quick
      ? ['w1', 'startup', 'hold', 'hold-large', ...scaleCases, 'memory:10', 'memory:100', 'memory:10:lean', 'memory:100:lean', 'memory:10:full', 'memory:100:full', ...replicationCases]
      : ['w1', 'startup', 'hold', 'hold-large', 'detmath', 'mmc', ...municipalities.map((f) => `municipality:${f}`), ...scaleCases, 'memory:10', 'memory:100', 'memory:10:lean', 'memory:100:lean', 'memory:10:full', 'memory:100:full', ...replicationCases, 'browser', 'browser:city'];
const results: Record<string, Record<string, unknown>> = {};
for (const c of cases) {
  process.stderr.write(`bench: ${c} ...\n`);
  if (c === 'browser' || c === 'browser:city') {
    const city = c === 'browser:city' ? ['--scenario', CITY, '--reps', '1'] : [];
    const out = execFileSync(process.execPath, ['--import', 'tsx', join('bench', 'browser.ts'), '--repeat', '1', ...city], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    results[c] = JSON.parse(out);
    continue;
  }
  // --expose-gc: the memory cases collect garbage before reading the heap they still hold.
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join('bench', 'cases.ts'), c, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  results[c] = JSON.parse(out.trim().split('\n').pop()!);
}
const mmc = results.mmc as { eventsPerSecond?: number } | undefined;
const hold = results.hold as { holdsPerSecond?: number } | undefined;
const memory = (years: number, mode: '' | ':lean' | ':full' = '') => results[`memory:${years}${mode}`] as { peakRssMB: number; heapHeldAfterRunMB: number } | undefined;
const ratio = (m10: ReturnType<typeof memory>, m100: ReturnType<typeof memory>) => (m10 && m100 ? { peakRss: m100.peakRssMB / m10.peakRssMB, heapHeld: m100.heapHeldAfterRunMB / m10.heapHeldAfterRunMB } : null);
/** The commit measured, with `+dirty` when the work tree has changes (null outside a git checkout). */
function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}
const report = {
  version: VERSION,
  modelVersion: MODEL_VERSION,
  commit: commit(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores,
  quick,
  // The bench shares the machine with whatever else runs: wall times include waiting for a core,
  // CPU times (cpuMs) do not. Rates in w1 and scale:* are per CPU second.
  loadAverage: loadavg(),
  results,
  // Issue 15's table, pulled out of the results (null where a case was not run).
  summary: {
    w1: results.w1 ?? null,
    startup: results.startup ?? null,
    scaling: scaleCases.filter((c) => results[c]).map((c) => {
      const r = results[c] as { inhabitants: number; years: number; users: number; events: number; cpuMs: number; wallMs: number; coldCpuMs: number; coldWallMs: number; eventsPerSecond: number; peakRssMB: number };
      // Warm: per replication once the process has run some (the pool's workers, run --reps N); cold: the first in a fresh process.
      return { inhabitants: r.inhabitants, years: r.years, users: r.users, events: r.events, secondsPerReplication: r.cpuMs / 1000, wallSeconds: r.wallMs / 1000, coldSecondsPerReplication: r.coldCpuMs / 1000, coldWallSeconds: r.coldWallMs / 1000, eventsPerSecond: r.eventsPerSecond, peakRssMB: r.peakRssMB };
    }),
    // Streamed runs (koordsim run, compare, sweep, the pool), lean runs (the dashboard's workers),
    // and runs that keep everything (live view, --trace).
    memory100vs10: ratio(memory(10), memory(100)),
    memory100vs10Lean: ratio(memory(10, ':lean'), memory(100, ':lean')),
    memory100vs10Full: ratio(memory(10, ':full'), memory(100, ':full')),
    // The dashboard: the default 50k pair (first chart, long tasks) and the 700k city.
    dashboard: { pair: results.browser ?? null, city: results['browser:city'] ?? null },
    replications: replicationCases.filter((c) => results[c]).map((c) => {
      const r = results[c] as { jobs: number; replications: number; years: number; wallMs: number; replicationsPerSecond: number };
      return { jobs: r.jobs, replications: r.replications, years: r.years, wallSeconds: r.wallMs / 1000, replicationsPerSecond: r.replicationsPerSecond };
    }),
  },
  // Engine overhead: how many times slower a full M/M/c event is than one bare hold operation.
  engineOverheadRatio: mmc?.eventsPerSecond && hold?.holdsPerSecond ? hold.holdsPerSecond / mmc.eventsPerSecond : null,
};
mkdirSync(join('bench', 'results'), { recursive: true });
const outFile = join('bench', 'results', named.length > 0 ? 'bench-cases.json' : quick ? 'bench-quick.json' : 'bench.json');
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`bench: ${cores} cores; wrote ${outFile}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
