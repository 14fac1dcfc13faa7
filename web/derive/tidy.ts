import { csvField } from '../../src/experiment/csvField.js';
import type { RunDigest } from '../../src/experiment/digest.js';
import { MODEL_VERSION } from '../../src/version.js';

/** One metric of one replication: the long ("tidy") format R, pandas and spreadsheets pivot from. */
export interface TidyRow {
  scenario: string;
  side: 'A' | 'B';
  scenarioHash: string;
  version: string;
  /** The model's rules (src/version.ts), apart from the software version. */
  modelVersion: string;
  seed: number;
  metric: string;
  value: number;
}

export const TIDY_COLUMNS = ['scenario', 'side', 'scenarioHash', 'version', 'modelVersion', 'seed', 'metric', 'value'] as const;

/** Every metric of every replication of one side, in replication then metric order. */
export function tidyRows(side: 'A' | 'B', scenario: { name: string; hash: string }, version: string, digests: readonly RunDigest[]): TidyRow[] {
  const rows: TidyRow[] = [];
  for (const d of digests) {
    for (const [metric, value] of Object.entries(d.metrics)) {
      rows.push({ scenario: scenario.name, side, scenarioHash: scenario.hash, version, modelVersion: MODEL_VERSION, seed: d.seed, metric, value });
    }
  }
  return rows;
}

export { csvField };

/** RFC 4180 CSV with a header line and CRLF line ends. */
export function toCsv(rows: readonly TidyRow[]): string {
  const lines = [TIDY_COLUMNS.join(',')];
  for (const r of rows) lines.push(TIDY_COLUMNS.map((c) => csvField(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
