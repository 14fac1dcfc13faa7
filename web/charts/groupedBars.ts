import { max, min, scaleBand, scaleLinear } from 'd3';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  fittingTicks,
  intervalText,
  leftAxis,
  legendHeight,
  legendItemWidth,
  marginWith,
  measureText,
  wrapText,
  setMarks,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
  type Margin,
} from './frame.js';
import { NEUTRAL, SIDE_COLOURS, type Side } from './palette.js';

/** One bar: a mean with its 95 % interval, and optionally a target it falls short of or exceeds. */
export interface BarValue {
  mean: number;
  ci95: readonly [number, number];
  /** Drawn as an outlined bar behind the filled one (e.g. hours asked for behind hours worked). */
  target?: number;
}

/** One row of the chart: a category with a bar per side. */
export interface BarGroup {
  label: string;
  A?: BarValue | null;
  B?: BarValue | null;
}

export interface GroupedBarsOptions extends BaseOptions {
  labels: {
    /** Value axis title with unit. */
    x: string;
    /** Category axis title, e.g. "Aktivitet (activity)". */
    y: string;
    A: string;
    B: string;
    /** Legend entries for the filled bar and the outlined target, when targets are drawn. */
    value?: string;
    target?: string;
  };
  /** Height of one category row in px, used when `height` is not given. */
  rowHeight?: number;
}

const SIDES: readonly Side[] = ['A', 'B'];
/** Smallest category row, in px: two bars and their gap still readable. */
const MIN_ROW = 24;
/** Smallest row when some category label is wrapped onto two lines, so labels stay apart. */
const MIN_ROW_WRAPPED = 34;
/** Category labels may take up to this share of the width before they are wrapped or cut. */
const MAX_LABEL_SHARE = 0.45;
/** Room left of the category labels: tick and padding (9), gap, the rotated axis title and its inset. */
const LABEL_CHROME = 34;

/**
 * The left margin for the category labels: as wide as the widest label needs, at most
 * MAX_LABEL_SHARE of the width; labels wider than that are wrapped onto two lines (rows then get
 * at least MIN_ROW_WRAPPED px) and ellipsised past those. Returns the margin and the width labels may take.
 */
function labelLayout(labels: readonly string[], width: number, base: number): { left: number; labelWidth: number; wrapped: boolean } {
  const room = Math.max(40, Math.floor(width * MAX_LABEL_SHARE) - LABEL_CHROME);
  let widest = 0;
  let wrapped = false;
  for (const label of labels) {
    const w = measureText(label);
    if (w > room) wrapped = true;
    widest = Math.max(widest, w <= room ? w : Math.max(...wrapText(label, room, 2).lines.map((l) => measureText(l))));
  }
  return { left: Math.max(base, Math.ceil(widest + LABEL_CHROME)), labelWidth: room, wrapped };
}

/**
 * Shared drawing of horizontal bars grouped by category, A above B in each row, with 95 % interval
 * whiskers; behind staffTimeChart, coordinatorTimeChart and copingChart. `data-points`: bars drawn.
 */
