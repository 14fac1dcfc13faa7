// Edits of a built-in as line patches (web/app/linkPatch.ts): exact round-trips, patches small
// enough for a link, and null (never a wrong text) against another base or from damaged input.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPatch, makePatch } from '../../web/app/linkPatch.js';

const A = readFileSync(new URL('../../scenarios/kommune-stafettlop-koordinator.json', import.meta.url), 'utf8');

describe('line patches', () => {
  it('carries a lever edit (the whole text rewritten by JSON.stringify) in one small hunk', () => {
    const edited = JSON.stringify({ ...JSON.parse(A), municipality: { ...JSON.parse(A).municipality, inhabitants: 41000 } }, null, 2);
    const p = makePatch(A, edited)!;
    expect(applyPatch(A, p)).toBe(edited);
    expect(JSON.stringify(p).length).toBeLessThan(200);
  });

  it('round-trips any edit of lines exactly', () => {
    const lines = A.split('\n').slice(0, 60);
    const base = lines.join('\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(59), fc.nat(3), fc.array(fc.string(), { maxLength: 3 })), { maxLength: 6 }), (edits) => {
        const b = lines.slice();
        for (const [at, del, ins] of edits) b.splice(Math.min(at, b.length), del, ...ins);
        const text = b.join('\n');
        const p = makePatch(base, text);
        expect(p).not.toBeNull();
        expect(applyPatch(base, p)).toBe(text);
      }),
      { seed: 19, numRuns: 300 },
    );
  });

  it('gives null against another base, for a damaged patch, and beyond its edit budget', () => {
    const p = makePatch(A, A.replace('50000', '41000'))!;
    expect(applyPatch(A.replace('"name"', '"name" '), p)).toBeNull();
    for (const bad of [null, 1, 'x', {}, { h: p.h }, { h: p.h, d: [[1e9, 1, []]] }, { h: p.h, d: [[5, 1, []], [2, 1, []]] }, { h: p.h, d: [[-1, 0, []]] }, { h: p.h, d: [[0, 0, [1]]] }]) expect(applyPatch(A, bad)).toBeNull();
    expect(makePatch('a\nb\nc', 'x\ny\nz', 2)).toBeNull();
  });
});
