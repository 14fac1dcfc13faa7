import { axisBottom, axisLeft, select, type AxisDomain, type AxisScale, type ScaleLinear, type Selection } from 'd3';
import { NEUTRAL, type CategoryStyle, type Side } from './palette.js';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Options every chart takes. All text arrives translated; the chart never makes up words. */
export interface BaseOptions {
  title: string;
  /** Shown in place of the chart when neither side has data. */
  noData: string;
  /** Formats every number the chart shows (ticks, tooltips), in the reader's locale. */
  format: (n: number) => string;
  /** Size of the drawing in CSS pixels (the svg scales down with its container). */
  width?: number;
  height?: number;
  margin?: Partial<Margin>;
  /** Screen-reader description; the title when omitted. */
  description?: string;
}

/** A chart's input: one series per design, either or both may be missing. */
export interface SideData<T> {
  A?: T | null;
  B?: T | null;
}

/** The sides that have something to draw, A first. */
export function presentSides<T>(data: SideData<T>, isEmpty: (t: T) => boolean): [Side, T][] {
  const out: [Side, T][] = [];
  for (const side of ['A', 'B'] as const) {
    const s = data[side];
    if (s !== undefined && s !== null && !isEmpty(s)) out.push([side, s]);
  }
  return out;
}

export interface Frame {
  el: HTMLElement;
  svg: Svg;
  defs: Selection<SVGDefsElement, unknown, null, undefined>;
  /** The plotting area, translated by the margins. */
  plot: G;
  width: number;
  height: number;
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  /** Prefix for ids inside this svg (patterns, clips): ids are global to the page. */
  uid: string;
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_SIZE = 11;
const TITLE_SIZE = 13;
/** Vertical room taken by the title line, in px. */
export const TITLE_HEIGHT = 22;

let instances = 0;

/**
 * Empties `el` and gives it a fresh svg with a title, a <defs> and the plotting group. Charts call
 * this first, so drawing twice replaces rather than stacks. The svg has a viewBox and scales down
 * with its container; role and aria-label make it one labelled image for screen readers.
 */
export function createFrame(el: HTMLElement, o: { title: string; description?: string; width: number; height: number; margin: Margin }): Frame {
  el.replaceChildren();
  const uid = `ks${++instances}`;
  const svg = select(el)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${o.width} ${o.height}`)
    .attr('width', o.width)
    .attr('height', o.height)
    .attr('role', 'img')
    .attr('aria-label', o.description ?? o.title)
    .attr('font-family', FONT)
    .attr('font-size', FONT_SIZE)
    .attr('fill', NEUTRAL.text)
    .style('max-width', '100%')
    .style('height', 'auto');
  svg.append('title').text(o.description ?? o.title);
  const defs = svg.append('defs');
  svg.append('text').attr('class', 'chart-title').attr('x', 4).attr('y', 15).attr('font-size', TITLE_SIZE).attr('font-weight', 600).text(o.title);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${o.margin.left},${o.margin.top})`);
  return {
    el,
    svg,
    defs,
    plot,
    width: o.width,
    height: o.height,
    margin: o.margin,
    innerWidth: Math.max(10, o.width - o.margin.left - o.margin.right),
    innerHeight: Math.max(10, o.height - o.margin.top - o.margin.bottom),
    uid,
  };
}

/** Records how many data marks the chart drew (read by tests and by the "no data" check). */
export function setMarks(frame: Frame, n: number): void {
  frame.svg.attr('data-points', n);
}

/** A centred message instead of a chart, with `data-points` 0. */
export function drawNoData(frame: Frame, message: string): void {
  frame.svg
    .append('text')
    .attr('class', 'no-data')
    .attr('x', frame.width / 2)
    .attr('y', frame.height / 2)
    .attr('text-anchor', 'middle')
    .attr('dominant-baseline', 'middle')
    .attr('fill', NEUTRAL.muted)
    .text(message);
  setMarks(frame, 0);
}

/** Merges margins, leaving room for the title and `extraTop` px of legend above the plot. */
export function marginWith(base: Margin, override: Partial<Margin> | undefined, extraTop = 0): Margin {
  const m = { ...base, ...override };
  return { ...m, top: Math.max(m.top, TITLE_HEIGHT + extraTop + 8) };
}

function styleAxis(g: G): void {
  // d3-axis sets its own font; inherit the svg's instead, so an exported figure has one font.
  g.attr('font-family', null).attr('font-size', null);
  g.selectAll('.domain, .tick line').attr('stroke', NEUTRAL.axis);
  g.selectAll('.tick text').attr('fill', NEUTRAL.text);
}

