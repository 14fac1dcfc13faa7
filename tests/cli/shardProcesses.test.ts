// Issue 15: one sweep split with `--shard K/N` over N separate processes, started the way the
// README's Slurm and Kubernetes examples start them (their command lines, read from README.md, run
// by bash with the array index in the environment), then `koordsim merge` over the shell glob the
// README uses, gives byte for byte the CSV of one unsharded run.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const koordsim = `${process.execPath} ${join(root, 'bin', 'koordsim.js')}`;
const tmp = mkdtempSync(join(tmpdir(), 'koordsim-shards-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small grid: 2 × 2 points × 3 replications of one year = 12 tasks, so 3 shards get 4 each. */
const EXPERIMENT = join(tmp, 'exp.json');
writeFileSync(
  EXPERIMENT,
  JSON.stringify({
    formatVersion: 1,
    name: 'sharded in processes',
    scenario: join(root, 'scenarios', 'hvr-nord-stafett.json'),
    seed: 11,
    replications: 3,
    years: 1,
    warmupDays: 120,
    metrics: ['betweenChairs.events', 'waitDays.mean', 'referralsLost'],
    parameters: [
      { name: 'lost', path: '$.municipality.channels.paper.lostProbability', values: [0.01, 0.08] },
      { name: 'inhabitants', path: '$.municipality.inhabitants', values: [8000, 12000] },
    ],
    design: { kind: 'grid' },
  }),
);
const SHARDS = 3;

/** The README's code line that starts `npx koordsim <command>` and contains `needle`, continuation lines joined. */
function readmeCommand(needle: string): string {
  const text = readFileSync(join(root, 'README.md'), 'utf8').replace(/\\\n\s*/g, '');
  const fenced = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  const inline = [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s*\n\s*/g, ' '));
  const hit = [...fenced, ...inline].find((line) => line.includes(needle) && /npx koordsim/.test(line));
  if (hit === undefined) throw new Error(`README.md has no npx koordsim command with ${needle}`);
  return hit.trim();
}

/** The README's command for our experiment and shard count; `npx koordsim` is this checkout's bin (no registry). */
function localised(command: string): string {
  return command
    .replace(/npx koordsim/g, koordsim)
    .replace(/experiments\/koordinatorer-antall-og-andel\.json|EXPERIMENT\.json/g, EXPERIMENT)
    .replace(/\/10\b/g, `/${SHARDS}`)
    .replace(/--jobs \d+/g, '--jobs 1');
}

async function bash(command: string, env: Record<string, string>, cwd: string): Promise<void> {
  await run('bash', ['-c', command], { cwd, env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
}

it('Slurm and Kubernetes array jobs of `sweep --shard K/N` in separate processes merge byte for byte into the unsharded run', async () => {
  const whole = join(tmp, 'whole.csv');
  await bash(`${koordsim} sweep ${EXPERIMENT} --jobs 1 --out ${whole}`, {}, tmp);
  const expected = readFileSync(whole, 'utf8');
  expect(expected.split('\n').length).toBeGreaterThan(12 * 3);

  // Slurm: SLURM_ARRAY_TASK_ID runs 1..N; the shards write into results/ and are merged by glob.
  const slurm = localised(readmeCommand('SLURM_ARRAY_TASK_ID'));
  const slurmDir = mkdtempSync(join(tmp, 'slurm-'));
  await Promise.all(Array.from({ length: SHARDS }, (_, i) => bash(slurm, { SLURM_ARRAY_TASK_ID: String(i + 1) }, slurmDir)));
  expect(readdirSync(join(slurmDir, 'results')).filter((f) => f.endsWith('.csv'))).toHaveLength(SHARDS);
  await bash(localised(readmeCommand('results/shard-*.csv --out')), {}, slurmDir);
  expect(readFileSync(join(slurmDir, 'results.csv'), 'utf8')).toBe(expected);

  // Kubernetes Indexed Job: JOB_COMPLETION_INDEX runs 0..N-1; /results is a shared volume (here a folder).
  const k8s = localised(readmeCommand('JOB_COMPLETION_INDEX')).replace(/\/results\//g, `${join(tmp, 'volume')}/`);
  await Promise.all(Array.from({ length: SHARDS }, (_, i) => bash(k8s, { JOB_COMPLETION_INDEX: String(i) }, tmp)));
  const shards = readdirSync(join(tmp, 'volume')).filter((f) => f.endsWith('.csv'));
  expect(shards).toHaveLength(SHARDS);
  const merged = join(tmp, 'k8s.csv');
  await bash(`${koordsim} merge ${EXPERIMENT} ${join(tmp, 'volume')}/shard-*.csv --out ${merged}`, {}, tmp);
  expect(readFileSync(merged, 'utf8')).toBe(expected);
}, 300_000);
