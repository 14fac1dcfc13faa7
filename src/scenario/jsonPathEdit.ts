import { jsonPath } from './validate.js';

/** A JSON path of the simple form the validation errors print: `$.a.b[0].c`. */
export function parseJsonPath(path: string): Array<string | number> {
  if (!/^\$(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(path)) throw new RangeError(`not a JSON path of the form $.a.b[0].c: ${JSON.stringify(path)}`);
  const out: Array<string | number> = [];
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** The value at a path, or `undefined` with the longest prefix that exists. */
export function lookup(data: unknown, segments: ReadonlyArray<string | number>): { found: true; value: unknown } | { found: false; existing: string } {
  let cur: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const ok =
      typeof seg === 'number' ? Array.isArray(cur) && seg < cur.length : typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, seg);
    if (!ok) return { found: false, existing: jsonPath(segments.slice(0, i)) };
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: cur };
}

/** A deep copy of `data` with `value` at an existing path. */
export function setExisting<T>(data: T, segments: ReadonlyArray<string | number>, value: unknown): T {
  const copy = structuredClone(data);
  if (segments.length === 0) return structuredClone(value) as T;
  let cur = copy as Record<string | number, unknown>;
  for (const seg of segments.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  cur[segments[segments.length - 1]] = structuredClone(value);
  return copy;
}

/**
 * Sets `value` at `segments` in `data` in place, making the objects on the way that are missing (a
 * section the file leaves to its defaults). False, with nothing set, when the path runs through an
 * array entry that does not exist or through a value that is not an object.
 */
export function setCreating(data: Record<string, unknown>, segments: ReadonlyArray<string | number>, value: unknown): boolean {
  if (segments.length === 0) return false;
  let cur: unknown = data;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    const obj = cur as Record<string | number, unknown>;
    if (obj[seg] === undefined) {
      if (typeof seg === 'number') return false;
      obj[seg] = {};
    }
    cur = obj[seg];
    if (cur === null || typeof cur !== 'object') return false;
  }
  const last = segments[segments.length - 1];
  if (typeof last === 'number' && !Array.isArray(cur)) return false;
  (cur as Record<string | number, unknown>)[last] = value;
  return true;
}
