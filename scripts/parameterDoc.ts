// docs/parameters.md: every scenario parameter with its meaning, unit, default, range and source,
// generated from the schema's metadata (param() in src/scenario/coordinationSchema.ts) so the table
// cannot drift from the code. `npm run schema` writes it; `npm test` fails when it is stale
// (schema:check) or when a parameter lacks a meaning, unit or source (tests/docs/parameters.test.ts).
import { z } from 'zod';
import { ScenarioSchema } from '../src/scenario/schema.js';

interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  'x-unit'?: string;
  'x-source'?: string;
}

/** Fields that describe a scenario rather than set the model: documentation, ids and names. */
export const NOT_PARAMETERS = {
  top: ['$schema', 'formatVersion', 'name', 'description', 'label', 'teaching', 'provenance', 'model'],
  anywhere: ['id', 'label'],
} as const;

export interface ParameterRow {
  /** Which scenarios have it: 'every scenario', 'queue' or 'municipality'. */
  model: string;
  /** Dotted path; `[]` marks an array's elements, `[kind=team]` a design variant. */
  path: string;
  meaning: string;
  unit: string;
  default: string;
  range: string;
  source: string;
}

const variants = (n: Node): Node[] => n.anyOf ?? n.oneOf ?? [n];
const nonNull = (n: Node) => variants(n).filter((v) => v.type !== 'null');
const isObject = (n: Node) => !!n.properties;
const num = (x: number) => (Number.isInteger(x) && Math.abs(x) >= 10_000 ? x.toLocaleString('en-US') : String(x));

function meta(n: Node): Pick<Node, 'description' | 'x-unit' | 'x-source'> {
  for (const v of [n, ...variants(n), ...(n.items ? [n.items] : [])]) {
    if (v['x-unit'] !== undefined) return v;
  }
  return n.description !== undefined ? n : (variants(n).find((v) => v.description !== undefined) ?? {});
}

