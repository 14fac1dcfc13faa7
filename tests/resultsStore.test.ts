// The IndexedDB store of finished runs (src/resultsStore.ts), on fake-indexeddb: a reload may show
// a run only when all of it is there, old runs and stray digests are dropped, and without storage
// nothing fails.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDigests, getMarker, KEEP, openResults, putDigest, putMarker, resultsKey, type ResultsMarker } from '../src/resultsStore.js';
import type { Slot } from '../src/protocol.js';
import { makeDigest } from './web/makeDigest.js';

const g = globalThis as { indexedDB?: unknown; IDBKeyRange?: unknown };

async function writeRun(key: string, reps: number, slots: Slot[], savedAt: string, skip?: [Slot, number]): Promise<ResultsMarker> {
  const db = await openResults();
  for (let r = 0; r < reps; r++) {
    for (const slot of slots) {
      if (skip && skip[0] === slot && skip[1] === r) continue;
      await putDigest(db, key, slot, r, makeDigest({ seed: 100 * (slot === 'A' ? 1 : 2) + r, waits: [r, r + 0.5] }));
    }
  }
  db?.close();
  const marker = { key, savedAt, reps, slots };
  await putMarker(marker);
  return marker;
}

async function digestKeys(): Promise<string[]> {
  const db = (await openResults())!;
  const keys = await new Promise<IDBValidKey[]>((resolve) => {
    const req = db.transaction('digests').objectStore('digests').getAllKeys();
    req.onsuccess = () => resolve(req.result);
  });
  db.close();
  return [...new Set(keys.map((k) => (k as string[])[0]))].sort();
}

describe('results store', () => {
  beforeEach(() => {
    g.indexedDB = new IDBFactory();
    g.IDBKeyRange = IDBKeyRange;
  });
  afterEach(() => {
    delete g.indexedDB;
    delete g.IDBKeyRange;
  });

  it('gives back every digest of a complete run, by slot in replication order, typed arrays intact', async () => {
    const key = resultsKey({ model: '1.7.0', seed: 3, reps: 3, hashes: { A: 'a1', B: 'b1' } });
    const marker = await writeRun(key, 3, ['A', 'B'], '2026-12-07T01:00:00.000Z');
    expect(await getMarker(key)).toEqual(marker);
    const got = (await getDigests(marker))!;
    expect(got.A.map((d) => d.seed)).toEqual([100, 101, 102]);
    expect(got.B.map((d) => d.seed)).toEqual([200, 201, 202]);
    expect(got.A[2].waits).toBeInstanceOf(Float64Array);
    expect([...got.A[2].waits]).toEqual([2, 2.5]);
  });

  it('treats a run with a replication missing as not kept, and a key never marked as a miss', async () => {
    const key = resultsKey({ model: '1.7.0', seed: 4, reps: 2, hashes: { A: 'a1', B: 'b1' } });
    const marker = await writeRun(key, 2, ['A', 'B'], '2026-12-07T01:00:00.000Z', ['B', 1]);
    expect(await getDigests(marker)).toBeNull();
    // A replication missing in the middle leaves a hole, not a short list.
    const middle = resultsKey({ model: '1.7.0', seed: 6, reps: 3, hashes: { A: 'a1' } });
    expect(await getDigests(await writeRun(middle, 3, ['A'], '2026-12-07T01:00:00.000Z', ['A', 1]))).toBeNull();
    expect(await getMarker(resultsKey({ model: '1.7.0', seed: 5, reps: 2, hashes: { A: 'a1' } }))).toBeNull();
  });

  it(`keeps the newest ${KEEP} runs and drops the digests of older runs and of runs never marked (cancelled)`, async () => {
    const key = (i: number) => resultsKey({ model: '1.7.0', seed: i, reps: 1, hashes: { A: 'a' } });
    // A cancelled run: digests written, no marker.
    const db = await openResults();
    await putDigest(db, 'cancelled', 'A', 0, makeDigest({}));
    db?.close();
    for (let i = 0; i < KEEP + 2; i++) await writeRun(key(i), 1, ['A'], `2026-12-07T01:${String(i).padStart(2, '0')}:00.000Z`);
    expect(await getMarker(key(0))).toBeNull();
    expect(await getMarker(key(1))).toBeNull();
    expect(await getMarker(key(2))).not.toBeNull();
    expect(await digestKeys()).toEqual(Array.from({ length: KEEP }, (_, i) => key(i + 2)).sort());
  });

  it('drops the results of version 1 (whole runs in one value) when it opens', async () => {
    const idb = g.indexedDB as IDBFactory;
    await new Promise<void>((resolve) => {
      const req = idb.open('koordsim', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('results', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
      req.onsuccess = () => {
        const tx = req.result.transaction('results', 'readwrite');
        tx.objectStore('results').put({ key: 'old', savedAt: '2026-12-01T00:00:00.000Z', digests: { A: [], B: [] } });
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
      };
    });
    expect(await getMarker('old')).toBeNull();
    const db = (await openResults())!;
    const left = await new Promise<number>((resolve) => {
      const req = db.transaction('results').objectStore('results').count();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    expect(left).toBe(0);
  });

  it('does nothing, and fails nothing, without IndexedDB (Node, blocked storage)', async () => {
    delete g.indexedDB;
    const marker = { key: 'k', savedAt: '2026-12-07T01:00:00.000Z', reps: 1, slots: ['A'] as Slot[] };
    expect(await openResults()).toBeNull();
    await putDigest(null, 'k', 'A', 0, makeDigest({}));
    await putMarker(marker);
    expect(await getMarker('k')).toBeNull();
    expect(await getDigests(marker)).toBeNull();
  });
});
