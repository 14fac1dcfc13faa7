import { STRINGS, type StringKey } from './strings.js';

/**
 * A tiny typed i18n for the dashboard: two languages, `{name}` interpolation, a change
 * subscription and number formatting. No DOM access beyond a guarded `navigator.language` and
 * `localStorage`, so it runs unchanged in node (tests) and in a worker.
 */

export type Lang = 'nb' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'en'];
export type { StringKey };

/** localStorage key the chosen language is kept under. */
export const LANG_STORAGE_KEY = 'koordsim.lang';

export type Vars = Readonly<Record<string, string | number>>;

/** Intl locale of each language. */
const LOCALE: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };

export function isLang(x: unknown): x is Lang {
  return x === 'nb' || x === 'en';
}

function storage(): Storage | null {
  try {
    const s = (globalThis as { localStorage?: Storage }).localStorage;
    // Some runtimes define localStorage without a working implementation (e.g. node without a storage file).
    return s !== undefined && s !== null && typeof s.getItem === 'function' && typeof s.setItem === 'function' ? s : null;
  } catch {
    // Access itself throws where storage is blocked (privacy settings, sandboxed iframes).
    return null;
  }
}

/** 'nb' if the browser asks for Norwegian (nb, no, nn), else 'en'; 'en' where there is no navigator. */
export function defaultLang(): Lang {
  let language = '';
  try {
    const nav = (globalThis as { navigator?: { language?: unknown; languages?: unknown } }).navigator;
    if (nav !== undefined && typeof nav.language === 'string') language = nav.language;
  } catch {
    language = '';
  }
  return /^(nb|no|nn)\b/i.test(language) ? 'nb' : 'en';
}

function storedLang(): Lang | null {
  const s = storage();
  if (s === null) return null;
  try {
    const v = s.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

let current: Lang | null = null;
const listeners = new Set<(lang: Lang) => void>();

/** The current language: the one set last, else the stored one, else the browser's. */
export function getLang(): Lang {
  if (current === null) current = storedLang() ?? defaultLang();
  return current;
}

/** Sets the language, persists it where localStorage exists, and tells the subscribers if it changed. */
export function setLang(lang: Lang): void {
  if (!isLang(lang)) throw new Error(`unknown language ${JSON.stringify(lang)} (expected 'nb' or 'en')`);
  const changed = getLang() !== lang;
  current = lang;
  const s = storage();
  if (s !== null) {
    try {
      s.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Quota or privacy mode: the choice still holds for this page.
    }
  }
  if (changed) for (const cb of [...listeners]) cb(lang);
}

/** Calls `cb` after every change of language; returns the unsubscribe function. */
export function onLangChange(cb: (lang: Lang) => void): () => void {
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

/** True if `key` is a string key (for keys built at run time, e.g. `cause.${id}`). */
export function hasKey(key: string): key is StringKey {
  return Object.prototype.hasOwnProperty.call(STRINGS.en, key);
}

/**
 * `{name}` placeholders replaced by `vars[name]`. Numbers are formatted in the language's number
 * format (pass a string to keep a value such as a seed or an id as it is). An unknown placeholder
 * is left as it is, so a missing variable shows rather than vanishes.
 */
export function interpolate(template: string, vars: Vars | undefined, lang: Lang = getLang()): string {
  if (vars === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) return whole;
    const v = vars[name];
    return typeof v === 'number' ? fmtNumber(v, undefined, lang) : v;
  });
}

/** The string `key` in `lang` (falling back to English, then to the key itself), interpolated. */
export function translate(lang: Lang, key: StringKey, vars?: Vars): string {
  const table: Readonly<Record<string, string>> = STRINGS[lang];
  const template = table[key] ?? (STRINGS.en as Readonly<Record<string, string>>)[key] ?? key;
  return interpolate(template, vars, lang);
}

/** The string `key` in the current language, interpolated. */
export function t(key: StringKey, vars?: Vars): string {
  return translate(getLang(), key, vars);
}

/** The keys that come in a `.one` and an `.other` form, without the suffix. */
export type PluralKey = { [K in StringKey]: K extends `${infer B}.one` ? (`${B}.other` extends StringKey ? B : never) : never }[StringKey];

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * `key.one` or `key.other` by the language's plural rule for `count`, with `{count}` (and `vars`)
 * filled in: "1 problem", "2 problems"; bokmål "1 feil", "2 feil".
 */
export function plural(key: PluralKey, count: number, vars: Vars = {}, lang: Lang = getLang()): string {
  let rules = pluralRules.get(lang);
  if (rules === undefined) {
    rules = new Intl.PluralRules(LOCALE[lang]);
    pluralRules.set(lang, rules);
  }
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${key}.${form}` as StringKey, { ...vars, count });
}

/** A count in the language's short form: en 140K, 1.5M; nb 140k, 1,5 mill. */
export function fmtCompact(x: number, lang: Lang = getLang()): string {
  if (!Number.isFinite(x)) return '–';
  return new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', maximumSignificantDigits: 2 }).format(x);
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `x` in the number format of `lang` (default: the current language): nb '1 234,5', en '1,234.5'.
 * With `digits`, exactly that many decimals; without, up to 3 (Intl's default). NaN, null and
 * undefined give '–'.
 */
export function fmtNumber(x: number | null | undefined, digits?: number, lang: Lang = getLang()): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const key = `${lang}:${digits ?? ''}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const d = digits === undefined ? undefined : Math.max(0, Math.min(20, Math.round(digits)));
    f = new Intl.NumberFormat(LOCALE[lang], d === undefined ? {} : { minimumFractionDigits: d, maximumFractionDigits: d });
    formatters.set(key, f);
  }
  return f.format(x);
}

const dateFormatters = new Map<Lang, Intl.DateTimeFormat>();

/** A date and time in the format of `lang` (default: the current language), e.g. nb '6.12.2026, 19:40'. */
export function fmtDateTime(d: Date, lang: Lang = getLang()): string {
  let f = dateFormatters.get(lang);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'short', timeStyle: 'short' });
    dateFormatters.set(lang, f);
  }
  return f.format(d);
}
