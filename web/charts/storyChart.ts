import * as d3 from 'd3';
import type { StoryShapes } from '../derive/story.js';
import { CHAIR_COLOURS } from './chairsView.js';

/** One user's story as a horizontal timeline (web/derive/story.ts gives the shapes). */

const DEFAULTS = { width: 760, laneHeight: 22, margin: { top: 34, right: 16, bottom: 34, left: 150 } };

export interface StoryText {
  title: string;
  axis: string;
  coordinator: string;
  floor: string;
  laneLabel: (id: string) => string;
  barTitle: (b: StoryShapes['bars'][number]) => string;
  floorTitle: (f: StoryShapes['floor'][number]) => string;
  markTitle: (m: StoryShapes['marks'][number]) => string;
  arrowTitle: (a: StoryShapes['arrows'][number]) => string;
}

export function drawStory(el: HTMLElement, s: StoryShapes, text: StoryText, o: Partial<typeof DEFAULTS> = {}): void {
  const c = { ...DEFAULTS, ...o };
  const nLanes = Math.max(1, s.lanes.length);
  // Rows: coordinator band, lanes, then the floor.
  const height = c.margin.top + (nLanes + 2) * c.laneHeight + c.margin.bottom;
  d3.select(el).selectAll('*').remove();
  const svg = d3
    .select(el)
    .append('svg')
    .attr('class', 'story')
    .attr('viewBox', `0 0 ${c.width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', text.title)
    .attr('data-points', s.bars.length + s.arrows.length + s.floor.length + s.marks.length);
  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', 'hatch')
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 5)
    .attr('height', 5)
    .attr('patternTransform', 'rotate(45)')
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 5)
    .attr('stroke', CHAIR_COLOURS.queued)
    .attr('stroke-width', 2.5);
  defs.append('marker').attr('id', 'arrowhead').attr('viewBox', '0 0 6 6').attr('refX', 5).attr('refY', 3).attr('markerWidth', 6).attr('markerHeight', 6).attr('orient', 'auto').append('path').attr('d', 'M0,0L6,3L0,6Z').attr('fill', '#444');
  const x = d3
    .scaleLinear()
    .domain([s.start, Math.max(s.end, s.start + 1)])
    .range([c.margin.left, c.width - c.margin.right]);
  const rowY = (row: number) => c.margin.top + row * c.laneHeight;
  const laneY = (lane: number) => rowY(lane + 1);
  const floorY = rowY(nLanes + 1);

  svg.append('text').attr('x', c.margin.left).attr('y', 16).attr('class', 'chart-title').text(text.title);
  svg
    .append('g')
    .attr('transform', `translate(0,${floorY + c.laneHeight})`)
    .call(d3.axisBottom(x).ticks(8))
    .append('text')
    .attr('x', c.width - c.margin.right)
    .attr('y', 28)
    .attr('text-anchor', 'end')
    .attr('fill', '#333')
    .text(text.axis);
  const labels = [text.coordinator, ...s.lanes.map(text.laneLabel), text.floor];
  svg
    .append('g')
    .selectAll('text')
    .data(labels)
    .join('text')
    .attr('x', c.margin.left - 6)
    .attr('y', (_d, i) => rowY(i) + c.laneHeight / 2 + 4)
    .attr('text-anchor', 'end')
    .attr('class', 'lane-label')
    .text((d) => (d.length > 24 ? `${d.slice(0, 23)}…` : d));
  svg
    .append('g')
    .selectAll('line')
    .data(labels)
    .join('line')
    .attr('x1', c.margin.left)
    .attr('x2', c.width - c.margin.right)
    .attr('y1', (_d, i) => rowY(i) + c.laneHeight)
    .attr('y2', (_d, i) => rowY(i) + c.laneHeight)
    .attr('stroke', '#eee');

  const w = (t0: number, t1: number) => Math.max(1.5, x(t1) - x(t0));
  svg
    .append('g')
    .selectAll('rect')
    .data(s.coordinator)
    .join('rect')
    .attr('x', (d) => x(d.t0))
    .attr('width', (d) => w(d.t0, d.t1))
    .attr('y', rowY(0) + 5)
    .attr('height', c.laneHeight - 10)
    .attr('fill', '#000')
    .attr('opacity', 0.7)
    .append('title')
    .text((d) => `${text.coordinator} #${d.id}`);
  svg
    .append('g')
    .selectAll('rect')
    .data(s.bars)
    .join('rect')
    .attr('class', (d) => `bar ${d.kind}`)
    .attr('x', (d) => x(d.t0))
    .attr('width', (d) => w(d.t0, d.t1))
    .attr('y', (d) => laneY(d.lane) + 4)
    .attr('height', c.laneHeight - 8)
    .attr('fill', (d) => (d.kind === 'wait' ? 'url(#hatch)' : d.kind === 'assessment' ? '#a6d3ef' : CHAIR_COLOURS.seated))
    .attr('stroke', (d) => (d.kind === 'wait' ? CHAIR_COLOURS.queued : 'none'))
    .append('title')
    .text(text.barTitle);
  svg
    .append('g')
    .selectAll('rect')
    .data(s.floor)
    .join('rect')
    .attr('x', (d) => x(d.t0))
    .attr('width', (d) => w(d.t0, d.t1))
    .attr('y', floorY + 3)
    .attr('height', c.laneHeight - 6)
    .attr('fill', CHAIR_COLOURS.betweenChairs)
    .attr('opacity', 0.85)
    .append('title')
    .text(text.floorTitle);
  svg
    .append('g')
    .selectAll('path')
    .data(s.falls)
    .join('path')
    .attr('d', (d) => `M${x(d.t)},${floorY - 2}l-4,-7h8z`)
    .attr('fill', CHAIR_COLOURS.betweenChairs)
    .append('title')
    .text((d) => text.floorTitle({ t0: d.t, t1: d.t, cause: d.cause, open: false }));
  const yOf = (lane: number) => (lane < 0 ? rowY(0) + c.laneHeight / 2 : laneY(lane) + c.laneHeight / 2);
  svg
    .append('g')
    .selectAll('line')
    .data(s.arrows)
    .join('line')
    .attr('x1', (d) => x(d.t))
    .attr('x2', (d) => x(Number.isNaN(d.arrived) ? d.t : d.arrived))
    .attr('y1', (d) => yOf(d.from))
    .attr('y2', (d) => (d.lost ? floorY + c.laneHeight / 2 : yOf(d.to)))
    .attr('stroke', (d) => (d.lost ? CHAIR_COLOURS.betweenChairs : '#444'))
    .attr('stroke-dasharray', (d) => (d.infoLost ? '3,2' : null))
    .attr('marker-end', 'url(#arrowhead)')
    .append('title')
    .text(text.arrowTitle);
  svg
    .append('g')
    .selectAll('circle')
    .data(s.marks)
    .join('circle')
    .attr('cx', (d) => x(d.t))
    .attr('cy', (d) => (d.lane < 0 ? rowY(0) + c.laneHeight / 2 : laneY(d.lane) + c.laneHeight / 2))
    .attr('r', (d) => (d.kind === 'meeting' ? 4 : 3))
    .attr('fill', (d) => (d.kind === 'meeting' ? '#F0E442' : d.kind === 'crisis' ? '#CC79A7' : '#fff'))
    .attr('stroke', '#333')
    .append('title')
    .text(text.markTitle);
  if (s.exit) {
    svg.append('line').attr('x1', x(s.exit.t)).attr('x2', x(s.exit.t)).attr('y1', rowY(0)).attr('y2', floorY + c.laneHeight).attr('stroke', '#333').attr('stroke-dasharray', '2,2');
  }
}
