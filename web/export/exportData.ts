import { toCsv, type TidyRow } from '../derive/tidy.js';

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
