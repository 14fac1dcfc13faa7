// Welch's warm-up method: the moving average on hand-computed examples, the suggestion on a known
// synthetic transient, series extraction from hand-made digests, and the CLI on a real scenario.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, UsageError, type CliIo } from '../../src/cli/common.js';
import { WARMUP_HELP, warmupCommand } from '../../src/cli/warmupCommand.js';
import { normal } from '../../src/engine/distributions.js';
import { RandomStream } from '../../src/engine/random.js';
import { CAUSES } from '../../src/experiment/digest.js';
import { WARMUP_SERIES, lastHalfLevel, seriesOf, suggestWarmup, welch } from '../../src/experiment/warmup.js';
import { makeDigest } from '../web/makeDigest.js';
import { MODEL_VERSION, VERSION } from '../../src/version.js';

const tmp = mkdtempSync(join(tmpdir(), 'koordsim-warmup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('welch', () => {
  it('averages replications per bin and shrinks the window near the start (Law & Kelton)', () => {
    const x = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
    // Two replications whose mean is exactly x.
    const r = welch([f64(x.map((v) => v * 0.5)), f64(x.map((v) => v * 1.5))], 2);
    expect(r.bins).toBe(10);
    expect(Array.from(r.mean)).toEqual(x);
    // w = 2: i = 0 averages 1 value, i = 1 averages 3, then 5; the last w bins have no centred window.
    expect(r.smoothed.length).toBe(8);
    const hand = [1, 7 / 3, 31 / 5, 62 / 5, 124 / 5, 248 / 5, 496 / 5, 992 / 5];
    hand.forEach((v, i) => expect(r.smoothed[i]).toBeCloseTo(v, 12));
  });

  it('skips NaN (no observation) in the replication mean and in the window', () => {
    const r = welch(
      [f64([NaN, 2, NaN, 4, 5, 6]), f64([NaN, 4, NaN, NaN, 7, 8])],
      2,
    );
    expect(Array.from(r.mean)).toEqual([NaN, 3, NaN, 4, 6, 7]);
    expect(r.smoothed[0]).toBeNaN(); // its 1-value window holds only the all-NaN bin 0
    expect(r.smoothed[1]).toBe(3);
    expect(r.smoothed[2]).toBeCloseTo(13 / 3, 12);
    expect(r.smoothed[3]).toBe(5);
  });

  it('rejects bad input with clear RangeErrors', () => {
    expect(() => welch([], 1)).toThrow(/at least one replication/);
    expect(() => welch([f64([1, 2, 3, 4]), f64([1, 2, 3])], 1)).toThrow(/same number of bins.*replication 1 has 3/);
    for (const w of [0, -1, 1.5, NaN]) expect(() => welch([f64([1, 2, 3, 4, 5])], w)).toThrow(/window must be an integer >= 1/);
    expect(() => welch([f64(new Array(10).fill(1))], 5)).toThrow(/< bins\/2 \(bins = 10\), got 5/);
    expect(() => welch([f64(new Array(10).fill(1))], 4)).not.toThrow();
    expect(() => welch([f64([1, 2, Infinity, 4, 5])], 1)).toThrow(/finite or NaN.*bin 2/);
  });
});

