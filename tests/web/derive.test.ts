import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, CAUSES, COORD_ACTIVITIES, COPING_POLICIES, digestOf, type RunDigest } from '../../src/experiment/digest.js';
import { metricsOf, runScenario } from '../../src/model/registry.js';
import { parseScenario } from '../../src/scenario/validate.js';
import { ci95, mean, pairedDifference, quantileSorted } from '../../src/stats/summary.js';
import { betweenChairsStack, betweenChairsUserDays } from '../../web/derive/betweenChairs.js';
import { binFrame } from '../../web/derive/bins.js';
import { caseloadBands, caseloadLines } from '../../web/derive/caseload.js';
import { copingUse } from '../../web/derive/coping.js';
import { ENTRY, handoffMatrix } from '../../web/derive/handoffs.js';
import { headline, HEADLINE_METRICS, verdict, type HeadlineRow } from '../../web/derive/headline.js';
import { coordinatorTime, staffTimeByActivity } from '../../web/derive/staffTime.js';
import { tidyRows, toCsv } from '../../web/derive/tidy.js';
import { mergeAll, mergeSorted, pooledSortedWaits, waitEcdf, waitHistogram, waitOverTime, type EcdfPoint } from '../../web/derive/waiting.js';
import { MODEL_VERSION } from '../../src/version.js';
import { makeDigest } from './makeDigest.js';

const NaN2: [number, number] = [NaN, NaN];

describe('caseload', () => {
  const d1 = makeDigest({ seed: 1, coordination: { caseloadCollapse: 12, weeks: [[7, 0, 4], [0, 0, 1], [0, 1, 2]] } });
  const d2 = makeDigest({ seed: 2, coordination: { weeks: [[0, 5, 3], [7, 5, 6]] } });

  it('pools all coordinators of all replications per week, in time order', () => {
    const bands = caseloadBands([d1, d2])!;
    expect(bands.caseloadCollapse).toBe(12);
    // Week 0: loads 1, 2, 3 (type-7 quantiles: p10 = 1 + 0.2, p90 = 2 + 0.8).
    expect(bands.points[0]).toEqual({ t: 0, mean: 2, p10: 1.2, p50: 2, p90: 2.8, max: 3, n: 3 });
    expect(bands.points[1].t).toBe(7);
    expect(bands.points[1].mean).toBe(5);
    expect(bands.points[1].p10).toBeCloseTo(4.2, 12);
    expect(bands.points[1].p50).toBe(5);
    expect(bands.points[1].max).toBe(6);
    expect(bands.points[1].n).toBe(2);
  });

  it('gives the same bands for rows in week order (the recorded order) and out of it', () => {
    const weeks: [number, number, number][] = [];
    for (let t = 0; t < 70; t += 7) for (let k = 0; k < 5; k++) weeks.push([t, k, (t * 3 + k * 7) % 11]);
    const inOrder = makeDigest({ seed: 3, coordination: { weeks } });
    const shuffled = makeDigest({ seed: 3, coordination: { weeks: weeks.map((w, i) => [i, w] as const).sort((a, b) => ((a[0] * 7919) % 53) - ((b[0] * 7919) % 53)).map(([, w]) => w) } });
    expect(caseloadBands([shuffled])).toEqual(caseloadBands([inOrder]));
    expect(caseloadBands([inOrder])!.points.map((p) => p.t)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 63]);
  });

  it('is null without coordination and skips uncoordinated replications', () => {
    expect(caseloadBands([])).toBeNull();
    expect(caseloadBands([makeDigest()])).toBeNull();
    expect(caseloadBands([makeDigest(), d2])!.points.map((p) => p.mean)).toEqual([3, 6]);
  });

  it('gives one time-ordered line per coordinator of one replication', () => {
    expect(caseloadLines(d1)).toEqual([
      { id: 0, points: [{ t: 0, caseload: 1 }, { t: 7, caseload: 4 }] },
      { id: 1, points: [{ t: 0, caseload: 2 }] },
    ]);
    expect(caseloadLines(makeDigest())).toEqual([]);
    expect(caseloadLines(undefined)).toEqual([]);
  });

  it('makes the lines of a replication once and hands the same lines to every redraw', () => {
    const d = makeDigest({ seed: 7, coordination: { weeks: [[7, 1, 3], [0, 1, 2], [0, 0, 5]] } });
    const first = caseloadLines(d);
    expect(caseloadLines(d)).toBe(first);
    expect(first).toEqual([
      { id: 0, points: [{ t: 0, caseload: 5 }] },
      { id: 1, points: [{ t: 0, caseload: 2 }, { t: 7, caseload: 3 }] },
    ]);
  });
});

