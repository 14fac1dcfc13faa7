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

let measureCtx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;
let measureFont = '';
const widths = new Map<string, number>();

/**
 * Width in px of `s` set in the chart font at `size` px: measured on a canvas in a browser (also
 * when the chart is drawn off-screen), estimated from the length where there is no canvas.
 */
export function measureText(s: string, size: number = FONT_SIZE, weight: number = 400): number {
  const key = `${weight}|${size}|${s}`;
  const hit = widths.get(key);
  if (hit !== undefined) return hit;
  if (measureCtx === undefined) {
    measureCtx = null;
    try {
      if (typeof OffscreenCanvas !== 'undefined') measureCtx = new OffscreenCanvas(1, 1).getContext('2d');
      else if (typeof document !== 'undefined') measureCtx = document.createElement('canvas').getContext('2d');
    } catch {
      measureCtx = null;
    }
  }
  let w: number;
  if (measureCtx) {
    // Setting `font` parses the string each time, even to the same value.
    const font = `${weight} ${size}px ${FONT}`;
    if (font !== measureFont) measureCtx.font = measureFont = font;
    w = measureCtx.measureText(s).width;
  } else {
    w = s.length * size * 0.6;
  }
  if (widths.size > 20_000) widths.clear();
  widths.set(key, w);
  return w;
}

/** `s` cut to fit `maxWidth` px with a trailing ellipsis; `s` itself when it fits. */
export function ellipsize(s: string, maxWidth: number, size: number = FONT_SIZE, weight: number = 400): string {
  if (measureText(s, size, weight) <= maxWidth) return s;
  const chars = Array.from(s);
  let lo = 0;
  let hi = chars.length;
  // Longest prefix that still fits with the ellipsis.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measureText(`${chars.slice(0, mid).join('').trimEnd()}…`, size, weight) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/**
 * `s` broken at spaces into at most `maxLines` lines of at most `maxWidth` px, the last line
 * ellipsised when the text does not fit; `truncated` tells whether anything was cut.
 */
export function wrapText(s: string, maxWidth: number, maxLines: number, size: number = FONT_SIZE, weight: number = 400): { lines: string[]; truncated: boolean } {
  const words = s.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines - 1) {
    let line = words[i];
    let j = i + 1;
    while (j < words.length && measureText(`${line} ${words[j]}`, size, weight) <= maxWidth) line += ` ${words[j++]}`;
    // A single word wider than the line is cut rather than pushing everything after it down.
    if (measureText(line, size, weight) > maxWidth) break;
    lines.push(line);
    i = j;
  }
  if (i < words.length) {
    const rest = words.slice(i).join(' ');
    const last = ellipsize(rest, maxWidth, size, weight);
    lines.push(last);
    return { lines, truncated: last !== rest };
  }
  return { lines, truncated: false };
}

/** Sets `text` to `s` ellipsised to `maxWidth`, with the full text in a <title> when it was cut. */
export function fitText(
  text: Selection<SVGTextElement, unknown, null, undefined>,
  s: string,
  maxWidth: number,
  size: number = FONT_SIZE,
  weight: number = 400,
): Selection<SVGTextElement, unknown, null, undefined> {
  const shown = ellipsize(s, Math.max(0, maxWidth), size, weight);
  text.text(shown);
  if (shown !== s) text.append('title').text(s);
  return text;
}

/**
 * Writes `lines` into an existing <text> as tspans `step` apart (an SVG length), centred on the
 * text's own position when `centre` (tick labels), else going down (rotated: inwards) from it; the
 * full text goes in a <title> when `full` is given.
 */
function writeLines(text: SVGTextElement, lines: readonly string[], o: { x: string | null; step: string; centre: boolean; full: string | null }): void {
  const t = select(text);
  t.text(null);
  const centred = o.centre && lines.length > 1;
  if (centred) t.attr('dy', null);
  lines.forEach((line, i) => {
    const span = t.append('tspan').text(line);
    if (o.x !== null) span.attr('x', o.x);
    // d3-axis centres a line on its tick with dy 0.32em; lines are centred around that.
    if (i > 0) span.attr('dy', o.step);
    else if (centred) span.attr('dy', `${0.32 - (LINE_EM * (lines.length - 1)) / 2}em`);
  });
  if (o.full !== null) t.append('title').text(o.full);
}

/** Line spacing of wrapped labels, in em. */
const LINE_EM = 1.15;
/** Distance in px between the lines of a wrapped axis title. */
const TITLE_LINE = 13;

/**
 * Left margin wide enough for tick labels `ticks` and a y title along a plot `plotHeight` tall,
 * on one line or wrapped onto two; at least `base`. Pairs with leftAxis' `labelOffset: left - 14`.
 */
export function leftMarginFor(base: number, label: string, plotHeight: number, ticks: readonly string[]): number {
  const tickWidth = Math.max(0, ...ticks.map((t) => measureText(t)));
  const lines = label === '' ? 0 : measureText(label) <= plotHeight ? 1 : 2;
  return Math.max(base, Math.ceil(tickWidth + (lines === 0 ? 14 : 30 + (lines - 1) * TITLE_LINE)));
}

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
  fitText(svg.append('text').attr('class', 'chart-title').attr('x', 4).attr('y', 15).attr('font-size', TITLE_SIZE).attr('font-weight', 600), o.title, o.width - 8, TITLE_SIZE, 600);
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

/**
 * The largest tick count up to `count` whose labels, centred under their ticks, keep 8 px apart:
 * long numbers ("12 000") on a narrow plot get fewer ticks instead of running together. Undefined
 * for scales without ticks (band scales), which keep the axis' own.
 */
