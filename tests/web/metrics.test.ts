import { describe, expect, it } from 'vitest';
import { metricNames } from '../../src/model/registry.js';
import { isKnownMetric, metricText } from '../../web/i18n/metrics.js';
import { BUILT_INS } from './builtins.js';

const camelCase = /[a-z][A-Z]/;
const LANGS = ['nb', 'en'] as const;

describe('metric texts', () => {
  const names = [...new Set(BUILT_INS.flatMap((b) => metricNames(b.resolved)))];

  it('finds the metrics of every built-in scenario', () => {
    expect(BUILT_INS.length).toBeGreaterThanOrEqual(12);
    expect(names.length).toBeGreaterThan(100);
  });

  it('gives every public metric of every built-in scenario a plain label, a unit and help in both languages', () => {
    for (const name of names) {
      expect(isKnownMetric(name), name).toBe(true);
      for (const lang of LANGS) {
        const m = metricText(name, lang);
        expect(m.label, `${lang} ${name}`).not.toBe(name);
        expect(m.label.trim(), `${lang} ${name}`).not.toBe('');
        expect(m.label, `${lang} ${name} label is camelCase`).not.toMatch(camelCase);
        expect(m.unit.trim(), `${lang} ${name} unit`).not.toBe('');
        expect(m.help.trim(), `${lang} ${name} help`).not.toBe('');
        expect(m.help, `${lang} ${name} help is camelCase`).not.toMatch(camelCase);
        expect(['lower', 'higher', null], name).toContain(m.betterWhen);
      }
      expect(metricText(name, 'nb').betterWhen, name).toBe(metricText(name, 'en').betterWhen);
    }
  });

  it('gives different text in the two languages', () => {
    const same = names.filter((n) => metricText(n, 'nb').help === metricText(n, 'en').help);
    expect(same).toEqual([]);
  });

  it('says which direction is better for users, and nothing for neutral counts', () => {
    expect(metricText('betweenChairs.per100UserYears', 'en').betterWhen).toBe('lower');
    expect(metricText('waitDays.mean', 'nb').betterWhen).toBe('lower');
    expect(metricText('usersServed', 'en').betterWhen).toBe('higher');
    expect(metricText('entryFunction.mean', 'en').betterWhen).toBe('higher');
    expect(metricText('eventsProcessed', 'en').betterWhen).toBeNull();
    expect(metricText('usersArrived', 'en').betterWhen).toBeNull();
    expect(metricText('betweenChairs.byCause.orphanedCase', 'en').betterWhen).toBe('lower');
  });

  it('handles names with a service id by prefix, with an optional display name', () => {
    const plain = metricText('utilisation.hjemmetjenesten', 'nb');
    expect(plain.label).toContain('hjemmetjenesten');
    expect(plain.unit).toBe('andel');
    const named = metricText('utilisation.hjemmetjenesten', 'en', { hjemmetjenesten: 'Home care' });
    expect(named.label).toBe('Utilisation: Home care');
    expect(named.help).toContain('Home care');
    expect(metricText('betweenChairs.byCause.droppedBaton', 'nb').label).toBe('Mellom stolene: mistet stafettpinne');
    expect(metricText('coping.fightFlight.fightShare', 'en').label).toBe('Fight rather than flight');
    expect(metricText('coping.fightFlight', 'en').label).toBe('Coping: fight or flight');
    expect(metricText('utilisation', 'en').label).toBe('Staff utilisation');
  });

  it('falls back to the name for unknown metrics', () => {
    for (const name of ['noSuchMetric', 'coping.unknownPolicy', 'betweenChairs.byCause.aliens', 'utilisation.', 'staffHours.lunch', 'toString', '__proto__']) {
      for (const lang of LANGS) {
        expect(metricText(name, lang)).toEqual({ label: name, unit: '', help: '', betterWhen: null });
      }
    }
  });
});
