import { COORD_ACTIVITIES } from '../../src/experiment/digest.js';
import type { CoordinatorActivityHours } from '../derive/staffTime.js';
import type { BaseOptions, SideData } from './frame.js';
import { drawGroupedBars, type BarValue } from './groupedBars.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, rowHeight: 40, margin: { top: 40, right: 20, bottom: 46, left: 130 } };

export interface CoordinatorTimeOptions extends BaseOptions {
  labels: {
    /** e.g. "Timer per år (hours per year)". */
    x: string;
    /** e.g. "Koordinatoraktivitet (coordinator activity)". */
    y: string;
    A: string;
    B: string;
    /** Legend: "Utført (worked)" for the filled bar, "Etterspurt (asked for)" for the outline. */
    worked: string;
    asked: string;
    /** Activity names in COORD_ACTIVITIES order. */
    activities: readonly string[];
  };
  rowHeight?: number;
}

function bar(h: CoordinatorActivityHours | undefined): BarValue | null {
  return h ? { mean: h.worked.mean, ci95: h.worked.ci95, target: h.asked.mean } : null;
}

/**
 * Coordinator hours per year by activity (`coordinatorTime`): hours worked as a filled bar with
 * its 95 % interval, inside a dashed outline reaching to the hours the work asked for; the gap is
 * what coping cut. `data-points`: bars drawn.
 */
export function drawCoordinatorTime(el: HTMLElement, data: SideData<readonly CoordinatorActivityHours[]>, options: CoordinatorTimeOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const groups = COORD_ACTIVITIES.map((activity, i) => ({
    label: opts.labels.activities[i] ?? activity,
    A: bar(data.A?.find((h) => h.activity === activity)),
    B: bar(data.B?.find((h) => h.activity === activity)),
  }));
  drawGroupedBars(el, groups, { ...opts, labels: { ...opts.labels, value: opts.labels.worked, target: opts.labels.asked } });
}
