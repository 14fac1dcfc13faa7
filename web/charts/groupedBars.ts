import { max, min, scaleBand, scaleLinear } from 'd3';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  intervalText,
  leftAxis,
  legendHeight,
  marginWith,
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
  const margin = marginWith(opts.margin, undefined, legendHeight(legend, opts.width - opts.margin.left - opts.margin.right));
  // A given height still leaves each row MIN_ROW px, so eleven coping policies stay legible.
  const rows = Math.max(1, groups.length);
  const height = Math.max(opts.height ?? margin.top + margin.bottom + rows * opts.rowHeight, margin.top + margin.bottom + rows * MIN_ROW);
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

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
  // Vertical grid from the value axis, drawn first so bars sit on top of it.
  g.append('g')
    .selectAll('line')
    .data(x.ticks(5))
    .join('line')
    .attr('x1', (t) => x(t))
    .attr('x2', (t) => x(t))
    .attr('y1', 0)
    .attr('y2', frame.innerHeight)
    .attr('stroke', NEUTRAL.grid);
  leftAxis(g, row, frame.innerHeight, { label: opts.labels.y, tickFormat: (i) => groups[i].label, labelOffset: margin.left - 14 });
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
