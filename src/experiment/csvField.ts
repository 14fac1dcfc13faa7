/**
 * One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line
 * break. Non-finite numbers become an empty field, which R, pandas and spreadsheets read as
 * missing. The one quoting rule of every CSV koordsim writes (CLI and dashboard).
 */
export function csvField(v: string | number | boolean): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