function range(n: Node): string {
  const parts: string[] = [];
  const vs = nonNull(n);
  for (const v of vs) {
    if (v.const !== undefined) parts.push(JSON.stringify(v.const));
    else if (v.enum) parts.push(v.enum.map((e) => JSON.stringify(e)).join(' \\| '));
    else if (v.type === 'boolean') parts.push('true \\| false');
    else if (v.type === 'number' || v.type === 'integer') {
      const lo = v.exclusiveMinimum !== undefined ? `> ${num(v.exclusiveMinimum)}` : v.minimum !== undefined ? `≥ ${num(v.minimum)}` : '';
      // zod writes Number.MAX_SAFE_INTEGER as the maximum of an unbounded integer: no bound.
      const hi = v.exclusiveMaximum !== undefined ? `< ${num(v.exclusiveMaximum)}` : v.maximum !== undefined && v.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${num(v.maximum)}` : '';
      parts.push([v.type === 'integer' ? 'integer' : '', [lo, hi].filter(Boolean).join(', ')].filter(Boolean).join(' ') || 'any number');
    } else if (v.type === 'array' && v.items) parts.push(`list${v.minItems ? ` (at least ${v.minItems})` : ''} of ${range(v.items) || 'ids'}`);
    else if (v.type === 'string') parts.push('text');
  }
  if (vs.length < variants(n).length) parts.push('null');
  return parts.join(' or ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const unescapedCell = (s: string) => s.replace(/\n/g, ' ');
/** Names of fields in a text (`loadThreshold`, `relatives.reserveHours`) set as code, so they read as names, not words. */
const codeNames = (s: string) => s.replace(/[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*/g, (w) => (/^[a-z]/.test(w) && /[A-Z]/.test(w) ? `\`${w}\`` : w));
/** A JSON value (a default, an allowed value) set as code. */
const json = (s: string) => s.replace(/("[^"]*"|\[[^\]]*\]|\btrue\b|\bfalse\b|\bnull\b)/g, '`$1`');

/** Every parameter of the scenario schema, in schema order. */
export function parameterRows(): ParameterRow[] {
  const root = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Node;
  const rows: ParameterRow[] = [];
  const seen = new Set<string>();
  const walk = (node: Node, path: string, model: string, required: boolean, inherited: unknown) => {
    const objs = nonNull(node).filter(isObject);
    if (objs.length > 1) {
      // A discriminated union (the designs): one variant after another.
      for (const o of objs) {
        const kind = Object.entries(o.properties!).find(([, p]) => p.const !== undefined);
        walk(o, kind ? `${path}[${kind[0]}=${String(kind[1].const)}]` : path, model, required, undefined);
      }
      return;
    }
    if (objs.length === 1) {
      const o = objs[0];
      const dflt = inherited ?? node.default;
      for (const [k, child] of Object.entries(o.properties!)) {
        if ((NOT_PARAMETERS.anywhere as readonly string[]).includes(k)) continue;
        const inner = dflt && typeof dflt === 'object' && !Array.isArray(dflt) ? (dflt as Record<string, unknown>)[k] : undefined;
        walk(child, path ? `${path}.${k}` : k, model, o.required?.includes(k) ?? false, inner);
      }
      return;
    }
    const items = nonNull(node).find((v) => v.type === 'array' && v.items && nonNull(v.items).some(isObject));
    if (items) {
      walk(items.items!, `${path}[]`, model, true, undefined);
      return;
    }
    const m = meta(node);
    const d = inherited !== undefined ? inherited : node.default;
    const key = `${model} ${path}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({
      model,
      path,
      meaning: (m.description ?? '').replace(/ \[[^\]]*\]$/, ''),
      unit: m['x-unit'] ?? '',
      default: d !== undefined ? JSON.stringify(d) : required ? 'required' : 'optional',
      range: range(node),
      source: m['x-source'] ?? '',
    });
  };
  const scenarios = variants(root);
  // Fields every scenario shares are listed once, under 'every scenario'.
  const shared = Object.keys(scenarios[0].properties!).filter((k) => scenarios.every((s) => s.properties![k] !== undefined));
  const top = (s: Node, keys: string[], model: string) => {
    for (const k of keys) {
      if ((NOT_PARAMETERS.top as readonly string[]).includes(k)) continue;
      walk(s.properties![k], k, model, s.required?.includes(k) ?? false, undefined);
    }
  };
  top(scenarios[0], shared, 'every scenario');
  for (const s of scenarios) {
    const model = String(s.properties!.model.const);
    top(s, Object.keys(s.properties!).filter((k) => !shared.includes(k)), model);
  }
  return rows;
}

const TITLES: Record<string, string> = {
  'every scenario': 'Every scenario: horizon and working calendar',
  queue: 'The M/M/c validation queue (`model: "queue"`)',
  municipality: 'The municipality (`model: "municipality"`): Model I, and Model II under `municipality.coordination`',
};

/** The text of docs/parameters.md. */
export function parameterDoc(): string {
  const rows = parameterRows();
  const counts = { all: rows.length, assumption: rows.filter((r) => /^assumption/.test(r.source)).length, scenario: rows.filter((r) => /^scenario/.test(r.source)).length };
  const out: string[] = [
    '# koordsim scenario parameters',
    '',
    '<!-- Generated from src/scenario/schema.ts and coordinationSchema.ts by `npm run schema` (scripts/parameterDoc.ts); do not edit. -->',
    '',
    'Every parameter a scenario file can set, generated from the scenario schema (the single source of the',
    'types, defaults and validation): its meaning, unit, default, the range validation accepts, and where the',
    'default comes from. The rules that use each parameter are in [docs/model.md](model.md); how the sources',
    'were read is in [docs/sources/model-parameters.md](sources/model-parameters.md).',
    '',
    '**Source** is the source of the *default*: author and year (with what it rests on), `assumption` (our own',
    'choice; most values in the sources are qualitative, so most defaults are assumptions, and the text in',
    'brackets says what the assumption leans on), `scenario` (no default: each scenario sets it and names its',
    'source in its own `provenance`), `study design` (a choice of the study, not of the model) or `technical`.',
    'A scenario that sets a value says where *its* value comes from in `provenance`, which the dashboard shows',
    'beside each lever.',
    '',
    `**${counts.all} parameters**: ${counts.assumption} defaults are assumptions, ${counts.scenario} are set by each scenario, and the others rest on a source (or are study design).`,
    'Paths are relative to the scenario file; `[]` is every element of a list (user groups, needs, services,',
    'legs, coordinator pools), `[kind=team]` a field of one design only. Ids, names, labels, teaching notes,',
    '`provenance` and `formatVersion` describe a scenario rather than set the model and are not listed.',
    '`tests/docs/parameters.test.ts` fails when this file is stale, when a field of the schema is missing here,',
    'or when a parameter has no meaning, unit or source.',
  ];
  for (const model of ['every scenario', 'queue', 'municipality']) {
    out.push('', `## ${TITLES[model]}`, '', '| Parameter | Meaning | Unit | Default | Range | Source |', '|---|---|---|---|---|---|');
    for (const r of rows.filter((x) => x.model === model)) {
      const dflt = r.default === 'required' || r.default === 'optional' ? r.default : `\`${r.default}\``;
      out.push(`| \`${r.path}\` | ${cell(codeNames(r.meaning))} | ${cell(r.unit)} | ${cell(dflt)} | ${json(unescapedCell(r.range))} | ${cell(codeNames(r.source))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
