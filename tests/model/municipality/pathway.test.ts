// The pathway (routing/pathway.ts): station owners with time targets escalate overdue stations.
// The stylized fact is an outcome of the mechanism, checked with a paired interval over common
// random numbers: escalation shortens the longest waits (the 90th percentile) and costs the owners'
// hours. And what the mechanism must not do: escalate at a station without an owner, or at all
// when escalation is off.
import { describe, expect, it } from 'vitest';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { edit, loadScenario, metricsOver, paired } from './helpers.js';

const base = loadScenario('scenarios/kommune-pakkeforlop.json');
const YEARS = 6; // warm-up is 1,460 days: two measured years
const REPS = 6;
const withEscalation = (on: boolean) =>
  edit(base, (s) => {
    if (s.municipality.design.kind === 'pathway') s.municipality.design.escalation.enabled = on;
  });

describe('pathway: station owners, time targets and escalation', () => {
  it('escalating overdue stations shortens the longest waits, more than the mean, at the cost of owner hours', () => {
    const off = metricsOver(withEscalation(false), REPS, 1, YEARS);
    const on = metricsOver(withEscalation(true), REPS, 1, YEARS);
    const p90 = paired(off, on, 'waitDays.p90');
    const meanWait = paired(off, on, 'waitDays.mean');
    expect(p90.ci95[1], `p90 wait difference on - off: ${p90.mean} [${p90.ci95}]`).toBeLessThan(0);
    expect(p90.mean).toBeLessThan(meanWait.mean); // the tail gains more than the average
    const hours = paired(off, on, 'staffHours.handoff');
    expect(hours.ci95[0], 'escalations cost the station owners handoff hours').toBeGreaterThan(0);
  });

  it('escalates only at stations with an owner, and not at all when escalation is off', () => {
    const servicesEscalated = (s: typeof base) => {
      const rec = runMunicipality(s, 3, { horizonDays: 1460 + 365 });
      const at = new Set<string>();
      for (const e of rec.trace.entries()) if (e.kind === 'escalated') at.add(rec.serviceIds[e.service]);
      return at;
    };
    const owned = servicesEscalated(base);
    expect(owned.size).toBeGreaterThan(0);
    const design = base.municipality.design;
    if (design.kind !== 'pathway') throw new Error('kommune-pakkeforlop must be a pathway');
    for (const st of design.stations.filter((x) => !x.owner)) expect(owned.has(st.service), `${st.service} has no owner`).toBe(false);
    expect(servicesEscalated(withEscalation(false)).size).toBe(0);
  });
});
