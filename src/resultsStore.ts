import type { RunDigest } from './experiment/digest.js';
import type { Slot } from './protocol.js';

/**
 * Finished results in IndexedDB, so a reload shows them without running again. Browser only (the
 * CLI has files); in Node every function finds no IndexedDB and does nothing.
 *
 * The key is everything the results are a function of: the model version, the seed, the
 * replications and the hash of each slot's validated scenario (a run is `(scenario, seed) ->
 * record`, so the same key gives the same digests).
 *
 * Two stores. `digests` holds one digest per (key, slot, replication), written by the worker that
 * made it, before it hands the digest to the page: IndexedDB copies a value on the calling thread,
 * and in Chromium on this 2-core machine a put of the six ten-year digests of a 3-replication
 * comparison took 45-150 ms on the main thread (CPU profile of the dashboard test's run; a
 * structuredClone of 3 MB of typed arrays alone takes 27-107 ms here), the longest task of the
 * run. `results` holds a small marker per key, written by the page once a run is complete and not
 * cancelled: digests without a marker are never read, and a marker whose digests are not all
 * there is a miss. The newest KEEP markers stay; older ones and digests of no kept marker go.
 */

export interface ResultsMarker {
  key: string;
  savedAt: string;
  reps: number;
  slots: Slot[];
}

const DB = 'koordsim';
// Version 1 kept whole runs in `results`, cloned on the main thread; version 2 drops those.
const VERSION = 2;
const RESULTS = 'results';
const DIGESTS = 'digests';
export const KEEP = 12;

export function resultsKey(m: { model: string; seed: number; reps: number; hashes: Partial<Record<Slot, string>> }): string {
  return [`model ${m.model}`, `seed ${m.seed}`, `reps ${m.reps}`, `A ${m.hashes.A ?? '-'}`, `B ${m.hashes.B ?? '-'}`].join('|');
}

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB, VERSION);
    } catch {
      resolve(null); // blocked storage (privacy settings): no cache, nothing else changes
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (db.objectStoreNames.contains(RESULTS)) db.deleteObjectStore(RESULTS);
      if (db.objectStoreNames.contains(DIGESTS)) db.deleteObjectStore(DIGESTS);
      db.createObjectStore(RESULTS, { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
      db.createObjectStore(DIGESTS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    // Another tab still has version 1 open: no cache in this one until it closes.
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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Every digest of `key`: its keys are [key, slot, r], which sort after [key] and before [key, []]. */
const rangeOf = (key: string) => IDBKeyRange.bound([key], [key, []]);

/**
 * Keeps one digest of a run (worker side). The copy is made within this call, so the caller may
 * transfer the digest's buffers as soon as it returns; the promise settles when it is written. A
 * full disk or blocked storage loses the cache, never the run.
 */
export async function putDigest(db: IDBDatabase | null, key: string, slot: Slot, r: number, digest: RunDigest): Promise<void> {
  if (!db) return;
  try {
    const tx = db.transaction(DIGESTS, 'readwrite');
    tx.objectStore(DIGESTS).put(digest, [key, slot, r]);
    await done(tx);
  } catch {
    // Quota exceeded or storage blocked: the page works on without a cache.
  }
}

/** The database for a batch of putDigest calls (close it when they are done); null without IndexedDB. */
export const openResults = open;

/** The marker of a complete run (page side). Drops the oldest markers beyond KEEP and every digest of no kept marker. */
export async function putMarker(marker: ResultsMarker): Promise<void> {
  const db = await open();
  if (!db) return;
  try {
    const tx = db.transaction([RESULTS, DIGESTS], 'readwrite');
    const results = tx.objectStore(RESULTS);
    results.put(marker);
    const kept = new Set<string>();
    const markers = (await request(results.index('savedAt').getAllKeys())) as IDBValidKey[];
    const drop = markers.length - KEEP;
    markers.forEach((k, i) => (i < drop ? results.delete(k) : kept.add(String(k))));
    kept.add(marker.key);
    const digests = tx.objectStore(DIGESTS);
    const keys = (await request(digests.getAllKeys())) as [string, Slot, number][];
    const gone = new Set(keys.map((k) => k[0]).filter((k) => !kept.has(k)));
    for (const k of gone) digests.delete(rangeOf(k));
    await done(tx);
  } catch {
    // As putDigest.
  } finally {
    db.close();
  }
}

/** The marker of `key`, or null (page side: a few bytes, the digests stay where they are). */
export async function getMarker(key: string): Promise<ResultsMarker | null> {
  const db = await open();
  if (!db) return null;
  try {
    const m = (await request(db.transaction(RESULTS).objectStore(RESULTS).get(key))) as ResultsMarker | undefined;
    return m && Array.isArray(m.slots) && Number.isInteger(m.reps) ? m : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * The digests of a complete run, slot by slot in replication order (worker side: reading copies
 * them, and the worker transfers them to the page). Null when any replication is missing.
 */
export async function getDigests(marker: ResultsMarker): Promise<Record<Slot, RunDigest[]> | null> {
  const db = await open();
  if (!db) return null;
  try {
    const store = db.transaction(DIGESTS).objectStore(DIGESTS);
    const [keys, values] = await Promise.all([request(store.getAllKeys(rangeOf(marker.key))), request(store.getAll(rangeOf(marker.key)))]);
    const out: Record<Slot, RunDigest[]> = { A: [], B: [] };
    (keys as [string, Slot, number][]).forEach(([, slot, r], i) => {
      if (marker.slots.includes(slot) && r >= 0 && r < marker.reps) out[slot][r] = values[i] as RunDigest;
    });
    for (const slot of marker.slots) {
      // By index: `some` skips the holes a missing replication leaves in the middle.
      const got = out[slot];
      for (let r = 0; r < marker.reps; r++) if (got[r] === undefined) return null;
    }
    return out;
  } catch {
    return null;
  } finally {
    db.close();
  }
}
