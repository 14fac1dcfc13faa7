import { bisector, curveStepAfter, max, pointer, scaleLinear } from 'd3';
import type { EcdfPoint } from '../derive/waiting.js';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  leftAxis,
  leftMarginFor,
  legendHeight,
  marginWith,
  presentSides,
  setMarks,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
  type SideData,
} from './frame.js';
import { lineMark } from './marks.js';
import { NEUTRAL, SIDE_COLOURS } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, height: 300, margin: { top: 40, right: 16, bottom: 46, left: 60 } };

export interface WaitEcdfOptions extends BaseOptions {
  labels: {
    /** e.g. "Dager til første tjeneste (days to first service)". */
    x: string;
    /** e.g. "Andel som har ventet høyst x (share waiting at most x)". */
    y: string;
    A: string;
    B: string;
  };
  /** Formats shares (0–1) on the y axis and in the tooltip; `format` when omitted. */
  formatShare?: (share: number) => string;
}

const byX = bisector<EcdfPoint, number>((p) => p.x).right;

/** Share of waits of at most `v` days read off an ECDF: the last step at or before `v`. */
function shareAt(points: readonly EcdfPoint[], v: number): number {
  const i = byX(points, v);
  return i === 0 ? 0 : points[i - 1].y;
}

/**
 * Empirical CDF of days from referral to first service (`waitEcdf`), a step line per side: the
 * higher the curve, the sooner people got help. `data-points`: ECDF points drawn, over both sides.
 */
export function drawWaitEcdf(el: HTMLElement, data: SideData<readonly EcdfPoint[]>, options: WaitEcdfOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const formatShare = opts.formatShare ?? opts.format;
  const sides = presentSides(data, (s) => s.length === 0);
  const legend: LegendItem[] = sides.map(([side]) => ({ label: opts.labels[side], kind: 'line', colour: SIDE_COLOURS[side] }));
  const y = scaleLinear().domain([0, 1]);
  const base = marginWith(opts.margin, undefined, legendHeight(legend, opts.width - opts.margin.left - opts.margin.right));
  const margin = { ...base, left: leftMarginFor(base.left, opts.labels.y, opts.height - base.top - base.bottom, y.ticks(5).map(formatShare)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

  const x = scaleLinear()
    .domain([0, max(sides, ([, s]) => s[s.length - 1].x) || 1])
    .nice()
    .range([0, frame.innerWidth]);
  y.range([frame.innerHeight, 0]);
  const g = frame.plot;
  leftAxis(g, y, frame.innerHeight, { label: opts.labels.y, tickFormat: formatShare, ticks: 5, labelOffset: margin.left - 14, grid: frame.innerWidth });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format });

  let marks = 0;
  for (const [side, s] of sides) {
    // From (0, 0) to the first wait, so the curve starts on the axis like a CDF does.
    const pts = [{ x: Math.min(0, s[0].x), y: 0 }, ...s];
    marks += lineMark(g.append('g').attr('class', `side side-${side}`), pts, x, y, SIDE_COLOURS[side], { curve: curveStepAfter }) - 1;
  }
  setMarks(frame, marks);

  const tooltip = createTooltip(el);
  const rule = g.append('line').attr('y1', 0).attr('y2', frame.innerHeight).attr('stroke', NEUTRAL.axis).attr('stroke-dasharray', '2 2').style('display', 'none');
  g.append('rect')
    .attr('class', 'hover')
    .attr('width', frame.innerWidth)
    .attr('height', frame.innerHeight)
    .attr('fill', 'transparent')
    .on('mousemove', (event: MouseEvent) => {
      const v = Math.max(0, x.invert(pointer(event)[0]));
      rule.attr('x1', x(v)).attr('x2', x(v)).style('display', null);
      tooltip.show(event, [`${opts.labels.x}: ≤ ${opts.format(v)}`, ...sides.map(([side, s]) => `${opts.labels[side]}: ${formatShare(shareAt(s, v))}`)]);
    })
    .on('mouseleave', () => {
      rule.style('display', 'none');
      tooltip.hide();
    });
}
