import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module, so each test sees its own language state. */
async function fresh() {
  vi.resetModules();
  return import('../../web/i18n/i18n.js');
}

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, String(v)),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
    map: m,
  };
}

const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('i18n', () => {
  it('runs in node without window, navigator or localStorage and defaults to English there', async () => {
    vi.stubGlobal('navigator', undefined);
    vi.stubGlobal('localStorage', undefined);
    const i = await fresh();
    expect(i.getLang()).toBe('en');
    i.setLang('nb');
    expect(i.getLang()).toBe('nb');
  });

  it('defaults to bokmål for nb, no and nn browsers and to English otherwise', async () => {
    for (const [language, lang] of [['nb-NO', 'nb'], ['no', 'nb'], ['nn-NO', 'nb'], ['en-US', 'en'], ['sv-SE', 'en'], ['', 'en']] as const) {
      vi.stubGlobal('navigator', { language });
      vi.stubGlobal('localStorage', undefined);
      const i = await fresh();
      expect(i.getLang(), language).toBe(lang);
    }
  });

  it('persists the choice in localStorage and reads it back', async () => {
    const store = memoryStorage();
    vi.stubGlobal('navigator', { language: 'en-GB' });
    vi.stubGlobal('localStorage', store);
    const a = await fresh();
    expect(a.getLang()).toBe('en');
    a.setLang('nb');
    expect(store.map.get('koordsim.lang')).toBe('nb');
    const b = await fresh();
    expect(b.getLang()).toBe('nb');
    store.map.set('koordsim.lang', 'xx');
    const c = await fresh();
    expect(c.getLang()).toBe('en');
  });

  it('survives a localStorage that throws', async () => {
    vi.stubGlobal('navigator', { language: 'nb' });
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); } });
    const i = await fresh();
    expect(i.getLang()).toBe('nb');
    expect(() => i.setLang('en')).not.toThrow();
    expect(i.getLang()).toBe('en');
  });

  it('tells subscribers about changes, once per change, until they unsubscribe', async () => {
    vi.stubGlobal('navigator', undefined);
    vi.stubGlobal('localStorage', undefined);
    const i = await fresh();
    const seen: string[] = [];
    const off = i.onLangChange((l) => seen.push(l));
    i.setLang('nb');
    i.setLang('nb');
    i.setLang('en');
    off();
    i.setLang('nb');
    expect(seen).toEqual(['nb', 'en']);
    expect(() => i.setLang('de' as never)).toThrow(/unknown language/);
  });

  it('translates and interpolates', async () => {
    const i = await fresh();
    expect(i.translate('en', 'progress.replications', { done: 3, total: 20 })).toBe('3 of 20 replications');
    expect(i.translate('nb', 'progress.replications', { done: 3, total: 20 })).toBe('3 av 20 replikasjoner');
    expect(spaces(i.translate('nb', 'time.dayOf', { day: 12, total: 1825 }))).toBe('Dag 12 av 1 825');
    expect(i.translate('en', 'story.titleUser', { id: '1234' })).toBe('The story of user 1234');
    expect(i.translate('en', 'time.dayOf', { day: 1 })).toBe('Day 1 of {total}');
    i.setLang('nb');
    expect(i.t('controls.run')).toBe('Kjør');
    i.setLang('en');
    expect(i.t('controls.run')).toBe('Run');
    expect(i.hasKey('cause.droppedBaton')).toBe(true);
    expect(i.hasKey('cause.nonsense')).toBe(false);
  });

  // Bug: error counts read "1 problems" (one template for every count).
  it('pluralises counts by the language\'s rule: 1 problem, 2 problems; 1 feil, 2 feil', async () => {
    const i = await fresh();
    expect(i.plural('scenarioPanel.errorCount', 1, {}, 'en')).toBe('1 problem');
    expect(i.plural('scenarioPanel.errorCount', 0, {}, 'en')).toBe('0 problems');
    expect(i.plural('scenarioPanel.errorCount', 2, {}, 'en')).toBe('2 problems');
    expect(i.plural('scenarioPanel.errorCount', 1, {}, 'nb')).toBe('1 feil');
    expect(spaces(i.plural('scenarioPanel.errorCount', 1200, {}, 'nb'))).toBe('1 200 feil');
    expect(i.plural('run.blocked', 1, { slot: 'A' }, 'en')).toBe('Run is off: scenario A has 1 problem. Fix it in the scenario editor or revert.');
    expect(i.plural('run.blocked', 3, { slot: 'B' }, 'en')).toMatch(/has 3 problems\. Fix them/);
    expect(i.plural('run.blocked', 3, { slot: 'B' }, 'nb')).toMatch(/har 3 feil\. Rett dem/);
  });

  it('formats numbers in the language: comma decimals in bokmål', async () => {
    const i = await fresh();
    expect(spaces(i.fmtNumber(1234.5, undefined, 'nb'))).toBe('1 234,5');
    expect(i.fmtNumber(1234.5, undefined, 'en')).toBe('1,234.5');
    expect(i.fmtNumber(0.5, 2, 'nb')).toBe('0,50');
    expect(i.fmtNumber(2 / 3, 1, 'en')).toBe('0.7');
    expect(spaces(i.fmtNumber(-1234.5, 0, 'nb'))).toBe('-1 235');
    for (const lang of ['nb', 'en'] as const) {
      expect(i.fmtNumber(NaN, undefined, lang)).toBe('–');
      expect(i.fmtNumber(null, 2, lang)).toBe('–');
      expect(i.fmtNumber(undefined, undefined, lang)).toBe('–');
    }
    i.setLang('nb');
    expect(spaces(i.fmtNumber(1234.5))).toBe('1 234,5');
  });
});
