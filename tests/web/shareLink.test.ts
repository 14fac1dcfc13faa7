// Links within what browsers and chat tools keep (web/app/shareLink.ts): a lever edit travels
// compressed in the link and round-trips; an edit too large for 2,000 characters is left out and
// marked, so the page that opens the link can say so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHash, type ViewState } from '../../web/app/persist.js';
import { applyPatch } from '../../web/app/linkPatch.js';
import { LINK_LIMIT, linkHash } from '../../web/app/shareLink.js';

const BASE = 'https://koordsim.example.no/';
const VIEW: ViewState = { a: 'kommune-stafettlop-koordinator', b: 'kommune-integrert-team-koordinator', seed: 20250917, reps: 25, view: 'compare' };
const A = readFileSync(new URL('../../scenarios/kommune-stafettlop-koordinator.json', import.meta.url), 'utf8');
const B = readFileSync(new URL('../../scenarios/kommune-integrert-team-koordinator.json', import.meta.url), 'utf8');

describe('linkHash', () => {
  it('states the limit', () => {
    expect(LINK_LIMIT).toBe(2000);
  });

  it('carries a lever edit of a built-in compressed, within the limit, and round-trips it', async () => {
    const edited = A.replace('"inhabitants": 50000', '"inhabitants": 41000');
    const { hash, omitted } = await linkHash(BASE, VIEW, { a: edited }, 'nb', { a: A, b: B });
    expect(omitted).toEqual([]);
    expect(BASE.length + hash.length).toBeLessThanOrEqual(LINK_LIMIT);
    const d = await decodeHash(hash);
    // The change travels, not the 57 kB text: applied to the same built-in it gives the edit back.
    expect(d.textA).toBeUndefined();
    expect(applyPatch(A, d.patchA)).toBe(edited);
    expect(d.state).toEqual(VIEW);
    expect(d.draftOnly).toBeUndefined();
    // Without the built-in to patch, the whole text is too long for a link.
    expect((await linkHash(BASE, VIEW, { a: edited }, 'nb')).omitted.map((o) => o.slot)).toEqual(['A']);
  });

  it('leaves out an edit too large for the link, marks it, and keeps the rest of the link', async () => {
    // A scenario rewritten from scratch: its whole text, not a small change, must travel.
    const big = JSON.stringify({ ...JSON.parse(B), notes: Array.from({ length: 200 }, (_, i) => `note ${i}: ${(i * 7919) % 104729}`) }, null, 2);
    const small = A.replace('"inhabitants": 50000', '"inhabitants": 41000');
    const { hash, omitted } = await linkHash(BASE, VIEW, { a: small, b: big }, 'en', { a: A, b: B });
    expect(omitted.map((o) => o.slot)).toEqual(['B']);
    expect(omitted[0].length).toBeGreaterThan(LINK_LIMIT);
    expect(BASE.length + hash.length).toBeLessThanOrEqual(LINK_LIMIT);
    const d = await decodeHash(hash);
    expect(applyPatch(A, d.patchA)).toBe(small);
    expect(d.textB).toBeUndefined();
    expect(d.draftOnly).toEqual(['B']);
    expect(d.state).toEqual(VIEW);
    expect(d.lang).toBe('en');
  });

  it('carries a small edited text of a loaded file whole', async () => {
    const text = '{ "name": "liten fil", "x": [1, 2, 3] }\n';
    const { hash, omitted } = await linkHash(BASE, { ...VIEW, a: 'file:liten.json' }, { a: text }, 'nb');
    expect(omitted).toEqual([]);
    expect((await decodeHash(hash)).textA).toBe(text);
  });

  it('leaves out both when neither fits, and never exceeds the limit', async () => {
    const noise = (n: number) => Array.from({ length: n }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
    const { hash, omitted } = await linkHash(BASE, VIEW, { a: noise(800), b: noise(900) }, 'nb');
    expect(omitted.map((o) => o.slot).sort()).toEqual(['A', 'B']);
    expect(BASE.length + hash.length).toBeLessThanOrEqual(LINK_LIMIT);
    expect((await decodeHash(hash)).draftOnly).toEqual(['A', 'B']);
  });
});
