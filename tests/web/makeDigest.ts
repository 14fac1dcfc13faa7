import { ACTIVITIES, CAUSES, COORD_ACTIVITIES, COPING_POLICIES, IP_STATES, type CoordinationDigest, type RunDigest } from '../../src/experiment/digest.js';

/** A coordinator-week: week start (days), coordinator id, caseload (cases), strain. */
export type Week = [time: number, coordinator: number, caseload: number, strain?: number];

export interface DigestSpec {
  seed?: number;
  horizonDays?: number;
  warmupDays?: number;
  binDays?: number;
  bins?: number;
  metrics?: Record<string, number>;
  serviceIds?: string[];
  waits?: number[];
  waitByBin?: number[];
  /** Events per bin for each cause, keyed by cause index; other causes are 0. */
  betweenChairs?: Record<number, number[]>;
  userDays?: number[];
  /** Hours per service, each row in ACTIVITIES order. */
  staffHours?: number[][];
  /** [from, to, count, lost] */
  handoffs?: [number, number, number, number][];
  coordination?: {
    weeks?: Week[];
    caseloadCollapse?: number;
    hours?: number[];
    demandedHours?: number[];
    coping?: number[];
  } | null;
}

/**
 * A small hand-made digest with known contents: defaults to one year with no warm-up, 4 bins of
 * 91.25 days, one service and no coordination; every field can be given.
 */
export function makeDigest(s: DigestSpec = {}): RunDigest {
  const horizonDays = s.horizonDays ?? 365;
  const bins = s.bins ?? 4;
  const binDays = s.binDays ?? horizonDays / bins;
  const serviceIds = s.serviceIds ?? ['svc'];
  const bc = new Int32Array(CAUSES.length * bins);
  for (const [c, row] of Object.entries(s.betweenChairs ?? {})) row.forEach((v, b) => (bc[Number(c) * bins + b] = v));
  const staff = new Float64Array(serviceIds.length * ACTIVITIES.length);
  (s.staffHours ?? []).forEach((row, i) => row.forEach((h, a) => (staff[i * ACTIVITIES.length + a] = h)));
  const h = s.handoffs ?? [];
  return {
    model: 'municipality',
    seed: s.seed ?? 1,
    horizonDays,
    warmupDays: s.warmupDays ?? 0,
    metrics: s.metrics ?? {},
    binDays,
    bins,
    serviceIds,
    waits: Float64Array.from(s.waits ?? []),
    waitByBin: Float64Array.from(s.waitByBin ?? new Array<number>(bins).fill(NaN)),
    betweenChairsByCause: bc,
    betweenChairsUserDays: Float64Array.from(s.userDays ?? new Array<number>(bins).fill(0)),
    activeUsers: new Int32Array(bins),
    staffHours: staff,
    handoffs: {
      from: Int16Array.from(h, (x) => x[0]),
      to: Int16Array.from(h, (x) => x[1]),
      count: Int32Array.from(h, (x) => x[2]),
      lost: Int32Array.from(h, (x) => x[3]),
    },
    coordination: s.coordination ? coordination(s.coordination) : null,
  };
}

function coordination(c: NonNullable<DigestSpec['coordination']>): CoordinationDigest {
  const weeks = c.weeks ?? [];
  return {
    weeks: {
      time: Float64Array.from(weeks, (w) => w[0]),
      coordinator: Int32Array.from(weeks, (w) => w[1]),
      caseload: Int32Array.from(weeks, (w) => w[2]),
      strain: Float32Array.from(weeks, (w) => w[3] ?? 0),
    },
    caseloadCollapse: c.caseloadCollapse ?? 14,
    hours: Float64Array.from(c.hours ?? new Array<number>(COORD_ACTIVITIES.length).fill(0)),
    demandedHours: Float64Array.from(c.demandedHours ?? new Array<number>(COORD_ACTIVITIES.length).fill(0)),
    coping: Float64Array.from(c.coping ?? new Array<number>(COPING_POLICIES.length).fill(0)),
    ipWeeks: new Float64Array(IP_STATES.length),
  };
}
