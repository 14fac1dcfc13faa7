/**
 * The little Markdown the documents in docs/ use, turned into DOM nodes for the About view: headings,
 * paragraphs, lists, tables, **bold**, *italic*, `code` and [links](url). Text only ever goes in as
 * text nodes (textContent), never as HTML, so a document cannot inject markup or script under the
 * page's Content-Security-Policy. Parsing is pure and tested in Node (tests/web/markdown.test.ts);
 * rendering only builds elements from the parsed blocks.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; text: Inline[] }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

/** Inline markup of one run of text. Unclosed markers stay as text. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && /[\\`*_[\]()|#]/.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ kind: 'code', text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '*' && s[i + 1] === '*') {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(s.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && s[i + 1] !== ' ' && s[i + 1] !== '*') {
      const end = s.indexOf('*', i + 1);
      if (end > i + 1 && s[end - 1] !== ' ') {
        flush();
        out.push({ kind: 'em', children: parseInline(s.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = s.indexOf('](', i + 1);
      const end = close > i ? s.indexOf(')', close + 2) : -1;
      if (close > i && end > close) {
        flush();
        out.push({ kind: 'link', href: s.slice(close + 2, end), children: parseInline(s.slice(i + 1, close)) });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => parseInline(c.trim()));

/** Blocks of a Markdown text; HTML comments are dropped. */
export function parseMarkdown(md: string): Block[] {
  const lines = md.replace(/<!--[\s\S]*?-->/g, '').replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      blocks.push({ kind: 'heading', level: h[1].length, text: parseInline(h[2].trim()) });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      blocks.push({ kind: 'table', head, rows });
      continue;
    }
    const item = /^(\s*)(-|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const ordered = item[2] !== '-';
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^(\s*)(-|\d+\.)\s+(.*)$/.exec(lines[i]);
        if (m && (m[2] !== '-') === ordered) items.push(m[3]);
        else if (lines[i].trim() && /^\s+/.test(lines[i]) && items.length) items[items.length - 1] += ` ${lines[i].trim()}`;
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^#{1,6}\s/.test(lines[i]) && !/^(\s*)(-|\d+\.)\s+/.test(lines[i]) && !lines[i].trim().startsWith('|')) para.push(lines[i++].trim());
    if (para.length === 0) para.push(lines[i++].trim()); // a line no rule above took
    blocks.push({ kind: 'paragraph', text: parseInline(para.join(' ')) });
  }
  return blocks;
}

/** The text of a Markdown section: from the heading `## title` to the next heading of its level or higher. */
export function section(md: string, title: string): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^(#{1,6})\s+/.test(l) && l.replace(/^#+\s+/, '').trim() === title);
  if (start < 0) throw new Error(`no section "${title}"`);
  const level = /^(#+)/.exec(lines[start])![1].length;
  const end = lines.findIndex((l, j) => j > start && /^(#+)\s/.test(l) && /^(#+)/.exec(l)![1].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

export interface RenderOptions {
  /** The HTML level of the document's top heading level (Markdown `#` becomes h{top}). */
  top: number;
  /** A link's target in the page, or null to show its text without a link. */
  href: (url: string) => string | null;
}

/** DOM nodes for parsed blocks: elements and text nodes only. */
export function renderMarkdown(blocks: readonly Block[], opts: RenderOptions): DocumentFragment {
  const frag = document.createDocumentFragment();
  const inline = (parent: Node, runs: readonly Inline[]) => {
    for (const r of runs) {
      if (r.kind === 'text') parent.appendChild(document.createTextNode(r.text));
      else if (r.kind === 'code') {
        const el = document.createElement('code');
        el.textContent = r.text;
        parent.appendChild(el);
      } else if (r.kind === 'link') {
        const target = opts.href(r.href);
        const el = document.createElement(target === null ? 'span' : 'a');
        if (target !== null) el.setAttribute('href', target);
        inline(el, r.children);
        parent.appendChild(el);
      } else {
        const el = document.createElement(r.kind);
        inline(el, r.children);
        parent.appendChild(el);
      }
    }
  };
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const el = document.createElement(`h${Math.min(6, b.level - 1 + opts.top)}`);
      inline(el, b.text);
      frag.appendChild(el);
    } else if (b.kind === 'paragraph') {
      const el = document.createElement('p');
      inline(el, b.text);
      frag.appendChild(el);
    } else if (b.kind === 'list') {
      const el = document.createElement(b.ordered ? 'ol' : 'ul');
      for (const it of b.items) {
        const li = document.createElement('li');
        inline(li, it);
        el.appendChild(li);
      }
      frag.appendChild(el);
    } else {
      const table = document.createElement('table');
      const tr = document.createElement('tr');
      for (const c of b.head) {
        const th = document.createElement('th');
        th.scope = 'col';
        inline(th, c);
        tr.appendChild(th);
      }
      table.createTHead().appendChild(tr);
      const body = table.createTBody();
      for (const row of b.rows) {
        const r = document.createElement('tr');
        for (const c of row) {
          const td = document.createElement('td');
          inline(td, c);
          r.appendChild(td);
        }
        body.appendChild(r);
      }
      frag.appendChild(table);
    }
  }
  return frag;
}
