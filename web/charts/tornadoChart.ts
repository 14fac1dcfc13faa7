import { max, min, scaleBand, scaleLinear } from 'd3';
import type { FactorValue } from '../../src/experiment/design.js';
import type { TornadoBar } from '../../src/experiment/sensitivity.js';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  ellipsize,
  FONT_SIZE,
  leftAxis,
  legendHeight,
  marginWith,
  measureText,
  setMarks,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
} from './frame.js';
import { NEUTRAL, OKABE_ITO } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = {
  width: 640,
  margin: { top: 40, right: 20, bottom: 46, left: 110 },
  /** Height of one factor's row in px, used when `height` is not given. */
  rowHeight: 36,
  /** Low and high ends: two Okabe–Ito colours that are neither A's nor B's. */
  colours: { low: OKABE_ITO.skyBlue, high: OKABE_ITO.orange },
  /** Factor names may take up to this share of the width before they are wrapped or cut. */
  maxLabelShare: 0.35,
  /** End labels (the factor's low and high value) are cut to this width in px. */
  maxEndLabel: 90,
};

export interface TornadoChartOptions extends BaseOptions {
  labels: {
    /** The metric with its unit, e.g. "Ventetid, snitt (mean wait, days)". */
    x: string;
    /** e.g. "Parameter". */
    y: string;
    /** Legend and tooltip names of the two ends, e.g. "Lav verdi (low value)", "Høy verdi (high value)". */
    low: string;
    high: string;
    /** The base point's output, e.g. "Basis (base)". */
    base: string;
    /** Tooltip label of |high − low|, e.g. "Utslag (swing)". */
    swing: string;
  };
  /** Formats a factor's low and high value (bar-end labels, tooltip); numbers use `format`, others String(). */
  formatValue?: (v: FactorValue) => string;
  rowHeight?: number;
}

const swingKey = (s: number): number => (Number.isNaN(s) ? -Infinity : s);

/**
 * A one-at-a-time sweep as a tornado (`tornadoBars`): per factor, largest swing at the top, a bar
 * from the base point's output to the output with the factor at its low value (upper half of the
 * row) and one to its high value (lower half), each end labelled with that value; the base output
 * as a dashed vertical line. `data-points`: bars drawn (two per factor with both outputs).
 */
