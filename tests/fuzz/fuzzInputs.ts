import fc from 'fast-check';
import { main, type CliIo } from '../../src/cli/main.js';

/**
 * What the fuzz tests share: the budget (short inside `npm test`, long by hand with
 * KOORDSIM_FUZZ=long), the in-process CLI, the mutations of JSON files, and the one check every
 * outcome must pass.
 */

const LONG = process.env.KOORDSIM_FUZZ === 'long';

/** fast-check parameters: a fixed seed, and a run count and time budget per property. */
export function budget(shortRuns: number, shortSeconds: number): fc.Parameters<unknown> {
  const seed = process.env.KOORDSIM_FUZZ_SEED !== undefined ? Number(process.env.KOORDSIM_FUZZ_SEED) : 19;
  return LONG
    ? { seed, numRuns: shortRuns * 50, interruptAfterTimeLimit: 30 * 60_000, markInterruptAsFailure: false, endOnFailure: true }
    : { seed, numRuns: shortRuns, interruptAfterTimeLimit: shortSeconds * 1000, markInterruptAsFailure: false, endOnFailure: true };
}

/** Vitest timeout for a property: its time budget plus the slowest single input. */
export function timeoutFor(shortSeconds: number): number {
  return LONG ? 31 * 60_000 : (shortSeconds + 60) * 1000;
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * The contract of every CLI outcome: exit 0, or exit 1 with a message; never exit 2 (internal
 * error), a stack trace or a JavaScript error name. A rejected file is named in the message, and a
 * rejection of its content names the JSON path, what was expected and what was found. Returns a
 * description of the broken rule, or null.
 */
export function contractBroken(r: CliResult, files: readonly string[]): string | null {
  if (r.code !== 0 && r.code !== 1) return `exit ${r.code}`;
  if (/internal error|\n\s+at \S+ \(|\b(TypeError|RangeError|ReferenceError|SyntaxError|InvariantError)\b/.test(r.err)) return 'stack trace or internal error';
  if (r.code === 1) {
    if (r.err.trim() === '') return 'exit 1 without a message';
    if (!r.err.startsWith('koordsim: ') && !files.some((f) => r.err.includes(f))) return 'a content problem without the file name';
    const contentProblem = /: \d+ problems?\n/.test(r.err);
    if (contentProblem && !/\$[^\n]*: expected [^\n]+, found /.test(r.err)) return 'a content problem without path, expected and found';
  }
  if (r.code === 0 && /^\s*\{/.test(r.out)) {
    const bad = nonFiniteCounts(JSON.parse(r.out));
    if (bad) return bad;
  }
  return null;
}

/** Counts the README promises as numbers (arrivals, events) must be finite in --json output. */
function nonFiniteCounts(o: unknown): string | null {
  const runs = isRecord(o) && isRecord(o.a) ? [o.a, o.b] : [o];
  for (const run of runs) {
    if (!isRecord(run) || !isRecord(run.metrics)) continue;
    for (const name of ['arrivals', 'eventsProcessed', 'usersArrived']) {
      const m = run.metrics[name];
      if (isRecord(m) && !(typeof m.mean === 'number' && Number.isFinite(m.mean))) return `${name} is ${JSON.stringify(m.mean)}`;
    }
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- mutations of JSON documents ---------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

/** Every path in a JSON document, the root first. */
export function pathsOf(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push(...pathsOf(v[k], [...prefix, k]));
  return out;
}

const ODD_NUMBERS = [1e308, -1e308, 1e6, 1e15, 9007199254740993, 1e-300, 5e-324, 0, -0, -1, 0.5, 2 ** 31, -(2 ** 53)];
const ODD_VALUES: Json[] = ['NaN', 'Infinity', '', 'x'.repeat(70_000), true, null, [], {}, [1, 2], { a: 1 }, '<img src=x onerror=alert(1)>', '0', 'ʼ€\u0000'];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', '$ref'];

export type Mutation =
  | { op: 'number'; at: number; value: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'misspell'; at: number; pos: number }
  | { op: 'oddKey'; at: number; key: string }
  | { op: 'emptyArray'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'nest'; at: number; depth: number }
  | { op: 'scale'; at: number; factor: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true })) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.constantFrom(...ODD_VALUES) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('misspell' as const), at: fc.nat(), pos: fc.nat() }),
  fc.record({ op: fc.constant('oddKey' as const), at: fc.nat(), key: fc.constantFrom(...ODD_KEYS) }),
  fc.record({ op: fc.constant('emptyArray' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.constantFrom(10, 1000, 100_000) }),
  fc.record({ op: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(1e3, 1e6, 1e-6, -1, 0) }),
);

/** How the mutated document becomes bytes: plain JSON, or broken on purpose. */
export type Encoding = { kind: 'json' } | { kind: 'bom' } | { kind: 'truncate'; at: number } | { kind: 'binary'; bytes: number[] } | { kind: 'nanLiteral' } | { kind: 'empty' };

export const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nanLiteral' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

function clone(v: Json): Json {
  return JSON.parse(JSON.stringify(v)) as Json;
}

function setOwn(o: Record<string, Json>, key: string, value: Json): void {
  // An own property even for "__proto__", as JSON.parse makes it.
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations in turn; each picks its target among the paths of the document as it is then. */
export function mutate(doc: Json, mutations: readonly Mutation[]): Json {
  let root = clone(doc);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length];
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = parentPath.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], root) as Record<string | number, Json> | Json[] | undefined;
    const current = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], root);
    const put = (value: Json) => {
      if (path.length === 0) root = value;
      else if (Array.isArray(parent)) parent[key as number] = value;
      else setOwn(parent as Record<string, Json>, key as string, value);
    };
    switch (m.op) {
      case 'number':
        put(m.value);
        break;
      case 'scale':
        if (typeof current === 'number') put(current * m.factor);
        break;
      case 'replace':
        put(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent && typeof parent === 'object') delete (parent as Record<string, Json>)[key as string];
        break;
      case 'misspell':
        if (parent && !Array.isArray(parent) && typeof key === 'string' && key.length > 1) {
          const i = m.pos % (key.length - 1);
          const wrong = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
          const entries = Object.entries(parent as Record<string, Json>).map(([k, v]) => [k === key ? wrong : k, v] as const);
          for (const k of Object.keys(parent)) delete (parent as Record<string, Json>)[k];
          for (const [k, v] of entries) setOwn(parent as Record<string, Json>, k, v);
        }
        break;
      case 'oddKey':
        if (current && typeof current === 'object' && !Array.isArray(current)) setOwn(current, m.key, current === root ? { polluted: true } : 1);
        break;
      case 'emptyArray':
        if (Array.isArray(current)) current.length = 0;
        break;
      case 'duplicate':
        if (Array.isArray(current) && current.length > 0) current.push(clone(current[0]));
        break;
      case 'nest':
        // A placeholder that encode() expands, so the harness itself never recurses that deep.
        put(`${NEST}${m.depth}`);
        break;
    }
  }
  return root;
}

const NEST = 'koordsim-fuzz-nest:';

/** The bytes of a file holding `doc` under `encoding`. */
export function encode(doc: Json, encoding: Encoding): Buffer {
  const text = JSON.stringify(doc, null, 1).replace(new RegExp(`"${NEST}(\\d+)"`, 'g'), (_, d: string) => `${'['.repeat(Number(d))}1${']'.repeat(Number(d))}`);
  switch (encoding.kind) {
    case 'json':
      return Buffer.from(text);
    case 'bom':
      return Buffer.from(`\ufeff${text}`);
    case 'truncate':
      return Buffer.from(text.slice(0, encoding.at % (text.length + 1)));
    case 'binary':
      return Buffer.concat([Buffer.from(encoding.bytes), Buffer.from(text.slice(0, 200))]);
    case 'nanLiteral':
      return Buffer.from(text.replace(/: (-?\d[\d.e+-]*)/, ': NaN'));
    case 'empty':
      return Buffer.alloc(0);
  }
}
