/**
 * How deep a JSON document may nest. No scenario or experiment nests deeper than about eight
 * levels; a document nested thousands deep is a broken or hostile file, and the recursive parsers
 * behind the error messages (jsonc-parser's tree, Zod) would overflow the stack on it. Checked
 * iteratively before anything recursive sees the data.
 */
export const MAX_JSON_DEPTH = 64;

/** The path to the first value nested deeper than MAX_JSON_DEPTH, and the character offset of its opening bracket, or null. */
export function tooDeep(text: string): { offset: number; depth: number } | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return { offset: i, depth };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/** The JSON path of the first value nested deeper than MAX_JSON_DEPTH in parsed data (iterative). */
export function deepPath(data: unknown): Array<string | number> {
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: data, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= MAX_JSON_DEPTH) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ v: entries[k][1], path: [...path, entries[k][0]] });
  }
  return [];
}
