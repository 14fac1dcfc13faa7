import { describe, expect, it } from 'vitest';
import { lookup, parseJsonPath, setCreating, setExisting } from '../../src/scenario/jsonPathEdit.js';

describe('JSON path edits', () => {
  it('parses $.a.b[0].c and refuses anything else', () => {
    expect(parseJsonPath('$.a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
    expect(() => parseJsonPath('a.b')).toThrow(/not a JSON path/);
  });

  it('looks a value up, or names the longest prefix that exists', () => {
    const d = { a: { b: [{ c: 1 }] } };
    expect(lookup(d, ['a', 'b', 0, 'c'])).toEqual({ found: true, value: 1 });
    expect(lookup(d, ['a', 'x', 'y'])).toEqual({ found: false, existing: '$.a' });
    expect(lookup(d, ['a', 'b', 3])).toMatchObject({ found: false });
  });

  it('setExisting copies; setCreating edits in place and makes the sections a file leaves to its defaults', () => {
    const d: Record<string, unknown> = { m: { services: [{ id: 's' }] } };
    const copy = setExisting(d, ['m', 'services', 0, 'id'], 't');
    expect((d.m as { services: Array<{ id: string }> }).services[0].id).toBe('s');
    expect((copy.m as { services: Array<{ id: string }> }).services[0].id).toBe('t');
    expect(setCreating(d, ['m', 'relatives', 'reserveHours'], 40)).toBe(true);
    expect(d).toEqual({ m: { services: [{ id: 's' }], relatives: { reserveHours: 40 } } });
    // Never invents an array entry, and never writes through a number.
    expect(setCreating(d, ['m', 'services', 5, 'staffFte'], 1)).toBe(false);
    expect(setCreating(d, ['m', 'relatives', 'reserveHours', 'x'], 1)).toBe(false);
    expect(setCreating(d, [], 1)).toBe(false);
  });
});
