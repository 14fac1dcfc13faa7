import { area, curveLinear, line, pointer, type CurveFactory } from 'd3';
import { createTooltip, type Frame, type G } from './frame.js';
import { NEUTRAL } from './palette.js';

/** A point of a line with an interval around it, in data units. */
export interface IntervalPoint {
  x: number;
  y: number;
  lo: number;
  hi: number;
}

const finite = (...xs: number[]) => xs.every(Number.isFinite);

/**
 * A faint band from `lo` to `hi` with a line at `y` over it. Points with a missing value break the
 * line (and band) instead of being joined across, so a bin without data shows as a gap. Returns the
 * number of points drawn on the line.
 */
export function bandLine(
  g: G,
  points: readonly IntervalPoint[],
  x: (v: number) => number,
  y: (v: number) => number,
  colour: string,
  o: { bandOpacity?: number; curve?: CurveFactory; dash?: string } = {},
): number {
  const curve = o.curve ?? curveLinear;
  const band = area<IntervalPoint>()
    .defined((p) => finite(p.x, p.lo, p.hi))
    .x((p) => x(p.x))
    .y0((p) => y(p.lo))
    .y1((p) => y(p.hi))
    .curve(curve);
  g.append('path').attr('class', 'band').attr('d', band([...points])).attr('fill', colour).attr('fill-opacity', o.bandOpacity ?? 0.2).attr('stroke', 'none');
  return lineMark(g, points.map((p) => ({ x: p.x, y: p.y })), x, y, colour, { curve, dash: o.dash });
}

/** A line through (x, y), broken at missing values; returns the number of points drawn. */
export function lineMark(
  g: G,
  points: readonly { x: number; y: number }[],
  x: (v: number) => number,
  y: (v: number) => number,
  colour: string,
  o: { curve?: CurveFactory; dash?: string; width?: number; opacity?: number; className?: string } = {},
): number {
  const path = line<{ x: number; y: number }>()
    .defined((p) => finite(p.x, p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y))
    .curve(o.curve ?? curveLinear);
  g.append('path')
    .attr('class', o.className ?? 'line')
    .attr('d', path([...points]))
    .attr('fill', 'none')
    .attr('stroke', colour)
    .attr('stroke-width', o.width ?? 2)
    .attr('stroke-opacity', o.opacity ?? 1)
    .attr('stroke-dasharray', o.dash ?? null)
    .attr('stroke-linejoin', 'round');
  return points.filter((p) => finite(p.x, p.y)).length;
}

/** Index of the point whose `x` is nearest to `v` in an x-sorted array; -1 when empty. */
export function nearest(xs: readonly number[], v: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= v) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[hi] - v) < Math.abs(xs[lo] - v) ? hi : lo;
}

/**
 * Hover for scatter-like charts: a transparent layer a little wider than the plot (so points on
 * its edge can be hovered from either side) that rings the nearest mark within `radius` pixels and
 * shows its tooltip lines.
 */
export function hoverNearest<M extends { px: number; py: number }>(
  g: G,
  frame: Frame,
  el: HTMLElement,
  marks: readonly M[],
  o: { radius: number; ring: number; lines: (m: M) => string[] },
): void {
  const tooltip = createTooltip(el);
  const ring = g.append('circle').attr('r', o.ring).attr('fill', 'none').attr('stroke', NEUTRAL.text).attr('stroke-width', 1.5).style('display', 'none');
  g.append('rect')
    .attr('class', 'hover')
    .attr('x', -8)
    .attr('y', -8)
    .attr('width', frame.innerWidth + 16)
    .attr('height', frame.innerHeight + 16)
    .attr('fill', 'transparent')
    .on('mousemove', (event: MouseEvent) => {
      const [mx, my] = pointer(event);
      let best: M | null = null;
      let bestD = o.radius ** 2;
      for (const m of marks) {
        const d = (m.px - mx) ** 2 + (m.py - my) ** 2;
        if (d < bestD) {
          best = m;
          bestD = d;
        }
      }
      if (best === null) {
        ring.style('display', 'none');
        return tooltip.hide();
      }
      ring.attr('cx', best.px).attr('cy', best.py).style('display', null);
      tooltip.show(event, o.lines(best));
    })
    .on('mouseleave', () => {
      ring.style('display', 'none');
      tooltip.hide();
    });
}
