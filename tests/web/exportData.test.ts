import { describe, expect, it } from 'vitest';
import { toCsv, type TidyRow } from '../../web/derive/tidy.js';
import { csvBlob, jsonBlob, jsonText } from '../../web/export/exportData.js';
import { makeDigest } from './makeDigest.js';

describe('data export', () => {
  it('writes typed arrays as plain arrays and NaN as null', async () => {
    const value = { a: new Float64Array([1.5, NaN]), b: { c: new Int16Array([-1, 2]) }, d: [1] };
    expect(JSON.parse(jsonText(value))).toEqual({ a: [1.5, null], b: { c: [-1, 2] }, d: [1] });
    const blob = jsonBlob(value);
    expect(blob.type).toBe('application/json');
    expect(JSON.parse(await blob.text())).toEqual({ a: [1.5, null], b: { c: [-1, 2] }, d: [1] });
  });

  it('round-trips a digest through JSON with the same numbers', async () => {
    const d = makeDigest({ waits: [1, 2], handoffs: [[-1, 0, 3, 1]], coordination: { weeks: [[0, 1, 5]] } });
    const back = JSON.parse(await jsonBlob(d).text());
    expect(back.waits).toEqual([1, 2]);
    expect(back.handoffs).toEqual({ from: [-1], to: [0], count: [3], lost: [1] });
    expect(back.coordination.weeks.caseload).toEqual([5]);
  });

  it('writes the tidy CSV as UTF-8 text', async () => {
    const rows: TidyRow[] = [{ scenario: 'Stafettløp', side: 'A', scenarioHash: 'h', version: '0.1.0', modelVersion: '1.1.0', seed: 1, metric: 'm', value: 2 }];
    const blob = csvBlob(rows);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe(toCsv(rows));
  });
});
