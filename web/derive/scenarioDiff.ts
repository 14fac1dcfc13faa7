/**
 * What differs between two scenarios, parameter by parameter, and where each differing value comes
 * from. Pure: two scenario objects (resolved, every default filled in) and their `provenance`
 * records in, differences out. The printed report says them in words (web/views/reportView.ts).
 */

/** Fields that name or explain a scenario rather than set it: never a difference that matters. */
const NOT_PARAMETERS = new Set(['$schema', 'name', 'description', 'label', 'teaching', 'provenance']);

export interface Difference {
  /** JSON pointer of the parameter in A and in B (lists of entries with ids are matched by id, so the indexes may differ); null on the side that lacks it. */
  pointerA: string | null;
  pointerB: string | null;
  /** The path in words' order: keys, and for an entry of a list with ids, its id. */
  path: string[];
  /** The values; undefined where that side does not have the field. Sections and lists are given whole. */
  a: unknown;
  b: unknown;
}

export interface Assumption extends Difference {
  /** The provenance note, B's where both sides give one (B is the design under question). */
  note: string;
}

type SourceRef = string | { source: string; note?: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}

const escapeToken = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The differences between scenarios `a` and `b`, as few as says them: a section only one side has
 * is one difference, not one per field in it, and so is a list whose lengths differ; lists of the
 * same length and objects are compared entry by entry. In document order.
 */
export function scenarioDifferences(a: unknown, b: unknown): Difference[] {
  const out: Difference[] = [];
  const walk = (x: unknown, y: unknown, pa: string | null, pb: string | null, path: string[]) => {
    if (sameValue(x, y)) return;
    const at = (p: string | null, k: string | number) => (p === null ? null : `${p}/${typeof k === 'number' ? k : escapeToken(k)}`);
    if (isObject(x) && isObject(y)) {
      for (const k of unionKeys(x, y)) if (!(path.length === 0 && NOT_PARAMETERS.has(k))) walk(x[k], y[k], k in x ? at(pa, k) : null, k in y ? at(pb, k) : null, [...path, k]);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && (withIds(x) && withIds(y))) {
      // Services, user groups, pools: matched by id, so one service more in A does not shift the rest.
      const ids = [...x.map((e) => e.id), ...y.map((e) => e.id).filter((id) => !x.some((e) => e.id === id))];
      for (const id of ids) {
        const i = x.findIndex((e) => e.id === id);
        const j = y.findIndex((e) => e.id === id);
        walk(i < 0 ? undefined : x[i], j < 0 ? undefined : y[j], i < 0 ? null : at(pa, i), j < 0 ? null : at(pb, j), [...path, id]);
      }
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], at(pa, i), at(pb, i), [...path, String(i)]));
      return;
    }
    out.push({ pointerA: x === undefined ? null : pa, pointerB: y === undefined ? null : pb, path, a: x, b: y });
  };
  walk(a, b, '', '', []);
  return out;
}

/** True for a non-empty list whose entries all have a distinct string id. */
function withIds(xs: unknown[]): xs is Array<{ id: string }> {
  return xs.length > 0 && xs.every((e) => isObject(e) && typeof e.id === 'string') && new Set(xs.map((e) => (e as { id: string }).id)).size === xs.length;
}

/** Keys of `x` in order, then those only `y` has. */
function unionKeys(x: Record<string, unknown>, y: Record<string, unknown>): string[] {
  const keys = Object.keys(x);
  for (const k of Object.keys(y)) if (!(k in x)) keys.push(k);
  return keys;
}

/** Every single parameter (leaf) under the differences, with both sides' values: a section only one side has contributes each of its fields. */
export function differingParameters(a: unknown, b: unknown): Difference[] {
  const out: Difference[] = [];
  const leaves = (v: unknown, pointer: string | null, path: string[], f: (p: string | null, path: string[], leaf: unknown) => void) => {
    const at = (k: string | number) => (pointer === null ? null : `${pointer}/${typeof k === 'number' ? k : escapeToken(k)}`);
    if (isObject(v)) for (const k of Object.keys(v)) leaves(v[k], at(k), [...path, k], f);
    else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, at(i), [...path, String(i)], f));
    else f(pointer, path, v);
  };
  for (const d of scenarioDifferences(a, b)) {
    const seen = new Map<string, Difference>();
    leaves(d.a, d.pointerA, d.path, (p, path, v) => seen.set(path.join('/'), { pointerA: p, pointerB: null, path, a: v, b: undefined }));
    leaves(d.b, d.pointerB, d.path, (p, path, v) => {
      const prev = seen.get(path.join('/'));
      if (prev) {
        prev.b = v;
        prev.pointerB = p;
      } else seen.set(path.join('/'), { pointerA: null, pointerB: p, path, a: undefined, b: v });
    });
    for (const x of seen.values()) if (!sameValue(x.a, x.b)) out.push(x);
  }
  return out;
}

function sourceOf(ref: SourceRef | undefined): { source: string; note: string } | null {
  if (ref === undefined) return null;
  return typeof ref === 'string' ? { source: ref, note: ref } : { source: ref.source, note: ref.note ?? ref.source };
}

/** True for a source that is our own value: "assumption", possibly with a note after it. */
export function isAssumption(source: string): boolean {
  return /^assumption\b/i.test(source.trim());
}

/**
 * The parameters that differ between A and B and whose value, on a side where it is set, rests on
 * an assumption (the scenario's `provenance` says "assumption" for it). These drive the verdict as
 * much as the sourced ones, with less to stand on.
 */
export function differingAssumptions(a: unknown, b: unknown, provenanceA: Record<string, SourceRef>, provenanceB: Record<string, SourceRef>): Assumption[] {
  const out: Assumption[] = [];
  for (const d of differingParameters(a, b)) {
    const pb = d.pointerB !== null ? sourceOf(provenanceB[d.pointerB]) : null;
    const pa = d.pointerA !== null ? sourceOf(provenanceA[d.pointerA]) : null;
    const hit = [pb, pa].find((p) => p !== null && isAssumption(p.source));
    if (hit) out.push({ ...d, note: hit.note });
  }
  return out;
}
