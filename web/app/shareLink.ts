import { makePatch } from './linkPatch.js';
import { deflate, encodeHash, type ViewState } from './persist.js';

/**
 * Links stay within what browsers, mail and chat tools keep intact. 2,000 characters is the old
 * Internet Explorer limit that link shorteners, chat previews and many servers still assume; a
 * longer link is often cut, and a cut link opens the wrong scenario. An edited scenario travels
 * compressed (deflate-raw, base64url): an edit of a built-in as the lines that changed (`pa`,
 * `pb`: linkPatch.ts; a lever edit is about 100 characters), anything else as its whole text
 * (`sa`, `sb`), whichever is shorter. An edit too large for the link is left out of it, marked
 * so the page that opens it can say so (`da=1`, `db=1`), and offered as an export instead.
 */
export const LINK_LIMIT = 2000;

export interface Link {
  /** The hash to put after the page's address. */
  hash: string;
  /** Slots whose edits did not fit and are not in the link, with the length the link would have had. */
  omitted: Array<{ slot: 'A' | 'B'; length: number }>;
}

/**
 * The hash for `view` whose whole link (`base` + hash) stays within `limit` characters. `edited`
 * holds the texts of edited slots; `builtIns` the built-in text each edit was made from, if any.
 */
export async function linkHash(base: string, view: ViewState, edited: { a?: string; b?: string }, lang: string, builtIns: { a?: string; b?: string } = {}, limit = LINK_LIMIT): Promise<Link> {
  const p = new URLSearchParams((await encodeHash(view, {}, lang)).slice(1));
  const carried: Array<{ slot: 'A' | 'B'; name: string }> = [];
  for (const key of ['a', 'b'] as const) {
    const text = edited[key];
    if (text === undefined) continue;
    const full = await deflate(text);
    const from = builtIns[key];
    const patch = from !== undefined ? makePatch(from, text) : null;
    const packed = patch ? await deflate(JSON.stringify(patch)) : null;
    const [name, value] = packed !== null && packed.length < full.length ? [`p${key}`, packed] : [`s${key}`, full];
    p.set(name, value);
    carried.push({ slot: key === 'a' ? 'A' : 'B', name });
  }
  const omitted: Link['omitted'] = [];
  const length = () => base.length + 1 + p.toString().length;
  // Leave out the larger edit first, then the other, until the link fits.
  while (length() > limit && carried.length > 0) {
    carried.sort((x, y) => (p.get(y.name) ?? '').length - (p.get(x.name) ?? '').length);
    const { slot, name } = carried.shift()!;
    omitted.push({ slot, length: length() });
    p.delete(name);
    p.set(`d${slot.toLowerCase()}`, '1');
  }
  return { hash: `#${p.toString()}`, omitted };
}
