import { describe, expect, it } from 'vitest';
import { OTHER_GROUP, SCENARIO_GROUPS, groupOf, groupScenarios } from '../../web/app/scenarioGroups.js';
import { BUILT_INS } from './builtins.js';

const ids = BUILT_INS.map((b) => b.file.replace(/^scenarios\//, '').replace(/\.json$/, ''));

describe('scenario pickers grouped by source (web/app/scenarioGroups.ts)', () => {
  it('put every built-in scenario in exactly one group, validation last', () => {
    const groups = groupScenarios(ids.map((id) => ({ id })));
    expect(groups.flatMap((g) => g.items.map((x) => x.id)).sort()).toEqual([...ids].sort());
    expect(groups.at(-1)!.group.id).toBe('validation');
    expect(groupOf('validation/mmc').id).toBe('validation');
  });

  it('give each source of the domain brief its own group, with files in it', () => {
    const used = new Set(ids.map((id) => groupOf(id).id));
    for (const g of ['kommune', 'vabo', 'mathisen', 'florell', 'rorgemoen', 'systad', 'ramsdal', 'vik-aarseth']) expect(used, g).toContain(g);
  });

  it('label each group in both languages, distinctly', () => {
    const labels = [...SCENARIO_GROUPS, OTHER_GROUP].map((g) => g.label);
    for (const l of labels) expect(l.nb !== '' && l.en !== '').toBe(true);
    expect(new Set(labels.map((l) => l.nb)).size).toBe(labels.length);
    expect(new Set(labels.map((l) => l.en)).size).toBe(labels.length);
  });

  it('send a file no group names to "other", so it is still shown', () => {
    expect(groupOf('ny-kommune').id).toBe('other');
  });
});
