import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The word lists of the language walk (languages.browser.test.ts), in one place: words that give
// away the other language on a page meant to be in one, and the shape of a raw id. A word goes in
// a list only if it is not also a word of the page's own language ("team", "per", "plan",
// "scenario", "by" are both); Norwegian terms English pages put in parentheses beside the English one
// (the domain brief's rule: "Relay (stafettløp)") are not checked on English pages.

/** English words that never belong on a bokmål page. */
export const ENGLISH_WORDS = [
  'the', 'and', 'of', 'with', 'without', 'from', 'to', 'or', 'not', 'in', 'on',
  'users', 'user', 'service', 'services', 'waiting', 'wait', 'days', 'day', 'week', 'weeks', 'year', 'years',
  'done', 'run', 'running', 'relay', 'integrated', 'between', 'chairs', 'school', 'municipal', 'municipality',
  'physiotherapy', 'occupational', 'therapy', 'home', 'care', 'nursing', 'children', 'youth', 'adults', 'older',
  'people', 'cancer', 'patients', 'coordinators', 'coordinator', 'default', 'source', 'assumption', 'derived',
  'share', 'lost', 'referral', 'referrals', 'discovery', 'threshold', 'inhabitants', 'replications',
  'design', 'points', 'runs', 'what', 'which', 'how', 'many', 'much', 'should', 'moves', 'falling',
  'reset', 'cancel', 'speed', 'step', 'event', 'resume', 'play', 'copy', 'link', 'export', 'chart',
  'office', 'welfare', 'housing', 'hospital', 'health', 'mental', 'substance', 'staff', 'time', 'hours',
] as const;

/** Bokmål words that never belong on an English page (outside parentheses). */
export const NORWEGIAN_WORDS = [
  'og', 'med', 'uten', 'ikke', 'eller', 'av', 'til', 'fra', 'etter', 'mellom', 'hvem', 'hvor', 'hva', 'som',
  'brukere', 'bruker', 'brukerne', 'tjeneste', 'tjenester', 'tjenesten', 'ventetid', 'dager', 'dag', 'uke', 'år',
  'kjør', 'kjøringer', 'ferdig', 'standardverdi', 'kommune', 'kommunen', 'stolene', 'antakelse', 'avledet',
  'frø', 'replikasjoner', 'nullstill', 'avbryt', 'hastighet', 'fortsett', 'spill', 'kopier', 'lenke',
  'barn', 'unge', 'voksne', 'eldre', 'koordinatorer', 'koordinator', 'antall', 'andel', 'innbyggere', 'terskel',
  'timer', 'tid', 'ansatte', 'hjemmetjenesten', 'fysioterapi', 'ergoterapi', 'skole', 'helse', 'rus',
] as const;

/** Raw ids in camelCase: lostPaper, thresholdDays, betweenChairs. */
export const CAMEL_CASE_ID = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/** Tokens of that shape that are words (lower-cased). */
export const ALLOWED_TOKENS = new Set<string>(['koordsim']);

/** Lower-case ids that are no word in either language (checked case-sensitively: "ROP" is a word, "rop" an id). */
export const BARE_IDS = new Set<string>(['rop', 'oat', 'lhs', 'tsb', 'dps', 'hvr']);

/**
 * The ids of the data files that can be told from words: every id with a hyphen (services, user
 * groups, pools, need types, scenario and experiment files), from the built-in scenarios and
 * experiments. Single-word ids ("fastlege", "eldre") are Norwegian words and are not listed.
 */
export function dataIds(root: string): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && (key === 'id' || key === 'type' || key === 'service' || key === 'homeService' || key === 'exitTo') && v.includes('-')) ids.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const dir of ['scenarios', 'scenarios/validation', 'experiments']) {
    for (const f of readdirSync(join(root, dir))) {
      if (!f.endsWith('.json') || f === 'schema.json') continue;
      if (f.includes('-')) ids.add(f.replace(/\.json$/, ''));
      walk(JSON.parse(readFileSync(join(root, dir, f), 'utf8')));
    }
  }
  return ids;
}
