/**
 * The Experiments view's run history, in localStorage: what was run (the experiment text, its
 * name, hash, seed, replications, design and size) so any run can be repeated exactly; results are
 * not stored (a rerun reproduces them: same seeds, same rows). Pinned runs are kept first and are
 * never dropped when the list is trimmed to its limit.
 */
export interface HistoryEntry {
  id: string;
  name: string;
  file: string;
  text: string;
  experimentHash: string;
  seed: number;
  replications: number;
  design: string;
  parameters: string[];
  tasks: number;
  ranAt: string;
  pinned: boolean;
}

import { storage } from './persist.js';

const KEY = 'koordsim.experiments';
const LIMIT = 20;

export function loadHistory(): HistoryEntry[] {
  try {
    const raw = storage()?.getItem(KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? (v as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

function save(list: HistoryEntry[]): void {
  storage()?.setItem(KEY, JSON.stringify(list));
}

/** Pinned first, then newest first. */
export function ordered(list: readonly HistoryEntry[]): HistoryEntry[] {
  return [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.ranAt.localeCompare(a.ranAt));
}

/** Adds a run (replacing an earlier run of the same experiment hash) and trims unpinned runs beyond the limit. */
export function addRun(entry: Omit<HistoryEntry, 'id' | 'pinned'>): HistoryEntry[] {
  const list = loadHistory();
  const earlier = list.find((e) => e.experimentHash === entry.experimentHash);
  const next: HistoryEntry = { ...entry, id: earlier?.id ?? `${entry.experimentHash}-${entry.ranAt}`, pinned: earlier?.pinned ?? false };
  const rest = list.filter((e) => e.experimentHash !== entry.experimentHash);
  const all = ordered([next, ...rest]);
  const pinned = all.filter((e) => e.pinned);
  const unpinned = all.filter((e) => !e.pinned).slice(0, Math.max(0, LIMIT - pinned.length));
  const out = ordered([...pinned, ...unpinned]);
  save(out);
  return out;
}

export function setPinned(id: string, pinned: boolean): HistoryEntry[] {
  const out = ordered(loadHistory().map((e) => (e.id === id ? { ...e, pinned } : e)));
  save(out);
  return out;
}

export function removeRun(id: string): HistoryEntry[] {
  const out = loadHistory().filter((e) => e.id !== id);
  save(out);
  return out;
}