describe('waiting', () => {
  it('ECDF of [1, 2, 2, 4] steps at each distinct wait', () => {
    expect(waitEcdf([makeDigest({ waits: [4, 2, 1, 2] })])).toEqual([
      { x: 1, y: 0.25 },
      { x: 2, y: 0.75 },
      { x: 4, y: 1 },
    ]);
  });

  it('ECDF pools replications', () => {
    expect(waitEcdf([makeDigest({ waits: [2, 4] }), makeDigest({ seed: 2, waits: [1, 2] })])).toEqual(waitEcdf([makeDigest({ waits: [1, 2, 2, 4] })]));
    expect(waitEcdf([])).toEqual([]);
    expect(waitEcdf([makeDigest()])).toEqual([]);
  });

  it('ECDF thins to at most maxPoints exact points and keeps both ends', () => {
    const waits = Array.from({ length: 1000 }, (_, i) => i);
    const e = waitEcdf([makeDigest({ waits })]);
    expect(e.length).toBe(400);
    expect(e[0]).toEqual({ x: 0, y: 0.001 });
    expect(e[e.length - 1]).toEqual({ x: 999, y: 1 });
    for (const p of e) expect(p.y).toBeCloseTo((p.x + 1) / 1000, 15);
    for (let i = 1; i < e.length; i++) expect(e[i].x).toBeGreaterThan(e[i - 1].x);
    expect(waitEcdf([makeDigest({ waits: [0, 1, 2, 3, 4, 5, 6, 7, 8] })], 5).map((p) => p.x)).toEqual([0, 2, 4, 6, 8]);
  });

  // The ECDF as it was computed before sorted waits were cached per digest and merged (a full
  // sort of the pooled waits on every call): the cached path must give exactly this.
  function ecdfBySorting(digests: readonly RunDigest[], maxPoints = 400): EcdfPoint[] {
    const waits = Float64Array.from(digests.flatMap((d) => [...d.waits])).sort();
    const n = waits.length;
    const points: EcdfPoint[] = [];
    for (let i = 0; i < n; i++) {
      if (i + 1 < n && waits[i + 1] === waits[i]) continue;
      points.push({ x: waits[i], y: (i + 1) / n });
    }
    if (points.length <= maxPoints || maxPoints < 2) return points;
    return Array.from({ length: maxPoints }, (_, k) => points[Math.round((k * (points.length - 1)) / (maxPoints - 1))]);
  }
  // Few distinct values (many ties), signed zeros, and wide-ranging doubles.
  const aWait = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, -0, 0.5), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
  const someDigests = fc.array(fc.array(aWait, { maxLength: 60 }), { maxLength: 8 }).map((ws) => ws.map((waits, i) => makeDigest({ seed: i + 1, waits })));

  it('ECDF from cached sorted waits equals sorting the pooled waits, also as replications stream in', () => {
    fc.assert(
      fc.property(someDigests, fc.integer({ min: 0, max: 50 }), (digests, maxPoints) => {
        // Growing lists, as the dashboard asks while replications arrive: each extends the cached one.
        for (let k = 0; k <= digests.length; k++) {
          const list = digests.slice(0, k);
          expect(waitEcdf(list, maxPoints)).toEqual(ecdfBySorting(list, maxPoints));
          expect(waitEcdf(list)).toEqual(ecdfBySorting(list));
        }
        // Lists that share the first digest but not what follows must not reuse the cache wrongly.
        if (digests.length === 0) return;
        for (const other of [[digests[0], makeDigest({ seed: 99, waits: [1e9, 0.25] })], [digests[0], ...digests.slice(2)], digests]) {
          expect(waitEcdf(other, maxPoints)).toEqual(ecdfBySorting(other, maxPoints));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('merged sorted waits are the sorted pooled waits, bit for bit (signed zeros in TypedArray order)', () => {
    fc.assert(
      fc.property(fc.array(aWait), fc.array(aWait), (a, b) => {
        const merged = mergeSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
        const sorted = Float64Array.from([...a, ...b]).sort();
        expect([...merged].map((x) => Object.is(x, -0) ? '-0' : x)).toEqual([...sorted].map((x) => Object.is(x, -0) ? '-0' : x));
      }),
    );
    const show = (xs: Float64Array) => [...xs].map((x) => (Object.is(x, -0) ? '-0' : x));
    fc.assert(
      fc.property(fc.array(fc.array(aWait), { minLength: 1, maxLength: 7 }), (parts) => {
        const merged = mergeAll(parts.map((p) => Float64Array.from(p).sort()));
        expect(show(merged)).toEqual(show(Float64Array.from(parts.flat()).sort()));
      }),
    );
    const d1 = makeDigest({ waits: [3, 1] });
    const d2 = makeDigest({ seed: 2, waits: [2] });
    expect([...pooledSortedWaits([d1, d2])]).toEqual([1, 2, 3]);
    expect([...d1.waits]).toEqual([3, 1]); // the digest itself is not sorted in place
  });

  it('histogram shares sum to 1 over the given edges', () => {
    expect(waitHistogram([makeDigest({ waits: [0, 1, 1, 3] })], [0, 2, 4])).toEqual([
      { x0: 0, x1: 2, share: 0.75 },
      { x0: 2, x1: 4, share: 0.25 },
    ]);
    // Waits beyond the last edge get a bin of their own rather than vanish.
    expect(waitHistogram([makeDigest({ waits: [0, 1, 1, 7] })], [0, 2, 4])).toEqual([
      { x0: 0, x1: 2, share: 0.75 },
      { x0: 2, x1: 4, share: 0 },
      { x0: 4, x1: 7, share: 0.25 },
    ]);
    const auto = waitHistogram([makeDigest({ waits: [0, 1, 1, 3, 7, 9] })]);
    expect(auto.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 15);
    expect(waitHistogram([])).toEqual([]);
  });

  it('wait over time averages bin means across replications, ignoring NaN', () => {
    const ds = [
      makeDigest({ seed: 1, bins: 3, horizonDays: 21, waitByBin: [10, NaN, NaN] }),
      makeDigest({ seed: 2, bins: 3, horizonDays: 21, waitByBin: [20, NaN, NaN] }),
      makeDigest({ seed: 3, bins: 3, horizonDays: 21, waitByBin: [NaN, 5, NaN] }),
    ];
    const w = waitOverTime(ds);
    expect(w[0]).toEqual({ t: 0, width: 7, mean: 15, ci95: ci95([10, 20]), n: 2 });
    expect(w[1]).toEqual({ t: 7, width: 7, mean: 5, ci95: NaN2, n: 1 });
    expect(w[2]).toEqual({ t: 14, width: 7, mean: NaN, ci95: NaN2, n: 0 });
    expect(waitOverTime([])).toEqual([]);
  });

  it('the last bin stops at the horizon', () => {
    const w = waitOverTime([makeDigest({ horizonDays: 20, bins: 3, binDays: 7 })]);
    expect(w.map((b) => [b.t, b.width])).toEqual([[0, 7], [7, 7], [14, 6]]);
  });

  it('refuses to average digests with different bins', () => {
    expect(() => binFrame([makeDigest({ bins: 4 }), makeDigest({ bins: 12 })])).toThrow(/disagree/);
    expect(() => waitOverTime([makeDigest({ bins: 4 }), makeDigest({ bins: 12 })])).toThrow(/disagree/);
  });
});

describe('betweenChairs', () => {
  const d1 = makeDigest({ seed: 1, bins: 2, horizonDays: 14, betweenChairs: { 0: [1, 2], 1: [3, 0] }, userDays: [1, 2] });
  const d2 = makeDigest({ seed: 2, bins: 2, horizonDays: 14, betweenChairs: { 0: [3, 0], 6: [0, 4] }, userDays: [3, 6] });

  it('stacks mean events per replication by cause, in CAUSES order', () => {
    const s = betweenChairsStack([d1, d2]);
    expect(s).toEqual([
      { t: 0, width: 7, byCause: [2, 1.5, 0, 0, 0, 0, 0], total: 3.5 },
      { t: 7, width: 7, byCause: [1, 0, 0, 0, 0, 0, 2], total: 3 },
    ]);
    expect(s[0].byCause.length).toBe(CAUSES.length);
    expect(betweenChairsStack([])).toEqual([]);
  });

  it('gives mean user-days per bin with a 95 % interval', () => {
    expect(betweenChairsUserDays([d1, d2])).toEqual([
      { t: 0, width: 7, mean: 2, ci95: ci95([1, 3]), n: 2 },
      { t: 7, width: 7, mean: 4, ci95: ci95([2, 6]), n: 2 },
    ]);
    expect(betweenChairsUserDays([d1])[0].ci95).toEqual(NaN2);
  });
});

describe('staff and coordinator time', () => {
  // A: one-year window (730 − 365), B: two-year window.
  const d1 = makeDigest({ seed: 1, horizonDays: 730, warmupDays: 365, serviceIds: ['a', 'b'], staffHours: [[10, 20, 0, 0, 0], [5, 0, 0, 0, 1]] });
  const d2 = makeDigest({ seed: 2, horizonDays: 730, warmupDays: 0, serviceIds: ['a', 'b'], staffHours: [[30, 0, 0, 0, 0], [20, 4, 0, 0, 0]] });

  it('sums activities over services and divides by years of window', () => {
    const s = staffTimeByActivity([d1, d2]);
    expect(s.map((x) => x.activity)).toEqual([...ACTIVITIES]);
    expect(s[0]).toEqual({ activity: 'assessment', mean: 20, ci95: ci95([15, 25]), n: 2 });
    expect(s[1]).toEqual({ activity: 'delivery', mean: 11, ci95: ci95([20, 2]), n: 2 });
    expect(s[4].mean).toBe(0.5);
    expect(staffTimeByActivity([])).toEqual([]);
  });

  it('coordinator hours worked and asked per year; null without coordination', () => {
    const hours = [10, 20, 30, 40, 50, 60];
    const c1 = makeDigest({ seed: 1, horizonDays: 730, warmupDays: 365, coordination: { hours, demandedHours: hours.map((h) => 2 * h) } });
    const c2 = makeDigest({ seed: 2, horizonDays: 730, warmupDays: 0, coordination: { hours, demandedHours: hours.map((h) => 2 * h) } });
    const t = coordinatorTime([c1, c2, makeDigest()])!;
    expect(t.map((x) => x.activity)).toEqual([...COORD_ACTIVITIES]);
    expect(t[0].worked).toEqual({ mean: 7.5, ci95: ci95([10, 5]), n: 2 });
    expect(t[5].asked).toEqual({ mean: 90, ci95: ci95([120, 60]), n: 2 });
    expect(coordinatorTime([makeDigest()])).toBeNull();
    expect(coordinatorTime([])).toBeNull();
  });

  it('coping uses per year per policy; null without coordination', () => {
    const coping = COPING_POLICIES.map((_, i) => i);
    const c1 = makeDigest({ seed: 1, horizonDays: 730, warmupDays: 365, coordination: { coping } });
    const c2 = makeDigest({ seed: 2, horizonDays: 730, warmupDays: 365, coordination: { coping: coping.map((x) => 3 * x) } });
    const u = copingUse([c1, c2])!;
    expect(u.map((x) => x.policy)).toEqual([...COPING_POLICIES]);
    expect(u[1]).toEqual({ policy: COPING_POLICIES[1], mean: 2, ci95: ci95([1, 3]), n: 2 });
    expect(u[0]).toEqual({ policy: COPING_POLICIES[0], mean: 0, ci95: [0, 0], n: 2 });
    expect(copingUse([makeDigest()])).toBeNull();
  });
});

describe('handoffs', () => {
  it('averages referrals per year per pair, pools the lost share and sorts by volume', () => {
    const d1 = makeDigest({ seed: 1, serviceIds: ['a', 'b'], handoffs: [[ENTRY, 0, 10, 1], [0, 1, 4, 0]] });
    const d2 = makeDigest({ seed: 2, serviceIds: ['a', 'b'], handoffs: [[ENTRY, 0, 20, 2], [1, 0, 40, 4]], horizonDays: 730 });
    expect(handoffMatrix([d1, d2])).toEqual([
      { from: ENTRY, to: 0, fromId: null, toId: 'a', perYear: 10, lostPerYear: 1, lostShare: 0.1 },
      { from: 1, to: 0, fromId: 'b', toId: 'a', perYear: 10, lostPerYear: 1, lostShare: 0.1 },
      { from: 0, to: 1, fromId: 'a', toId: 'b', perYear: 2, lostPerYear: 0, lostShare: 0 },
    ]);
    expect(handoffMatrix([])).toEqual([]);
  });

  it('refuses digests that name different services', () => {
    expect(() => handoffMatrix([makeDigest({ serviceIds: ['a'] }), makeDigest({ serviceIds: ['b'] })])).toThrow(/different services/);
  });
});

describe('headline', () => {
  const A = [1, 2, 3].map((seed) => makeDigest({ seed, metrics: { x: 10 * seed, onlyA: 1, w: seed === 2 ? NaN : seed } }));
  // B arrives in another order and with a seed A lacks: pairing must go by seed value.
  const bx: Record<number, number> = { 3: 27, 1: 8, 2: 18, 4: 100 };
  const B = [3, 1, 2, 4].map((seed) => makeDigest({ seed, metrics: { x: bx[seed], w: 2 * seed } }));

  it('pairs replications by seed, not by position', () => {
    const [row] = headline(A, B, ['x']);
    const d = pairedDifference([8, 18, 27], [10, 20, 30]);
    expect(row.diff.mean).toBe(d.mean);
    expect(row.diff.ci95).toEqual(d.ci95);
    expect(row.n).toBe(3);
    expect(row.a).toEqual({ mean: 20, ci95: ci95([10, 20, 30]), n: 3 });
    expect(row.b.mean).toBe(mean([27, 8, 18, 100]));
    expect(row.ratio).toBe(row.b.mean / 20);
  });

  it('skips metrics missing on either side and drops pairs with NaN', () => {
    const rows = headline(A, B, ['onlyA', 'missing', 'w', 'x']);
    expect(rows.map((r) => r.name)).toEqual(['w', 'x']);
    const w = rows[0];
    expect(w.n).toBe(2);
    expect(w.diff.mean).toBe(pairedDifference([2, 6], [1, 3]).mean);
    expect(w.a.n).toBe(2);
    expect(headline([], B, ['x'])).toEqual([]);
  });

  it('refuses two replications with one seed', () => {
    expect(() => headline([A[0], A[0]], B, ['x'])).toThrow(/seed 1/);
  });

  it('verdict reads the interval of B − A', () => {
    const [row] = headline(A, B, ['x']); // B − A = −2, −2, −3: interval below 0
    expect(row.diff.ci95[1]).toBeLessThan(0);
    expect(verdict(row, 'lower')).toBe('B');
    expect(verdict(row, 'higher')).toBe('A');
    expect(verdict(row, null)).toBe('unclear');
    const base: HeadlineRow = { ...row, diff: { mean: 1, ci95: [-0.5, 2.5] } };
    expect(verdict(base, 'lower')).toBe('unclear');
    expect(verdict({ ...base, diff: { mean: 2, ci95: [1, 3] } }, 'lower')).toBe('A');
    expect(verdict({ ...base, diff: { mean: 2, ci95: [1, 3] } }, 'higher')).toBe('B');
    expect(verdict({ ...base, diff: { mean: 2, ci95: [1, 3] }, n: 1 }, 'higher')).toBe('unclear');
    expect(verdict({ ...base, diff: { mean: 2, ci95: NaN2 } }, 'higher')).toBe('unclear');
  });
});

describe('tidy export rows', () => {
  it('one row per replication and metric, RFC 4180 CSV', () => {
    const ds = [makeDigest({ seed: 7, metrics: { a: 1.5, b: NaN } }), makeDigest({ seed: 8, metrics: { a: 2 } })];
    const rows = tidyRows('B', { name: 'Kommune "50 000", team', hash: 'abc' }, '0.1.0', ds);
    expect(rows).toEqual([
      { scenario: 'Kommune "50 000", team', side: 'B', scenarioHash: 'abc', version: '0.1.0', modelVersion: MODEL_VERSION, seed: 7, metric: 'a', value: 1.5 },
      { scenario: 'Kommune "50 000", team', side: 'B', scenarioHash: 'abc', version: '0.1.0', modelVersion: MODEL_VERSION, seed: 7, metric: 'b', value: NaN },
      { scenario: 'Kommune "50 000", team', side: 'B', scenarioHash: 'abc', version: '0.1.0', modelVersion: MODEL_VERSION, seed: 8, metric: 'a', value: 2 },
    ]);
    expect(toCsv(rows)).toBe(
      'scenario,side,scenarioHash,version,modelVersion,seed,metric,value\r\n' +
        `"Kommune ""50 000"", team",B,abc,0.1.0,${MODEL_VERSION},7,a,1.5\r\n` +
        `"Kommune ""50 000"", team",B,abc,0.1.0,${MODEL_VERSION},7,b,\r\n` +
        `"Kommune ""50 000"", team",B,abc,0.1.0,${MODEL_VERSION},8,a,2\r\n`,
    );
    expect(toCsv([])).toBe('scenario,side,scenarioHash,version,modelVersion,seed,metric,value\r\n');
  });
});

describe('real digests (1 year, warm-up ending on a bin edge)', () => {
  // A 1-year run has monthly bins of 365/12 days; a warm-up of exactly 3 bins makes the metrics'
  // window [warmup, horizon] the union of bins 3..11, so series and metrics can be compared exactly.
  const WARMUP_BINS = 3;
  function digests(file: string): RunDigest[] {
    const raw = JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
    raw.horizon.warmupDays = (WARMUP_BINS * 365) / 12;
    const s = parseScenario(raw, file);
    return [1, 2].map((seed) => {
      const record = runScenario(s, seed, { years: 1 });
      return digestOf(record, metricsOf(record));
    });
  }
  const A = digests('kommune-stafettlop-koordinator.json');
  const B = digests('kommune-integrert-team-koordinator.json');
  const metricMean = (ds: RunDigest[], name: string) => mean(ds.map((d) => d.metrics[name]));

  it('has the frame the comparison assumes', () => {
    expect(A[0].bins).toBe(12);
    expect(A[0].binDays * WARMUP_BINS).toBeCloseTo(A[0].warmupDays, 12);
  });

  it('stacked between-chairs totals over the window bins equal the mean event metric', () => {
    const stack = betweenChairsStack(A);
    expect(stack.length).toBe(12);
    const inWindow = stack.slice(WARMUP_BINS);
    expect(inWindow.reduce((s, b) => s + b.total, 0)).toBeCloseTo(metricMean(A, 'betweenChairs.events'), 9);
    CAUSES.forEach((c, i) => expect(inWindow.reduce((s, b) => s + b.byCause[i], 0)).toBeCloseTo(metricMean(A, `betweenChairs.byCause.${c}`), 9));
    const days = betweenChairsUserDays(A).slice(WARMUP_BINS);
    expect(days.reduce((s, b) => s + b.mean, 0)).toBeCloseTo(metricMean(A, 'betweenChairs.userDays'), 6);
  });

  it('waits, staff time, handoffs and coordination match their metrics', () => {
    // The worker sorts them, so the page pools them without sorting or copying.
    for (const d of [...A, ...B]) expect([...d.waits]).toEqual([...Float64Array.from(d.waits).sort()]);
    expect(pooledSortedWaits([A[0]])).toBe(A[0].waits);
    const e = waitEcdf(A);
    expect(e.length).toBeGreaterThan(1);
    expect(e.length).toBeLessThanOrEqual(400);
    expect(e[e.length - 1].y).toBe(1);
    const w = waitOverTime(A);
    expect(w.length).toBe(12);
    expect(w.slice(0, WARMUP_BINS).every((b) => b.n === 0)).toBe(true);

    const years = (A[0].horizonDays - A[0].warmupDays) / 365;
    staffTimeByActivity(A).forEach((s) => expect(s.mean * years).toBeCloseTo(metricMean(A, `staffHours.${s.activity}`), 6));

    const h = handoffMatrix(A);
    expect(h.length).toBeGreaterThan(0);
    for (let i = 1; i < h.length; i++) expect(h[i].perYear).toBeLessThanOrEqual(h[i - 1].perYear);
    expect(h.reduce((s, c) => s + c.lostPerYear, 0) * years).toBeCloseTo(metricMean(A, 'referralsLost'), 6);

    const bands = caseloadBands(A)!;
    // The worker's histogram (digest.ts) gives the bands the rows give, pooled week by week and
    // sorted here, independently of any histogram.
    expect(A[0].coordination!.caseloadHistogram!.counts.reduce((s, x) => s + x, 0)).toBe(A[0].coordination!.weeks.time.length);
    const byWeek = new Map<number, number[]>();
    for (const d of A) d.coordination!.weeks.time.forEach((t, i) => (byWeek.get(t) ?? byWeek.set(t, []).get(t)!).push(d.coordination!.weeks.caseload[i]));
    expect(bands.points.map((p) => p.t)).toEqual([...byWeek.keys()].sort((x, y) => x - y));
    for (const p of bands.points) {
      const loads = byWeek.get(p.t)!.sort((x, y) => x - y);
      expect([p.n, p.max, p.p10, p.p50, p.p90]).toEqual([loads.length, loads[loads.length - 1], quantileSorted(loads, 0.1), quantileSorted(loads, 0.5), quantileSorted(loads, 0.9)]);
      expect(p.mean).toBeCloseTo(loads.reduce((x, y) => x + y, 0) / loads.length, 12);
    }
    expect(bands.points.length).toBeGreaterThan(0);
    for (const p of bands.points) {
      expect(p.t).toBeGreaterThanOrEqual(A[0].warmupDays);
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.p90).toBeLessThanOrEqual(p.max);
    }
    expect(caseloadLines(A[0]).length).toBeGreaterThan(0);
    expect(coordinatorTime(A)!.length).toBe(COORD_ACTIVITIES.length);
    expect(copingUse(A)!.length).toBe(COPING_POLICIES.length);
  });

  it('headline compares A and B on every headline metric over both seeds', () => {
    const rows = headline(A, B, HEADLINE_METRICS);
    expect(rows.map((r) => r.name)).toEqual([...HEADLINE_METRICS]);
    for (const r of rows) expect(r.n).toBe(2);
    const x = rows.find((r) => r.name === 'usersServed')!;
    expect(x.diff).toEqual(pairedDifference(B.map((d) => d.metrics.usersServed), A.map((d) => d.metrics.usersServed)));
  });
});
