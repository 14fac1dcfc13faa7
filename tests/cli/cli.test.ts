import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { VERSION } from '../../src/version.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

const MMC = 'scenarios/validation/mmc.json';
const tmp = mkdtempSync(join(tmpdir(), 'koordsim-cli-'));

describe('koordsim CLI', () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [['--help'], ['run', '--help'], ['validate', '-h'], ['schema', '--help'], ['help', 'run']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: koordsim/);
    }
    expect((await cli('--version')).out.trim()).toBe(VERSION);
  });

  it('validates good files with exit 0 and bad files with exit 1 and every problem listed', async () => {
    expect((await cli('validate', MMC)).code).toBe(0);
    const bad = join(tmp, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ formatVersion: 1, name: 'bad', model: 'queue', queue: { arrivalsPerDay: -2, meanServiceDay: 1, servers: 3 }, horizon: { yeras: 2 } }, null, 2),
    );
    const r = await cli('validate', MMC, bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: 4 problems`);
    expect(r.err).toMatch(/bad\.json:\d+:\d+ \$\.queue\.arrivalsPerDay: expected a number > 0, found -2/);
    expect(r.err).toContain('$.queue.meanServiceDay: expected one of the keys');
    expect(r.err).toContain('(did you mean "meanServiceDays"?)');
    expect(r.err).toContain('$.horizon.yeras');
    expect(r.err).toContain('(did you mean "years"?)');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports unreadable files and broken JSON as bad input (exit 1), not crashes', async () => {
    const missing = await cli('validate', join(tmp, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{\n  "formatVersion": 1,\n  "name": "x",,\n}');
    const r = await cli('run', broken);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.json:3:\d+ \$: expected valid JSON, found a syntax error/);
  });

  it('rejects bad flags with exit 1 and a hint', async () => {
    for (const args of [
      ['run', MMC, '--reps', '0'],
      ['run', MMC, '--seed', 'abc'],
      ['run', MMC, '--years', '-1'],
      ['run', MMC, '--out', 'x.txt'],
      ['run', MMC, '--bogus'],
      ['run'],
      ['frobnicate'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(/^koordsim: /);
    }
  });

  it('run --json prints one object with the public shape', async () => {
    const r = await cli('run', MMC, '--reps', '3', '--years', '2', '--seed', '5', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['scenario', 'scenarioHash', 'seed', 'reps', 'version', 'metrics']));
    expect(o.seed).toBe(5);
    expect(o.reps).toBe(3);
    expect(o.seeds).toEqual([5, 6, 7]);
    expect(o.version).toBe(VERSION);
    expect(o.scenarioHash).toMatch(/^sha256:[0-9a-f]{16}$/);
    for (const name of ['arrivals', 'completed', 'waitDays.mean', 'waitDays.p90', 'probWait', 'utilisation', 'meanInSystem', 'eventsProcessed']) {
      const m = o.metrics[name];
      expect(m, name).toBeDefined();
      expect(m.values).toHaveLength(3);
      expect(m.ci95[0]).toBeLessThanOrEqual(m.mean);
      expect(m.ci95[1]).toBeGreaterThanOrEqual(m.mean);
    }
    // Replication r is reproducible on its own with seed + r.
    const one = JSON.parse((await cli('run', MMC, '--reps', '1', '--years', '2', '--seed', '6', '--json')).out);
    expect(one.metrics['waitDays.mean'].values[0]).toBe(o.metrics['waitDays.mean'].values[1]);
  });

  it('writes tidy CSV and JSON with --out', async () => {
    const csv = join(tmp, 'r.csv');
    const json = join(tmp, 'r.json');
    expect((await cli('run', MMC, '--reps', '2', '--years', '1', '--out', csv)).code).toBe(0);
    expect((await cli('run', MMC, '--reps', '2', '--years', '1', '--out', json)).code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('scenario,scenarioHash,version,modelVersion,seed,replication,years,warmupDays,metric,value');
    expect(rows.length).toBe(1 + 2 * Object.keys(JSON.parse(readFileSync(json, 'utf8')).metrics).length);
    expect(rows[1]).toMatch(/^M\/M\/c validation queue,sha256:[0-9a-f]{16},[\d.]+,[\d.]+,1,0,1,30,arrivals,\d+$/);
  });

  it('prints a readable table by default', async () => {
    const r = await cli('run', MMC, '--reps', '2', '--years', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/metric\s+mean\s+95% CI/);
    expect(r.out).toMatch(/utilisation\s+0\.\d+\s+\[/);
  });
});

describe('koordsim compare', () => {
  const NORD = 'scenarios/hvr-nord-stafett.json';
  const SOR = 'scenarios/hvr-sor-team.json';
  it('prints {a, b, diff} with paired differences B - A on the same seeds', async () => {
    const r = await cli('compare', NORD, SOR, '--reps', '4', '--years', '3', '--warmup-days', '365', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.a.seeds).toEqual(o.b.seeds);
    expect(o.a.metrics.usersArrived.values).toEqual(o.b.metrics.usersArrived.values); // common random numbers
    const d = o.diff.usersServed;
    const want = o.b.metrics.usersServed.mean - o.a.metrics.usersServed.mean;
    expect(d.mean).toBeCloseTo(want, 9);
    expect(d.ci95[0]).toBeLessThanOrEqual(d.mean);
    expect(o.diff['utilisation.tildeling']).toBeUndefined(); // only metrics both report
  });

  it('prints a side-by-side table and rejects a wrong number of files', async () => {
    const r = await cli('compare', NORD, SOR, '--reps', '2', '--years', '2', '--warmup-days', '365');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/metric\s+A\s+B\s+B - A\s+95% CI of B - A\s+CRN narrows\s+A\/B/);
    expect(r.out).toMatch(/usersServed\s+/);
    expect((await cli('compare', NORD)).code).toBe(1);
  });

  it('exports a replayable trace with run --trace', async () => {
    const file = join(tmp, 'trace.jsonl');
    expect((await cli('run', NORD, '--reps', '1', '--years', '2', '--warmup-days', '365', '--trace', file)).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(100);
    const user = lines.find((e) => e.kind === 'admitted').user;
    const path = lines.filter((e) => e.user === user).map((e) => e.kind);
    expect(path[0]).toBe('arrive');
    expect(path).toContain('referralSent');
    const q = await cli('run', MMC, '--reps', '1', '--years', '1', '--trace', file);
    expect(q.code).toBe(1);
    expect(q.err).toContain('needs a municipality scenario');
  });
});

describe('koordsim CLI: bad input says what to do (issue 19)', () => {
  const KOMMUNE = 'scenarios/kommune-stafettlop.json';

  it('a horizon shorter than the warm-up is bad input (exit 1) with the way out; --warmup-days 0 runs a terminating study', async () => {
    for (const args of [['run', KOMMUNE, '--years', '2'], ['compare', KOMMUNE, KOMMUNE, '--years', '4']]) {
      const r = await cli(...args);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/warm-up \(1460 days, horizon\.warmupDays 1460\) must be shorter than the horizon/);
      expect(r.err).toContain('--warmup-days 0');
      expect(r.err).not.toContain('internal error');
    }
    const ok = await cli('run', KOMMUNE, '--years', '1', '--warmup-days', '0', '--reps', '1', '--json');
    expect(ok.code, ok.err).toBe(0);
    const out = JSON.parse(ok.out) as { years: number; warmupDays: number };
    expect([out.years, out.warmupDays]).toEqual([1, 0]);
  });

  it('a sweep takes --reps, --years, --seed and --warmup-days, records them in its manifest, and refuses a horizon inside the warm-up', async () => {
    const out = join(tmp, 'quick.csv');
    const r = await cli('sweep', 'tests/golden/sweep-point.experiment.json', '--reps', '2', '--years', '2', '--seed', '5', '--warmup-days', '0', '--out', out, '--jobs', '1');
    expect(r.code, r.err).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.length - 1).toBe(2 * 4); // 2 replications x 4 metrics, one point
    const manifest = JSON.parse(readFileSync(join(tmp, 'quick.manifest.json'), 'utf8')) as { command: string; replications: number; seed: number; years: number; warmupDays: number };
    expect([manifest.replications, manifest.seed, manifest.years, manifest.warmupDays]).toEqual([2, 5, 2, 0]);
    expect(manifest.command).toContain('--reps 2 --years 2 --seed 5 --warmup-days 0');
    const bad = await cli('sweep', 'tests/golden/sweep-point.experiment.json', '--years', '0.5', '--jobs', '1');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\$\.years.*must be shorter than the horizon/s);
  });

  it('an experiment whose scenario is missing says the path is relative to the experiment file', async () => {
    const exp = join(tmp, 'copied.json');
    writeFileSync(exp, readFileSync('experiments/tornado-hverdagsrehabilitering.json', 'utf8'));
    const r = await cli('sweep', exp, '--jobs', '1');
    expect(r.code).toBe(1);
    expect(r.err).toContain('resolved relative to the experiment file');
  });

  it('option mistakes: a negative count, a misspelt option, a seed that is not a number', async () => {
    expect((await cli('run', MMC, '--reps', '-3')).err).toContain('--reps must be an integer >= 1, got "-3"');
    expect((await cli('run', MMC, '--rep', '3')).err).toContain('unknown option --rep; did you mean --reps?');
    const seed = await cli('run', MMC, '--seed', 'abc');
    expect(seed.err).toContain('--seed must be an integer, got "abc"');
    expect(seed.err).not.toMatch(/\d{10}/);
  });

  it('reads a scenario saved with a UTF-8 byte-order mark, and validate skips the JSON Schema among scenarios', async () => {
    const bom = join(tmp, 'bom.json');
    writeFileSync(bom, `\uFEFF${readFileSync(MMC, 'utf8').replace('"../schema.json"', '"x"')}`);
    expect((await cli('validate', bom)).code).toBe(0);
    const r = await cli('validate', MMC, 'scenarios/schema.json');
    expect(r.code).toBe(0);
    expect(r.out).toContain('scenarios/schema.json: skipped (a JSON Schema, not a scenario)');
  });
});

describe('koordsim binary', () => {
  const bin = join(process.cwd(), 'bin', 'koordsim.js');
  it('gives byte-identical --json output for the same seed, across processes', () => {
    const args = [bin, 'run', MMC, '--reps', '3', '--years', '3', '--seed', '42', '--json'];
    const a = execFileSync(process.execPath, args);
    const b = execFileSync(process.execPath, args);
    expect(a.length).toBeGreaterThan(500);
    expect(a.equals(b)).toBe(true);
    const c = execFileSync(process.execPath, [...args.slice(0, -2), '43', '--json']);
    expect(c.equals(a)).toBe(false);
  });

  it('exits 1 on bad input and 0 on success as a real process', () => {
    expect(spawnSync(process.execPath, [bin, 'validate', 'package.json']).status).toBe(1);
    expect(spawnSync(process.execPath, [bin, 'validate', MMC]).status).toBe(0);
  });
});
