// Sweeps: bad experiment files get clear errors; serial, parallel and sharded+merged runs give
// identical rows; every point uses the same replication seeds (common random numbers).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { experimentJsonSchema, ExperimentSchema, type Experiment } from '../../src/experiment/experimentSchema.js';
import { ExperimentError, mergeRows, parseSweepCsv, planSweep, runSweep, shardTasks, sweepCsv } from '../../src/experiment/sweep.js';
import { validateJsonText, parseScenario } from '../../src/scenario/validate.js';
import { MODEL_VERSION, VERSION } from '../../src/version.js';

const tmp = mkdtempSync(join(tmpdir(), 'koordsim-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE_FILE = 'scenarios/hvr-nord-stafett.json';
const base = parseScenario(JSON.parse(readFileSync(BASE_FILE, 'utf8')), BASE_FILE);

function experiment(over: Record<string, unknown> = {}): Experiment {
  const r = ExperimentSchema.safeParse({
    formatVersion: 1,
    name: 'test sweep',
    scenario: `../${BASE_FILE}`,
    seed: 7,
    replications: 3,
    years: 2,
    warmupDays: 365, // the scenario discards four years
    metrics: ['betweenChairs.events', 'waitDays.mean', 'referralsLost'],
    parameters: [
      { name: 'lost', path: '$.municipality.channels.paper.lostProbability', values: [0.01, 0.08] },
      { name: 'inhabitants', path: '$.municipality.inhabitants', values: [15000, 25000] },
    ],
    design: { kind: 'grid' },
    ...over,
  });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
  return { code: await main(args, io), out, err };
}

describe('experiment files', () => {
  const check = (text: string) => validateJsonText(ExperimentSchema, experimentJsonSchema(), text, 'exp.json');

  it('name the file, the JSON path, what was expected and the nearest key for a misspelt one', () => {
    const r = check(JSON.stringify({ formatVersion: 1, name: 'x', scenario: 's.json', replications: 0, parameters: [{ path: 'municipality.inhabitants', valuse: [1] }], desing: {} }, null, 2));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('$.replications');
    expect(paths).toContain('$.parameters[0].path');
    expect(r.issues.find((i) => i.path === '$.desing')?.suggestion).toBe('design');
    expect(r.issues.find((i) => i.path === '$.parameters[0].valuse')?.suggestion).toBe('values');
    expect(r.issues.every((i) => i.file === 'exp.json' && i.line !== undefined)).toBe(true);
  });

  it('reject a parameter with both or neither of values and range, and a range with max <= min', () => {
    const both = check(JSON.stringify({ formatVersion: 1, name: 'x', scenario: 's', parameters: [{ path: '$.a', values: [1], range: { min: 0, max: 1 } }] }));
    const neither = check(JSON.stringify({ formatVersion: 1, name: 'x', scenario: 's', parameters: [{ path: '$.a' }] }));
    const flat = check(JSON.stringify({ formatVersion: 1, name: 'x', scenario: 's', parameters: [{ path: '$.a', range: { min: 1, max: 1 } }] }));
    for (const r of [both, neither, flat]) expect(r.ok).toBe(false);
    expect(JSON.stringify(flat)).toContain('max must be greater than min');
    expect(check('{ "formatVersion": 1, ').ok).toBe(false);
  });

  it('reject paths the scenario does not have, naming the part that exists', () => {
    const e = experiment({ parameters: [{ path: '$.municipality.chanels.paper.lostProbability', values: [0.1] }] });
    expect(() => planSweep(e, 'exp.json', base, BASE_FILE)).toThrow(ExperimentError);
    try {
      planSweep(e, 'exp.json', base, BASE_FILE);
    } catch (err) {
      const i = (err as ExperimentError).issues[0];
      expect(i.path).toBe('$.parameters[0].path');
      expect(i.expected).toContain('$.municipality');
    }
  });

  it('reject values the scenario does not accept, and metrics it does not report', () => {
    const bad = experiment({ parameters: [{ path: '$.municipality.inhabitants', values: [20000, -5] }] });
    expect(() => planSweep(bad, 'exp.json', base, BASE_FILE)).toThrow(/\$\.municipality\.inhabitants/);
    const metric = experiment({ metrics: ['waitDays.mean', 'betweenChairs.perUser'] });
    expect(() => planSweep(metric, 'exp.json', base, BASE_FILE)).toThrow(/metrics\[1\]/);
    const twice = experiment({ parameters: [{ path: '$.municipality.inhabitants', values: [1000] }, { path: '$.municipality.inhabitants', values: [2000] }] });
    expect(() => planSweep(twice, 'exp.json', base, BASE_FILE)).toThrow(/distinct parameter names/);
  });

  it('the CLI exits 1 with the problems on stderr for a bad file, and 0 for the example experiments', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, name: 'x', scenario: 'missing.json', parameters: [{ path: '$.a', values: [1] }] }));
    const r = await cli('sweep', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot read');
    const shard = await cli('sweep', 'experiments/tornado-hverdagsrehabilitering.json', '--shard', '4/3');
    expect(shard.code).toBe(1);
    expect(shard.err).toContain('--shard must be K/N');
  });
});

