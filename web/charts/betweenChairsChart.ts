import { bisector, max, pointer, scaleLinear } from 'd3';
import { CAUSES } from '../../src/experiment/digest.js';
import type { BetweenChairsBin } from '../derive/betweenChairs.js';
import {
  bottomAxis,
  createFrame,
  createTooltip,
  drawLegend,
  drawNoData,
  fitText,
  leftAxis,
  leftMarginFor,
  legendHeight,
  marginWith,
  presentSides,
  setMarks,
  shadeWarmup,
  textureFill,
  TITLE_HEIGHT,
  type BaseOptions,
  type LegendItem,
  type SideData,
} from './frame.js';
import { CAUSE_STYLES, SIDE_COLOURS } from './palette.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 720, height: 340, margin: { top: 40, right: 16, bottom: 46, left: 56 }, panelGap: 44, barGap: 1 };

export interface BetweenChairsOptions extends BaseOptions {
  labels: {
    x: string;
    /** e.g. "Hendelser per replikasjon (events per replication)". */
    y: string;
    A: string;
    B: string;
    /** Cause names in CAUSES order. */
    causes: readonly string[];
    warmup?: string;
  };
  warmupDays?: number;
}

/**
 * Falls between chairs per time bin, stacked by cause in CAUSES order (`betweenChairsStack`), so a
 * bar's top is the mean total per replication. With both sides the chart becomes two panels, A
 * left and B right, on one y scale so their heights compare. Colours and textures are fixed per
 * cause; causes never seen are left out of the legend. `data-points`: non-empty bar segments drawn.
 */
