import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { parseScenario } from '../../../src/scenario/validate.js';
import { edit, loadScenario } from './helpers.js';
import { coordFixture } from './coordination/fixture.js';

/**
 * No knob is decoration: for every numeric or boolean scenario parameter, changing it in a
 * scenario where it is active changes at least one **behavioural** metric: what happened to users
 * and coordinators (served, waits, between-chairs events and spells, handoffs, losses, decisions,
 * plan adjustments, coping choices, assignments, meetings, turnover, ties), not a reported sum that
 * is only the parameter multiplied (hours, load, a share above a reporting cut-off). Parameters are
 * named by their path with array indices as `*`; a parameter passes if any of its instances in any
 * scenario below is live. A parameter that only scales a report is listed in REPORTING_ONLY and is
 * tested to be exactly that.
 */
const EXCEPTIONS: Record<string, string> = {
  'municipality.trace.maxEntries': 'bounds the event log only; metrics never read the trace (tested in municipality.test.ts)',
  'calendar.workdayStartHour': 'capacity is in hours per week; the length of a working day scales working time and the nominal week alike',
  'calendar.workdayEndHour': 'as calendar.workdayStartHour',
  'calendar.alwaysOpen': 'switching it on replaces the workday settings; capacity is per week, so only holidays could change it and the built-in scenarios are not always open',
  'formatVersion': 'not a model parameter',
};

/**
 * Metrics that report time or a ratio of parameters rather than something that happened. A change
 * in one of them alone does not make a parameter live.
 */
const REPORTING: RegExp[] = [/^staffHours\./, /^relativeHours/, /^coordinatorHours\./, /^coordinatorTimeMet\./, /^coordinationHours\./, /^coordinatorLoad\./, /^coordinatorUtilisation$/, /^caseload\.aboveCollapseShare$/, /^eventsProcessed$/, /^strain\./];
const isReporting = (metric: string) => REPORTING.some((r) => r.test(metric));

/** Parameters that scale a report and change no behaviour, with why they stay. */
const REPORTING_ONLY: Record<string, string> = {
  'municipality.coordination.caseloadCollapse': 'the caseload cut-off of the report caseload.aboveCollapseShare (Rorgemoen 2020: about 14); quality collapse itself comes from hours per case',
};

const YEARS = 3;

function scenarios(): Array<[string, MunicipalityScenario]> {
  const nord = loadScenario('scenarios/hvr-nord-stafett.json');
  const sor = loadScenario('scenarios/hvr-sor-team.json');
  const list: Array<[string, MunicipalityScenario]> = [
    ['hvr-nord', nord],
    ['hvr-sor', sor],
    ['hvr-nord as pathway', edit(nord, (s) => {
      const d = s.municipality.design;
      if (d.kind === 'relay') s.municipality.design = { kind: 'pathway', channel: 'paper', routes: d.routes, stationTargetDays: 10, stations: [], escalation: { enabled: true, adminHours: 0.5 } };
      // A purchaser with no hours to spare, so the owners' escalation hours take capacity that matters
      // (with its decide leg at the documented 1 h/week the built purchaser has room; model 1.6.0).
      s.municipality.services[0].staffFte = 0.4;
    })],
    ['hvr-sor with a half-adopted log', edit(sor, (s) => {
      s.municipality.sharedLog.adoption = 0.5;
    })],
    // Mechanisms the HVR pair leaves off: seasonality, several needs, urgency queues, turf,
    // age limits, a specialist level (boundaries) and network governance.
    ['hvr-nord with everything on', edit(nord, (s) => {
      const m = s.municipality;
      const g = m.userGroups[0];
      g.seasonality = { amplitude: 0.4, peakDayOfYear: 30 };
      g.ageYears = { min: 60, max: 80 };
      g.ageOutAtYears = 95;
      g.needs.push({ ...g.needs[0], type: 'praktisk', probability: 0.5, urgency: 3, hoursPerWeek: 2, episodeDays: 120 });
      m.services[2].accepts.push('praktisk');
      m.services[2].priority = 'urgency';
      m.services[2].staffFte = 1.5;
      m.services.splice(2, 0, { ...m.services[2], id: 'sykehus', level: 'specialist', accepts: ['praktisk'], staffFte: 2, maxAgeYears: 75, turf: 0.3 });
      m.services[1].turf = 0.2;
      m.services[1].priority = 'urgency';
      g.disengageAfterSetbacks = 2;
    })],
    ['hvr-sor under network governance', edit(sor, (s) => {
      s.municipality.governance.regime = 'network';
      s.municipality.services[1].turf = 0.4;
    })],
  ];
  // Model II: coordinators at ease (continuous assignment) and under pressure (KE meetings,
  // overloaded add-on roles with a cap, authority, parallel schemes, supervision).
  list.push(['coordination fixture', coordFixture()]);
  list.push(['coordination fixture under pressure', coordFixture((raw) => {
    const c = raw.municipality.coordination;
    c.pools[0].count = 3;
    c.pools[0].caseloadCap = 12;
    c.pools[0].legitimacy = 2;
    c.pools[0].systemWorkHoursPerWeek = 1;
    c.coordinatingUnit = { assignment: 'meetings', authority: true };
    c.parallelSchemes = { count: 2 };
    c.coping = { managementControl: 0.2 };
    raw.municipality.services[0].staffFte = 0.8; // a pressed home unit: a backlog that drives refusals
  })]);
  // Niche refusal needs a case outside a loaded coordinator's niche: without the KE's own pool,
  // children beyond the capped children's pool overflow to the adults' pool.
  list.push(['coordination fixture with children overflowing to the adults\' pool', coordFixture((raw) => {
    const c = raw.municipality.coordination;
    c.pools = [c.pools[0], { ...c.pools[1], caseloadCap: 3 }];
  })]);
  // The scenarios' warm-up (1,460 days) is longer than the short runs here: shorten it.
  for (const f of ['scenarios/kommune-stafettlop.json', 'scenarios/kommune-integrert-team.json']) if (existsSync(f)) list.push([f, shortWarmup(loadScenario(f))]);
  // A mentoring scheme (Rorgemoen 2020's fadderordning) in a pool with novices and veterans.
  list.push(['coordination fixture with mentoring', coordFixture((raw) => {
    const p = raw.municipality.coordination.pools[0];
    p.count = 4;
    p.tenureYears = { min: 0, max: 6 };
    p.mentoring = { noviceYears: 2, speedUp: 1, hoursPerWeek: 1 };
  })]);
  // Forums that end (a log replaces them; Helgesen 2019) and a specialist that sends users back (Florell 2022).
  list.push(['BTI forums ending after half a year', edit(shortWarmup(loadScenario('scenarios/bti-logg-uten-forum.json')), (s) => {
    s.municipality.forums!.stopAfterDays = 180;
  })]);
  list.push(['ROP with specialist beds cut', shortWarmup(loadScenario('scenarios/rop-senger-kuttet.json'))]);
  return list;
}

