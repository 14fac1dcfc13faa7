// `npm run bench`: runs each case in its own process and writes bench/results/bench.json.
// Speed and memory are measured here, never in timed tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../src/version.js';

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
// Replications per second of the mid-sized municipality with coordinators, serial and on every core.
const replicationCases = [1, Math.max(2, cpus().length)].map((jobs) => `replications:scenarios/kommune-stafettlop-koordinator.json:${jobs}`);
// `browser`: one run of bench/browser.ts (the dashboard's main thread while 20 replications a side
// stream in; `npm run bench:browser` repeats it for the spread). It reports {skipped} without Chromium.
const cases = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['hold', 'hold-large', 'detmath', 'mmc', ...municipalities.map((f) => `municipality:${f}`), ...replicationCases, 'browser'];
const results: Record<string, Record<string, unknown>> = {};
for (const c of cases) {
  process.stderr.write(`bench: ${c} ...\n`);
  if (c === 'browser') {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join('bench', 'browser.ts'), '--repeat', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    results[c] = JSON.parse(out);
    continue;
  }
  const out = execFileSync(process.execPath, ['--import', 'tsx', join('bench', 'cases.ts'), c], { encoding: 'utf8' });
  results[c] = JSON.parse(out.trim().split('\n').pop()!);
}
const mmc = results.mmc as { eventsPerSecond?: number } | undefined;
const hold = results.hold as { holdsPerSecond?: number } | undefined;
const report = {
  version: VERSION,
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  results,
  // Engine overhead: how many times slower a full M/M/c event is than one bare hold operation.
  engineOverheadRatio: mmc?.eventsPerSecond && hold?.holdsPerSecond ? hold.holdsPerSecond / mmc.eventsPerSecond : null,
};
mkdirSync(join('bench', 'results'), { recursive: true });
writeFileSync(join('bench', 'results', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
