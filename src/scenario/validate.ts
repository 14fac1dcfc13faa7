import { closest, distance } from 'fastest-levenshtein';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { ScenarioSchema, scenarioJsonSchema, type Scenario } from './schema.js';
import { scenarioHash } from './hash.js';
import { magnitudeIssues } from './magnitude.js';
import { MAX_JSON_DEPTH, deepPath, tooDeep } from './nesting.js';

/**
 * Scenario validation: every problem at once, each naming the file, the JSON path, what was
 * expected and what was found, with the line and column in the file and the nearest valid key for
 * a misspelt one. Pure (no fs), so the dashboard's editor uses the same errors as the CLI.
 */

export interface ScenarioIssue {
  file: string;
  /** JSONPath-style location, e.g. `$.queue.servers` or `$.calendar.workdays[2]`. */
  path: string;
  /** The same location as an array of keys and indices. */
  pathSegments: Array<string | number>;
  expected: string;
  found: string;
  /** Nearest valid key when the problem is an unknown key. */
  suggestion?: string;
  /** 1-based line and column in the file, when the text was given. */
  line?: number;
  column?: number;
  /** Character offset and length in the text (for editors). */
  offset?: number;
  length?: number;
}

export type ValidationResult =
  | { ok: true; scenario: Scenario; hash: string }
  | { ok: false; issues: ScenarioIssue[] };

export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(formatIssues(issues));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

export function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  let s = '$';
  for (const k of segments) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) s += `.${k}`;
    else s += `[${JSON.stringify(String(k))}]`;
  }
  return s;
}

/**
 * A UTF-8 byte-order mark (Windows editors write one) becomes a space: JSON allows white space
 * there, and every offset, line and column in the messages stays where the user's editor has it.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Parses and validates scenario text. `file` is used in messages only. */
export function validateScenarioText(raw: string, file: string): ValidationResult {
  const text = withoutBom(raw);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [syntaxIssue(text, file, e)] };
  }
  const deep = depthIssue(text, data, file);
  if (deep) return { ok: false, issues: [deep] };
  return validateScenarioObject(data, file, text);
}

/** Validates already-parsed JSON. Give `text` to get line and column numbers in the issues. */
export function validateScenarioObject(data: unknown, file: string, text?: string): ValidationResult {
  const parsed = ScenarioSchema.safeParse(data, { reportInput: true });
  const issues: ScenarioIssue[] = [];
  if (!parsed.success) {
    for (const zi of parsed.error.issues) issues.push(...fromZodIssue(zi, data, file));
  } else {
    issues.push(...checkProvenance(parsed.data, file), ...magnitudeIssues(parsed.data, file, jsonPath));
  }
  if (issues.length > 0) {
    if (text !== undefined) locate(issues, text);
    issues.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0) || a.path.localeCompare(b.path));
    return { ok: false, issues };
  }
  const scenario = (parsed as { data: Scenario }).data;
  return { ok: true, scenario, hash: scenarioHash(scenario) };
}

/**
 * Validates JSON text against any Zod schema with the scenario's error reporting (JSON path, line
 * and column, nearest valid key): used for experiment files. `jsonSchema` is the schema's JSON
 * Schema, for the key suggestions.
 */
export function validateJsonText<T>(
  schema: z.ZodType<T>,
  jsonSchema: Record<string, unknown>,
  raw: string,
  file: string,
): { ok: true; value: T } | { ok: false; issues: ScenarioIssue[] } {
  const text = withoutBom(raw);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [syntaxIssue(text, file, e)] };
  }
  const deep = depthIssue(text, data, file);
  if (deep) return { ok: false, issues: [deep] };
  const parsed = schema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.flatMap((zi) => fromZodIssue(zi, data, file, jsonSchema));
  locate(issues, text);
  issues.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0) || a.path.localeCompare(b.path));
  return { ok: false, issues };
}

/** Throws ScenarioError, for callers that treat bad input as exceptional. */
export function parseScenario(data: unknown, file = '<scenario>'): Scenario {
  const r = validateScenarioObject(data, file);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r.scenario;
}

