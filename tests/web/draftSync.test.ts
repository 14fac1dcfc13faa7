// Drafts shared by two tabs (web/app/draftSync.ts), with localStorage in memory and the `storage`
// event played by hand (check()): a tab never overwrites an edit it has not seen; it is asked, and
// the revision counter moves with every write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftSync, readRevision, type Draft } from '../../web/app/draftSync.js';
import { loadDrafts } from '../../web/app/persist.js';

let store: Map<string, string>;
let original: PropertyDescriptor | undefined;

beforeEach(() => {
  original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  store = new Map();
  const ls: Partial<Storage> = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, String(v)), removeItem: (k) => void store.delete(k) };
  Object.defineProperty(globalThis, 'localStorage', { value: ls, configurable: true, writable: true });
});

afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'localStorage', original);
  else delete (globalThis as { localStorage?: unknown }).localStorage;
});

/** A tab showing draft `x` with text `shown`, recording the conflicts it is asked about. */
function tab(shown: { text: string | undefined }) {
  const asked: Array<[string, Draft | undefined]> = [];
  const sync = new DraftSync((id, theirs) => asked.push([id, theirs]), (id) => (id === 'x' ? shown.text : undefined));
  return { sync, asked, shown };
}

describe('DraftSync', () => {
  it('writes, counts revisions, and lets a tab that saw the last write write again', () => {
    const one = tab({ text: 'built-in' });
    expect(one.sync.save('x', 'v1', 'x.json')).toBe(true);
    expect(one.sync.save('x', 'v2', 'x.json')).toBe(true);
    expect(loadDrafts().x).toEqual({ text: 'v2', file: 'x.json' });
    expect(readRevision()).toEqual({ rev: 2, tab: one.sync.tab });
    expect(one.asked).toEqual([]);
  });

  it("holds back a write over another tab's unseen edit and asks; keeping mine then overwrites", () => {
    const one = tab({ text: 'built-in' });
    const two = tab({ text: 'built-in' });
    one.shown.text = 'one';
    one.sync.save('x', 'one', 'x.json');
    // The storage event: the second tab shows another text, so it is asked.
    two.sync.check();
    expect(two.asked.map(([id, d]) => [id, d?.text])).toEqual([['x', 'one']]);
    // Its own edit before answering is held back, not written.
    two.shown.text = 'two';
    expect(two.sync.save('x', 'two', 'x.json')).toBe(false);
    expect(loadDrafts().x.text).toBe('one');
    expect(two.sync.isHeld('x')).toBe(true);
    two.sync.keepMine('x', 'two', 'x.json');
    expect(loadDrafts().x.text).toBe('two');
    expect(readRevision().rev).toBe(2);
    // Now the first tab is asked, and takes the other version.
    one.sync.check();
    expect(one.asked.map(([, d]) => d?.text)).toEqual(['two']);
    expect(one.sync.takeTheirs('x')?.text).toBe('two');
    one.shown.text = 'two';
    expect(one.sync.save('x', 'three', 'x.json')).toBe(true);
  });

  it('asks nothing of a tab that does not show the draft or shows the same text, and guards a drop too', () => {
    const one = tab({ text: 'same' });
    const two = tab({ text: undefined });
    one.sync.save('x', 'same', 'x.json');
    two.sync.check();
    expect(two.asked).toEqual([]);
    const three = tab({ text: 'other' });
    one.sync.save('x', 'newer', 'x.json');
    expect(three.sync.drop('x')).toBe(false);
    expect(loadDrafts().x.text).toBe('newer');
    expect(three.asked.length).toBe(1);
  });
});