function shortWarmup<T extends { horizon: { warmupDays: number } }>(s: T): T {
  return { ...s, horizon: { ...s.horizon, warmupDays: 90 } };
}

type Leaf = { path: Array<string | number>; value: number | boolean };
function leaves(v: unknown, path: Array<string | number> = []): Leaf[] {
  if (typeof v === 'number' || typeof v === 'boolean') return [{ path, value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (k === 'provenance' ? [] : leaves(x, [...path, k])));
  return [];
}
const general = (p: Array<string | number>) => p.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

function setAt(o: unknown, path: Array<string | number>, value: unknown): void {
  let x = o as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) x = x[k] as Record<string | number, unknown>;
  x[path[path.length - 1]] = value;
}

function candidates(v: number | boolean): Array<number | boolean> {
  if (typeof v === 'boolean') return [!v];
  if (v === 0) return [0.3, 1, 5, 20];
  return [v * 1.5, v * 0.5, v * 0.9, v * 1.1, v + 1, Math.round(v * 1.5) + 1, v - 1];
}

const same = (x: number, y: number) => Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));
/** Metrics that differ, behavioural and reporting apart. */
function changed(a: Record<string, number>, b: Record<string, number>): { behaviour: string[]; reporting: string[] } {
  const diff = Object.keys(a).filter((k) => !same(a[k], b[k]));
  return { behaviour: diff.filter((k) => !isReporting(k)), reporting: diff.filter(isReporting) };
}

describe('no dead parameter', () => {
  it('every numeric and boolean parameter changes at least one metric where it is active', () => {
    const live = new Set<string>();
    const seen = new Set<string>();
    /** Reporting-only parameters: what they changed (they must change a report, and nothing else). */
    const reports = new Map<string, { behaviour: string[]; reporting: string[] }>();
    for (const [, s0] of scenarios()) {
      // The HVR pair discards four years (model 1.6.0); a parameter's effect shows in a short run too.
      const base = { ...s0, horizon: { ...s0.horizon, years: YEARS, warmupDays: Math.min(s0.horizon.warmupDays, 365) } };
      const ref = municipalityMetrics(runMunicipality(base, 11));
      for (const leaf of leaves(base)) {
        const name = general(leaf.path);
        seen.add(name);
        if (live.has(name) || name in EXCEPTIONS) continue;
        const reportingOnly = name in REPORTING_ONLY;
        for (const c of candidates(leaf.value)) {
          const d = structuredClone(base) as unknown as Record<string, unknown>;
          setAt(d, leaf.path, c);
          let s: MunicipalityScenario;
          try {
            s = parseScenario(d, 'perturbed') as MunicipalityScenario;
          } catch {
            continue; // outside the schema's range: try the next perturbation
          }
          const d2 = changed(ref, municipalityMetrics(runMunicipality(s, 11)));
          if (reportingOnly) {
            const r = reports.get(name) ?? { behaviour: [], reporting: [] };
            r.behaviour.push(...d2.behaviour);
            r.reporting.push(...d2.reporting);
            reports.set(name, r);
          } else if (d2.behaviour.length > 0) {
            live.add(name);
            break;
          }
        }
      }
    }
    const dead = [...seen].filter((n) => !live.has(n) && !(n in EXCEPTIONS) && !(n in REPORTING_ONLY));
    expect(dead).toEqual([]);
    // A reporting-only parameter moves a report somewhere and never a behaviour.
    for (const name of Object.keys(REPORTING_ONLY)) {
      const r = reports.get(name);
      expect(r, name).toBeDefined();
      expect(r!.behaviour, name).toEqual([]);
      expect(r!.reporting.length, name).toBeGreaterThan(0);
    }
    // The exception list holds nothing that is not a parameter any more.
    for (const name of [...Object.keys(EXCEPTIONS), ...Object.keys(REPORTING_ONLY)]) expect(seen.has(name), name).toBe(true);
  });
});
