import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/output.js';
import { compareScenarios } from '../../src/experiment/compare.js';
import { runReplications } from '../../src/experiment/replicate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { validateScenarioText } from '../../src/scenario/validate.js';
import { mmc } from '../../src/stats/erlang.js';
import { MODEL_VERSION } from '../../src/version.js';

// The README's example figures are what the commands it shows print, so they cannot go stale: a
// change that moves them fails here until the README says the new numbers (issue 19).

const readme = readFileSync('README.md', 'utf8');
const load = (f: string): Scenario => {
  const r = validateScenarioText(readFileSync(f, 'utf8'), f);
  if (!r.ok) throw new Error(f);
  return r.scenario;
};
const nordSor = () => [load('scenarios/hvr-nord-stafett.json'), load('scenarios/hvr-sor-team.json')] as const;

/** The README's text with its line breaks folded, for sentences that wrap. */
const flat = readme.replace(/\s+/g, ' ');
/** Fails with the sentence the README should hold (not the whole README). */
const says = (sentence: string) => expect(flat.includes(sentence), `README.md should say: "${sentence}"`).toBe(true);

describe('README figures', () => {
  it('the minimal example: compare hvr-nord-stafett hvr-sor-team --reps 20', () => {
    const [a, b] = nordSor();
    const o = compareScenarios(a, b, { seed: 1, reps: 20 });
    const m = (side: 'a' | 'b', name: string) => o[side].metrics[name].mean;
    const served = `${m('a', 'usersServed').toFixed(1)} users in five years against the team's ${m('b', 'usersServed').toFixed(1)} (ratio ${(m('a', 'usersServed') / m('b', 'usersServed')).toFixed(2)})`;
    says(`the relay serves ${served}`);
    says(`functional level of ${m('a', 'entryFunction.mean').toFixed(2)} against ${m('b', 'entryFunction.mean').toFixed(2)}`);
    const plans = (side: 'a' | 'b') => (Math.round(m(side, 'planAdjustments')) === 0 ? 'no' : String(Math.round(m(side, 'planAdjustments'))));
    says(`adjusts ${plans('a')} plans against ${plans('b')}`);
    says(`lets ${Math.round(m('a', 'betweenChairs.byCause.droppedBaton'))} users fall between chairs after a dropped baton against ${Math.round(m('b', 'betweenChairs.byCause.droppedBaton'))}`);
  });

  it('how much common random numbers narrow the interval, HVR pair over 5 replications', () => {
    const [a, b] = nordSor();
    const o = compareScenarios(a, b, { seed: 1, reps: 5 });
    const pct = (name: string) => `${Math.round(100 * o.diff[name].crnNarrowing)}%`.replace('-', '−');
    says(`For the HVR pair over 5 replications it is ${pct('waitDays.mean')} for the mean wait, ${pct('usersArrived')} for arrivals (the same users arrive in both) and ${pct('usersActiveEnd')} for users still active at the end`);
  });

  it('the M/M/c table of `run scenarios/validation/mmc.json --reps 5`, and its Erlang C values', () => {
    const s = load('scenarios/validation/mmc.json');
    const printed = formatTable(runReplications(s, { seed: 1, reps: 5 })).split('\n');
    const block = /```\n(M\/M\/c validation queue[\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'the README shows the table').toBeDefined();
    // Every line the README shows is a line koordsim prints ("..." stands for the rest).
    for (const line of block!.split('\n').filter((l) => l !== '' && l !== '...')) expect(printed, line).toContain(line);
    if (s.model !== 'queue') throw new Error('mmc is a queue scenario');
    const q = mmc({ lambda: s.queue.arrivalsPerDay, mu: 1 / s.queue.meanServiceDays, c: s.queue.servers });
    says(`Erlang C gives a mean wait of ${q.meanWait.toFixed(3)} days and a probability of waiting of ${q.probWait.toFixed(4)} for this queue`);
  });
});

describe('README versions', () => {
  it('names the model version koordsim has now', () => {
    says(`(\`modelVersion\`, now ${MODEL_VERSION};`);
  });
});

describe('README "Limits and guarantees"', () => {
  it('names, for every guarantee, test files that exist', async () => {
    const { existsSync } = await import('node:fs');
    const section = /## Limits and guarantees\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| guarantee'));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const proof = row.split('|').at(-2) ?? '';
      const files = [...proof.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(files.length, row.slice(0, 60)).toBeGreaterThan(0);
      for (const f of files) expect(existsSync(f), f).toBe(true);
    }
  });
});