export function fittingTicks<D extends AxisDomain>(scale: AxisScale<D>, count: number, format?: (d: D) => string): number | undefined {
  const s = scale as AxisScale<D> & { ticks?: (n: number) => D[]; tickFormat?: (n: number) => (d: D) => string };
  if (typeof s.ticks !== 'function') return undefined;
  for (let n = count; n > 1; n = n > 5 ? Math.floor(n / 1.5) : n - 1) {
    const ts = s.ticks(n);
    const f = format ?? (typeof s.tickFormat === 'function' ? s.tickFormat(n) : (d: D) => String(d));
    const spans = ts.map((t) => {
      const c = Number(scale(t));
      const w = measureText(f(t));
      return [c - w / 2, c + w / 2] as const;
    });
    if (spans.every((sp, i) => i === 0 || sp[0] >= spans[i - 1][1] + 8)) return n;
  }
  return 1;
}

/** Axis along the bottom of a plot of `width` × `height`, titled below its ticks (ellipsised to the plot's width). */
export function bottomAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, width: number, height: number, o: AxisOptions<D>): void {
  const axis = axisBottom(scale);
  // d3's default is 10 ticks; fewer when their labels would touch.
  const ticks = fittingTicks(scale, o.ticks ?? 10, o.tickFormat);
  if (ticks !== undefined) axis.ticks(ticks);
  if (o.tickFormat) axis.tickFormat((d) => o.tickFormat!(d));
  const a = g.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${height})`).call(axis);
  styleAxis(a);
  fitText(g.append('text').attr('class', 'axis-label').attr('x', width / 2).attr('y', height + 32).attr('text-anchor', 'middle'), o.label, Math.max(width, 40));
}

/**
 * Axis along the left of a plot, titled by rotated text `labelOffset` px to its left; label '' for
 * a panel whose axis shares the title of the panel beside it. With `grid` (the plot width) light
 * lines run across the plot at each tick. With `tickWidth`, tick labels wider than that are
 * wrapped onto up to `tickLines` lines and ellipsised, the full text in a <title>. A title longer
 * than the axis is wrapped onto two lines when the margin has room (see leftMarginFor), else
 * ellipsised with the full text in a <title>.
 */
export function leftAxis<D extends AxisDomain>(
  g: G,
  scale: AxisScale<D>,
  height: number,
  o: AxisOptions<D> & { labelOffset: number; grid?: number; tickWidth?: number; tickLines?: number },
): void {
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
  let tickWidth = 0;
  a.selectAll<SVGTextElement, D>('.tick text').each(function () {
    const s = this.textContent ?? '';
    if (o.tickWidth !== undefined && measureText(s) > o.tickWidth) {
      const { lines, truncated } = wrapText(s, o.tickWidth, Math.max(1, o.tickLines ?? 1));
      writeLines(this, lines, { x: this.getAttribute('x'), step: `${LINE_EM}em`, centre: true, full: truncated ? s : null });
      tickWidth = Math.max(tickWidth, ...lines.map((l) => measureText(l)));
    } else {
      tickWidth = Math.max(tickWidth, measureText(s));
    }
  });
  if (o.label === '') return;
  const title = g
    .append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(${-o.labelOffset},${height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle');
  const along = Math.max(height, 30);
  if (measureText(o.label) <= along) {
    title.text(o.label);
  } else if (o.labelOffset >= tickWidth + 16 + TITLE_LINE) {
    // Two lines, the second nearer the axis; rotated, a line "down" is a step to the right.
    const { lines, truncated } = wrapText(o.label, along, 2);
    writeLines(title.node()!, lines, { x: '0', step: String(TITLE_LINE), centre: false, full: truncated ? o.label : null });
  } else {
    fitText(title, o.label, along);
  }
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
  const text = g
    .append('text')
    .attr('class', 'warmup-label')
    .attr('x', x0 + 4)
    .attr('y', 12)
    .attr('fill', NEUTRAL.muted)
    .attr('font-size', FONT_SIZE - 1)
    .attr('stroke', 'white')
    .attr('stroke-width', 3)
    .attr('paint-order', 'stroke');
  // It may run on past the shading over the plot, not past the plot's edge.
  return fitText(text, label, Math.max(...x.range()) - x0 - 8, FONT_SIZE - 1);
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

/** Width of a legend entry: key, gap, label and the space before the next entry. */
function itemWidth(it: LegendItem, width: number): number {
  return KEY_WIDTH + 6 + Math.min(measureText(it.label), itemLabelRoom(width)) + 14;
}

/** Widest label an entry may have in a legend `width` px wide; longer ones are ellipsised. */
function itemLabelRoom(width: number): number {
  return Math.max(20, width - KEY_WIDTH - 6);
}

/** Width in px of the widest single entry of a legend, unwrapped and uncut. */
export function legendItemWidth(items: readonly LegendItem[]): number {
  return Math.max(0, ...items.map((it) => KEY_WIDTH + 6 + measureText(it.label)));
}

/** Rows of a legend wrapped to `width`. */
export function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let x = 0;
  for (const it of items) {
    const w = itemWidth(it, width);
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
      // An explicit size, so a page style for ".legend" cannot make labels outgrow their layout.
      fitText(k.append('text').attr('x', KEY_WIDTH + 6).attr('y', mid).attr('dominant-baseline', 'central').attr('font-size', FONT_SIZE), it.label, itemLabelRoom(width));
      cx += itemWidth(it, width);
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
