import { max, pointer, scaleLinear } from 'd3';
import type { CaseloadBands, CaseloadLine } from '../derive/caseload.js';
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
  shadeWarmup,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
  type SideData,
} from './frame.js';
import { bandLine, lineMark, nearest } from './marks.js';
import { NEUTRAL, SIDE_COLOURS } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, height: 320, margin: { top: 40, right: 16, bottom: 46, left: 56 }, lineOpacity: 0.35 };

/** One side: the caseload distribution over replications, and one replication's coordinators for hovering. */
export interface CaseloadSeries {
  bands: CaseloadBands;
  /**
   * Individual coordinators (`caseloadLines` of the first replication), shown while hovering; a
   * function is called on the first hover, so the lines are not made for charts nobody hovers.
   */
  lines?: readonly CaseloadLine[] | (() => readonly CaseloadLine[]);
}

export interface CaseloadOptions extends BaseOptions {
  labels: {
    /** Time axis title with unit. */
    x: string;
    /** e.g. "Saker per koordinator (cases per coordinator)". */
    y: string;
    A: string;
    B: string;
    /** Tooltip names for the median, the p10–p90 band and the maximum. */
    median: string;
    band: string;
    max: string;
    /** Legend entry for the collapse line, when `collapse` is given. */
    collapse?: string;
    warmup?: string;
  };
  /** Caseload (cases) at which coordination collapses: drawn as a dashed line. */
  collapse?: number;
  warmupDays?: number;
}

/**
 * Cases per coordinator week by week: the p10–p90 band and median of all coordinators of all
 * replications, per side. Hovering shows the individual coordinators of the first replication and
 * the numbers of the nearest week. `data-points`: weeks drawn, over both sides.
 */
export function drawCaseload(el: HTMLElement, data: SideData<CaseloadSeries>, options: CaseloadOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const sides = presentSides(data, (s) => s.bands.points.length === 0);
  const showCollapse = opts.collapse !== undefined && Number.isFinite(opts.collapse);
  const legend: LegendItem[] = sides.map(([side]) => ({ label: opts.labels[side], kind: 'band', colour: SIDE_COLOURS[side] }));
  if (showCollapse && opts.labels.collapse) legend.push({ label: opts.labels.collapse, kind: 'dashed', colour: NEUTRAL.text });
  const points = sides.flatMap(([, s]) => s.bands.points);
  // The band and the collapse line set the scale; single coordinators above it are clipped, so
  // one outlier does not flatten the picture of everyone else.
  const top = Math.max(max(points, (p) => p.p90) ?? 0, showCollapse ? opts.collapse! : 0, 1);
  const y = scaleLinear().domain([0, top * 1.08]).nice();
  const base = marginWith(opts.margin, undefined, legendHeight(legend, opts.width - opts.margin.left - opts.margin.right));
  const margin = { ...base, left: leftMarginFor(base.left, opts.labels.y, opts.height - base.top - base.bottom, y.ticks(5).map(opts.format)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

  const week = 7;
  const x = scaleLinear()
    .domain([0, (max(points, (p) => p.t) ?? 0) + week])
    .range([0, frame.innerWidth]);
  y.range([frame.innerHeight, 0]);

  const g = frame.plot;
  const warmupLabel = shadeWarmup(g, x, opts.warmupDays, frame.innerHeight, opts.labels.warmup);
  leftAxis(g, y, frame.innerHeight, { label: opts.labels.y, tickFormat: opts.format, ticks: 5, labelOffset: margin.left - 14, grid: frame.innerWidth });
  bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format });
  frame.defs
    .append('clipPath')
    .attr('id', `${frame.uid}-clip`)
    .append('rect')
    .attr('width', frame.innerWidth)
    .attr('height', frame.innerHeight);

  // Individual coordinators' lines are many long paths (about 150 coordinators x 520 weeks in the
  // 10-year municipality): drawn on first hover, not on every redraw, so a redraw stays short.
  const overlays = sides.map(([side]) => g.append('g').attr('class', `coordinators side-${side}`).attr('clip-path', `url(#${frame.uid}-clip)`).style('display', 'none'));
  let overlaysDrawn = false;
  const drawOverlays = () => {
    if (overlaysDrawn) return;
    overlaysDrawn = true;
    sides.forEach(([side, s], k) => {
      for (const l of (typeof s.lines === 'function' ? s.lines() : s.lines) ?? []) {
        lineMark(overlays[k], l.points.map((p) => ({ x: p.t, y: p.caseload })), x, y, SIDE_COLOURS[side], { width: 1, opacity: opts.lineOpacity, className: 'coordinator' });
      }
    });
  };

  let marks = 0;
  for (const [side, s] of sides) {
    const sg = g.append('g').attr('class', `side side-${side}`);
    marks += bandLine(sg, s.bands.points.map((p) => ({ x: p.t, y: p.p50, lo: p.p10, hi: p.p90 })), x, y, SIDE_COLOURS[side]);
  }
  if (showCollapse) {
    g.append('line')
      .attr('class', 'collapse')
      .attr('x1', 0)
      .attr('x2', frame.innerWidth)
      .attr('y1', y(opts.collapse!))
      .attr('y2', y(opts.collapse!))
      .attr('stroke', NEUTRAL.text)
      .attr('stroke-width', 1.2)
      .attr('stroke-dasharray', '5 4');
  }
  setMarks(frame, marks);
  warmupLabel?.raise();

  const tooltip = createTooltip(el);
  const rule = g.append('line').attr('y1', 0).attr('y2', frame.innerHeight).attr('stroke', NEUTRAL.axis).attr('stroke-dasharray', '2 2').style('display', 'none');
  const times = sides.map(([, s]) => s.bands.points.map((p) => p.t));
  g.append('rect')
    .attr('class', 'hover')
    .attr('width', frame.innerWidth)
    .attr('height', frame.innerHeight)
    .attr('fill', 'transparent')
    .on('mouseenter', () => {
      drawOverlays();
      overlays.forEach((o) => o.style('display', null));
    })
    .on('mousemove', (event: MouseEvent) => {
      const t = x.invert(pointer(event)[0]);
      const lines: string[] = [];
      sides.forEach(([side, s], k) => {
        const i = nearest(times[k], t);
        if (i < 0) return;
        const p = s.bands.points[i];
        if (k === 0) {
          rule.attr('x1', x(p.t)).attr('x2', x(p.t)).style('display', null);
          lines.push(`${opts.labels.x}: ${opts.format(p.t)}`);
        }
        const f = opts.format;
        lines.push(`${opts.labels[side]}: ${opts.labels.median} ${f(p.p50)}, ${opts.labels.band} ${f(p.p10)}–${f(p.p90)}, ${opts.labels.max} ${f(p.max)}`);
      });
      tooltip.show(event, lines);
    })
    .on('mouseleave', () => {
      overlays.forEach((o) => o.style('display', 'none'));
      rule.style('display', 'none');
      tooltip.hide();
    });
}
