import { interpolateGreys, max, scaleBand, scaleSqrt, select } from 'd3';
import type { HandoffCell } from '../derive/handoffs.js';
import { createFrame, createTooltip, drawNoData, ellipsize, fitText, FONT_SIZE, measureText, presentSides, setMarks, TITLE_HEIGHT, type BaseOptions, type SideData } from './frame.js';
import { NEUTRAL, SIDE_COLOURS } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 760, height: 420, margin: { top: 40, right: 16, bottom: 44, left: 120 }, panelGap: 28, columnLabelHeight: 100 };

/** Column labels are written at this angle (degrees above the horizontal), rising to the right. */
const COLUMN_ANGLE = 60;
/** Row labels may widen the left margin up to this share of the width; longer ones are ellipsised. */
const MAX_ROW_LABEL_SHARE = 0.3;
/** Left of the row labels: their padding (6), a gap and the rotated "from" title inset 12 px. */
const ROW_LABEL_CHROME = 28;
/** Heights of the header lines above the column labels: panel titles and the "to" title. */
const PANEL_TITLE_LINE = 16;
const TO_TITLE_LINE = 16;
/** Gap between the grid's top and the start of the column labels. */
const COL_LABEL_TOP = 6;

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

/** Type size for labels a cell apart: the chart's own where a cell is a line high, else smaller. */
function labelFont(cell: number): number {
  return Math.max(7, Math.min(FONT_SIZE, Math.floor(cell - 1)));
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
  const n = sides.length;

  // Rows and columns are the union over both sides, in first-seen order by volume, entry first:
  // B may have a service A lacks (the integrated team), and both panels must share the layout.
  const cells = sides.flatMap(([, s]) => [...s]);
  const rowKeys = [ENTRY_KEY, ...new Set(cells.filter((c) => c.fromId !== null).map((c) => c.fromId!))].filter(
    (k) => k !== ENTRY_KEY || cells.some((c) => c.fromId === null),
  );
  const colKeys = [...new Set(cells.map((c) => c.toId))];
  const name = (k: string) => (k === ENTRY_KEY ? opts.labels.entry : (opts.labels.services?.[k] ?? k));

  // Left: as wide as the longest row label needs, within MAX_ROW_LABEL_SHARE of the width.
  const rowRoomMax = Math.floor(opts.width * MAX_ROW_LABEL_SHARE) - ROW_LABEL_CHROME;
  const widestRow = Math.max(0, ...rowKeys.map((k) => measureText(name(k))));
  const left = Math.max(opts.margin.left, Math.ceil(Math.min(widestRow, rowRoomMax) + ROW_LABEL_CHROME));
  const rowRoom = left - ROW_LABEL_CHROME;
  // Top, from the chart title down: panel titles (two panels), the "to" title, the column labels.
  const headers = TO_TITLE_LINE + (n > 1 ? PANEL_TITLE_LINE : 0);
  const last = colKeys[colKeys.length - 1];
  // Column labels rise at `angle` in `font` px, cut to the height set aside for them; the band
  // above the grid is only as tall as the longest label needs. Returns the margins and cell size.
  const layout = (angle: number, font: number) => {
    const sin = Math.sin((angle * Math.PI) / 180);
    const cos = Math.cos((angle * Math.PI) / 180);
    const room = Math.max(20, (opts.columnLabelHeight - COL_LABEL_TOP - (font / 2) * cos - 2) / sin);
    const len = Math.min(room, Math.max(0, ...colKeys.map((k) => measureText(name(k), font))));
    // Right: the last column's label leans out past the grid by its width times cos(angle).
    const lean = last === undefined ? 0 : Math.min(len, measureText(name(last), font)) * cos + (font / 2) * sin;
    const band = Math.ceil(len * sin + (font / 2) * cos + COL_LABEL_TOP + 2);
    const margin = {
      ...opts.margin,
      left,
      right: Math.max(opts.margin.right, Math.ceil(lean) + 4),
      top: Math.max(opts.margin.top, TITLE_HEIGHT + 6 + headers + band),
    };
    const innerWidth = Math.max(10, opts.width - margin.left - margin.right);
    const innerHeight = Math.max(10, opts.height - margin.top - margin.bottom);
    const size = Math.max(4, Math.min((innerWidth - opts.panelGap * (n - 1)) / Math.max(1, n) / Math.max(1, colKeys.length), innerHeight / Math.max(1, rowKeys.length), 36));
    return { angle, font, len, margin, size };
  };
  // Slanted labels need their columns a line apart across the slant; narrower columns get
  // upright labels, in a smaller type if even that is too tight.
  let cols = layout(COLUMN_ANGLE, FONT_SIZE);
  if (cols.size * Math.sin((COLUMN_ANGLE * Math.PI) / 180) < FONT_SIZE + 1) cols = layout(90, labelFont(cols.size));
  const { margin, size } = cols;
  // Row labels are a row apart: in rows lower than a line, they get a smaller type.
  const rowFont = labelFont(size);
  const colText = new Map(colKeys.map((k) => [k, ellipsize(name(k), cols.len, cols.font)]));
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);

  // Panels sit side by side at the grid's own width, which the height may have made narrower.
  const gridWidth = size * colKeys.length;
  const panelStep = gridWidth + opts.panelGap;
  const row = scaleBand<string>().domain(rowKeys).range([0, size * rowKeys.length]);
  const col = scaleBand<string>().domain(colKeys).range([0, gridWidth]);
  const top = max(cells, (c) => c.perYear) ?? 1;
  // Square root so that the many small flows are not all white next to the one big entry flow.
  const shade = scaleSqrt().domain([0, top]).range([0.06, 0.9]);
  const tooltip = createTooltip(el);
  const g = frame.plot;

  fitText(
    g.append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(${-margin.left + 12},${row.range()[1] / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle'),
    opts.labels.from,
    row.range()[1] + 20,
  );
  g.selectAll('text.row-label')
    .data(rowKeys)
    .join('text')
    .attr('class', 'row-label')
    .attr('x', -6)
    .attr('y', (k) => (row(k) ?? 0) + size / 2)
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'central')
    .attr('font-size', rowFont)
    .each(function (k) {
      fitText(select(this as SVGTextElement), name(k), rowRoom, rowFont);
    });

  // Header baselines, in plot coordinates (the grid's top is 0), above the column labels' band.
  const toY = -(margin.top - TITLE_HEIGHT - 6 - headers) - 6;
  const titleY = toY - TO_TITLE_LINE;
  let marks = 0;
  sides.forEach(([side, s], k) => {
    const p = g.append('g').attr('class', `panel side-${side}`).attr('transform', `translate(${k * panelStep},0)`);
    p.selectAll('text.col-label')
      .data(colKeys)
      .join('text')
      .attr('class', 'col-label')
      .attr('transform', (c) => `translate(${(col(c) ?? 0) + size / 2},${-COL_LABEL_TOP}) rotate(${-cols.angle})`)
      .attr('dominant-baseline', 'central')
      .attr('font-size', cols.font)
      .each(function (c) {
        const t = select(this as SVGTextElement).text(colText.get(c)!);
        if (colText.get(c) !== name(c)) t.append('title').text(name(c));
      });
    fitText(p.append('text').attr('class', 'axis-label').attr('x', gridWidth / 2).attr('y', toY).attr('text-anchor', 'middle'), opts.labels.to, panelStep - 8);
    if (n > 1) {
      // Each scenario name stays over its own panel, cut with the full name in a <title>.
      const room = k < n - 1 ? panelStep - 10 : gridWidth + margin.right - 4;
      fitText(p.append('text').attr('class', 'panel-title').attr('x', 0).attr('y', titleY).attr('font-weight', 600).attr('fill', SIDE_COLOURS[side]), opts.labels[side], room, FONT_SIZE, 600);
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

  // Key to the shades: a few steps of the shared scale, clear below the grid, starting under it
  // unless that would run it off the right edge.
  const keyTitle = ellipsize(opts.labels.perYear, frame.width / 2);
  const steps = [...new Set([...shade.ticks(4).filter((v) => v > 0), top])].map((v) => ({ v, t: opts.format(Math.round(v)) }));
  const keyWidth = measureText(keyTitle) + 12 + steps.reduce((w, { t }) => w + 16 + measureText(t) + 12, 0);
  const keyX = Math.max(-margin.left + 8, Math.min(0, frame.innerWidth + margin.right - 8 - keyWidth));
  const key = g.append('g').attr('class', 'legend').attr('transform', `translate(${keyX},${row.range()[1] + 14})`);
  const title = key.append('text').attr('y', 6).attr('dominant-baseline', 'central').attr('font-size', FONT_SIZE).text(keyTitle);
  if (keyTitle !== opts.labels.perYear) title.append('title').text(opts.labels.perYear);
  let kx = measureText(keyTitle) + 12;
  for (const { v, t } of steps) {
    key.append('rect').attr('x', kx).attr('width', 12).attr('height', 12).attr('fill', interpolateGreys(shade(v))).attr('stroke', NEUTRAL.grid);
    key.append('text').attr('x', kx + 16).attr('y', 6).attr('dominant-baseline', 'central').attr('font-size', FONT_SIZE).text(t);
    kx += 16 + measureText(t) + 12;
  }
}
