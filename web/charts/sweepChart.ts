import { extent, max, min, scaleLinear, scalePoint } from 'd3';
import type { FactorValue } from '../../src/experiment/design.js';
import type { SeriesPoint, SweepSeries } from '../derive/experiment.js';
import {
  bottomAxis,
  createFrame,
  drawLegend,
  drawNoData,
  intervalText,
  leftAxis,
  leftMarginFor,
  legendHeight,
  marginWith,
  setMarks,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
} from './frame.js';
import { bandLine, hoverNearest } from './marks.js';
import { OKABE_ITO } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = {
  width: 640,
  height: 320,
  margin: { top: 40, right: 20, bottom: 46, left: 60 },
  /**
   * Okabe–Ito colours for the group parameter's values, leaving out blue and vermillion (A and B
   * elsewhere in the dashboard, so a group is never read as a design). Yellow is last: faint on white.
   */
  colours: [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.black, OKABE_ITO.yellow],
  /** Past six groups the colours repeat with these dashes, so no two lines look alike. */
  dashes: [undefined, '6 3', '2 2'] as (string | undefined)[],
  /** The one line of an ungrouped chart. */
  single: OKABE_ITO.black,
  /** Pointer distance in px within which the nearest point gets a tooltip. */
  hoverRadius: 40,
  /** Notation, the same in every language; a page may still pass its own. */
  labels: { n: 'n' },
};

export interface SweepChartOptions extends BaseOptions {
  labels: {
    /** The x parameter with its unit, e.g. "Koordinatorer (coordinators)". */
    x: string;
    /** The metric with its unit, e.g. "Ventetid, snitt (mean wait, days)". */
    y: string;
    /** The group parameter's name, shown in legend entries "name = value" and the tooltip. */
    group?: string;
    /** Tooltip label of the number of replications, e.g. "n (replikasjoner)"; "n" when omitted. */
    n?: string;
  };
  /** Formats a parameter value (axis ticks, legend, tooltip); numbers use `format`, others String(). */
  formatValue?: (v: FactorValue) => string;
}

interface Mark {
  line: number;
  p: SeriesPoint;
  px: number;
  py: number;
}

/**
 * A metric against one parameter of a sweep (`sweepSeries`): one line per value of the group
 * parameter with its 95 % band across replications, each point marked; a linear x axis for a
 * numeric parameter, else one tick per category. `data-points`: points with a value.
 */
export function drawSweep(el: HTMLElement, data: SweepSeries | null, options: SweepChartOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin }, labels: { ...DEFAULTS.labels, ...options.labels } };
  const fv = opts.formatValue ?? ((v: FactorValue) => (typeof v === 'number' ? opts.format(v) : String(v)));
  const lines = (data?.series ?? []).filter((s) => s.points.some((p) => Number.isFinite(p.mean)));
  const style = (i: number) => (data?.group == null ? { colour: opts.single, dash: undefined } : { colour: opts.colours[i % opts.colours.length], dash: opts.dashes[Math.floor(i / opts.colours.length) % opts.dashes.length] });
  // Colours follow the group's position among all its values, so a group keeps its colour while others fill in.
  const lineIndex = new Map((data?.series ?? []).map((s, i) => [s, i]));
  const groupLabel = (key: FactorValue | null) => (key === null ? '' : opts.labels.group ? `${opts.labels.group} = ${fv(key)}` : fv(key));
  const legend: LegendItem[] =
    data?.group == null
      ? []
      : lines.map((s) => {
          const { colour, dash } = style(lineIndex.get(s)!);
          return { label: groupLabel(s.key), kind: dash ? 'dashed' : 'band', colour };
        });

  const all = lines.flatMap((s) => s.points).filter((p) => Number.isFinite(p.mean));
  const yLo = min(all, (p) => (Number.isFinite(p.lo) ? Math.min(p.lo, p.mean) : p.mean)) ?? 0;
  const yHi = max(all, (p) => (Number.isFinite(p.hi) ? Math.max(p.hi, p.mean) : p.mean)) ?? 1;
  // A metric is not a bar: the axis need not start at 0, but a flat line gets some room around it.
  const pad = yHi > yLo ? 0 : Math.abs(yLo) * 0.1 || 1;
  const y = scaleLinear()
    .domain([yLo - pad, yHi + pad])
    .nice();
  const innerGuess = opts.width - opts.margin.left - opts.margin.right;
  const base = marginWith(opts.margin, undefined, legendHeight(legend, innerGuess));
  const margin = { ...base, left: leftMarginFor(base.left, opts.labels.y, opts.height - base.top - base.bottom, y.ticks(5).map(opts.format)) };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (data === null || all.length === 0) return drawNoData(frame, opts.noData);
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);
  y.range([frame.innerHeight, 0]);

  const g = frame.plot;
  leftAxis(g, y, frame.innerHeight, { label: opts.labels.y, tickFormat: opts.format, ticks: 5, labelOffset: margin.left - 14, grid: frame.innerWidth });
  // Both axes map a parameter value to px; the drawing below uses only that.
  let xOf: (v: FactorValue) => number;
  if (data.x.numeric) {
    const [a, b] = extent(data.x.values as number[]) as [number, number];
    const x = scaleLinear()
      .domain(a < b ? [a, b] : [a - 1, a + 1])
      .range([0, frame.innerWidth]);
    if (a < b) x.nice();
    // An integer parameter (staff, weeks) gets no ticks between its values.
    const integers = (data.x.values as number[]).every(Number.isInteger);
    bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format, ticks: integers ? Math.max(1, Math.min(10, b - a)) : 10 });
    xOf = (v) => x(v as number);
  } else {
    const keys = data.x.values.map((_, i) => i);
    const x = scalePoint<number>().domain(keys).range([0, frame.innerWidth]).padding(0.5);
    const index = new Map(data.x.values.map((v, i) => [v, i]));
    bottomAxis(g, x, frame.innerWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: (i) => fv(data.x.values[i]) });
    xOf = (v) => x(index.get(v)!) ?? 0;
  }

  const marks: Mark[] = [];
  lines.forEach((s, k) => {
    const { colour, dash } = style(lineIndex.get(s)!);
    const sg = g.append('g').attr('class', 'series');
    // bandLine works in data units; here x is the px position already, so its x scale is identity.
    bandLine(sg, s.points.map((p) => ({ x: xOf(p.x), y: p.mean, lo: p.lo, hi: p.hi })), (v) => v, y, colour, { dash });
    const shown = s.points.filter((p) => Number.isFinite(p.mean));
    sg.selectAll('circle')
      .data(shown)
      .join('circle')
      .attr('cx', (p) => xOf(p.x))
      .attr('cy', (p) => y(p.mean))
      .attr('r', 3)
      .attr('fill', colour)
      .attr('stroke', 'white')
      .attr('stroke-width', 1);
    for (const p of shown) marks.push({ line: k, p, px: xOf(p.x), py: y(p.mean) });
  });
  setMarks(frame, marks.length);

  hoverNearest(g, frame, el, marks, {
    radius: opts.hoverRadius,
    ring: 6,
    lines: (m) => {
      const key = lines[m.line].key;
      const text = [`${opts.labels.x}: ${fv(m.p.x)}`];
      if (key !== null) text.push(opts.labels.group ? `${opts.labels.group}: ${fv(key)}` : fv(key));
      text.push(`${opts.labels.y}: ${opts.format(m.p.mean)}${intervalText([m.p.lo, m.p.hi], opts.format)}`);
      text.push(`${opts.labels.n}: ${m.p.n}`);
      return text;
    },
  });
}
