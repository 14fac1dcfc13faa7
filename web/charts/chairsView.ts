import * as d3 from 'd3';
import type { ChairsLayout, Dot } from '../derive/chairsLayout.js';

/**
 * Draws the municipality as chairs (web/derive/chairsLayout.ts): services as boxes of seats with a
 * queue strip, users as dots, users between chairs on the floor in the warning colour. Re-rendered
 * on every snapshot; dots are joined by user id so a user keeps its element.
 */

export const CHAIR_COLOURS = {
  seated: '#56B4E9', // Okabe–Ito sky blue
  queued: '#E69F00', // orange
  transit: '#009E73', // bluish green
  betweenChairs: '#D55E00', // vermillion: the floor
  coordinatorRing: '#000000',
  box: '#f4f4f4',
  specialistBox: '#ebeff5',
};

export interface ChairsText {
  title: string;
  floor: string;
  seatedQueued: (seated: number, queued: number) => string;
  dotTitle: (d: Dot) => string;
  overflow: (n: number) => string;
}

/**
 * What a host keeps between draws: its CSS width, measured by a ResizeObserver (after layout) so a
 * draw never reads layout, and the last layout, so a resize or a click uses what is on screen.
 * Reading the SVG's box right after writing the DOM forced a layout in every frame: in a CPU
 * profile of npm run bench:browser (HEAD 02a4545) getBoundingClientRect was the largest self time
 * of the whole run.
 */
interface HostState {
  cssWidth: number | null;
  layout: ChairsLayout | null;
  onPick: (user: number) => void;
}
const hosts = new WeakMap<HTMLElement, HostState>();

/**
 * Sets an attribute only when its value changes. The live view redraws up to ten times a second
 * per panel; rewriting every attribute and text each time (most unchanged) had Chromium restyle
 * and lay out the whole panel on every frame (see LiveView.render for the measured frame times).
 */
function setAttr(el: Element, name: string, value: string | number | null): void {
  const v = value === null ? null : String(value);
  if (el.getAttribute(name) === v) return;
  if (v === null) el.removeAttribute(name);
  else el.setAttribute(name, v);
}

function setText(el: Element, s: string): void {
  if (el.textContent !== s) el.textContent = s;
}

