import { MODEL_VERSION, VERSION } from '../../src/version.js';
import { toCsv, type TidyRow } from '../derive/tidy.js';

/** An exported JSON document headed by the software and model version, as every output of koordsim is (CITATION.cff). */
export function withVersions<T extends object>(content: T): { version: string; modelVersion: string } & T {
  return { version: VERSION, modelVersion: MODEL_VERSION, ...content };
}

/** JSON replacer: typed arrays (digest columns) become plain arrays, which JSON.stringify would make objects. */
function plain(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** `value` as pretty-printed JSON (typed arrays as plain arrays; NaN and Infinity become null, as JSON has no such numbers). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, plain, 2);
}

/** `jsonText(value)` as an application/json Blob. */
export function jsonBlob(value: unknown): Blob {
  return new Blob([jsonText(value)], { type: 'application/json' });
}

/** Tidy rows as an RFC 4180 CSV Blob (UTF-8, no byte-order mark). */
export function csvBlob(rows: readonly TidyRow[]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