export function formatIssues(issues: ScenarioIssue[]): string {
  if (issues.length === 0) return 'no problems';
  const file = issues[0].file;
  const lines = [`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`];
  for (const i of issues) {
    const where = i.line !== undefined ? `${file}:${i.line}:${i.column} ` : '';
    const hint = i.suggestion ? ` (did you mean "${i.suggestion}"?)` : '';
    lines.push(`  ${where}${i.path}: expected ${i.expected}, found ${i.found}${hint}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** A document nested deeper than any scenario could be, before a recursive parser overflows on it. */
function depthIssue(text: string, data: unknown, file: string): ScenarioIssue | null {
  const deep = tooDeep(text);
  if (!deep) return null;
  const path = deepPath(data);
  const { line, column } = lineColumn(text, deep.offset);
  return { file, path: jsonPath(path), pathSegments: path, expected: `JSON nested at most ${MAX_JSON_DEPTH} levels deep`, found: `nesting deeper than ${MAX_JSON_DEPTH} levels`, line, column, offset: deep.offset, length: 1 };
}

function syntaxIssue(text: string, file: string, e: unknown): ScenarioIssue {
  // Broken and deeply nested: the recursive parser that finds the error's position would overflow.
  const deep = depthIssue(text, null, file);
  if (deep) return deep;
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const { line, column } = lineColumn(text, offset);
  const what = first ? printParseErrorCode(first.error) : (e as Error).message;
  return {
    file,
    path: '$',
    pathSegments: [],
    expected: 'valid JSON',
    found: text.trim() === '' ? 'an empty file' : `a syntax error (${what})`,
    line,
    column,
    offset,
    length: first?.length ?? 0,
  };
}

function fromZodIssue(zi: z.core.$ZodIssue, data: unknown, file: string, root: Record<string, unknown> = scenarioJsonSchema()): ScenarioIssue[] {
  const path = zi.path.filter((k): k is string | number => typeof k !== 'symbol');
  const input = (zi as { input?: unknown }).input;
  const base = { file, path: jsonPath(path), pathSegments: path };
  switch (zi.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(path, data, root);
      return zi.keys.map((key) => {
        const free = known.filter((k) => !(isObject(input) && k in input));
        const pool = free.length > 0 ? free : known;
        const near = pool.length > 0 ? closest(key, pool) : undefined;
        const suggestion = near !== undefined && distance(key, near) <= Math.max(2, Math.floor(near.length / 3)) ? near : undefined;
        return {
          ...base,
          path: jsonPath([...path, key]),
          pathSegments: [...path, key],
          expected: known.length > 0 ? `one of the keys ${known.map((k) => `"${k}"`).join(', ')}` : 'no extra keys',
          found: `unknown key "${key}"`,
          suggestion,
        };
      });
    }
    case 'invalid_type': {
      const missing = input === undefined && !hasPath(data, path);
      return [{ ...base, expected: typeName(zi.expected), found: missing ? 'nothing (the key is required)' : describe(input) }];
    }
    case 'too_small':
    case 'too_big': {
      const op = zi.code === 'too_small' ? (zi.inclusive ? '>=' : '>') : zi.inclusive ? '<=' : '<';
      const bound = zi.code === 'too_small' ? zi.minimum : zi.maximum;
      const what =
        zi.origin === 'array'
          ? `an array with ${zi.code === 'too_small' ? 'at least' : 'at most'} ${bound} item${Number(bound) === 1 ? '' : 's'}`
          : zi.origin === 'string'
            ? `a string of length ${op} ${bound}`
            : `a number ${op} ${bound}`;
      return [{ ...base, expected: what, found: describe(input) }];
    }
    case 'invalid_value':
      return [{ ...base, expected: `one of ${zi.values.map((v) => JSON.stringify(v)).join(', ')}`, found: describe(input) }];
    case 'invalid_union': {
      const disc = (zi as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc !== undefined) {
        const options = ((zi as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o));
        const value = isObject(input) ? input[disc] : undefined;
        const near = typeof value === 'string' ? closest(value, options.map((o) => JSON.parse(o) as string)) : undefined;
        return [
          {
            ...base,
            expected: `one of ${options.join(', ')}`,
            found: value === undefined ? 'nothing (the key is required)' : describe(value),
            suggestion: near,
          },
        ];
      }
      return [{ ...base, expected: 'one of the allowed forms (see scenarios/schema.json)', found: describe(input) }];
    }
    case 'invalid_format':
      return [{ ...base, expected: zi.message.replace(/^Invalid string: /, '').replace(/^must match pattern.*$/, 'a string in the documented format'), found: describe(input) }];
    case 'not_multiple_of':
      return [{ ...base, expected: `a multiple of ${zi.divisor}`, found: describe(input) }];
    default:
      // Custom refinements phrase their message as what was expected; show the value at the path.
      return [{ ...base, expected: zi.message, found: describe(valueAt(data, path)) }];
  }
}

/** Provenance keys must be JSON pointers to fields that exist in the (resolved) scenario. */
function checkProvenance(s: Scenario, file: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const pointers = allPointers(s).filter((p) => !p.startsWith('/provenance'));
  for (const key of Object.keys(s.provenance)) {
    const segs = parsePointer(key);
    if (segs === undefined || !hasPath(s, segs)) {
      issues.push({
        file,
        path: jsonPath(['provenance', key]),
        pathSegments: ['provenance', key],
        expected: 'a JSON pointer to a field of this scenario, e.g. "/queue/servers"',
        found: JSON.stringify(key),
        suggestion: pointers.length > 0 ? closest(key, pointers) : undefined,
      });
    }
  }
  return issues;
}

function allPointers(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => allPointers(x, `${prefix}/${i}`))];
  if (isObject(v)) return [...(prefix ? [prefix] : []), ...Object.entries(v).flatMap(([k, x]) => allPointers(x, `${prefix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
  return [prefix];
}

function parsePointer(p: string): Array<string | number> | undefined {
  if (!p.startsWith('/')) return undefined;
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Keys the schema allows at `path` (walks the generated JSON Schema, picking union branches by `model`). */
function knownKeys(path: Array<string | number>, data: unknown, root: Record<string, unknown>): string[] {
  let node: Record<string, unknown> | undefined = root;
  let value: unknown = data;
  const pick = (n: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
    const alts = (n?.oneOf ?? n?.anyOf) as Array<Record<string, unknown>> | undefined;
    if (!alts) return n;
    const model = isObject(value) ? value.model : undefined;
    const props = (a: Record<string, unknown>) => a.properties as Record<string, { const?: unknown }> | undefined;
    return alts.find((a) => props(a)?.model?.const === model) ?? alts.find((a) => a.type === 'object') ?? alts[0];
  };
  node = pick(node);
  for (const seg of path) {
    if (!node) return [];
    if (typeof seg === 'number') node = pick(node.items as Record<string, unknown> | undefined);
    else {
      const props = node.properties as Record<string, Record<string, unknown>> | undefined;
      node = props?.[seg] ?? (isObject(node.additionalProperties) ? (node.additionalProperties as Record<string, unknown>) : undefined);
    }
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[seg] : undefined;
    node = pick(node);
  }
  return node?.properties ? Object.keys(node.properties as object) : [];
}

function locate(issues: ScenarioIssue[], text: string): void {
  const tree = parseTree(text);
  if (!tree) return;
  for (const i of issues) {
    let node: JsonNode | undefined;
    let segs = i.pathSegments;
    // Unknown keys and missing keys: point at the key itself, or at the nearest existing parent.
    while (!node && segs.length >= 0) {
      node = segs.length === 0 ? tree : findNodeAtLocation(tree, segs);
      if (node || segs.length === 0) break;
      segs = segs.slice(0, -1);
    }
    if (!node) continue;
    const at = node.parent?.type === 'property' && segs.length === i.pathSegments.length && typeof segs[segs.length - 1] === 'string' ? node.parent : node;
    const { line, column } = lineColumn(text, at.offset);
    i.line = line;
    i.column = column;
    i.offset = at.offset;
    i.length = at.length;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let v: unknown = data;
  for (const k of path) v = isObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function hasPath(data: unknown, path: Array<string | number>): boolean {
  let v: unknown = data;
  for (const k of path) {
    if (!(isObject(v) || Array.isArray(v)) || !(k in (v as object))) return false;
    v = (v as Record<string | number, unknown>)[k];
  }
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(t: string): string {
  switch (t) {
    case 'int':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'record':
      return 'an object';
    default:
      return t;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v)) return `${v}`;
  return `${typeof v === 'boolean' ? v : JSON.stringify(v)}`;
}