export function drawBetweenChairs(el: HTMLElement, data: SideData<readonly BetweenChairsBin[]>, options: BetweenChairsOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const sides = presentSides(data, (s) => s.length === 0);
  const seen = CAUSES.map((_, c) => sides.some(([, s]) => s.some((b) => b.byCause[c] > 0)));
  // The frame is needed for pattern ids, and the legend's height for the frame: lay out the legend
  // from labels first, fill it in once the frame exists.
  const legendLabels = CAUSES.map((c, i) => opts.labels.causes[i] ?? c).filter((_, i) => seen[i]);
  const probe: LegendItem[] = legendLabels.map((label) => ({ label, kind: 'swatch', colour: '' }));
  const innerGuess = opts.width - opts.margin.left - opts.margin.right;
  const headers = sides.length > 1 ? 16 : 0;
  const all = sides.flatMap(([, s]) => [...s]);
  // The y scale does not depend on the plot's size, so its tick labels can size the left margin.
  const y = scaleLinear()
    .domain([0, Math.max(max(all, (b) => b.total) ?? 0, 1e-9)])
    .nice();
  const top = marginWith(opts.margin, undefined, legendHeight(probe, innerGuess) + headers);
  const left = leftMarginFor(top.left, opts.labels.y, opts.height - top.top - top.bottom, y.ticks(5).map(opts.format));
  const margin = { ...top, left };
  const frame = createFrame(el, { title: opts.title, description: opts.description, width: opts.width, height: opts.height, margin });
  if (sides.length === 0) return drawNoData(frame, opts.noData);
  y.range([frame.innerHeight, 0]);

  const fills = CAUSE_STYLES.map((s) => textureFill(frame, s));
  const legend: LegendItem[] = CAUSES.flatMap((c, i) =>
    seen[i] ? [{ label: opts.labels.causes[i] ?? c, kind: 'swatch' as const, colour: CAUSE_STYLES[i].colour, fill: fills[i] }] : [],
  );
  drawLegend(frame, legend, margin.left, TITLE_HEIGHT + 2, frame.innerWidth);

  const n = sides.length;
  const panelWidth = (frame.innerWidth - opts.panelGap * (n - 1)) / n;
  const x = scaleLinear()
    .domain([0, max(all, (b) => b.t + b.width) ?? 1])
    .range([0, panelWidth]);
  // Many narrow bins (ten years of months) leave a bar a pixel or two: then bars touch, without
  // gap or white outline (which would leave only seams), overlap a hair so no background shows
  // between them, and are never thinner than 1 px. Wider bars keep their gap and outline.
  const binPx = Math.min(...all.map((b) => x(b.t + b.width) - x(b.t)).filter((w) => w > 0), Infinity);
  const thin = binPx < 4;
  const gap = thin ? 0 : opts.barGap;
  const tooltip = createTooltip(el);

  let marks = 0;
  sides.forEach(([side, bins], k) => {
    const g = frame.plot.append('g').attr('class', `panel side-${side}`).attr('transform', `translate(${k * (panelWidth + opts.panelGap)},0)`);
    // A long scenario name is cut to its own panel, the full name in a <title>.
    if (n > 1) fitText(g.append('text').attr('class', 'panel-title').attr('x', 0).attr('y', -8).attr('font-weight', 600).attr('fill', SIDE_COLOURS[side]), opts.labels[side], panelWidth, undefined, 600);
    const warmupLabel = shadeWarmup(g, x, opts.warmupDays, frame.innerHeight, opts.labels.warmup);
    // One y title for both panels: they share the scale.
    leftAxis(g, y, frame.innerHeight, { label: k === 0 ? opts.labels.y : '', tickFormat: opts.format, ticks: 5, labelOffset: margin.left - 14, grid: panelWidth });
    bottomAxis(g, x, panelWidth, frame.innerHeight, { label: opts.labels.x, tickFormat: opts.format, ticks: Math.max(2, Math.floor(panelWidth / 70)) });
    // One path per cause, a rectangle per bar segment, and one hover area per panel that finds the
    // segment under the pointer: a <rect> with its own listeners per segment (up to two thousand
    // for ten years of months on two sides) made this the slowest chart to redraw, 15-60 ms a
    // redraw while replications streamed in (npm run bench:browser).
    const paths = CAUSES.map(() => [] as string[]);
    for (const b of bins) {
      let base = 0;
      const x0 = x(b.t) + gap / 2;
      const w = Math.max(1, x(b.t + b.width) - x(b.t) - gap) + (thin ? 0.4 : 0);
      b.byCause.forEach((v, c) => {
        if (!(v > 0)) return;
        const top = y(base + v);
        paths[c].push(`M${x0},${top}h${w}v${Math.max(0, y(base) - top)}h${-w}Z`);
        base += v;
        marks++;
      });
    }
    paths.forEach((d, c) => {
      if (d.length === 0) return;
      g.append('path')
        .attr('class', 'segment')
        .attr('d', d.join(''))
        .attr('fill', fills[c])
        .attr('stroke', thin ? null : 'white')
        .attr('stroke-width', thin ? null : 0.5);
    });
    // The bin under the pointer; with wide bars the segment under it, with bars a pixel or two wide
    // (hard to point at) the whole column answers, naming every cause.
    const binAt = (px: number): BetweenChairsBin | undefined => {
      const i = bisector<BetweenChairsBin, number>((b) => x(b.t)).right(bins, px) - 1;
      const b = bins[i];
      return b && px < x(b.t + b.width) ? b : undefined;
    };
    g.append('rect')
      .attr('class', 'hit')
      .attr('width', panelWidth)
      .attr('height', frame.innerHeight)
      .attr('fill', 'transparent')
      .on('mousemove', (event: MouseEvent) => {
        const [px, py] = pointer(event, g.node());
        const b = binAt(px);
        if (!b || !(b.total > 0)) return tooltip.hide();
        const head = [opts.labels[side], `${opts.labels.x}: ${opts.format(b.t)}–${opts.format(b.t + b.width)}`];
        if (thin) {
          return tooltip.show(event, [
            ...head,
            ...b.byCause.flatMap((v, c) => (v > 0 ? [`${opts.labels.causes[c] ?? CAUSES[c]}: ${opts.format(v)}`] : [])),
            `${opts.labels.y}: ${opts.format(b.total)}`,
          ]);
        }
        const value = y.invert(py);
        let base = 0;
        const c = b.byCause.findIndex((v) => v > 0 && value >= base && value < (base += v));
        if (c < 0) return tooltip.hide();
        tooltip.show(event, [...head, `${opts.labels.causes[c] ?? CAUSES[c]}: ${opts.format(b.byCause[c])}`, `${opts.labels.y}: ${opts.format(b.total)}`]);
      })
      .on('mouseleave', () => tooltip.hide());
    warmupLabel?.raise();
  });
  setMarks(frame, marks);
}