describe('running a sweep', () => {
  const plan = planSweep(experiment(), 'exp.json', base, BASE_FILE);

  it('numbers tasks point-major and gives every point the same replication seeds', () => {
    expect(plan.points.length).toBe(4);
    expect(plan.tasks).toBe(12);
    expect(shardTasks(12, { k: 2, n: 5 })).toEqual([1, 6, 11]);
    const seedsByPoint = new Map<number, number[]>();
    for (let t = 0; t < plan.tasks; t++) {
      const p = Math.floor(t / 3);
      const seed = 7 + (t % 3);
      seedsByPoint.set(p, [...(seedsByPoint.get(p) ?? []), seed]);
    }
    for (const s of seedsByPoint.values()) expect(s).toEqual([7, 8, 9]);
    expect(new Set(plan.points.map((p) => p.hash)).size).toBe(4);
  });

  it('gives identical rows serially, in parallel, and sharded then merged', async () => {
    const serial = sweepCsv(plan, await runSweep(plan, { jobs: 1 }));
    const parallel = sweepCsv(plan, await runSweep(plan, { jobs: 2 }));
    const shards = await Promise.all([1, 2, 3].map((k) => runSweep(plan, { jobs: 1, shard: { k, n: 3 } })));
    // Through CSV and back, as `koordsim merge` reads shard files.
    const reread = shards.map((rows, i) => parseSweepCsv(plan, sweepCsv(plan, rows), `shard${i + 1}.csv`));
    const merged = sweepCsv(plan, mergeRows(plan, [reread[2], reread[0], reread[1]]));
    expect(parallel).toBe(serial);
    expect(merged).toBe(serial);
    expect(serial.split('\n').length - 2).toBe(12 * 3);
    // A lossier channel loses more referrals, on the same users.
    const [header, ...rows] = serial.split('\n').slice(0, -1).map((l) => l.split(','));
    const [metric, value] = [header.indexOf('metric'), header.indexOf('value')];
    const lost = (lostP: string) => rows.filter((r) => r[3] === lostP && r[metric] === 'referralsLost').reduce((a, r) => a + Number(r[value]), 0);
    expect(lost('0.08')).toBeGreaterThan(lost('0.01'));
  }, 120_000);

  it('refuses to merge incomplete or doubled shards, or shards of another experiment', async () => {
    const one = await runSweep(plan, { jobs: 1, shard: { k: 1, n: 2 } });
    const two = await runSweep(plan, { jobs: 1, shard: { k: 2, n: 2 } });
    expect(() => mergeRows(plan, [one])).toThrow(/in no shard/);
    expect(() => mergeRows(plan, [one, one, two])).toThrow(/appears 2 times/);
    const other = planSweep(experiment({ seed: 8 }), 'exp.json', base, BASE_FILE);
    expect(() => parseSweepCsv(other, sweepCsv(plan, one), 'one.csv')).toThrow(/not this experiment/);
  }, 60_000);

  it('the CLI writes the same CSV from shards and merge as from one run, and a manifest', async () => {
    const exp = 'experiments/tornado-hverdagsrehabilitering.json';
    const all = join(tmp, 'all.csv');
    expect((await cli('sweep', exp, '--jobs', '1', '--out', all)).code).toBe(0);
    for (const k of [1, 2]) expect((await cli('sweep', exp, '--jobs', '1', '--shard', `${k}/2`, '--out', join(tmp, `s${k}.csv`))).code).toBe(0);
    const merged = join(tmp, 'merged.csv');
    const m = await cli('merge', exp, join(tmp, 's2.csv'), join(tmp, 's1.csv'), '--out', merged);
    expect(m.code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(all, 'utf8'));
    const manifest = JSON.parse(readFileSync(join(tmp, 'all.manifest.json'), 'utf8'));
    expect(manifest.command).toBe(`npx koordsim sweep ${exp} --out ${all}`);
    expect(manifest.tasks).toBe(90);
    // The manifest names both versions (CITATION.cff), and every CSV row carries them.
    expect([manifest.koordsim, manifest.model]).toEqual([VERSION, MODEL_VERSION]);
    expect(readFileSync(all, 'utf8').split('\n')[1]).toContain(`,${VERSION},${MODEL_VERSION},`);
    expect(m.out).toContain('One at a time (tornado)');
  }, 120_000);
});