export function drawGroupedBars(
  el: HTMLElement,
  groups: readonly BarGroup[],
  opts: GroupedBarsOptions & { width: number; margin: Margin; rowHeight: number },
): void {
  const sides = SIDES.filter((s) => groups.some((g) => Number.isFinite(g[s]?.mean)));
  const withTargets = groups.some((g) => SIDES.some((s) => Number.isFinite(g[s]?.target)));
  const legend: LegendItem[] = sides.map((s) => ({ label: opts.labels[s], kind: 'swatch', colour: SIDE_COLOURS[s] }));
  if (withTargets && opts.labels.value) legend.push({ label: opts.labels.value, kind: 'swatch', colour: NEUTRAL.grey });
  if (withTargets && opts.labels.target) legend.push({ label: opts.labels.target, kind: 'outline', colour: NEUTRAL.grey });
  const labels = labelLayout(groups.map((g) => g.label), opts.width, opts.margin.left);
  const left = labels.left;
  // The legend starts at the plot, or further left when its widest entry would not fit there.
  const legendX = Math.max(8, Math.min(left, opts.width - opts.margin.right - legendItemWidth(legend)));
  const legendWidth = opts.width - opts.margin.right - legendX;
  const margin = marginWith({ ...opts.margin, left }, undefined, legendHeight(legend, legendWidth));
  // A given height still leaves each row MIN_ROW px (more with two-line labels), so eleven coping
  // policies stay legible.
  const rows = Math.max(1, groups.length);
  const minRow = labels.wrapped ? MIN_ROW_WRAPPED : MIN_ROW;
  const height = Math.max(opts.height ?? margin.top + margin.bottom + rows * opts.rowHeight, margin.top + margin.bottom + rows * minRow);
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, legendX, TITLE_HEIGHT + 2, legendWidth);

  const values = groups.flatMap((g) => sides.flatMap((s) => {
    const v = g[s];
    return v ? [v.mean, v.ci95[0], v.ci95[1], v.target ?? NaN] : [];
  })).filter(Number.isFinite);
  const x = scaleLinear()
    .domain([Math.min(0, min(values) ?? 0), Math.max(max(values) ?? 1, 1e-9)])
    .nice()
    .range([0, frame.innerWidth]);
  const row = scaleBand<number>().domain(groups.map((_, i) => i)).range([0, frame.innerHeight]).paddingInner(0.25).paddingOuter(0.1);
  const sub = scaleBand<Side>().domain(sides).range([0, row.bandwidth()]).paddingInner(0.1);

  const g = frame.plot;
  // Vertical grid at the value axis' ticks (as many as its labels have room for), drawn first so
  // bars sit on top of it.
  g.append('g')
    .selectAll('line')
    .data(x.ticks(fittingTicks(x, 5, opts.format) ?? 5))
    .join('line')
    .attr('x1', (t) => x(t))
    .attr('x2', (t) => x(t))
    .attr('y1', 0)
    .attr('y2', frame.innerHeight)
    .attr('stroke', NEUTRAL.grid);
  leftAxis(g, row, frame.innerHeight, {
    label: opts.labels.y,
    tickFormat: (i) => groups[i].label,
    labelOffset: margin.left - 14,
    tickWidth: labels.labelWidth,
    tickLines: row.step() >= MIN_ROW ? 2 : 1,
  });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format, ticks: 5 });

  const tooltip = createTooltip(el);
  const x0 = x(0);
  let marks = 0;
  groups.forEach((grp, i) => {
    for (const side of sides) {
      const v = grp[side];
      if (!v || !Number.isFinite(v.mean)) continue;
      const top = (row(i) ?? 0) + (sub(side) ?? 0);
      const h = sub.bandwidth();
      const colour = SIDE_COLOURS[side];
      const bar = g.append('g').attr('class', `bar side-${side}`);
      if (v.target !== undefined && Number.isFinite(v.target)) {
        bar.append('rect')
          .attr('class', 'target')
          .attr('x', Math.min(x0, x(v.target)))
          .attr('width', Math.abs(x(v.target) - x0))
          .attr('y', top)
          .attr('height', h)
          .attr('fill', 'none')
          .attr('stroke', colour)
          .attr('stroke-width', 1.5)
          .attr('stroke-dasharray', '3 2');
      }
      bar.append('rect')
        .attr('class', 'value')
        .attr('x', Math.min(x0, x(v.mean)))
        .attr('width', Math.abs(x(v.mean) - x0))
        .attr('y', top + (v.target !== undefined ? h * 0.2 : 0))
        .attr('height', v.target !== undefined ? h * 0.6 : h)
        .attr('fill', colour);
      const [lo, hi] = v.ci95;
      if (Number.isFinite(lo) && Number.isFinite(hi)) {
        const cy = top + h / 2;
        const w = bar.append('g').attr('class', 'whisker').attr('stroke', NEUTRAL.text).attr('stroke-width', 1.2);
        w.append('line').attr('x1', x(lo)).attr('x2', x(hi)).attr('y1', cy).attr('y2', cy);
        for (const e of [lo, hi]) w.append('line').attr('x1', x(e)).attr('x2', x(e)).attr('y1', cy - h * 0.25).attr('y2', cy + h * 0.25);
      }
      // A transparent hit area the height of the sub-band, so thin bars are easy to hover.
      bar.append('rect')
        .attr('class', 'hit')
        .attr('x', 0)
        .attr('width', frame.innerWidth)
        .attr('y', top)
        .attr('height', h)
        .attr('fill', 'transparent')
        .on('mousemove', (event: MouseEvent) => {
          const lines = [grp.label, `${opts.labels[side]}: ${opts.format(v.mean)}${intervalText(v.ci95, opts.format)}`];
          if (v.target !== undefined && Number.isFinite(v.target) && opts.labels.target) lines.push(`${opts.labels.target}: ${opts.format(v.target)}`);
          tooltip.show(event, lines);
        })
        .on('mouseleave', () => tooltip.hide());
      marks++;
    }
  });
  setMarks(frame, marks);
}
