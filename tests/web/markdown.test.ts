// The About view's Markdown (web/app/markdown.ts): parsed in Node from the real documents, and built
// only from elements and text nodes, so no document can inject HTML into the page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, section, type Block, type Inline } from '../../web/app/markdown.js';
import { DASHBOARD_URL, pageHref } from '../../web/views/aboutView.js';

const plain = (runs: readonly Inline[]): string => runs.map((r) => ('children' in r ? plain(r.children) : r.text)).join('');

describe('parseInline', () => {
  it('reads bold, italic, code and links, and leaves HTML as text', () => {
    expect(parseInline('a **b** *c* `d` [e](f.md)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'f.md', children: [{ kind: 'text', text: 'e' }] },
    ]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(parseInline('3 * 4 and a \\| bar')).toEqual([{ kind: 'text', text: '3 * 4 and a | bar' }]);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, paragraphs joined over lines, lists with continuation lines, and tables with escaped bars', () => {
    const b = parseMarkdown('# T\n\nline one\nline two\n\n1. first\n   more\n2. second\n\n- x\n\n| a | b |\n|---|---|\n| `p` | 1 \\| 2 |\n<!-- gone -->');
    expect(b.map((x) => x.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'table']);
    expect(plain((b[1] as Extract<Block, { kind: 'paragraph' }>).text)).toBe('line one line two');
    const ol = b[2] as Extract<Block, { kind: 'list' }>;
    expect(ol.ordered).toBe(true);
    expect(ol.items.map(plain)).toEqual(['first more', 'second']);
    const table = b[4] as Extract<Block, { kind: 'table' }>;
    expect(table.rows[0].map(plain)).toEqual(['p', '1 | 2']);
  });

  it('parses the documents the About view shows: every exercise heading, link and parameter row', () => {
    const teaching = readFileSync('docs/teaching.md', 'utf8');
    for (const half of ['Bokmål', 'English']) {
      const blocks = parseMarkdown(section(teaching, half));
      expect(blocks.filter((x) => x.kind === 'heading' && x.level === 3)).toHaveLength(5);
      const links: string[] = [];
      const collect = (runs: readonly Inline[]) => runs.forEach((r) => (r.kind === 'link' ? links.push(r.href) : 'children' in r && collect(r.children)));
      for (const x of blocks) if (x.kind === 'paragraph') collect(x.text);
      expect(links.filter((l) => pageHref(l) !== null).length).toBeGreaterThanOrEqual(6);
    }
    const params = parseMarkdown(readFileSync('docs/parameters.md', 'utf8'));
    const rows = params.filter((x): x is Extract<Block, { kind: 'table' }> => x.kind === 'table').flatMap((x) => x.rows);
    expect(rows.length).toBe((readFileSync('docs/parameters.md', 'utf8').match(/^\| `/gm) ?? []).length);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    for (const half of ['Bokmål', 'English']) expect(parseMarkdown(section(readFileSync('docs/about.md', 'utf8'), half)).length).toBeGreaterThan(3);
  });

  it('section() ends at the next heading of the same level and fails loudly on a missing one', () => {
    expect(section('## A\na\n### A1\nx\n## B\nb', 'A')).toBe('a\n### A1\nx');
    expect(() => section('## A', 'Z')).toThrow(/no section/);
  });
});

describe('the About view', () => {
  it('turns dashboard links into links within the page and shows other links as text', () => {
    expect(pageHref(`${DASHBOARD_URL}#a=x&view=charts`)).toBe('#a=x&view=charts');
    expect(pageHref('parameters.md')).toBeNull();
    expect(pageHref('https://example.org/#a=x')).toBeNull();
  });

  it('never writes HTML: the renderer and the view set text only', () => {
    for (const f of ['web/app/markdown.ts', 'web/views/aboutView.ts']) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
    }
  });
});