export function drawChairs(el: HTMLElement, layout: ChairsLayout, text: ChairsText, onPick: (user: number) => void): void {
  let state = hosts.get(el);
  if (!state) {
    state = { cssWidth: null, layout: null, onPick };
    hosts.set(el, state);
    const st = state;
    // Resizes are rare: only then is the canvas' backing store resized and repainted.
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver((entries) => {
        const w = entries[entries.length - 1].contentRect.width;
        if (w > 0 && w !== st.cssWidth) {
          st.cssWidth = w;
          if (st.layout) paintDots(el, st.layout, st.cssWidth);
        }
      }).observe(el);
    }
  }
  state.layout = layout;
  state.onPick = onPick;
  const st = state;

  let svg = d3.select(el).select<SVGSVGElement>('svg.chairs');
  if (svg.empty()) {
    svg = d3.select(el).append('svg').attr('class', 'chairs').attr('role', 'img');
    svg.append('g').attr('class', 'boxes');
    svg.append('g').attr('class', 'floor');
    svg.append('g').attr('class', 'dots');
    const svgNode = svg.node()!;
    // The canvas lets pointer events through; the SVG finds the nearest painted user within a few
    // units. Reading the SVG's box here is fine: it happens on a click, not in a frame.
    const at = (e: MouseEvent) => {
      const r = svgNode.getBoundingClientRect();
      const l = st.layout!;
      return { x: ((e.clientX - r.left) / r.width) * l.width, y: ((e.clientY - r.top) / r.height) * l.height };
    };
    svgNode.addEventListener('click', (e) => {
      if (!st.layout) return;
      const { x, y } = at(e);
      let best: Dot | null = null;
      let bd = 36; // within 6 units
      for (const d of st.layout.dots) {
        const dd = (d.x - x) ** 2 + (d.y - y) ** 2;
        if (dd < bd) {
          bd = dd;
          best = d;
        }
      }
      if (best) st.onPick(best.user);
    });
    svgNode.addEventListener('mousemove', (e) => {
      if (!st.layout) return;
      const { x, y } = at(e);
      const hit = st.layout.dots.some((d) => (d.x - x) ** 2 + (d.y - y) ** 2 < 16);
      svgNode.style.cursor = hit ? 'pointer' : 'default';
    });
  }
  const svgNode = svg.node()!;
  setAttr(svgNode, 'viewBox', `0 0 ${layout.width} ${layout.height}`);
  setAttr(svgNode, 'aria-label', text.title);
  setAttr(svgNode, 'data-points', layout.dots.length);

  svg
    .select('g.boxes')
    .selectAll<SVGGElement, ChairsLayout['boxes'][number]>('g.box')
    .data(layout.boxes, (b) => b.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'box');
      g.append('rect').attr('class', 'frame').attr('rx', 4);
      g.append('rect').attr('class', 'queue-strip').attr('rx', 2).attr('fill', '#fff').attr('stroke', '#e0e0e0');
      g.append('text').attr('class', 'label');
      g.append('text').attr('class', 'count').attr('text-anchor', 'end');
      g.append('title');
      return g;
    })
    .each(function (b) {
      const [frame, strip, label, count, title] = this.children;
      setAttr(frame, 'x', b.x);
      setAttr(frame, 'y', b.y);
      setAttr(frame, 'width', b.w);
      setAttr(frame, 'height', b.h);
      setAttr(frame, 'fill', b.specialist ? CHAIR_COLOURS.specialistBox : CHAIR_COLOURS.box);
      setAttr(frame, 'stroke', b.utilisation > 0.95 ? '#555' : '#ccc');
      setAttr(strip, 'x', b.queue.x);
      setAttr(strip, 'y', b.queue.y);
      setAttr(strip, 'width', b.queue.w);
      setAttr(strip, 'height', b.queue.h);
      setAttr(label, 'x', b.x + 4);
      setAttr(label, 'y', b.y + 11);
      setText(label, shortLabel(b.label, b.w));
      setAttr(count, 'x', b.x + b.w - 4);
      setAttr(count, 'y', b.y + b.h - 3);
      setText(count, b.seatOverflow + b.queueOverflow > 0 ? text.overflow(b.seatOverflow + b.queueOverflow) : '');
      setText(title, `${b.label}\n${text.seatedQueued(b.seated, b.queued)}`);
    });

  const floor = svg.select('g.floor');
  const f = layout.floor;
  const floorRect = floor.selectAll<SVGRectElement, typeof f>('rect').data([f]).join('rect').attr('fill', '#fff5ef').attr('stroke', '#f0c8b0').node()!;
  setAttr(floorRect, 'x', f.x);
  setAttr(floorRect, 'y', f.y);
  setAttr(floorRect, 'width', f.w);
  setAttr(floorRect, 'height', f.h);
  const floorLabel = floor.selectAll<SVGTextElement, typeof f>('text').data([f]).join('text').attr('class', 'floor-label').node()!;
  setAttr(floorLabel, 'x', f.x + 4);
  setAttr(floorLabel, 'y', f.y + f.h - 4);
  setText(floorLabel, `${text.floor}: ${layout.onFloor}`);

  // Users between chairs are few and the point of the picture: SVG circles with titles, focusable
  // and clickable. Everyone else (up to a few thousand) is painted on a canvas over the SVG:
  // updating thousands of SVG circles ten times a second blocked the main thread for 60-120 ms
  // per frame in headless Chromium (tests/browser/dashboard.browser.test.ts watches long tasks).
  const floorDots = layout.dots.filter((d) => d.state === 'betweenChairs');
  svg
    .select('g.dots')
    .selectAll<SVGCircleElement, Dot>('circle')
    .data(floorDots, (d) => d.user)
    .join((enter) =>
      enter
        .append('circle')
        .attr('class', 'floor-user')
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('r', 3.6)
        .attr('fill', CHAIR_COLOURS.betweenChairs)
        .attr('stroke-width', 0.8)
        .attr('data-user', (d) => d.user)
        .on('click', (e: MouseEvent, d) => {
          e.stopPropagation();
          st.onPick(d.user);
        })
        .on('keydown', (e: KeyboardEvent, d) => {
          if (e.key === 'Enter') st.onPick(d.user);
        })
        .call((c) => c.append('title')),
    )
    .each(function (d) {
      setAttr(this, 'cx', d.x);
      setAttr(this, 'cy', d.y);
      setAttr(this, 'stroke', d.hasCoordinator ? CHAIR_COLOURS.coordinatorRing : 'none');
      setText(this.firstElementChild!, text.dotTitle(d));
    });

  paintDots(el, layout, state.cssWidth);
}

/** Paints everyone not on the floor on the canvas over the SVG, at the host's CSS width (the layout's width until it is known). */
function paintDots(el: HTMLElement, layout: ChairsLayout, cssWidth: number | null): void {
  const host = d3.select(el);
  let canvas = host.select<HTMLCanvasElement>('canvas.chairs-dots');
  if (canvas.empty()) {
    host.style('position', 'relative');
    canvas = host.append('canvas').attr('class', 'chairs-dots').style('position', 'absolute').style('left', '0').style('top', '0').style('width', '100%').style('pointer-events', 'none');
  }
  const node = canvas.node()!;
  // The canvas keeps the SVG's proportions through CSS: its height follows its width without a layout read.
  const ratio = `${layout.width} / ${layout.height}`;
  if (node.style.aspectRatio !== ratio) node.style.aspectRatio = ratio;
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const scale = (cssWidth ?? layout.width) / layout.width;
  const w = Math.round(layout.width * scale * dpr);
  const h = Math.round(layout.height * scale * dpr);
  if (node.width !== w || node.height !== h) {
    node.width = w;
    node.height = h;
  }
  const ctx = node.getContext('2d');
  if (ctx) {
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.height);
    for (const state of ['seated', 'queued', 'transit'] as const) {
      ctx.fillStyle = CHAIR_COLOURS[state];
      ctx.beginPath();
      for (const d of layout.dots) {
        if (d.state !== state) continue;
        ctx.moveTo(d.x + 2.8, d.y);
        ctx.arc(d.x, d.y, 2.8, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.strokeStyle = CHAIR_COLOURS.coordinatorRing;
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    for (const d of layout.dots) {
      if (!d.hasCoordinator || d.state === 'betweenChairs') continue;
      ctx.moveTo(d.x + 2.8, d.y);
      ctx.arc(d.x, d.y, 2.8, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  setAttr(node, 'data-points', layout.dots.filter((d) => d.state !== 'betweenChairs').length);
}

/** The part of a label before its parenthesis, cut to fit the box. */
function shortLabel(label: string, width: number): string {
  const s = label.split(' (')[0];
  const max = Math.max(4, Math.floor(width / 5.6));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
