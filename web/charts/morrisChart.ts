import { max, scaleLinear } from 'd3';
import type { MorrisPoint } from '../derive/experiment.js';
import {
  bottomAxis,
  createFrame,
  drawLegend,
  drawNoData,
  ellipsize,
  FONT_SIZE,
  leftAxis,
  leftMarginFor,
  legendHeight,
  marginWith,
  measureText,
  setMarks,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
} from './frame.js';
import { hoverNearest } from './marks.js';
import { NEUTRAL, OKABE_ITO } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = {
  width: 520,
  height: 380,
  margin: { top: 40, right: 20, bottom: 46, left: 60 },
  /** One colour for every factor: the factor is told by its label, not by hue. */
  colour: OKABE_ITO.bluishGreen,
  /** Factor labels are cut to this width in px. */
  maxLabel: 130,
  /** Pointer distance in px within which the nearest point gets a tooltip. */
  hoverRadius: 30,
  /** Notation, the same in every language; a page may still pass its own. */
  labels: { mu: 'μ', muStar: 'μ*', sigma: 'σ', n: 'n', guide: 'σ = μ*' },
};

export interface MorrisChartOptions extends BaseOptions {
  labels: {
    /** Axis title with unit, e.g. "μ* (gjennomsnittlig |effekt|, dager per parameterspenn)". */
    x: string;
    /** Axis title with unit, e.g. "σ (spredning i effekt, dager per parameterspenn)". */
    y: string;
    /** Tooltip names of the three measures and of the number of elementary effects; the symbols when omitted. */
    mu?: string;
    muStar?: string;
    sigma?: string;
    n?: string;
    /** Legend entry of the dashed guide, e.g. "σ = μ* (over: ikke-lineær eller samspill)"; "σ = μ*" when omitted. */
    guide?: string;
  };
}

interface Placed {
  p: MorrisPoint;
  px: number;
  py: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Morris screening (`morrisPoints`): each factor at (mu*, sigma), labelled with its name. Far right
 * means influential; above the dashed line sigma = mu* the effect changes a lot from step to step
 * (non-linear or interacting with other factors). Factors without a sigma (fewer than 2 elementary
 * effects) are left out. `data-points`: factors drawn.
 */
export function drawMorris(el: HTMLElement, effects: readonly MorrisPoint[] | null, options: MorrisChartOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin }, labels: { ...DEFAULTS.labels, ...options.labels } };
  const shown = (effects ?? []).filter((e) => Number.isFinite(e.muStar) && Number.isFinite(e.sigma));
  const legend: LegendItem[] = [{ label: opts.labels.guide, kind: 'dashed', colour: NEUTRAL.muted }];
  // Both axes start at 0: mu* and sigma are non-negative, and the guide runs through the origin.
  const x = scaleLinear()
    .domain([0, Math.max(max(shown, (e) => e.muStar) ?? 0, 1e-9)])
    .nice();
  const y = scaleLinear()
    .domain([0, Math.max(max(shown, (e) => e.sigma) ?? 0, 1e-9)])
    .nice();
  const base = marginWith(opts.margin, undefined, legendHeight(legend, opts.width - opts.margin.left - opts.margin.right));
  const margin = { ...base, left: leftMarginFor(base.left, opts.labels.y, opts.height - base.top - base.bottom, y.ticks(5).map(opts.format)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (shown.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);
  x.range([0, frame.innerWidth]);
  y.range([frame.innerHeight, 0]);

  const g = frame.plot;
  leftAxis(g, y, frame.innerHeight, { label: opts.labels.y, tickFormat: opts.format, ticks: 5, labelOffset: margin.left - 14, grid: frame.innerWidth });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format });

  // The guide from the origin to where it leaves the plot.
  const t = Math.min(x.domain()[1], y.domain()[1]);
  g.append('line')
    .attr('class', 'guide')
    .attr('x1', x(0))
    .attr('y1', y(0))
    .attr('x2', x(t))
    .attr('y2', y(t))
    .attr('stroke', NEUTRAL.muted)
    .attr('stroke-width', 1.2)
    .attr('stroke-dasharray', '5 4');

  const placed: Placed[] = shown.map((p) => ({ p, px: x(p.muStar), py: y(p.sigma) }));
  g.append('g')
    .attr('class', 'factors')
    .selectAll('circle')
    .data(placed)
    .join('circle')
    .attr('cx', (d) => d.px)
    .attr('cy', (d) => d.py)
    .attr('r', 4.5)
    .attr('fill', opts.colour)
    .attr('stroke', 'white')
    .attr('stroke-width', 1);

  // Labels, greedily: the first of a few spots beside the point that stays in the plot and clear
  // of labels and points already there; the first spot when none is clear.
  const taken: Box[] = placed.map((d) => ({ x0: d.px - 5, y0: d.py - 5, x1: d.px + 5, y1: d.py + 5 }));
  const labels = g.append('g').attr('class', 'factor-labels').attr('font-size', FONT_SIZE);
  const h = FONT_SIZE + 2;
  // Largest mu* first, so the factors that matter get the best spots.
  for (const d of [...placed].sort((a, b) => b.p.muStar - a.p.muStar)) {
    const text = ellipsize(d.p.factor, opts.maxLabel);
    const w = measureText(text);
    const spots: Box[] = [
      [7, -h / 2],
      [-7 - w, -h / 2],
      [-w / 2, -7 - h],
      [-w / 2, 7],
      [7, -h - 3],
      [7, 3],
      [-7 - w, -h - 3],
      [-7 - w, 3],
    ].map(([dx, dy]) => ({ x0: d.px + dx, y0: d.py + dy, x1: d.px + dx + w, y1: d.py + dy + h }));
    const inside = (b: Box) => b.x0 >= 0 && b.x1 <= frame.innerWidth + opts.margin.right - 2 && b.y0 >= -4 && b.y1 <= frame.innerHeight;
    const box = spots.find((b) => inside(b) && !taken.some((o) => overlaps(b, o))) ?? spots.find(inside) ?? spots[0];
    taken.push(box);
    const label = labels
      .append('text')
      .attr('x', box.x0)
      .attr('y', box.y0 + h / 2)
      .attr('dominant-baseline', 'central')
      .attr('stroke', 'white')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text(text);
    if (text !== d.p.factor) label.append('title').text(d.p.factor);
  }
  setMarks(frame, placed.length);

  hoverNearest(g, frame, el, placed, {
    radius: opts.hoverRadius,
    ring: 7.5,
    lines: ({ p: e }) => [e.factor, `${opts.labels.mu}: ${opts.format(e.mu)}`, `${opts.labels.muStar}: ${opts.format(e.muStar)}`, `${opts.labels.sigma}: ${opts.format(e.sigma)}`, `${opts.labels.n}: ${e.n}`],
  });
}
