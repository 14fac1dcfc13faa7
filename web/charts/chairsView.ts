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

export function drawChairs(el: HTMLElement, layout: ChairsLayout, text: ChairsText, onPick: (user: number) => void): void {
  let svg = d3.select(el).select<SVGSVGElement>('svg.chairs');
  if (svg.empty()) {
    svg = d3.select(el).append('svg').attr('class', 'chairs').attr('role', 'img');
    svg.append('g').attr('class', 'boxes');
    svg.append('g').attr('class', 'floor');
    svg.append('g').attr('class', 'dots');
  }
  svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('aria-label', text.title).attr('data-points', layout.dots.length);

  const boxes = svg
    .select('g.boxes')
    .selectAll<SVGGElement, ChairsLayout['boxes'][number]>('g.box')
    .data(layout.boxes, (b) => b.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'box');
      g.append('rect').attr('class', 'frame').attr('rx', 4);
      g.append('rect').attr('class', 'queue-strip').attr('rx', 2);
      g.append('text').attr('class', 'label');
      g.append('text').attr('class', 'count');
      g.append('title');
      return g;
    });
  boxes
    .select('rect.frame')
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y)
    .attr('width', (b) => b.w)
    .attr('height', (b) => b.h)
    .attr('fill', (b) => (b.specialist ? CHAIR_COLOURS.specialistBox : CHAIR_COLOURS.box))
    .attr('stroke', (b) => (b.utilisation > 0.95 ? '#555' : '#ccc'));
  boxes
    .select('rect.queue-strip')
    .attr('x', (b) => b.queue.x)
    .attr('y', (b) => b.queue.y)
    .attr('width', (b) => b.queue.w)
    .attr('height', (b) => b.queue.h)
    .attr('fill', '#fff')
    .attr('stroke', '#e0e0e0');
  boxes
    .select('text.label')
    .attr('x', (b) => b.x + 4)
    .attr('y', (b) => b.y + 11)
    .text((b) => shortLabel(b.label, b.w));
  boxes
    .select('text.count')
    .attr('x', (b) => b.x + b.w - 4)
    .attr('y', (b) => b.y + b.h - 3)
    .attr('text-anchor', 'end')
    .text((b) => (b.seatOverflow + b.queueOverflow > 0 ? text.overflow(b.seatOverflow + b.queueOverflow) : ''));
  boxes.select('title').text((b) => `${b.label}\n${text.seatedQueued(b.seated, b.queued)}`);

  const floor = svg.select('g.floor');
  floor
    .selectAll('rect')
    .data([layout.floor])
    .join('rect')
    .attr('x', (f) => f.x)
    .attr('y', (f) => f.y)
    .attr('width', (f) => f.w)
    .attr('height', (f) => f.h)
    .attr('fill', '#fff5ef')
    .attr('stroke', '#f0c8b0');
  floor
    .selectAll('text')
    .data([layout.floor])
    .join('text')
    .attr('x', (f) => f.x + 4)
    .attr('y', (f) => f.y + f.h - 4)
    .attr('class', 'floor-label')
    .text(`${text.floor}: ${layout.onFloor}`);

  // Users between chairs are few and the point of the picture: SVG circles with titles, focusable
  // and clickable. Everyone else (up to a few thousand) is painted on a canvas over the SVG:
  // updating thousands of SVG circles ten times a second blocked the main thread for 60-120 ms
  // per frame in headless Chromium (tests/browser/dashboard.browser.test.ts watches long tasks).
  const floorDots = layout.dots.filter((d) => d.state === 'betweenChairs');
  const otherDots = layout.dots.filter((d) => d.state !== 'betweenChairs');
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
        .on('click', (e: MouseEvent, d) => {
          e.stopPropagation();
          onPick(d.user);
        })
        .on('keydown', (e: KeyboardEvent, d) => {
          if (e.key === 'Enter') onPick(d.user);
        })
        .call((c) => c.append('title')),
    )
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', 3.6)
    .attr('fill', CHAIR_COLOURS.betweenChairs)
    .attr('stroke', (d) => (d.hasCoordinator ? CHAIR_COLOURS.coordinatorRing : 'none'))
    .attr('stroke-width', 0.8)
    .attr('data-user', (d) => d.user)
    .select('title')
    .text((d) => text.dotTitle(d));

  const host = d3.select(el).style('position', 'relative');
  let canvas = host.select<HTMLCanvasElement>('canvas.chairs-dots');
  if (canvas.empty()) {
    canvas = host.append('canvas').attr('class', 'chairs-dots').style('position', 'absolute').style('left', '0').style('top', '0').style('width', '100%').style('pointer-events', 'none');
  }
  const node = canvas.node()!;
  const svgNode = svg.node()!;
  const box = svgNode.getBoundingClientRect();
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const cssW = box.width || layout.width;
  const scale = cssW / layout.width;
  const w = Math.round(cssW * dpr);
  const h = Math.round(layout.height * scale * dpr);
  if (node.width !== w || node.height !== h) {
    node.width = w;
    node.height = h;
  }
  node.style.height = `${layout.height * scale}px`;
  const ctx = node.getContext('2d');
  if (ctx) {
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.height);
    for (const state of ['seated', 'queued', 'transit'] as const) {
      ctx.fillStyle = CHAIR_COLOURS[state];
      ctx.beginPath();
      for (const d of otherDots) {
        if (d.state !== state) continue;
        ctx.moveTo(d.x + 2.8, d.y);
        ctx.arc(d.x, d.y, 2.8, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.strokeStyle = CHAIR_COLOURS.coordinatorRing;
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    for (const d of otherDots) {
      if (!d.hasCoordinator) continue;
      ctx.moveTo(d.x + 2.8, d.y);
      ctx.arc(d.x, d.y, 2.8, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  node.dataset.points = String(otherDots.length);
  // The canvas lets pointer events through; the SVG finds the nearest painted user within a few units.
  svgNode.onclick = (e: MouseEvent) => {
    const r = svgNode.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * layout.width;
    const y = ((e.clientY - r.top) / r.height) * layout.height;
    let best: Dot | null = null;
    let bd = 36; // within 6 units
    for (const d of layout.dots) {
      const dd = (d.x - x) ** 2 + (d.y - y) ** 2;
      if (dd < bd) {
        bd = dd;
        best = d;
      }
    }
    if (best) onPick(best.user);
  };
  svgNode.onmousemove = (e: MouseEvent) => {
    const r = svgNode.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * layout.width;
    const y = ((e.clientY - r.top) / r.height) * layout.height;
    const hit = layout.dots.find((d) => (d.x - x) ** 2 + (d.y - y) ** 2 < 16);
    svgNode.style.cursor = hit ? 'pointer' : 'default';
  };
}

/** The part of a label before its parenthesis, cut to fit the box. */
function shortLabel(label: string, width: number): string {
  const s = label.split(' (')[0];
  const max = Math.max(4, Math.floor(width / 5.6));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
