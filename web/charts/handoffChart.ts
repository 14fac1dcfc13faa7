import { interpolateGreys, max, scaleBand, scaleSqrt } from 'd3';
import type { HandoffCell } from '../derive/handoffs.js';
import { createFrame, createTooltip, drawNoData, presentSides, setMarks, TITLE_HEIGHT, type BaseOptions, type SideData } from './frame.js';
import { NEUTRAL, SIDE_COLOURS } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 760, height: 420, margin: { top: 40, right: 60, bottom: 44, left: 120 }, panelGap: 40, columnLabelHeight: 86 };

export interface HandoffOptions extends BaseOptions {
  labels: {
    /** Axis titles: rows are senders, columns receivers. */
    from: string;
    to: string;
    A: string;
    B: string;
    /** Row name for referrals from outside the services, e.g. "Inngang (bruker/fastlege) (entry: user/GP)". */
    entry: string;
    /** Tooltip names, e.g. "Henvisninger per år (referrals per year)" and "Andel tapt (share lost)". */
    perYear: string;
    lostShare: string;
    /** Display names of service ids; the id itself when missing. */
    services?: Readonly<Record<string, string>>;
  };
  /** Formats the lost share (0–1) in the tooltip; `format` when omitted. */
  formatShare?: (share: number) => string;
}

const ENTRY_KEY = '\u0000entry';
const keyOf = (id: string | null) => id ?? ENTRY_KEY;

/**
 * Who refers to whom (`handoffMatrix`): a grid with senders as rows (entry first) and receivers as
 * columns, a cell's darkness the referrals per year on one scale for both panels (A left, B right),
 * so a darker cell is more traffic wherever it is. The tooltip gives the number and the share lost.
 * `data-points`: cells drawn.
 */
