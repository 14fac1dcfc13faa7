import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { checkRunSize } from '../../src/cli/runLimits.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { validateScenarioText } from '../../src/scenario/validate.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'koordsim-limits-'));
const relay = JSON.parse(readFileSync('scenarios/kommune-stafettlop.json', 'utf8'));
function variant(name: string, edit: (s: typeof relay) => void): string {
  const s = structuredClone(relay);
  edit(s);
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(s, null, 2));
  return file;
}

describe('size limits in the CLI (issue 19)', () => {
  it('refuses incidencePer1000PerYear 1e6 and inhabitants 10,000,000 up front, with exit 1 and how to override', async () => {
    const incidence = variant('incidence.json', (s) => (s.municipality.userGroups[0].incidencePer1000PerYear = 1e6));
    const inhabitants = variant('inhabitants.json', (s) => (s.municipality.inhabitants = 10_000_000));
    for (const argv of [['run', incidence], ['run', inhabitants], ['compare', 'scenarios/kommune-stafettlop.json', inhabitants, '--reps', '2']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(/is too large to run: .* users per replication would need about .*(GB of memory|events in all).* add --allow-large to run it anyway/);
      expect(r.err).toContain(argv[argv.length === 2 ? 1 : 2]);
    }
  });

  it('refuses a sweep whose points add up beyond the limit', async () => {
    writeFileSync(join(tmp, 'base.json'), JSON.stringify(relay));
    const exp = join(tmp, 'big-sweep.json');
    writeFileSync(exp, JSON.stringify({ formatVersion: 1, name: 'big', scenario: 'base.json', replications: 5000, parameters: [{ path: '$.municipality.inhabitants', values: [50000, 60000] }] }));
    const r = await cli('sweep', exp, '--jobs', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/big-sweep\.json \(2 points x 5000 replications\) is too large to run: .*billion events in all/);
  });

  it('refuses warmup and --precision runs that would need too many replications (found by the fuzz suite)', async () => {
    for (const argv of [
      ['warmup', 'scenarios/validation/mmc.json', '--reps', '100000000'],
      ['run', 'scenarios/validation/mmc.json', '--precision', '0.01', '--max-reps', '100000000'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(/^koordsim: scenarios\/validation\/mmc\.json \(100000000 replications x 10 years\) is too large to run: .*trillion events in all/);
    }
  });

  it('refuses a grid of more than 100,000 points before building it', async () => {
    writeFileSync(join(tmp, 'mmc.json'), readFileSync('scenarios/validation/mmc.json', 'utf8'));
    const exp = join(tmp, 'huge-grid.json');
    const values = (from: number) => Array.from({ length: 100 }, (_, i) => from + i);
    writeFileSync(
      exp,
      JSON.stringify({
        formatVersion: 1,
        name: 'huge grid',
        scenario: 'mmc.json',
        parameters: [
          { path: '$.queue.servers', values: values(5) },
          { path: '$.queue.arrivalsPerDay', values: values(1) },
          { path: '$.queue.meanServiceDays', values: values(1) },
        ],
      }),
    );
    const r = await cli('sweep', exp, '--jobs', '1');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${exp}: 1 problem`);
    expect(r.err).toMatch(/\$\.parameters: expected a grid of at most 100000 points .*, found 1000000 points/);
  });

  it('--allow-large lifts the refusal and the runaway bound', () => {
    const r = validateScenarioText(JSON.stringify({ ...relay, municipality: { ...relay.municipality, inhabitants: 10_000_000 } }), 'x.json');
    if (!r.ok) throw new Error('invalid');
    const s: Scenario = r.scenario;
    expect(() => checkRunSize('x.json', s, undefined, 10, false)).toThrow(/--allow-large/);
    expect(checkRunSize('x.json', s, undefined, 10, true)).toBeUndefined();
    expect(checkRunSize('x.json', s, 0.01, 1, false)).toBeGreaterThan(1e6);
  });

  it('lists --allow-large in the help of run, compare and sweep', async () => {
    for (const c of ['run', 'compare', 'sweep', 'warmup']) expect((await cli(c, '--help')).out).toContain('--allow-large');
  });
});
