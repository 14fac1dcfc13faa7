import { COPING_POLICIES } from '../../src/experiment/digest.js';
import type { CopingUse } from '../derive/coping.js';
import type { BaseOptions, SideData } from './frame.js';
import { drawGroupedBars } from './groupedBars.js';

/** Layout defaults; every text comes in through the options. */
const DEFAULTS = { width: 640, rowHeight: 30, margin: { top: 40, right: 20, bottom: 46, left: 150 } };

export interface CopingOptions extends BaseOptions {
  labels: {
    /** e.g. "Bruk per år (uses per year)". */
    x: string;
    /** e.g. "Mestringsstrategi (coping policy)". */
    y: string;
    A: string;
    B: string;
    /** Policy names in COPING_POLICIES order. */
    policies: readonly string[];
  };
  rowHeight?: number;
}

/**
 * How often coordinators fell back on each coping policy per year (`copingUse`), one row per
 * policy in COPING_POLICIES order, A and B side by side with 95 % interval whiskers. Rows, not
 * colours, tell the eleven policies apart. `data-points`: bars drawn.
 */
export function drawCoping(el: HTMLElement, data: SideData<readonly CopingUse[]>, options: CopingOptions): void {
  const opts = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const groups = COPING_POLICIES.map((policy, i) => ({
    label: opts.labels.policies[i] ?? policy,
    A: data.A?.find((u) => u.policy === policy),
    B: data.B?.find((u) => u.policy === policy),
  }));
  drawGroupedBars(el, groups, opts);
}
