import type { Bilingual } from '../../src/protocol.js';

/**
 * The scenario library grouped by the source whose system a file models, for the dashboard's
 * scenario pickers (one <optgroup> per group) and the scenario index (docs/scenarios.md,
 * scripts/scenarioIndex.ts). Pure data and one function: no DOM, no Vite.
 *
 * A file belongs to the first group whose pattern matches its id (the file name without `.json`,
 * validation files keep their folder); a file no pattern names lands in "other", so a new file
 * shows up in the pickers before anyone files it here.
 */
export interface ScenarioGroup {
  id: string;
  /** The group's heading, in both languages: source and system. */
  label: Bilingual;
  /** Matches the ids of the group's files. */
  match: RegExp;
}

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = [
  { id: 'kommune', label: { nb: 'Hele kommunen (flere kilder)', en: 'The whole municipality (several sources)' }, match: /^kommune-/ },
  { id: 'vabo', label: { nb: 'Vabø 2019: hverdagsrehabilitering', en: 'Vabø 2019: everyday rehabilitation' }, match: /^hvr-/ },
  { id: 'mathisen', label: { nb: 'Mathisen 2020: kreftkoordinatoren', en: 'Mathisen 2020: the cancer coordinator (kreftkoordinator)' }, match: /^kreftkoordinator/ },
  { id: 'florell', label: { nb: 'Florell 2022: ROP og kombinert rolle', en: 'Florell 2022: ROP, the combined role' }, match: /^rop-|seng/ },
  { id: 'rorgemoen', label: { nb: 'Rorgemoen 2020: barn og unge, IP og KE', en: 'Rorgemoen 2020: children and youth, IP and KE' }, match: /^barn-/ },
  { id: 'systad', label: { nb: 'Systad 2021: systemkoordinatoren', en: 'Systad 2021: the system coordinator (systemkoordinator)' }, match: /^systemkoordinator/ },
  { id: 'ramsdal', label: { nb: 'Ramsdal 2019: team på heltid og deltid', en: 'Ramsdal 2019: full-time and part-time teams' }, match: /^team-/ },
  { id: 'vik-aarseth', label: { nb: 'Vik og Aarseth 2019: parallelle koordinatorordninger', en: 'Vik & Aarseth 2019: parallel coordinator schemes' }, match: /^koordinatorordninger/ },
  { id: 'helgesen', label: { nb: 'Helgesen 2019: BTI og stafettlogg', en: 'Helgesen 2019: BTI and the baton log (stafettlogg)' }, match: /bti|stafettlogg/ },
  { id: 'validation', label: { nb: 'Validering og skala', en: 'Validation and scale' }, match: /^(validation|scale)\// },
];

export const OTHER_GROUP: ScenarioGroup = { id: 'other', label: { nb: 'Andre scenarioer', en: 'Other scenarios' }, match: /$^/ };

/** The group of a scenario id. */
export function groupOf(id: string): ScenarioGroup {
  return SCENARIO_GROUPS.find((g) => g.match.test(id)) ?? OTHER_GROUP;
}

/** Items grouped in the order of SCENARIO_GROUPS ("other" before validation), each group's items in their given order; empty groups left out. */
export function groupScenarios<T extends { id: string }>(items: readonly T[]): Array<{ group: ScenarioGroup; items: T[] }> {
  const order = [...SCENARIO_GROUPS.filter((g) => g.id !== 'validation'), OTHER_GROUP, ...SCENARIO_GROUPS.filter((g) => g.id === 'validation')];
  return order.map((group) => ({ group, items: items.filter((x) => groupOf(x.id) === group) })).filter((g) => g.items.length > 0);
}
