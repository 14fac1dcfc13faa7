import { describe, expect, it } from 'vitest';
import { metricsOf, runScenario } from '../../../../src/model/registry.js';
import { loadScenario } from '../helpers.js';
import { coordFixture } from './fixture.js';

/**
 * Discretion per coordinator in a whole run (issue 20, item 1): the coping modes have their own
 * conditions, so they no longer fire as one switch. Before, every enabled caseload mode fired on the
 * same trigger and rationing and delegating were used exactly as often (53,248 each in ten years of
 * kommune-stafettlop-koordinator).
 */
describe('discretion in a whole run', () => {
  const short = (file: string) => {
    const s = loadScenario(file);
    return { ...s, horizon: { ...s.horizon, warmupDays: 180 } };
  };

  it('rationing and delegating are separate choices: delegating needs a colleague with room, so it is used less', () => {
    for (const file of ['scenarios/kommune-stafettlop-koordinator.json', 'scenarios/kommune-integrert-team-koordinator.json']) {
      const m = metricsOf(runScenario(short(file), 3, { years: 2 }));
      expect(m['coping.rationing'], file).toBeGreaterThan(0);
      expect(m['coping.delegating'], file).toBeGreaterThan(0);
      expect(m['coping.delegating'], file).toBeLessThan(0.8 * m['coping.rationing']);
    }
  });

  it('a lone coordinator has nobody to delegate to', () => {
    const m = metricsOf(runScenario(coordFixture((raw) => (raw.municipality.coordination.pools = [{ id: 'alene', homeService: null, count: 1, coordinationShare: 0.3 }])), 1, { years: 2 }));
    expect(m['coping.rationing']).toBeGreaterThan(0);
    expect(m['coping.delegating']).toBe(0);
  });
});
