import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { GROWTH_FLAG_RISE, growingQuantities, growthWarnings } from '../../src/experiment/growth.js';
import { summarize } from '../../src/stats/summary.js';

/** `koordsim run` says when a quantity grows over the window instead of averaging it (issue 20, item 5). */
describe('growing quantities (src/experiment/growth.ts)', () => {
  it('flags a rise whose 95% interval is above the threshold, and nothing that may be flat', () => {
    const metrics = {
      'growth.waitDays': summarize([0.9, 1.1, 1.0, 1.2]),
      'growth.betweenChairsUsers': summarize([0.3, -0.2, 0.1, 0.0]), // could be 0
      'growth.usersPresent': summarize([-0.5, -0.4, -0.6, -0.5]), // falling is not growing
    };
    const g = growingQuantities(metrics);
    expect(g.map((x) => x.metric)).toEqual(['growth.waitDays']);
    expect(g[0].ci95[0]).toBeGreaterThan(GROWTH_FLAG_RISE);
    expect(growthWarnings(g)).toMatch(/^warning: wait for a first service grows without settling: \+105% /);
    expect(growingQuantities({ 'growth.waitDays': summarize([5]) })).toEqual([]); // one replication: no interval, no claim
  });

  async function run(file: string): Promise<{ out: string; json: { growing: Array<{ metric: string }> } }> {
    let out = '';
    const io: CliIo = { stdout: (s) => (out += s), stderr: () => {}, stderrIsTty: false };
    expect(await main(['run', file, '--reps', '4'], io)).toBe(0);
    const table = out;
    out = '';
    expect(await main(['run', file, '--reps', '4', '--json'], io)).toBe(0);
    return { out: table, json: JSON.parse(out) };
  }

  it('warns about the HVR relay\'s wait as the model was before 1.6.0 (needs never lapse, the decide leg holds 3 h/week), and not as built', async () => {
    const built = JSON.parse(readFileSync('scenarios/hvr-nord-stafett.json', 'utf8'));
    const old = structuredClone(built);
    old.municipality.design.routes[0].legs[0].hoursPerWeek = 3;
    old.municipality.spellEndings = { lapseAfterDays: null };
    old.provenance = {};
    const dir = mkdtempSync(join(tmpdir(), 'koordsim-growth-'));
    writeFileSync(join(dir, 'old.json'), JSON.stringify(old));
    const before = await run(join(dir, 'old.json'));
    expect(before.json.growing.map((g) => g.metric)).toContain('growth.waitDays');
    expect(before.out).toMatch(/warning: wait for a first service grows without settling/);
    const now = await run('scenarios/hvr-nord-stafett.json');
    expect(now.json.growing).toEqual([]);
    expect(now.out).not.toMatch(/warning/);
  });
});
