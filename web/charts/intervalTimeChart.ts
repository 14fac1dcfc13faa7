import { max, min, pointer, scaleLinear } from 'd3';
import type { BinEstimate } from '../derive/bins.js';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  intervalText,
  leftAxis,
  leftMarginFor,
  legendHeight,
  marginWith,
  presentSides,
  setMarks,
  shadeWarmup,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
  type Margin,
  type SideData,
} from './frame.js';
import { bandLine, nearest } from './marks.js';
import { NEUTRAL, SIDE_COLOURS } from './palette.js';

/**
 * Shared drawing of "a mean per time bin with its 95 % interval, A and B on one plot", behind
 * waitOverTimeChart and userDaysChart (which own their defaults and texts).
 */
export interface IntervalTimeOptions extends BaseOptions {
  labels: {
    /** Time axis title with unit, e.g. "Dager fra start (days)". */
    x: string;
    y: string;
    A: string;
    B: string;
    /** Written in the warm-up shading when given. */
    warmup?: string;
  };
  /** Shade t < warmupDays as warm-up (days). */
  warmupDays?: number;
}

export function drawIntervalTimeChart(
  el: HTMLElement,
  data: SideData<readonly BinEstimate[]>,
  opts: IntervalTimeOptions & { width: number; height: number; margin: Margin },
): void {
  const sides = presentSides(data, (s) => !s.some((p) => Number.isFinite(p.mean)));
  const legend: LegendItem[] = sides.map(([side]) => ({ label: opts.labels[side], kind: 'band', colour: SIDE_COLOURS[side] }));
  const innerGuess = opts.width - opts.margin.left - opts.margin.right;
  const all = sides.flatMap(([, s]) => [...s]);
  const yLo = Math.min(0, min(all, (p) => (Number.isFinite(p.ci95[0]) ? p.ci95[0] : p.mean)) ?? 0);
  const yHi = max(all, (p) => (Number.isFinite(p.ci95[1]) ? p.ci95[1] : p.mean)) ?? 1;
  // The y scale's ticks do not depend on the plot's size, so they can size the left margin.
  const y = scaleLinear()
    .domain([yLo, yHi > yLo ? yHi : yLo + 1])
    .nice();
  const base = marginWith(opts.margin, undefined, legendHeight(legend, innerGuess));
  const margin = { ...base, left: leftMarginFor(base.left, opts.labels.y, opts.height - base.top - base.bottom, y.ticks(5).map(opts.format)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

  const x = scaleLinear()
    .domain([0, max(all, (p) => p.t + p.width) ?? 1])
    .range([0, frame.innerWidth]);
  y.range([frame.innerHeight, 0]);

  const g = frame.plot;
  const warmupLabel = shadeWarmup(g, x, opts.warmupDays, frame.innerHeight, opts.labels.warmup);
  leftAxis(g, y, frame.innerHeight, { label: opts.labels.y, tickFormat: opts.format, ticks: 5, labelOffset: margin.left - 14, grid: frame.innerWidth });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format });

  let marks = 0;
  for (const [side, s] of sides) {
    const colour = SIDE_COLOURS[side];
    const points = s.map((p) => ({ x: p.t + p.width / 2, y: p.mean, lo: p.ci95[0], hi: p.ci95[1] }));
    const sg = g.append('g').attr('class', `side side-${side}`);
    bandLine(sg, points, x, y, colour);
    const shown = points.filter((p) => Number.isFinite(p.y));
    // Dots keep a bin visible when its neighbours have no value and the line has nothing to join.
    sg.selectAll('circle')
      .data(shown)
      .join('circle')
      .attr('cx', (p) => x(p.x))
      .attr('cy', (p) => y(p.y))
      .attr('r', 2.5)
      .attr('fill', colour);
    marks += shown.length;
  }
  setMarks(frame, marks);
  warmupLabel?.raise();

  const tooltip = createTooltip(el);
  const rule = g.append('line').attr('y1', 0).attr('y2', frame.innerHeight).attr('stroke', NEUTRAL.axis).attr('stroke-dasharray', '2 2').style('display', 'none');
  const mids = sides.map(([, s]) => s.map((p) => p.t + p.width / 2));
  g.append('rect')
    .attr('class', 'hover')
    .attr('width', frame.innerWidth)
    .attr('height', frame.innerHeight)
    .attr('fill', 'transparent')
    .on('mousemove', (event: MouseEvent) => {
      const t = x.invert(pointer(event)[0]);
      const lines: string[] = [];
      sides.forEach(([side, s], k) => {
        const i = nearest(mids[k], t);
        if (i < 0) return;
        const p = s[i];
        if (k === 0) {
          rule.attr('x1', x(mids[k][i])).attr('x2', x(mids[k][i])).style('display', null);
          lines.push(`${opts.labels.x}: ${opts.format(p.t)}–${opts.format(p.t + p.width)}`);
        }
        lines.push(`${opts.labels[side]}: ${Number.isFinite(p.mean) ? opts.format(p.mean) : '–'}${intervalText(p.ci95, opts.format)}`);
      });
      tooltip.show(event, lines);
    })
    .on('mouseleave', () => {
      rule.style('display', 'none');
      tooltip.hide();
    });
}
