/**
 * What survives a reload: the user's edits and loaded files (drafts) and the last view, in
 * localStorage; and a shareable URL whose hash restores scenario, seed and view. Edited scenarios
 * travel in the URL compressed (deflate, base64url), so a link restores them on another machine.
 */

export type View = 'compare' | 'live' | 'charts' | 'experiments' | 'about';
/** The views a URL may name; anything else keeps the current view. */
export const VIEWS: readonly View[] = ['compare', 'live', 'charts', 'experiments', 'about'];

export interface ViewState {
  a: string;
  b: string | null;
  seed: number;
  reps: number;
  view: View;
  /** The user whose story is open, if one is: in the URL, so Back closes it and a link opens it. */
  story?: { slot: 'A' | 'B'; user: number } | null;
}

const DRAFTS = 'koordsim.drafts';
const STATE = 'koordsim.state';

/** localStorage, or null where there is none or it refuses (private mode, node). */
export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Drafts by scenario id: the edited text of a built-in, or a file the user loaded. */
export function loadDrafts(): Record<string, { text: string; file: string }> {
  try {
    const raw = storage()?.getItem(DRAFTS);
    const d: unknown = raw ? JSON.parse(raw) : {};
    return typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Record<string, { text: string; file: string }>) : {};
  } catch {
    return {};
  }
}

export function saveDraft(id: string, text: string, file: string): void {
  const d = loadDrafts();
  d[id] = { text, file };
  storage()?.setItem(DRAFTS, JSON.stringify(d));
}

export function dropDraft(id: string): void {
  const d = loadDrafts();
  delete d[id];
  storage()?.setItem(DRAFTS, JSON.stringify(d));
}

export function loadViewState(): Partial<ViewState> {
  try {
    const raw = storage()?.getItem(STATE);
    const v: unknown = raw ? JSON.parse(raw) : {};
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Partial<ViewState>) : {};
  } catch {
    return {};
  }
}

export function saveViewState(s: ViewState): void {
  storage()?.setItem(STATE, JSON.stringify(s));
}

// --- URL ---

/** Text deflated (deflate-raw) and written as base64url without padding: safe in a URL as it is. */
export async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function inflate(b64: string): Promise<string> {
  const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/** The hash for a view; `edited` holds the text of scenarios that differ from their built-in. */
export async function encodeHash(s: ViewState, edited: { a?: string; b?: string }, lang: string): Promise<string> {
  const p = new URLSearchParams();
  p.set('a', s.a);
  p.set('b', s.b ?? ''); // empty: a single-scenario view, so the link does not pick up a saved B
  p.set('seed', String(s.seed));
  p.set('reps', String(s.reps));
  p.set('view', s.view);
  p.set('lang', lang);
  if (s.story) p.set('story', `${s.story.slot}${s.story.user}`);
  if (edited.a) p.set('sa', await deflate(edited.a));
  if (edited.b) p.set('sb', await deflate(edited.b));
  return `#${p.toString()}`;
}

export interface DecodedHash {
  state: Partial<ViewState>;
  lang?: string;
  textA?: string;
  textB?: string;
  /** Edits of a built-in as line patches (linkPatch.ts, parsed JSON, not yet checked): main.ts applies them. */
  patchA?: unknown;
  patchB?: unknown;
  /** Slots whose edits were too large for the link (shareLink.ts): only the browser that made it has them. */
  draftOnly?: Array<'A' | 'B'>;
}

export async function decodeHash(hash: string): Promise<DecodedHash> {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const state: Partial<ViewState> = {};
  const a = p.get('a');
  if (a) state.a = a;
  if (p.has('b')) state.b = p.get('b') || null;
  const seed = Number(p.get('seed'));
  if (p.has('seed') && Number.isSafeInteger(seed)) state.seed = seed;
  const reps = Number(p.get('reps'));
  if (p.has('reps') && Number.isInteger(reps) && reps >= 1) state.reps = Math.min(reps, 500);
  const view = p.get('view');
  if ((VIEWS as readonly (string | null)[]).includes(view)) state.view = view as View;
  const story = /^([AB])(\d{1,9})$/.exec(p.get('story') ?? '');
  if (story) state.story = { slot: story[1] as 'A' | 'B', user: Number(story[2]) };
  const out: DecodedHash = { state, lang: p.get('lang') ?? undefined };
  // A damaged text falls back to the built-in scenario of its slot; the other slot keeps its own.
  const inflateOrUndefined = async (b64: string | null) => {
    if (!b64) return undefined;
    try {
      return await inflate(b64);
    } catch {
      return undefined;
    }
  };
  out.textA = await inflateOrUndefined(p.get('sa'));
  out.textB = await inflateOrUndefined(p.get('sb'));
  if (out.textA === undefined) delete out.textA;
  if (out.textB === undefined) delete out.textB;
  for (const [name, key] of [['pa', 'patchA'], ['pb', 'patchB']] as const) {
    const packed = await inflateOrUndefined(p.get(name));
    if (packed === undefined) continue;
    try {
      out[key] = JSON.parse(packed) as unknown;
    } catch {
      // a damaged patch: as a damaged text, the slot falls back
    }
  }
  const draftOnly = (['A', 'B'] as const).filter((s) => p.get(`d${s.toLowerCase()}`) === '1');
  if (draftOnly.length > 0) out.draftOnly = draftOnly;
  return out;
}