export interface AxisOptions<D> {
  /** Axis title with its unit, e.g. "Dager (days)". */
  label: string;
  tickFormat?: (d: D) => string;
  ticks?: number;
}

/** Axis along the bottom of a plot of `width` × `height`, titled below its ticks. */
export function bottomAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, width: number, height: number, o: AxisOptions<D>): void {
  const axis = axisBottom(scale);
  if (o.ticks !== undefined) axis.ticks(o.ticks);
  if (o.tickFormat) axis.tickFormat((d) => o.tickFormat!(d));
  const a = g.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${height})`).call(axis);
  styleAxis(a);
  g.append('text').attr('class', 'axis-label').attr('x', width / 2).attr('y', height + 32).attr('text-anchor', 'middle').text(o.label);
}

/**
 * Axis along the left of a plot, titled by rotated text `labelOffset` px to its left; label '' for
 * a panel whose axis shares the title of the panel beside it. With `grid` (the plot width) light
 * lines run across the plot at each tick.
 */
export function leftAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, height: number, o: AxisOptions<D> & { labelOffset: number; grid?: number }): void {
  const axis = axisLeft(scale);
  if (o.ticks !== undefined) axis.ticks(o.ticks);
  if (o.tickFormat) axis.tickFormat((d) => o.tickFormat!(d));
  if (o.grid !== undefined) {
    const grid = axisLeft(scale).tickSize(-o.grid).tickFormat(() => '');
    if (o.ticks !== undefined) grid.ticks(o.ticks);
    const gg = g.append('g').attr('class', 'grid').call(grid);
    gg.select('.domain').remove();
    gg.selectAll('.tick line').attr('stroke', NEUTRAL.grid);
  }
  const a = g.append('g').attr('class', 'axis axis-y').call(axis);
  styleAxis(a);
  if (o.label === '') return;
  g.append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(${-o.labelOffset},${height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(o.label);
}

/**
 * Greys out the warm-up period [domain start, warmupDays) behind the marks of a time plot. Returns
 * its label, if any, so the chart can `.raise()` it above marks drawn later.
 */
export function shadeWarmup(
  g: G,
  x: ScaleLinear<number, number>,
  warmupDays: number | undefined,
  height: number,
  label?: string,
): Selection<SVGTextElement, unknown, null, undefined> | null {
  if (warmupDays === undefined || !(warmupDays > 0)) return null;
  const [d0, d1] = x.domain();
  const x0 = x(d0);
  const x1 = x(Math.min(warmupDays, d1));
  if (!(x1 > x0)) return null;
  g.append('rect').attr('class', 'warmup').attr('x', x0).attr('y', 0).attr('width', x1 - x0).attr('height', height).attr('fill', NEUTRAL.warmup);
  if (!label) return null;
  return g
    .append('text')
    .attr('class', 'warmup-label')
    .attr('x', x0 + 4)
    .attr('y', 12)
    .attr('fill', NEUTRAL.muted)
    .attr('font-size', FONT_SIZE - 1)
    .attr('stroke', 'white')
    .attr('stroke-width', 3)
    .attr('paint-order', 'stroke')
    .text(label);
}

/**
 * The fill for a category: its colour when solid, else a pattern of the colour over a light tint
 * of it, defined once per svg. Returns the value for a `fill` attribute.
 */
export function textureFill(frame: Frame, style: CategoryStyle): string {
  if (style.texture === 'solid') return style.colour;
  const id = `${frame.uid}-${style.texture}-${style.colour.replace('#', '')}`;
  if (frame.defs.select(`#${id}`).empty()) {
    const p = frame.defs.append('pattern').attr('id', id).attr('patternUnits', 'userSpaceOnUse').attr('width', 6).attr('height', 6);
    p.append('rect').attr('width', 6).attr('height', 6).attr('fill', style.colour).attr('fill-opacity', 0.3);
    const line = (d: string) => p.append('path').attr('d', d).attr('stroke', style.colour).attr('stroke-width', 1.6).attr('fill', 'none');
    if (style.texture === 'hatch' || style.texture === 'crosshatch') line('M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2');
    if (style.texture === 'crosshatch') line('M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2');
    if (style.texture === 'dots') p.append('circle').attr('cx', 3).attr('cy', 3).attr('r', 1.4).attr('fill', style.colour);
  }
  return `url(#${id})`;
}

export interface LegendItem {
  label: string;
  /** How the key is drawn: a filled box, a line, a faint band behind a line, a dashed line, or an outlined box. */
  kind: 'swatch' | 'line' | 'band' | 'dashed' | 'outline';
  colour: string;
  /** A fill for swatches other than the plain colour (e.g. a texture url). */
  fill?: string;
}

