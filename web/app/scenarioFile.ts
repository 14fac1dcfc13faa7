/**
 * A scenario file's bytes in and out. Export writes the text as it stands, UTF-8 without a byte
 * order mark, so export -> import -> export gives the same bytes. Import takes UTF-8, with or
 * without a BOM (removed, and said so: a BOM is not part of the JSON) and with LF or CRLF line
 * ends (kept as they are: JSON allows both, so the file exports as it came). Bytes that are not
 * UTF-8 are refused rather than replaced by U+FFFD, which would change the scenario silently.
 */

export type ImportedFile = { ok: true; text: string; removedBom: boolean } | { ok: false; reason: 'notUtf8' };

const BOM = [0xef, 0xbb, 0xbf];

export function decodeScenarioFile(bytes: Uint8Array): ImportedFile {
  const removedBom = bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b);
  try {
    // ignoreBOM: the decoder must not drop it quietly; this function says when it does.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(removedBom ? bytes.subarray(3) : bytes);
    return { ok: true, text, removedBom };
  } catch {
    return { ok: false, reason: 'notUtf8' };
  }
}

export function encodeScenarioFile(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** The name an exported scenario is saved under: its file name without folders, else scenario.json. */
export function exportName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  return base.trim() ? base : 'scenario.json';
}