export function drawHandoffs(el: HTMLElement, data: SideData<readonly HandoffCell[]>, options: HandoffOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const formatShare = opts.formatShare ?? opts.format;
  const sides = presentSides(data, (s) => s.length === 0);
  const margin = { ...opts.margin, top: Math.max(opts.margin.top, TITLE_HEIGHT + 8 + opts.columnLabelHeight + (sides.length > 1 ? 18 : 0)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);

  // Rows and columns are the union over both sides, in first-seen order by volume, entry first:
  // B may have a service A lacks (the integrated team), and both panels must share the layout.
  const cells = sides.flatMap(([, s]) => [...s]);
  const rowKeys = [ENTRY_KEY, ...new Set(cells.filter((c) => c.fromId !== null).map((c) => c.fromId!))].filter(
    (k) => k !== ENTRY_KEY || cells.some((c) => c.fromId === null),
  );
  const colKeys = [...new Set(cells.map((c) => c.toId))];
  const name = (k: string) => (k === ENTRY_KEY ? opts.labels.entry : (opts.labels.services?.[k] ?? k));

  const n = sides.length;
  const panelWidth = (frame.innerWidth - opts.panelGap * (n - 1)) / n;
  const size = Math.max(4, Math.min(panelWidth / colKeys.length, frame.innerHeight / rowKeys.length, 36));
  // Panels sit side by side at the grid's own width, which the height may have made narrower.
  const panelStep = size * colKeys.length + opts.panelGap;
  const row = scaleBand<string>().domain(rowKeys).range([0, size * rowKeys.length]);
  const col = scaleBand<string>().domain(colKeys).range([0, size * colKeys.length]);
  const top = max(cells, (c) => c.perYear) ?? 1;
  // Square root so that the many small flows are not all white next to the one big entry flow.
  const shade = scaleSqrt().domain([0, top]).range([0.06, 0.9]);
  const tooltip = createTooltip(el);
  const g = frame.plot;

  g.append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(${-margin.left + 12},${row.range()[1] / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(opts.labels.from);
  g.selectAll('text.row-label')
    .data(rowKeys)
    .join('text')
    .attr('class', 'row-label')
    .attr('x', -6)
    .attr('y', (k) => (row(k) ?? 0) + size / 2)
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'central')
    .text(name);

  let marks = 0;
  sides.forEach(([side, s], k) => {
    const p = g.append('g').attr('class', `panel side-${side}`).attr('transform', `translate(${k * panelStep},0)`);
    const labelTop = -6;
    p.selectAll('text.col-label')
      .data(colKeys)
      .join('text')
      .attr('class', 'col-label')
      .attr('transform', (c) => `translate(${(col(c) ?? 0) + size / 2},${labelTop}) rotate(-60)`)
      .attr('dominant-baseline', 'central')
      .text(name);
    p.append('text')
      .attr('class', 'axis-label')
      .attr('x', col.range()[1] / 2)
      .attr('y', -opts.columnLabelHeight - 6)
      .attr('text-anchor', 'middle')
      .text(opts.labels.to);
    if (n > 1) {
      p.append('text')
        .attr('class', 'panel-title')
        .attr('x', 0)
        .attr('y', -opts.columnLabelHeight - 22)
        .attr('font-weight', 600)
        .attr('fill', SIDE_COLOURS[side])
        .text(opts.labels[side]);
    }
    // The empty grid first, so a pair with no referrals reads as a pale cell, not a hole.
    p.append('rect').attr('width', col.range()[1]).attr('height', row.range()[1]).attr('fill', 'none').attr('stroke', NEUTRAL.grid);
    for (const c of s) {
      const v = shade(c.perYear);
      p.append('rect')
        .attr('class', 'cell')
        .attr('x', col(c.toId) ?? 0)
        .attr('y', row(keyOf(c.fromId)) ?? 0)
        .attr('width', size - 1)
        .attr('height', size - 1)
        .attr('fill', interpolateGreys(v))
        .on('mousemove', (event: MouseEvent) =>
          tooltip.show(event, [
            opts.labels[side],
            `${name(keyOf(c.fromId))} → ${name(c.toId)}`,
            `${opts.labels.perYear}: ${opts.format(c.perYear)}`,
            `${opts.labels.lostShare}: ${formatShare(c.lostShare)}`,
          ]),
        )
        .on('mouseleave', () => tooltip.hide());
      const label = opts.format(Math.round(c.perYear));
      // Numbers only where they fit (about 5 px a digit at 9 px); the tooltip has them all.
      if (label.length * 5.2 <= size - 4 && size >= 14) {
        p.append('text')
          .attr('x', (col(c.toId) ?? 0) + (size - 1) / 2)
          .attr('y', (row(keyOf(c.fromId)) ?? 0) + (size - 1) / 2)
          .attr('text-anchor', 'middle')
          .attr('dominant-baseline', 'central')
          .attr('font-size', 9)
          .attr('pointer-events', 'none')
          .attr('fill', v > 0.5 ? 'white' : NEUTRAL.text)
          .text(label);
      }
      marks++;
    }
  });
  setMarks(frame, marks);

  // Key to the shades: a few steps of the shared scale, under the grid.
  const key = g.append('g').attr('class', 'legend').attr('transform', `translate(0,${row.range()[1] + 12})`);
  key.append('text').attr('y', 6).attr('dominant-baseline', 'central').text(opts.labels.perYear);
  const steps = [...new Set([...shade.ticks(4).filter((v) => v > 0), top])];
  let kx = opts.labels.perYear.length * 6.2 + 10;
  for (const v of steps) {
    key.append('rect').attr('x', kx).attr('width', 12).attr('height', 12).attr('fill', interpolateGreys(shade(v))).attr('stroke', NEUTRAL.grid);
    const t = opts.format(Math.round(v));
    key.append('text').attr('x', kx + 16).attr('y', 6).attr('dominant-baseline', 'central').text(t);
    kx += 16 + t.length * 6.2 + 12;
  }
}