const KEY_WIDTH = 16;
const LEGEND_ROW = 16;

/** Rough text width for layout without measuring: charts also render off-screen and in tests. */
function textWidth(s: string): number {
  return s.length * FONT_SIZE * 0.56;
}

/** Rows of a legend wrapped to `width`. */
export function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let x = 0;
  for (const it of items) {
    const w = KEY_WIDTH + 6 + textWidth(it.label) + 14;
    if (x > 0 && x + w > width) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push(it);
    x += w;
  }
  return rows.filter((r) => r.length > 0);
}

/** Height in px a legend of these items takes when wrapped to `width`. */
export function legendHeight(items: readonly LegendItem[], width: number): number {
  return items.length === 0 ? 0 : legendRows(items, width).length * LEGEND_ROW;
}

/** Draws a wrapped legend with its top-left at (x, y) of the svg. */
export function drawLegend(frame: Frame, items: readonly LegendItem[], x: number, y: number, width: number): void {
  const g = frame.svg.append('g').attr('class', 'legend').attr('transform', `translate(${x},${y})`);
  legendRows(items, width).forEach((row, r) => {
    let cx = 0;
    for (const it of row) {
      const k = g.append('g').attr('transform', `translate(${cx},${r * LEGEND_ROW})`);
      const mid = LEGEND_ROW / 2;
      if (it.kind === 'swatch' || it.kind === 'outline') {
        k.append('rect')
          .attr('x', 0)
          .attr('y', mid - 5)
          .attr('width', KEY_WIDTH)
          .attr('height', 10)
          .attr('fill', it.kind === 'outline' ? 'none' : (it.fill ?? it.colour))
          .attr('stroke', it.colour)
          .attr('stroke-width', it.kind === 'outline' ? 1.5 : 0.5);
      } else {
        if (it.kind === 'band') k.append('rect').attr('x', 0).attr('y', mid - 5).attr('width', KEY_WIDTH).attr('height', 10).attr('fill', it.colour).attr('fill-opacity', 0.2);
        k.append('line')
          .attr('x1', 0)
          .attr('x2', KEY_WIDTH)
          .attr('y1', mid)
          .attr('y2', mid)
          .attr('stroke', it.colour)
          .attr('stroke-width', 2)
          .attr('stroke-dasharray', it.kind === 'dashed' ? '4 3' : null);
      }
      k.append('text').attr('x', KEY_WIDTH + 6).attr('y', mid).attr('dominant-baseline', 'central').text(it.label);
      cx += KEY_WIDTH + 6 + textWidth(it.label) + 14;
    }
  });
}

export interface Tooltip {
  /** Shows one line per string near the pointer. */
  show(event: MouseEvent, lines: readonly string[]): void;
  hide(): void;
}

/**
 * A small box that follows the pointer. It lives inside `el`, so re-rendering removes it, and is
 * positioned `fixed` so `el` needs no positioning of its own. Text only, never HTML.
 */
export function createTooltip(el: HTMLElement): Tooltip {
  const div = document.createElement('div');
  div.className = 'chart-tooltip';
  div.setAttribute('role', 'tooltip');
  Object.assign(div.style, {
    position: 'fixed',
    display: 'none',
    pointerEvents: 'none',
    zIndex: '10',
    background: 'rgba(255,255,255,0.96)',
    border: `1px solid ${NEUTRAL.grid}`,
    borderRadius: '4px',
    padding: '4px 8px',
    font: `12px ${FONT}`,
    color: NEUTRAL.text,
    boxShadow: '0 1px 3px rgba(0,0,0,0.15)',
    whiteSpace: 'nowrap',
  });
  el.append(div);
  return {
    show(event, lines) {
      div.replaceChildren(...lines.map((l) => Object.assign(document.createElement('div'), { textContent: l })));
      div.style.display = 'block';
      const { innerWidth, innerHeight } = window;
      const r = div.getBoundingClientRect();
      const left = event.clientX + 14 + r.width > innerWidth ? event.clientX - 14 - r.width : event.clientX + 14;
      const top = event.clientY + 14 + r.height > innerHeight ? event.clientY - 14 - r.height : event.clientY + 14;
      div.style.left = `${Math.max(0, left)}px`;
      div.style.top = `${Math.max(0, top)}px`;
    },
    hide() {
      div.style.display = 'none';
    },
  };
}

/** "lo–hi" of a 95 % interval, or nothing when it could not be estimated. */
export function intervalText(ci: readonly [number, number], format: (n: number) => string): string {
  return Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ` [${format(ci[0])}, ${format(ci[1])}]` : '';
}
