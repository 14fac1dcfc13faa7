import { ACTIVITIES } from '../../src/experiment/digest.js';
import type { ActivityHours } from '../derive/staffTime.js';
import type { BaseOptions, SideData } from './frame.js';
import { drawGroupedBars } from './groupedBars.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, rowHeight: 40, margin: { top: 40, right: 20, bottom: 46, left: 130 } };

export interface StaffTimeOptions extends BaseOptions {
  labels: {
    /** e.g. "Timer per år (hours per year)". */
    x: string;
    /** e.g. "Aktivitet (activity)". */
    y: string;
    A: string;
    B: string;
    /** Activity names in ACTIVITIES order. */
    activities: readonly string[];
  };
  rowHeight?: number;
}

/**
 * Staff hours per year by activity (`staffTimeByActivity`), A and B side by side in each row with
 * 95 % interval whiskers. `data-points`: bars drawn.
 */
export function drawStaffTime(el: HTMLElement, data: SideData<readonly ActivityHours[]>, options: StaffTimeOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const groups = ACTIVITIES.map((activity, i) => ({
    label: opts.labels.activities[i] ?? activity,
    A: data.A?.find((h) => h.activity === activity),
    B: data.B?.find((h) => h.activity === activity),
  }));
  drawGroupedBars(el, groups, opts);
}
