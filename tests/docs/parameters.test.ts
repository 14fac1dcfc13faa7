import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { NOT_PARAMETERS, parameterDoc, parameterRows } from '../../scripts/parameterDoc.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';

/**
 * docs/parameters.md is generated from the schema (npm run schema). It must be up to date, list every
 * field of the schema, and give each parameter a meaning, a unit and a source.
 */

/** Parameters allowed to lack a source (none today); each would need a reason here. */
const WITHOUT_SOURCE: string[] = [];

/** A source names an author and year (or Lipsky's or Williams's theory), or says what kind of value it is. */
const SOURCE = /^(assumption|scenario|study design|technical|derived)\b|\b(19|20)\d\d\b|^(Lipsky|Williams)\b/;

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
}
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);
const unwrap = (s: z.ZodType): z.ZodType => {
  const d = def(s);
  if (WRAPPERS.has(d.type)) return unwrap(d.innerType!);
  if (d.type === 'pipe') return unwrap(d.in!);
  return s;
};
const hasFields = (s: z.ZodType): boolean => {
  const d = def(unwrap(s));
  return d.type === 'object' || (d.type === 'union' && d.options!.some(hasFields));
};

/** Every leaf field of the zod schema, walked through zod's own definitions (not the JSON Schema the generator reads). */
function zodLeaves(): Set<string> {
  const out = new Set<string>();
  const walk = (s: z.ZodType, path: string, top: boolean) => {
    const d = def(unwrap(s));
    if (d.type === 'object') {
      for (const [k, v] of Object.entries(d.shape!)) {
        if ((NOT_PARAMETERS.anywhere as readonly string[]).includes(k)) continue;
        if (top && (NOT_PARAMETERS.top as readonly string[]).includes(k)) continue;
        walk(v, path ? `${path}.${k}` : k, false);
      }
    } else if (d.type === 'union') {
      for (const o of d.options!) walk(o, path, top);
    } else if (d.type === 'array' && hasFields(d.element!)) {
      walk(d.element!, `${path}[]`, false);
    } else {
      out.add(path);
    }
  };
  walk(ScenarioSchema, '', true);
  return out;
}

describe('docs/parameters.md', () => {
  const text = readFileSync('docs/parameters.md', 'utf8');
  const rows = parameterRows();

  it('is what npm run schema writes from the schema now', () => {
    expect(text, 'docs/parameters.md is stale: run npm run schema and commit it').toBe(parameterDoc());
  });

  it('lists every field of the scenario schema', () => {
    // Rows name design variants ([kind=team]); the zod walk does not.
    const listed = new Set([...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1].replace(/\[kind=\w+\]/g, '')));
    const missing = [...zodLeaves()].filter((p) => !listed.has(p));
    expect(missing, 'fields of the schema missing from docs/parameters.md').toEqual([]);
    expect(listed.size).toBeGreaterThan(200);
  });

  it('gives every parameter a meaning, a unit and a source', () => {
    for (const r of rows) {
      expect(r.meaning.trim(), `${r.path}: meaning`).not.toBe('');
      expect(r.unit.trim(), `${r.path}: unit`).not.toBe('');
      if (!WITHOUT_SOURCE.includes(r.path)) expect(r.source, `${r.path}: source (author and year, or assumption)`).toMatch(SOURCE);
    }
    expect(rows.filter((r) => r.source === '').map((r) => r.path)).toEqual(WITHOUT_SOURCE);
  });

  it('takes the defaults a prefault sets for the channels, and reads ranges from the schema', () => {
    const row = (path: string) => rows.find((r) => r.path === path)!;
    expect(row('municipality.channels.paper.lostProbability').default).toBe('0.03');
    expect(row('municipality.channels.sharedLog.delayDays').default).toBe('0.5');
    expect(row('municipality.channels.paper.adminHours').default).toBe('0.5');
    expect(row('municipality.userGroups[].needs[].urgency').range).toBe('integer ≥ 1, ≤ 3');
    expect(row('municipality.coordination.pools[].caseloadCap').range).toMatch(/or null$/);
    expect(row('municipality.design[kind=relay].channel').default).toBe('"paper"');
    expect(row('municipality.design[kind=team].channel').default).toBe('"message"');
    expect(row('municipality.coordination.caseloadCollapse').source).toMatch(/Rorgemoen 2020/);
  });

  it('is linked from the ODD overview of docs/model.md and from the README', () => {
    const odd = readFileSync('docs/model.md', 'utf8').split('## ODD overview')[1].split('\n## ')[0];
    expect(odd).toContain('(parameters.md)');
    expect(readFileSync('README.md', 'utf8')).toContain('docs/parameters.md');
  });
});