describe('suggestWarmup', () => {
  it('is 0 for a flat curve, noisy or not, and for an all-zero one', () => {
    expect(suggestWarmup(f64(new Array(50).fill(7)))).toBe(0);
    const u = new RandomStream(3, 'flat');
    expect(suggestWarmup(f64(Array.from({ length: 50 }, () => 10 + normal(u, 0, 0.1))))).toBe(0);
    expect(suggestWarmup(f64(new Array(20).fill(0)))).toBe(0);
  });

  it('returns the first bin of the final stretch inside the band', () => {
    // Reference = mean of the last half = 1; band ±0.05.
    expect(suggestWarmup(f64([10, 10, 10, 1, 1, 1, 1, 1, 1, 1]))).toBe(3);
    // A late excursion moves the suggestion past it.
    expect(suggestWarmup(f64([10, 1, 1, 1, 1, 1, 1.2, 1, 1, 1]))).toBe(7);
    // A wider tolerance accepts it.
    expect(suggestWarmup(f64([10, 1, 1, 1, 1, 1, 1.2, 1, 1, 1]), 0.5)).toBe(1);
    // NaN points are skipped, neither in nor out of the band.
    expect(suggestWarmup(f64([10, NaN, 1, 1, NaN, 1, 1, 1, NaN, 1]))).toBe(1);
  });

  it('uses a band relative to the largest value when the curve settles at zero', () => {
    // Reference 0, band 0.05 x 8 = 0.4: 0.5 at bin 4 is out, so the warm-up ends at bin 5.
    expect(suggestWarmup(f64([8, 4, 2, 1, 0.5, 0, 0, 0, 0, 0, 0, 0]))).toBe(5);
  });

  it('returns -1 when the curve ends outside the band', () => {
    expect(suggestWarmup(f64([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))).toBe(-1);
    expect(suggestWarmup(f64([1, 1, 1, 1, 1, 1, 1, 1, 2, NaN]))).toBe(-1);
  });

  it('rejects a bad tolerance or an empty or all-NaN tail', () => {
    for (const t of [0, -0.1, NaN, Infinity]) expect(() => suggestWarmup(f64([1, 2, 3]), t)).toThrow(/tolerance must be/);
    expect(() => suggestWarmup(f64([]))).toThrow(/empty/);
    expect(() => suggestWarmup(f64([1, 2, NaN, NaN]))).toThrow(/all NaN/);
  });

  it('finds the end of a known transient c + A exp(-t/tau) in seeded noise', () => {
    const c = 10;
    const A = 20;
    const tau = 10;
    const tolerance = 0.05;
    const bins = 120;
    const reps = 10;
    const u = new RandomStream(42, 'warmup-test');
    const series = Array.from({ length: reps }, () => f64(Array.from({ length: bins }, (_, t) => c + A * Math.exp(-t / tau) + normal(u, 0, 1))));
    const { smoothed } = welch(series, 5);
    // The transient itself drops below tolerance x c at t* = tau ln(A / (tolerance c)) ~ 36.9 bins.
    const tStar = tau * Math.log(A / (tolerance * c));
    const k = suggestWarmup(smoothed, tolerance);
    expect(Math.abs(k - tStar)).toBeLessThanOrEqual(3);
    expect(lastHalfLevel(smoothed).mean).toBeCloseTo(c, 0);
  });
});

describe('seriesOf', () => {
  const bins = 4;
  const digest = makeDigest({
    bins,
    waitByBin: [NaN, 2, 3, 4],
    betweenChairs: { 0: [1, 2, 3, 4], [CAUSES.length - 1]: [10, 0, 0, 1] },
    userDays: [0.5, 1, 1.5, 2],
    // binDays = 365 / 4 = 91.25: weeks at 0 and 7 fall in bin 0, 100 in bin 1, 300 in bin 3.
    coordination: { weeks: [[0, 0, 3], [7, 1, 5], [100, 0, 6], [300, 0, 2], [300, 1, 3]] },
  });

  it('extracts one value per bin for every series', () => {
    expect(Array.from(seriesOf(digest, 'waitDays'))).toEqual([NaN, 2, 3, 4]);
    expect(Array.from(seriesOf(digest, 'betweenChairs'))).toEqual([11, 2, 3, 5]);
    expect(Array.from(seriesOf(digest, 'userDaysBetweenChairs'))).toEqual([0.5, 1, 1.5, 2]);
    expect(Array.from(seriesOf(digest, 'activeUsers'))).toEqual([0, 0, 0, 0]);
    expect(Array.from(seriesOf(digest, 'caseload'))).toEqual([4, 6, NaN, 2.5]);
    for (const name of WARMUP_SERIES) expect(seriesOf(digest, name).length).toBe(bins);
  });

  it('gives NaN caseload without coordinators and refuses municipality series on a queue run', () => {
    expect(Array.from(seriesOf(makeDigest({ bins, coordination: null }), 'caseload'))).toEqual([NaN, NaN, NaN, NaN]);
    const queue = { ...makeDigest({ bins }), model: 'queue' as const };
    expect(() => seriesOf(queue, 'betweenChairs')).toThrow(/queue run has only waitDays, activeUsers/);
    expect(seriesOf(queue, 'activeUsers').length).toBe(bins);
  });
});

describe('koordsim warmup', () => {
  // What main() does with a command's result: a UsageError becomes exit 1 and a message on stderr.
  function cli(...args: string[]): { code: number; out: string; err: string } {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
    try {
      return { code: warmupCommand(args, io), out, err };
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      return { code: EXIT_BAD_INPUT, out, err: `${err}koordsim: ${e.message}\n` };
    }
  }

  it('runs a real scenario, prints the curve and a suggestion, and writes the CSV', () => {
    const csv = join(tmp, 'welch.csv');
    const r = cli('scenarios/hvr-nord-stafett.json', '--reps', '3', '--years', '3', '--out', csv);
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 replications (seeds 1..3) x 3 years, run with warm-up 0; 36 monthly bins');
    expect(r.out).toMatch(/^smoothed {2}[_.:\-=+*# ]+ {2}min /m);
    const lines = r.out.split('\n');
    expect(lines.length).toBeLessThan(70);
    // Either a suggestion in days and bins (days = bin x 365/12), or an explicit "none".
    const m = /^suggested warm-up: (\d+) days \(bin (\d+)\); set horizon\.warmupDays and check the curve$/m.exec(r.out);
    if (m) expect(Number(m[1])).toBe(Math.round((Number(m[2]) * 365) / 12));
    else expect(r.out).toMatch(/^no warm-up suggested: /m);
    expect(r.out).toContain('the scenario sets horizon.warmupDays = 1460');

    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('bin,startDays,mean,smoothed,version,modelVersion');
    expect(rows.length).toBe(1 + 36);
    // Every row carries the software and model version, as every output does.
    const versions = `,${VERSION},${MODEL_VERSION}`;
    expect(rows.slice(1).every((row) => row.endsWith(versions))).toBe(true);
    const curve = rows.map((row) => row.slice(0, row.length - (row.endsWith(versions) ? versions.length : 0)));
    // No episode starts service in the first month here: NaN is written as an empty cell.
    expect(curve[1]).toMatch(/^0,0,[\d.]*,[\d.]*$/);
    expect(curve[13]).toMatch(/^12,365,[\d.]+,[\d.]+$/);
    // The last W = 6 bins have no centred window: their smoothed cell is empty.
    expect(curve.slice(-6).every((row) => row.endsWith(','))).toBe(true);
    expect(curve[36 - 6].endsWith(',')).toBe(false);
  });

  it('samples long runs down to about 40 table rows', () => {
    const r = cli('scenarios/hvr-nord-stafett.json', '--reps', '1', '--years', '6', '--series', 'activeUsers');
    expect(r.code).toBe(0);
    const tableRows = r.out.split('\n').filter((l) => /^\s*\d+\s+\d+\s+\d+\s/.test(l));
    expect(tableRows.length).toBeGreaterThan(30);
    expect(tableRows.length).toBeLessThanOrEqual(42);
    expect(r.out).toContain('of 72 bins shown; --out writes them all');
  });

  it('rejects an unknown series with exit 1 and the list of valid ones', () => {
    const r = cli('scenarios/hvr-nord-stafett.json', '--series', 'waits');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`unknown series "waits"; valid series: ${WARMUP_SERIES.join(', ')}`);
  });

  it('rejects series a scenario cannot give, bad flags and invalid scenarios with exit 1', () => {
    const queue = cli('scenarios/validation/mmc.json', '--series', 'betweenChairs');
    expect(queue.code).toBe(1);
    expect(queue.err).toContain('supports only waitDays, activeUsers');
    const noCoordinators = cli('scenarios/hvr-nord-stafett.json', '--series', 'caseload');
    expect(noCoordinators.code).toBe(1);
    expect(noCoordinators.err).toContain('needs coordinators');
    expect(cli('scenarios/hvr-nord-stafett.json', '--years', '3', '--reps', '1', '--window', '18').err).toContain('--window must be < bins/2 = 18');
    expect(cli('scenarios/hvr-nord-stafett.json', '--out', 'welch.json').err).toContain('--out must end in .csv');
    expect(cli('scenarios/hvr-nord-stafett.json', '--reps', '0').err).toContain('--reps must be an integer >= 1');
    expect(cli('nope.json').err).toContain('no such file');
    expect(cli().err).toContain('needs exactly one scenario FILE');
    const bad = cli('scenarios/schema.json');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/schema\.json/);
  });

  it('prints its help', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${WARMUP_HELP}\n`);
    for (const name of WARMUP_SERIES) expect(WARMUP_HELP).toContain(name);
  });
});
