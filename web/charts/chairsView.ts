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
 * What a host keeps between draws: the last layout and texts, so a click, a hover or a title
 * uses what is on screen. Nothing here reads layout while drawing: the canvas that used to hold
 * the crowd was sized from the SVG's box read right after writing the DOM, which forced a layout
 * in every frame (in a CPU profile of npm run bench:browser at HEAD 02a4545, getBoundingClientRect
 * was the largest self time of the whole run).
 */
interface HostState {
  layout: ChairsLayout | null;
  text: ChairsText | null;
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

/** Users not on the floor, drawn as one path per state. */
const CROWD = ['seated', 'queued', 'transit'] as const;
/** Radius of a user's dot in the crowd, in layout units. */
const DOT_R = 2.8;
const round1 = (v: number) => Math.round(v * 10) / 10;

export function drawChairs(el: HTMLElement, layout: ChairsLayout, text: ChairsText, onPick: (user: number) => void): void {
  let state = hosts.get(el);
  if (!state) {
    state = { layout: null, text: null, onPick };
    hosts.set(el, state);
  }
  state.layout = layout;
  state.text = text;
  state.onPick = onPick;
  const st = state;

  let svg = d3.select(el).select<SVGSVGElement>('svg.chairs');
  if (svg.empty()) {
    svg = d3.select(el).append('svg').attr('class', 'chairs').attr('role', 'img');
    svg.append('g').attr('class', 'boxes');
    svg.append('g').attr('class', 'floor');
    const crowd = svg.append('g').attr('class', 'crowd');
    for (const state of CROWD) crowd.append('path').attr('class', state).attr('fill', CHAIR_COLOURS[state]);
    crowd.append('path').attr('class', 'rings').attr('fill', 'none').attr('stroke', CHAIR_COLOURS.coordinatorRing).attr('stroke-width', 0.8);
    svg.append('g').attr('class', 'dots');
    const svgNode = svg.node()!;
    // The SVG finds the nearest user within a few units of a click, crowd or floor. Reading the
    // SVG's box here is fine: it happens on a click, not in a frame.
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
      // Titles are written when the pointer comes, not on every frame (see the floor users below).
      g.on('mouseenter', function (_e: MouseEvent, b) {
        setText(this.lastElementChild!, `${b.label}\n${st.text!.seatedQueued(b.seated, b.queued)}`);
      });
      return g;
    })
    .each(function (b) {
      const [frame, strip, label, count] = this.children;
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
  // and clickable. Everyone else (up to a few thousand) is one path per state, a circle per user:
  // updating thousands of SVG circles ten times a second blocked the main thread for 60-120 ms per
  // frame in headless Chromium, and the canvas that replaced them cost each frame about 2 ms of
  // main-thread CPU to hand its bitmap to the compositor; with paths a frame of the live view
  // playing alone went from 9.7 to 7.4 ms of main-thread CPU (median, Chromium trace).
  const crowd = svg.select<SVGGElement>('g.crowd').node()!;
  const paths = new Map<string, string[]>([...CROWD, 'rings'].map((k) => [k, []]));
  let inCrowd = 0;
  for (const d of layout.dots) {
    if (d.state === 'betweenChairs') continue;
    inCrowd++;
    const circle = `M${round1(d.x - DOT_R)},${round1(d.y)}a${DOT_R},${DOT_R} 0 1,0 ${2 * DOT_R},0a${DOT_R},${DOT_R} 0 1,0 ${-2 * DOT_R},0`;
    paths.get(d.state)?.push(circle);
    if (d.hasCoordinator) paths.get('rings')!.push(circle);
  }
  for (const path of crowd.children) setAttr(path, 'd', paths.get(path.getAttribute('class')!)!.join(''));
  setAttr(crowd, 'data-points', inCrowd);

  const floorDots = layout.dots.filter((d) => d.state === 'betweenChairs');
  svg
    .select('g.dots')
    .selectAll<SVGCircleElement, Dot>('circle')
    .data(floorDots, (d) => d.user)
    .join((enter) =>
      enter
        .append('circle')
        .attr('class', 'floor-user')
        .attr('r', 3.6)
        .attr('fill', CHAIR_COLOURS.betweenChairs)
        .attr('stroke-width', 0.8)
        .attr('data-user', (d) => d.user)
        .on('click', (e: MouseEvent, d) => {
          e.stopPropagation();
          st.onPick(d.user);
        })
        // A user's title (cause and days on the floor) changes every simulated day: written when
        // the pointer comes, as building and writing it for every user on the floor in every
        // frame was a third of a frame's script (CPU profile of the live view playing).
        // The dots are for the mouse only: inside the role="img" picture a focusable dot is a
        // control nested in an image (axe: nested-interactive), and a keyboard user had to tab
        // through every one of them (162 at once) to get past the live view. The floor list
        // beside the picture names the same users as buttons.
        .on('mouseenter', function (_e: Event, d) {
          setText(this.firstElementChild!, st.text!.dotTitle(d));
        })
        .call((c) => c.append('title')),
    )
    .each(function (d) {
      setAttr(this, 'cx', d.x);
      setAttr(this, 'cy', d.y);
      setAttr(this, 'stroke', d.hasCoordinator ? CHAIR_COLOURS.coordinatorRing : 'none');
    });

}

/** The part of a label before its parenthesis, cut to fit the box. */
function shortLabel(label: string, width: number): string {
  const s = label.split(' (')[0];
  const max = Math.max(4, Math.floor(width / 5.6));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
