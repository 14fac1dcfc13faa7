import type { Bilingual, ScenarioInfo } from '../../src/protocol.js';
import { getLang, type Lang } from './i18n.js';

/**
 * Names that come from data files (scenarios and experiments), in the dashboard's language: a
 * file's `label: {nb, en}` where it has one, else the text the file gives, as it is. The UI's own
 * words are in strings.ts; these are the words of the files a user loads.
 */

/** The text of `b` in `lang` (default: the current language). */
export function pick(b: Bilingual, lang: Lang = getLang()): string {
  return b[lang];
}

/** A data file's `label` as a Bilingual, if it is a well-formed one. */
export function asBilingual(x: unknown): Bilingual | null {
  if (typeof x !== 'object' || x === null) return null;
  const { nb, en } = x as { nb?: unknown; en?: unknown };
  return typeof nb === 'string' && typeof en === 'string' && nb !== '' && en !== '' ? { nb, en } : null;
}

/** The scenario's name in the current language. */
export function scenarioName(info: ScenarioInfo, lang: Lang = getLang()): string {
  return info.label[lang];
}

/** A service's name for a label on a chart: the part before a parenthesis of a long file label. */
export function serviceName(info: ScenarioInfo, id: string, lang: Lang = getLang()): string {
  const i = info.serviceIds.indexOf(id);
  return i >= 0 ? info.serviceLabels[i][lang].split(' (')[0] : id;
}

/** A user group's name in the current language (its id if the scenario does not define it). */
export function groupName(info: ScenarioInfo, id: string, lang: Lang = getLang()): string {
  return info.groupLabels[id]?.[lang] ?? id;
}
