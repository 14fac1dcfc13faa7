/**
 * An edit of a built-in scenario as the few lines that changed, so a link can carry it: a built-in
 * is 8 to 57 kB of JSON and compressed still 2 to 17 kB, far beyond a link's 2,000 characters,
 * while a lever edit changes one line. The patch holds a hash of the text it was made against;
 * applied to any other text it gives null (the built-in changed since the link was made), never
 * a scenario nobody wrote. Lines are compared with Myers' O(ND) difference algorithm (1986).
 */

export interface LinePatch {
  /** FNV-1a hash of the base text, hex. */
  h: string;
  /** Hunks: [line in the base, lines deleted there, lines inserted]. */
  d: Array<[number, number, string[]]>;
}

/** FNV-1a, 32 bits, of the UTF-16 code units: a check that the base is the same text, not a security measure. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The patch from `base` to `text`, or null if they differ in more than `maxEdits` lines. */
export function makePatch(base: string, text: string, maxEdits = 200): LinePatch | null {
  const a = base.split('\n');
  const b = text.split('\n');
  const script = myers(a, b, maxEdits);
  if (script === null) return null;
  const d: LinePatch['d'] = [];
  let i = 0;
  let j = 0;
  let hunk: [number, number, string[]] | null = null;
  for (const op of script) {
    if (op === 'keep') {
      hunk = null;
      i++;
      j++;
      continue;
    }
    if (hunk === null) {
      hunk = [i, 0, []];
      d.push(hunk);
    }
    if (op === 'del') {
      hunk[1]++;
      i++;
    } else {
      hunk[2].push(b[j]);
      j++;
    }
  }
  return { h: textHash(base), d };
}

/** `base` with the patch applied, or null if the patch was made against another text or does not fit it. */
export function applyPatch(base: string, patch: unknown): string | null {
  if (!isPatch(patch) || patch.h !== textHash(base)) return null;
  const a = base.split('\n');
  const out: string[] = [];
  let i = 0;
  for (const [at, del, ins] of patch.d) {
    if (at < i || at + del > a.length) return null;
    out.push(...a.slice(i, at), ...ins);
    i = at + del;
  }
  out.push(...a.slice(i));
  return out.join('\n');
}

function isPatch(x: unknown): x is LinePatch {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as LinePatch;
  return (
    typeof p.h === 'string' &&
    Array.isArray(p.d) &&
    p.d.every((h) => Array.isArray(h) && h.length === 3 && Number.isSafeInteger(h[0]) && h[0] >= 0 && Number.isSafeInteger(h[1]) && h[1] >= 0 && Array.isArray(h[2]) && h[2].every((l) => typeof l === 'string'))
  );
}

type Op = 'keep' | 'del' | 'ins';

/** The shortest edit script from a to b (Myers 1986), or null beyond maxD edits. */
function myers(a: string[], b: string[], maxD: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(maxD, n + m);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, off, n, m, d);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], off: number, n: number, m: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1;
    const prevX = v[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('keep');
      x--;
      y--;
    }
    ops.push(x === prevX ? 'ins' : 'del');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('keep');
    x--;
    y--;
  }
  return ops.reverse();
}
