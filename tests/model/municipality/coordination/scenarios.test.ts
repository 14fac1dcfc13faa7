import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coordinationMetricNames } from '../../../../src/model/municipality/coordination/coordinationMetrics.js';
import { metricNames, metricsOf, runScenario } from '../../../../src/model/registry.js';
import { validateScenarioText } from '../../../../src/scenario/validate.js';
import { loadScenario } from '../helpers.js';

const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => `scenarios/${f}`)
  .filter((f) => readFileSync(f, 'utf8').includes('"coordination"'));

describe('built-in scenarios with coordinators', () => {
  it('include the four Model II scenarios and the relay/team pair', () => {
    for (const name of ['rop-kombinert-rolle', 'barn-ip-koordinerende-enhet', 'kreftkoordinator', 'systemkoordinator', 'kommune-stafettlop-koordinator', 'kommune-integrert-team-koordinator'])
      expect(files, name).toContain(`scenarios/${name}.json`);
  });

  it.each(files)('%s is valid, sourced, and yields every coordinator metric', (file) => {
    const r = validateScenarioText(readFileSync(file, 'utf8'), file);
    expect(r.ok, JSON.stringify(r.ok ? [] : r.issues.slice(0, 3))).toBe(true);
    const s = loadScenario(file);
    expect(Object.keys(s.provenance).filter((p) => p.startsWith('/municipality/coordination')).length, 'coordination parameters with provenance').toBeGreaterThan(3);
    // Two years with a short warm-up: enough to yield every metric (the scenarios' own warm-up is longer).
    const m = metricsOf(runScenario({ ...s, horizon: { ...s.horizon, warmupDays: Math.min(s.horizon.warmupDays, 90) } }, 1, { years: 2 }));
    const names = metricNames(s);
    for (const k of coordinationMetricNames()) {
      expect(names).toContain(k);
      expect(typeof m[k], k).toBe('number');
    }
    expect(m['coordinators.mean']).toBeGreaterThan(0);
    expect(m.eligibleUsers).toBeGreaterThan(0);
  });
});
