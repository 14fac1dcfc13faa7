import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioHash, canonicalJson } from '../../src/scenario/hash.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { formatIssues, validateScenarioText, validateScenarioObject } from '../../src/scenario/validate.js';

const good = { formatVersion: 1, name: 'q', model: 'queue', queue: { arrivalsPerDay: 2, meanServiceDays: 1, servers: 3 } };

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return scenarioFiles(p);
    return f.endsWith('.json') && f !== 'schema.json' ? [p] : [];
  });
}

describe('scenario validation', () => {
  it('accepts every built-in scenario', () => {
    const files = scenarioFiles('scenarios');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = validateScenarioText(readFileSync(f, 'utf8'), f);
      expect(r.ok ? 'ok' : formatIssues(r.issues), f).toBe('ok');
    }
  });

  it('fills in every default visibly', () => {
    const r = validateScenarioObject(good, 'g.json');
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(r.scenario.horizon).toEqual({ years: 10, warmupDays: 0 });
    expect(r.scenario.calendar.workdays).toEqual([1, 2, 3, 4, 5]);
    expect(r.scenario.calendar.norwegianPublicHolidays).toBe(true);
    expect(r.scenario.provenance).toEqual({});
    // The JSON Schema shows the same defaults to editors.
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).toContain('"default":10');
    expect(text).toContain('"default":15.5');
  });

  it('lists every problem at once with path, expectation, finding, location and suggestion', () => {
    const text = JSON.stringify(
      {
        formatVersion: 1,
        name: '',
        model: 'queue',
        queue: { arrivalsPerDay: 'many', servers: 0, meanServiceDayz: 1 },
        calendar: { workdays: [1, 8], workdayStartHour: 16, workdayEndHour: 8, holidays: ['2026-13'] },
      },
      null,
      2,
    );
    const r = validateScenarioText(text, 'x.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    expect(byPath['$.name']).toMatchObject({ expected: 'a string of length >= 1', found: 'the string ""' });
    expect(byPath['$.queue.arrivalsPerDay']).toMatchObject({ expected: 'a number', found: 'the string "many"' });
    expect(byPath['$.queue.servers']).toMatchObject({ expected: 'a number >= 1', found: '0' });
    expect(byPath['$.queue.meanServiceDayz']).toMatchObject({ suggestion: 'meanServiceDays', found: 'unknown key "meanServiceDayz"' });
    expect(byPath['$.queue.meanServiceDays'].found).toBe('nothing (the key is required)');
    expect(byPath['$.calendar.workdays[1]']).toMatchObject({ expected: 'a number <= 7', found: '8' });
    expect(byPath['$.calendar.holidays[0]'].found).toBe('the string "2026-13"');
    for (const i of r.issues) {
      expect(i.file).toBe('x.json');
      expect(i.line, i.path).toBeGreaterThan(1);
      expect(i.column, i.path).toBeGreaterThan(0);
    }
    // The line points at the offending key.
    const line = text.split('\n')[byPath['$.queue.servers'].line! - 1];
    expect(line).toContain('"servers"');
  });

  it('checks the model and the format version', () => {
    const r1 = validateScenarioObject({ ...good, model: 'queu' }, 'm.json');
    expect(!r1.ok && r1.issues[0]).toMatchObject({ path: '$.model', suggestion: 'queue' });
    const r2 = validateScenarioObject({ ...good, formatVersion: 2 }, 'v.json');
    expect(!r2.ok && r2.issues[0]).toMatchObject({ path: '$.formatVersion', expected: 'one of 1', found: '2' });
  });

  it('requires provenance keys to point at real fields', () => {
    const r = validateScenarioObject({ ...good, provenance: { '/queue/servers': 'assumption', '/queue/server': 'Vabø 2019', nope: 'x' } }, 'p.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['$.provenance.nope', '$.provenance["/queue/server"]']);
    expect(r.issues.find((i) => i.path.includes('/queue/server'))?.suggestion).toBe('/queue/servers');
  });

  it('reports empty files and non-objects without crashing', () => {
    for (const text of ['', '[]', 'null', '42', '{"formatVersion": 1']) {
      const r = validateScenarioText(text, 'e.json');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(formatIssues(r.issues)).toMatch(/^e\.json: \d+ problems?/);
    }
  });
});

describe('scenario hash', () => {
  it('ignores cosmetic fields and key order but not parameters', () => {
    const a = validateScenarioObject(good, 'a');
    const b = validateScenarioObject({ queue: { servers: 3, meanServiceDays: 1, arrivalsPerDay: 2 }, model: 'queue', name: 'renamed', formatVersion: 1, description: 'x' }, 'b');
    const c = validateScenarioObject({ ...good, queue: { ...good.queue, servers: 4 } }, 'c');
    if (!a.ok || !b.ok || !c.ok) throw new Error('invalid');
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    expect(scenarioHash(a.scenario)).toBe(a.hash);
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
  });
});
