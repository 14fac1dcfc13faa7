import type { BinEstimate } from '../derive/bins.js';
import type { SideData } from './frame.js';
import { drawIntervalTimeChart, type IntervalTimeOptions } from './intervalTimeChart.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, height: 300, margin: { top: 40, right: 16, bottom: 46, left: 60 } };

export type WaitOverTimeOptions = IntervalTimeOptions;

/**
 * Mean days from referral to first service per time bin (`waitOverTime`), a line with its 95 %
 * interval band for A and B. `data-points`: bins with a value, over both sides.
 */
export function drawWaitOverTime(el: HTMLElement, data: SideData<readonly BinEstimate[]>, opts: WaitOverTimeOptions): void {
  drawIntervalTimeChart(el, data, { ...DEFAULTS, ...opts, margin: { ...DEFAULTS.margin, ...opts.margin } });
}
