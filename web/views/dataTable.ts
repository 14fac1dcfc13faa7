import { esc } from './headlineView.js';

/**
 * A chart's numbers as a table: the text alternative behind each chart (a closed "Data"/"Tall"
 * disclosure under it). Cells arrive formatted and translated; this file only lays them out.
 */
export interface DataTable {
  columns: string[];
  rows: string[][];
}

/** Rows of each side, A first, with the side's name in the first column. */
export function bySide<T>(data: { A: T | null; B: T | null }, sides: { A: string; B: string }, rows: (x: T) => string[][]): string[][] {
  const out: string[][] = [];
  for (const s of ['A', 'B'] as const) {
    const x = data[s];
    if (x !== null && x !== undefined) for (const r of rows(x)) out.push([sides[s], ...r]);
  }
  return out;
}

/**
 * Writes `table` into the <details> element `details` (keeping its summary), or `empty` when it
 * has no rows. Called only while the disclosure is open: a table of several hundred rows is built
 * when someone asks for it, not on every redraw while replications stream in.
 */
export function writeDataTable(details: HTMLDetailsElement, table: DataTable, caption: string, empty: string): void {
  const host = details.querySelector<HTMLElement>('.data-body') ?? details.appendChild(Object.assign(document.createElement('div'), { className: 'data-body' }));
  // A long table scrolls inside its box: the box takes the keyboard focus, so it scrolls by keys too.
  host.tabIndex = 0;
  host.setAttribute('role', 'region');
  host.setAttribute('aria-label', caption);
  if (table.rows.length === 0) {
    host.innerHTML = `<p class="empty">${esc(empty)}</p>`;
    return;
  }
  const head = table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('');
  host.innerHTML = `<table class="data-table"><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
