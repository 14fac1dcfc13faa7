// `npm run scenario:city`: writes scenarios/scale/by-700k.json, the 50,000-inhabitant relay
// municipality with coordinators (scenarios/kommune-stafettlop-koordinator.json) scaled ×14 to a city
// of 700,000 by scripts/scaleScenario.ts, with its own name, description and provenance.
// `--check` fails if the file on disk differs from what this script would write
// (tests/scenario/scaleScenario.test.ts checks the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scaleScenario, type RawScenario } from './scaleScenario.js';

export const CITY_BASE = 'scenarios/kommune-stafettlop-koordinator.json';
export const CITY_FILE = 'scenarios/scale/by-700k.json';
export const CITY_FACTOR = 14;

type Provenance = Record<string, { source: string; note?: string }>;

/** The text of scenarios/scale/by-700k.json, made from the text of its base scenario. */
export function cityScenarioText(baseText: string): string {
  const base = JSON.parse(baseText) as RawScenario & { provenance: Provenance };
  const city = scaleScenario(base, CITY_FACTOR);
  const m = city.municipality;
  const staff = m.services.reduce((n, s) => n + s.staffFte, 0);
  const coordinators = (m.coordination?.pools ?? []).reduce((n, p) => n + p.count, 0);
  const scaledNote = (what: string) => ({
    source: 'derived: ×14 of kommune-stafettlop-koordinator.json',
    note: `${what} of the 50,000-inhabitant municipality times 14, so staff per inhabitant is unchanged; see that file for the base value's source. A city this size has several units of each service (districts, bydeler); the model pools them into one per service, an assumption that removes the boundaries between districts.`,
  });
  const provenance: Provenance = { ...base.provenance };
  provenance['/municipality/inhabitants'] = {
    source: 'assumption',
    note: 'A city of 700,000, about the size of Oslo (just over 700,000 inhabitants in 2024, SSB). Demand scales through the per-1,000 rates of the base municipality, an assumption: a city has another case mix (more ROP users, a younger population).',
  };
  m.services.forEach((s, i) => {
    provenance[`/municipality/services/${i}/staffFte`] = scaledNote(`Staff FTE of ${(s as { id?: string }).id ?? `service ${i}`}`);
  });
  (m.coordination?.pools ?? []).forEach((p, i) => {
    provenance[`/municipality/coordination/pools/${i}/count`] = scaledNote(`Coordinators in pool ${(p as { id?: string }).id ?? i}`);
  });
  const out = {
    ...city,
    // The base's "$schema" points at ./schema.json; this file sits one folder down.
    $schema: '../schema.json',
    name: 'By 700 000: stafettløp med koordinatorer (city of 700,000, relay with coordinators)',
    description: `A large Norwegian city of 700,000 inhabitants for performance work (issue 15: a city run in seconds) and for planners of cities the size of Oslo. It is kommune-stafettlop-koordinator.json (50,000 inhabitants, four user groups with complex needs, twelve services plus an allocation office as a relay with paper referrals, coordinators from add-on pools and the coordinating unit) scaled ×14 by scripts/write-city-scenario.ts: inhabitants, every service's staff (${Math.round(staff)} FTE in all, about 70 services' worth of 15 FTE) and every coordinator pool (${coordinators} coordinators); rates per 1,000 inhabitants and per-user parameters are unchanged, so results per user should match the 50,000 municipality up to chance and to the larger pools' economies of scale. Each service is one pooled unit, not a set of district units. Regenerate with \`npm run scenario:city\` when the base changes.`,
    // The base's names of services, groups and pools hold for the city; its own name is the city's.
    label: { ...((city as { label?: object }).label ?? {}), nb: 'By 700 000: stafettløp med koordinatorer', en: 'City of 700,000: relay (stafettløp) with coordinators' },
    teaching: null,
    provenance,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = cityScenarioText(readFileSync(CITY_BASE, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(CITY_FILE, 'utf8') !== text) {
      process.stderr.write(`${CITY_FILE} is out of date with ${CITY_BASE}: run \`npm run scenario:city\`.\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(CITY_FILE, text);
    process.stdout.write(`wrote ${CITY_FILE}\n`);
  }
}
