import { loadDrafts, storage } from './persist.js';

/**
 * Drafts shared by every tab of the dashboard without a silent overwrite. localStorage holds one
 * map of drafts and a revision counter (`koordsim.drafts.rev`, bumped by every write, with the
 * writing tab's id). Each tab remembers the text it last read or wrote for each draft; it writes
 * a draft only if the stored one is still that text. If another tab changed it meanwhile, the
 * write is held back and the page asks: load the other tab's version, or keep this one (which
 * then overwrites, by the user's choice). The `storage` event tells a tab at once when another
 * tab writes, so the question usually comes before the next edit.
 */

const DRAFTS = 'koordsim.drafts';
const REV = 'koordsim.drafts.rev';

export type Draft = { text: string; file: string };

export interface Revision {
  rev: number;
  tab: string;
}

export function readRevision(): Revision {
  try {
    const v = JSON.parse(storage()?.getItem(REV) ?? 'null') as Partial<Revision> | null;
    return { rev: typeof v?.rev === 'number' ? v.rev : 0, tab: typeof v?.tab === 'string' ? v.tab : '' };
  } catch {
    return { rev: 0, tab: '' };
  }
}

export class DraftSync {
  readonly tab = `${Date.now().toString(36)}-${Math.floor(performance.now() * 1000).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  /** The stored text of each draft as this tab last read or wrote it (undefined: no draft). */
  private readonly known = new Map<string, string | undefined>();
  /** Drafts this tab holds back until the user answers, by id. */
  private readonly held = new Map<string, Draft>();

  /**
   * `onConflict(id, theirs)`: another tab changed draft `id` (theirs: its text now, or undefined if
   * it dropped the draft) and this tab's text differs; `shown(id)` says whether this tab shows it.
   */
  constructor(
    private readonly onConflict: (id: string, theirs: Draft | undefined) => void,
    private readonly mine: (id: string) => string | undefined,
  ) {
    for (const [id, d] of Object.entries(loadDrafts())) this.known.set(id, d.text);
    if (typeof window !== 'undefined')
      window.addEventListener('storage', (e) => {
        if (e.key === DRAFTS || e.key === null) this.check();
      });
  }

  /** Compares the stored drafts with what this tab knows; asks about drafts it shows that changed. */
  check(): void {
    const stored = loadDrafts();
    const ids = new Set([...this.known.keys(), ...Object.keys(stored)]);
    for (const id of ids) {
      const now = stored[id]?.text;
      if (now === this.known.get(id)) continue;
      const mine = this.mine(id);
      if (mine === undefined || mine === now) {
        // Not shown here, or the same text: nothing to ask.
        this.known.set(id, now);
        continue;
      }
      this.onConflict(id, stored[id]);
    }
  }

  isHeld(id: string): boolean {
    return this.held.has(id);
  }

  /** Writes a draft unless another tab changed it since this tab last saw it; false when held back. */
  save(id: string, text: string, file: string): boolean {
    const stored = loadDrafts()[id]?.text;
    if (this.held.has(id) || stored !== this.known.get(id)) {
      this.held.set(id, { text, file });
      if (stored !== this.known.get(id)) this.onConflict(id, loadDrafts()[id]);
      return false;
    }
    this.write(id, { text, file });
    return true;
  }

  drop(id: string): boolean {
    const stored = loadDrafts()[id]?.text;
    if (this.held.has(id) || stored !== this.known.get(id)) {
      if (stored !== this.known.get(id)) this.onConflict(id, loadDrafts()[id]);
      return false;
    }
    this.write(id, undefined);
    return true;
  }

  /** The user kept this tab's version: it overwrites the other tab's. */
  keepMine(id: string, text: string, file: string): void {
    this.held.delete(id);
    this.write(id, { text, file });
  }

  /** The user took the other tab's version: it is this tab's from now on. */
  takeTheirs(id: string): Draft | undefined {
    this.held.delete(id);
    const d = loadDrafts()[id];
    this.known.set(id, d?.text);
    return d;
  }

  private write(id: string, d: Draft | undefined): void {
    const all = loadDrafts();
    if (d) all[id] = d;
    else delete all[id];
    const s = storage();
    s?.setItem(DRAFTS, JSON.stringify(all));
    s?.setItem(REV, JSON.stringify({ rev: readRevision().rev + 1, tab: this.tab } satisfies Revision));
    this.known.set(id, d?.text);
  }
}
