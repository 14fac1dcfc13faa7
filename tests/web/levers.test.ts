import { describe, expect, it } from 'vitest';
import { validateScenarioObject } from '../../src/scenario/validate.js';
import { LEVERS, defaultSource, getAt, hasPath, leverProvenance, leverSource, leversFor, pointer, setAt, type Lever, type LeverValue } from '../../web/levers.js';
import { BUILT_INS } from './builtins.js';

const camelCase = /[a-z][A-Z]/;

/** The values a lever can take at its ends: min and max, every option, both states. */
function extremes(l: Lever): LeverValue[] {
  switch (l.kind) {
    case 'slider':
      return [l.min!, l.max!];
    case 'select':
      return l.options!.map((o) => o.value);
    case 'toggle':
      return [false, true];
  }
}

function expectValid(s: unknown, what: string) {
  const r = validateScenarioObject(s, what);
  expect(r.ok ? [] : r.issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`), what).toEqual([]);
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe('levers', () => {
  it('has 10 to 16 levers with unique ids, plain labels, units and help in both languages', () => {
    expect(LEVERS.length).toBeGreaterThanOrEqual(10);
    expect(LEVERS.length).toBeLessThanOrEqual(16);
    expect(new Set(LEVERS.map((l) => l.id)).size).toBe(LEVERS.length);
    for (const l of LEVERS) {
      for (const lang of ['nb', 'en'] as const) {
        expect(l.label[lang].trim(), `${l.id} ${lang}`).not.toBe('');
        expect(l.label[lang], `${l.id} ${lang}`).not.toMatch(camelCase);
        expect(l.unit[lang].trim(), `${l.id} ${lang}`).not.toBe('');
        expect(l.help[lang].trim(), `${l.id} ${lang}`).not.toBe('');
        expect(l.help[lang], `${l.id} ${lang}`).not.toMatch(camelCase);
        for (const o of l.options ?? []) expect(o.label[lang].trim(), `${l.id} option ${String(o.value)}`).not.toBe('');
      }
      if (l.kind === 'slider') {
        expect(l.min, l.id).toBeTypeOf('number');
        expect(l.max, l.id).toBeGreaterThan(l.min!);
        expect(l.step, l.id).toBeGreaterThan(0);
      }
      if (l.kind === 'select') expect(l.options!.length, l.id).toBeGreaterThan(1);
      expect(l.path.includes('replications'), l.id).toBe(false);
    }
  });

  for (const lever of LEVERS) {
    describe(lever.id, () => {
      const applies = BUILT_INS.filter((b) => lever.appliesTo(b.resolved));

      it('applies to at least one built-in scenario, where its path exists and its default is in range', () => {
        expect(applies.length).toBeGreaterThan(0);
        for (const b of applies) {
          expect(hasPath(b.resolved, lever.path), b.file).toBe(true);
          const v = getAt(b.resolved, lever.path);
          if (lever.kind === 'slider') {
            expect(v, b.file).toBeTypeOf('number');
            expect(v as number, b.file).toBeGreaterThanOrEqual(lever.min!);
            expect(v as number, b.file).toBeLessThanOrEqual(lever.max!);
          } else if (lever.kind === 'select') {
            expect(lever.options!.map((o) => o.value), b.file).toContain(v);
          } else {
            expect(v, b.file).toBeTypeOf('boolean');
          }
        }
      });

      it('keeps every scenario it applies to valid at its extremes', () => {
        for (const b of applies) {
          for (const value of extremes(lever)) expectValid(setAt(b.resolved, lever.path, value), `${b.file} ${pointer(lever.path)} = ${String(value)}`);
        }
      });

      it('also works on the raw file wherever the field is written out', () => {
        for (const b of BUILT_INS.filter((x) => lever.appliesTo(x.raw))) {
          expect(applies.map((a) => a.file), b.file).toContain(b.file);
          for (const value of extremes(lever)) expectValid(setAt(b.raw, lever.path, value), `${b.file} (raw) ${pointer(lever.path)} = ${String(value)}`);
        }
      });

      it('finds the field in scenarios/schema.json', () => {
        const s = leverSource(lever.path);
        expect(s, pointer(lever.path)).not.toBeNull();
        // Every lever field has a description or a default to show beside the slider.
        expect(s!.description !== null || s!.default !== undefined, pointer(lever.path)).toBe(true);
      });
    });
  }

  it('applies only where it means something', () => {
    const byFile = (f: string) => BUILT_INS.find((b) => b.file.endsWith(f))!.resolved;
    const ids = (f: string) => leversFor(byFile(f)).map((l) => l.id);
    expect(ids('mmc.json')).toEqual([]);
    expect(ids('kommune-stafettlop.json')).toContain('paperLostProbability');
    expect(ids('kommune-stafettlop.json')).not.toContain('messageLostProbability');
    expect(ids('kommune-stafettlop.json')).not.toContain('teamPullBack');
    expect(ids('kommune-stafettlop.json')).not.toContain('coordinatorCount');
    expect(ids('kommune-integrert-team.json')).toContain('teamPullBack');
    expect(ids('kommune-integrert-team.json')).toContain('messageLostProbability');
    expect(ids('kommune-integrert-team-koordinator.json')).toContain('coordinatorCount');
    expect(ids('kreftkoordinator.json')).toContain('parallelSchemes');
  });

  it('reads x-source and x-unit from the schema, through arrays, unions and nullable fields', () => {
    const share = leverSource(['municipality', 'coordination', 'pools', 0, 'coordinationShare'])!;
    expect(share.unit).toBe('share 0-1');
    expect(share.source).toMatch(/Vik & Aarseth 2019/);
    expect(share.default).toBe(0.15);
    expect(share.description).not.toMatch(/\[share 0-1;/);
    const cap = leverSource(['municipality', 'coordination', 'pools', 0, 'caseloadCap'])!;
    expect(cap.source).toMatch(/Rorgemoen 2020/);
    expect(cap.unit).toBe('cases');
    expect(cap.default).toBeNull();
    expect(leverSource(['municipality', 'coordination', 'coordinatingUnit', 'authority'])!.source).toBe('Systad 2021');
    const pullBack = leverSource(['municipality', 'design', 'team', 'pullBackPerWeek'])!;
    expect(pullBack.source).toMatch(/^assumption \(Ramsdal 2019/);
    expect(pullBack.default).toBe(0.1);
    expect(pullBack.description).toMatch(/pulled back to the home unit for a week \(scaled by 1 - member share\)\.$/);
    expect(leverSource(['municipality', 'services', 0, 'id'])!.source).toBeNull(); // ids carry no source
    expect(leverSource(['municipality', 'inhabitants'])!.description).toBe('Population of the municipality.');
    expect(leverSource(['municipality', 'noSuchField'])).toBeNull();
    expect(leverSource(['queue', 'servers'])!.description).toMatch(/staff/);
  });

  it("reads the scenario's own provenance for a lever, from the path or its nearest ancestor", () => {
    const team = BUILT_INS.find((b) => b.file.endsWith('kommune-integrert-team.json'))!.raw;
    expect(leverProvenance(team, ['municipality', 'inhabitants'])?.source).toBe('Systad 2021');
    const lost = leverProvenance(team, ['municipality', 'channels', 'paper', 'lostProbability']);
    expect(lost?.pointer).toBe('/municipality/channels/paper');
    expect(lost?.note).toMatch(/Lost-referral/);
    expect(defaultSource(team, ['municipality', 'inhabitants'])?.from).toBe('scenario');
    const mmc = BUILT_INS.find((b) => b.file.endsWith('mmc.json'))!.raw;
    expect(defaultSource(mmc, ['municipality', 'coordination', 'coordinatingUnit', 'authority'])).toEqual({ source: 'Systad 2021', from: 'schema' });
  });
});

describe('getAt and setAt', () => {
  it('read and write through objects and arrays without touching the input', () => {
    const input = deepFreeze({ a: { b: [{ c: 1 }, { c: 2 }] }, n: null as null | number });
    const before = JSON.stringify(input);
    expect(getAt(input, ['a', 'b', 1, 'c'])).toBe(2);
    expect(getAt(input, ['a', 'x', 0])).toBeUndefined();
    expect(getAt(input, ['n'])).toBeNull();
    expect(getAt(input, ['n', 'x'])).toBeUndefined();
    expect(hasPath(input, ['n'])).toBe(true);
    expect(hasPath(input, ['a', 'b', 2])).toBe(false);
    const out = setAt(input, ['a', 'b', 0, 'c'], 9);
    expect(out.a.b[0].c).toBe(9);
    expect(out.a.b[1]).toEqual({ c: 2 });
    expect(out).not.toBe(input);
    expect(out.a.b[1]).not.toBe(input.a.b[1]);
    expect(JSON.stringify(input)).toBe(before);
    const grown = setAt(input, ['x', 'y', 0], 'z') as unknown as { x: { y: string[] } };
    expect(grown.x.y).toEqual(['z']);
    expect(() => setAt(input, ['n', 'x'], 1)).toThrow(/not an object/);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('leave built-in scenarios untouched when a lever is set', () => {
    for (const b of BUILT_INS) {
      const before = JSON.stringify(b.resolved);
      for (const l of leversFor(b.resolved)) setAt(b.resolved, l.path, extremes(l)[0]);
      expect(JSON.stringify(b.resolved), b.file).toBe(before);
    }
  });
});
