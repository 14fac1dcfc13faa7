import type { RunDigest } from '../../src/experiment/digest.js';
import type { Slot } from '../../src/protocol.js';

/**
 * Finished results in IndexedDB, so a reload shows them without running again. The key is
 * everything the results are a function of: the model version, the seed, the replications and
 * the hash of each slot's validated scenario (a run is `(scenario, seed) -> record`, so the same
 * key gives the same digests). Only complete, uncancelled runs are kept; the newest KEEP stay.
 */

export interface CachedResults {
  key: string;
  savedAt: string;
  digests: Record<Slot, RunDigest[]>;
}

const DB = 'koordsim';
const STORE = 'results';
const KEEP = 12;

export function resultsKey(m: { model: string; seed: number; reps: number; hashes: Partial<Record<Slot, string>> }): string {
  return [`model ${m.model}`, `seed ${m.seed}`, `reps ${m.reps}`, `A ${m.hashes.A ?? '-'}`, `B ${m.hashes.B ?? '-'}`].join('|');
}

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB, 1);
    } catch {
      resolve(null); // blocked storage (privacy settings): no cache, nothing else changes
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function getResults(key: string): Promise<CachedResults | null> {
  const db = await open();
  if (!db) return null;
  try {
    const req = db.transaction(STORE).objectStore(STORE).get(key);
    return await new Promise((resolve) => {
      req.onsuccess = () => resolve((req.result as CachedResults | undefined) ?? null);
      req.onerror = () => resolve(null);
    });
  } finally {
    db.close();
  }
}

/** Keeps the results under their key and drops the oldest beyond KEEP. A full disk loses the cache, not the results on screen. */
export async function putResults(entry: CachedResults): Promise<void> {
  const db = await open();
  if (!db) return;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    store.put(entry);
    const keys = store.index('savedAt').getAllKeys();
    keys.onsuccess = () => {
      const all = keys.result as IDBValidKey[];
      for (const k of all.slice(0, Math.max(0, all.length - KEEP))) store.delete(k);
    };
    await done(tx);
  } catch {
    // Quota exceeded or storage blocked: the page works on without a cache.
  } finally {
    db.close();
  }
}
