// A scenario file's bytes in and out (web/app/scenarioFile.ts): export -> import -> export gives the
// same bytes; a BOM is removed and reported; CRLF is kept; bytes that are not UTF-8 are refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeScenarioFile, encodeScenarioFile, exportName } from '../../web/app/scenarioFile.js';

const TEXT = readFileSync(new URL('../../scenarios/kommune-stafettlop-koordinator.json', import.meta.url), 'utf8');

describe('scenario files', () => {
  it('round-trips byte for byte: export, import, export', () => {
    for (const text of [TEXT, TEXT.replace(/\n/g, '\r\n'), '{ "name": "Bærum – «sitat» 🪑" }\n', '']) {
      const first = encodeScenarioFile(text);
      const imported = decodeScenarioFile(first);
      expect(imported).toEqual({ ok: true, text, removedBom: false });
      const second = encodeScenarioFile((imported as { text: string }).text);
      expect(Buffer.compare(Buffer.from(second), Buffer.from(first))).toBe(0);
    }
  });

  it('removes a byte order mark and says so; the rest is unchanged', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]);
    const r = decodeScenarioFile(bytes);
    expect(r).toEqual({ ok: true, text: TEXT, removedBom: true });
    expect(Buffer.from(encodeScenarioFile(TEXT)).equals(bytes.subarray(3))).toBe(true);
    // Only one: a second BOM is text (and JSON.parse then says it is not JSON).
    const two = decodeScenarioFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('{}')]));
    expect(two).toEqual({ ok: true, text: '\ufeff{}', removedBom: true });
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    for (const bad of [[0xff], [0xc3], [0x7b, 0x22, 0xe6, 0x22, 0x7d], [0xfe, 0xff, 0x00, 0x7b]]) expect(decodeScenarioFile(Uint8Array.from(bad))).toEqual({ ok: false, reason: 'notUtf8' });
  });

  it('exports under the file name without folders', () => {
    expect(exportName('scenarios/kommune-stafettlop-koordinator.json')).toBe('kommune-stafettlop-koordinator.json');
    expect(exportName('C:\\Users\\x\\min fil.json')).toBe('min fil.json');
    expect(exportName('')).toBe('scenario.json');
    expect(exportName('mappe/')).toBe('scenario.json');
  });
});