export function drawTornado(el: HTMLElement, bars: readonly TornadoBar[] | null, options: TornadoChartOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const fv = opts.formatValue ?? ((v: FactorValue) => (typeof v === 'number' ? opts.format(v) : String(v)));
  const rows = [...(bars ?? [])].sort((a, b) => swingKey(b.swing) - swingKey(a.swing));
  const values = rows.flatMap((b) => [b.yLow, b.yHigh]).filter(Number.isFinite);
  const yBase = rows.find((b) => Number.isFinite(b.yBase))?.yBase ?? NaN;
  const legend: LegendItem[] = [
    { label: opts.labels.low, kind: 'swatch', colour: opts.colours.low },
    { label: opts.labels.high, kind: 'swatch', colour: opts.colours.high },
    { label: opts.labels.base, kind: 'dashed', colour: NEUTRAL.text },
  ];

  const labelRoom = Math.max(40, Math.floor(opts.width * opts.maxLabelShare) - 34);
  const widest = Math.max(0, ...rows.map((b) => Math.min(measureText(b.factor), labelRoom)));
  const left = Math.max(opts.margin.left, Math.ceil(widest + 34));
  // Room above the plot for the base line's label.
  const margin = marginWith({ ...opts.margin, left }, undefined, legendHeight(legend, opts.width - left - opts.margin.right) + 14);
  const height = opts.height ?? margin.top + margin.bottom + Math.max(1, rows.length) * opts.rowHeight;
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height, margin });
  if (values.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

  // End labels sit outside their bar, away from the base; the plot keeps room for the widest on each side.
  const endText = (v: FactorValue) => ellipsize(fv(v), opts.maxEndLabel);
  const ends = rows.flatMap((b) => [
    { v: b.yLow, text: endText(b.low) },
    { v: b.yHigh, text: endText(b.high) },
  ]).filter((e) => Number.isFinite(e.v));
  const goesLeft = (v: number) => Number.isFinite(yBase) && v < yBase;
  const padLeft = Math.max(0, ...ends.filter((e) => goesLeft(e.v)).map((e) => measureText(e.text) + 6));
  const padRight = Math.max(0, ...ends.filter((e) => !goesLeft(e.v)).map((e) => measureText(e.text) + 6));
  const domain = [...values, ...(Number.isFinite(yBase) ? [yBase] : [])];
  const lo = min(domain)!;
  const hi = max(domain)!;
  const x = scaleLinear()
    .domain(lo < hi ? [lo, hi] : [lo - 1, hi + 1])
    .range([padLeft, Math.max(padLeft + 10, frame.innerWidth - padRight)])
    .nice();
  const row = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, frame.innerHeight]).paddingInner(0.3).paddingOuter(0.15);

  const g = frame.plot;
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(x.ticks(5))
    .join('line')
    .attr('x1', (t) => x(t))
    .attr('x2', (t) => x(t))
    .attr('y1', 0)
    .attr('y2', frame.innerHeight)
    .attr('stroke', NEUTRAL.grid);
  leftAxis(g, row, frame.innerHeight, { label: opts.labels.y, tickFormat: (i) => rows[i].factor, labelOffset: margin.left - 14, tickWidth: labelRoom, tickLines: 2 });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format, ticks: 5 });

  const tooltip = createTooltip(el);
  const from = Number.isFinite(yBase) ? x(yBase) : x.range()[0];
  const half = row.bandwidth() / 2;
  let marks = 0;
  rows.forEach((b, i) => {
    const top = row(i) ?? 0;
    const bg = g.append('g').attr('class', 'bar');
    const segments = [
      { end: 'low' as const, y: b.yLow, value: b.low, at: top },
      { end: 'high' as const, y: b.yHigh, value: b.high, at: top + half },
    ];
    for (const s of segments) {
      if (!Number.isFinite(s.y)) continue;
      const to = x(s.y);
      bg.append('rect')
        .attr('class', `end-${s.end}`)
        .attr('x', Math.min(from, to))
        // A bar with no swing still shows as a hairline, so "no effect" is visibly a result.
        .attr('width', Math.max(1, Math.abs(to - from)))
        .attr('y', s.at)
        .attr('height', half)
        .attr('fill', opts.colours[s.end]);
      const left = goesLeft(s.y);
      bg.append('text')
        .attr('class', 'end-label')
        .attr('x', left ? to - 4 : to + 4)
        .attr('y', s.at + half / 2)
        .attr('dominant-baseline', 'central')
        .attr('text-anchor', left ? 'end' : 'start')
        .attr('font-size', FONT_SIZE - 1)
        .attr('fill', NEUTRAL.muted)
        .text(endText(s.value));
      marks++;
    }
    bg.append('rect')
      .attr('class', 'hit')
      .attr('x', 0)
      .attr('width', frame.innerWidth)
      .attr('y', top)
      .attr('height', row.bandwidth())
      .attr('fill', 'transparent')
      .on('mousemove', (event: MouseEvent) => {
        const num = (v: number) => (Number.isFinite(v) ? opts.format(v) : '–');
        tooltip.show(event, [
          b.factor,
          `${opts.labels.low}: ${fv(b.low)} → ${num(b.yLow)}`,
          `${opts.labels.high}: ${fv(b.high)} → ${num(b.yHigh)}`,
          `${opts.labels.base}: ${num(b.yBase)}`,
          `${opts.labels.swing}: ${num(b.swing)}`,
        ]);
      })
      .on('mouseleave', () => tooltip.hide());
  });

  if (Number.isFinite(yBase)) {
    g.append('line')
      .attr('class', 'base')
      .attr('x1', from)
      .attr('x2', from)
      .attr('y1', -4)
      .attr('y2', frame.innerHeight)
      .attr('stroke', NEUTRAL.text)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3')
      .attr('pointer-events', 'none');
    const label = `${opts.labels.base}: ${opts.format(yBase)}`;
    const w = measureText(label, FONT_SIZE - 1) / 2;
    g.append('text')
      .attr('class', 'base-label')
      // Centred on the line, but kept inside the svg when the base is near an edge.
      .attr('x', Math.min(Math.max(from, w + 4 - margin.left), frame.innerWidth + margin.right - w - 4))
      .attr('y', -8)
      .attr('text-anchor', 'middle')
      .attr('font-size', FONT_SIZE - 1)
      .text(label);
  }
  setMarks(frame, marks);
}
