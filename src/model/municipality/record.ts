import type { CoordinationRecord } from './coordination/coordinationRecord.js';
import type { RecordFold } from './recordFold.js';
import type { TraceLog } from './trace.js';

/** Why a user left. */
export const EXIT_REASONS = ['recovered', 'died', 'moved', 'institution', 'agedOut'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const ACTIVITIES = ['assessment', 'delivery', 'handoff', 'meetings', 'documentation'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/**
 * What one run of the municipality model observed: `(scenario, seed) -> record`. Metrics are pure
 * functions of it (metrics.ts). Columns are plain arrays, one row per item, so a test can build a
 * small record by hand.
 */
export interface MunicipalityRecord {
  model: 'municipality';
  seed: number;
  horizonDays: number;
  warmupDays: number;
  serviceIds: string[];
  /** Weekly case-work capacity of each service (hours per week). */
  serviceCapacityHoursPerWeek: number[];
  /** Working weeks in the observation window (the calendar's working hours / nominal hours per week). */
  workingWeeksInWindow: number;
  groupIds: string[];
  users: {
    arrival: number[];
    group: number[];
    /** NaN while active at the horizon. */
    exitTime: number[];
    /** Index into EXIT_REASONS, -1 while active. */
    exitReason: number[];
    /** True for the stock present at day 0. */
    initial: boolean[];
    /** Functional level (0-1) at exit, or at the horizon for users still active. */
    functionEnd: number[];
  };
  /** One row per need episode that reached a first service. */
  episodes: { user: number[]; service: number[]; referral: number[]; firstService: number[]; entryFunction: number[] };
  /** One row per rejection after assessment (or by an annual cap). */
  rejections: { time: number[]; user: number[]; service: number[]; cap: boolean[] };
  /** One row per referral sent (a handoff, including the entry referral). */
  handoffs: { time: number[]; user: number[]; from: number[]; to: number[]; boundary: boolean[]; lost: boolean[]; infoLost: boolean[] };
  /** Between-chairs events: an active need without an owner for longer than the threshold. */
  betweenChairs: { time: number[]; start: number[]; user: number[]; cause: number[]; serviceA: number[]; serviceB: number[] };
  /**
   * One row per spell of one cause (betweenChairs.ts): a need that no service holds (Model I, `need`
   * its index among the user's needs) or a user's right to a coordinator or an individual plan that
   * nobody holds (Model II, `need` -1). `end` is the horizon if still open. An event is a spell
   * still open `unownedThresholdDays` after its start. `keptBy` (index into SPELL_REASONS) is what
   * kept it without an owner when it ended, or at the horizon (spellReasons.ts).
   */
  unownedSpells: { user: number[]; need: number[]; cause: number[]; start: number[]; end: number[]; serviceA: number[]; serviceB: number[]; keptBy: number[] };
  /** Spells ended by a lapse, a re-raise or a user found again (index into SPELL_ENDINGS); one row each. */
  spellEndings: { time: number[]; user: number[]; kind: number[] };
  /** User-level spells: the user had at least one spell of any cause open. `end` is the horizon if still open. */
  spells: { user: number[]; start: number[]; end: number[] };
  planAdjustments: { time: number[]; user: number[] };
  /** One row per referral a specialist service had no room for and sent back to the municipality (pushBack.ts). */
  pushBacks: { time: number[]; user: number[]; service: number[] };
  /** One row per crisis of a user with a need in service (planNews.ts): whether the plan's owner heard and adjusted it. */
  crisesInService: { time: number[]; adjusted: boolean[] };
  /** One row per time a user's relatives ran out of strength (relatives.ts), inside the window. */
  relativesExhausted: { time: number[]; user: number[] };
  /** Staff hours per service and activity, counted inside the observation window. */
  staffHours: number[][];
  /** Staff hours relatives spent chasing unowned needs, inside the window. */
  relativeHours: number;
  eventsProcessed: number;
  trace: TraceLog;
  /** Model II: what the coordinators did; null when the scenario has no `coordination` section. */
  coordination: CoordinationRecord | null;
  /**
   * A streamed run's record (RunOptions.stream): the rows it folded into what the metrics need and
   * took out of the append-only tables (recordFold.ts). Absent when every row is kept. Metrics read
   * a record through recordFold.ts's completeFold, so they are the same either way; anything else
   * that reads rows (digests, exports, the live view) needs a run that keeps them.
   */
  folded?: RecordFold;
}

/** A record with every column empty, for a run to fill. */
export function emptyRecord(seed: number, T: number, W: number, serviceIds: string[], capacity: number[], workingWeeksInWindow: number, groupIds: string[], trace: TraceLog): MunicipalityRecord {
  return {
    model: 'municipality',
    seed,
    horizonDays: T,
    warmupDays: W,
    serviceIds,
    serviceCapacityHoursPerWeek: capacity,
    workingWeeksInWindow,
    groupIds,
    users: { arrival: [], group: [], exitTime: [], exitReason: [], initial: [], functionEnd: [] },
    episodes: { user: [], service: [], referral: [], firstService: [], entryFunction: [] },
    rejections: { time: [], user: [], service: [], cap: [] },
    handoffs: { time: [], user: [], from: [], to: [], boundary: [], lost: [], infoLost: [] },
    betweenChairs: { time: [], start: [], user: [], cause: [], serviceA: [], serviceB: [] },
    unownedSpells: { user: [], need: [], cause: [], start: [], end: [], serviceA: [], serviceB: [], keptBy: [] },
    spellEndings: { time: [], user: [], kind: [] },
    spells: { user: [], start: [], end: [] },
    planAdjustments: { time: [], user: [] },
    pushBacks: { time: [], user: [], service: [] },
    crisesInService: { time: [], adjusted: [] },
    relativesExhausted: { time: [], user: [] },
    staffHours: serviceIds.map(() => ACTIVITIES.map(() => 0)),
    relativeHours: 0,
    eventsProcessed: 0,
    trace,
    coordination: null,
  };
}
