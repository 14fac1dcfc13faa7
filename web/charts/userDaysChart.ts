import type { BinEstimate } from '../derive/bins.js';
import type { SideData } from './frame.js';
import { drawIntervalTimeChart, type IntervalTimeOptions } from './intervalTimeChart.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, height: 300, margin: { top: 40, right: 16, bottom: 46, left: 60 } };

export type UserDaysOptions = IntervalTimeOptions;

/**
 * User-days between chairs per time bin (`betweenChairsUserDays`): how long users with an active
 * need had no owner, a line with its 95 % interval band for A and B. `data-points`: bins with a
 * value, over both sides.
 */
export function drawUserDays(el: HTMLElement, data: SideData<readonly BinEstimate[]>, opts: UserDaysOptions): void {
  drawIntervalTimeChart(el, data, { ...DEFAULTS, ...opts, margin: { ...DEFAULTS.margin, ...opts.margin } });
}
