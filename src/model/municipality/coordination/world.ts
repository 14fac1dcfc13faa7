// What every coordination mechanism is built on: the scheduler, the named random streams, the spec, the record.
// No model rule here (the rules are in the mechanism files; docs/model.md §11).
import type { RandomStream } from '../../../engine/random.js';
import type { EventKind, Scheduler } from '../../../engine/scheduler.js';
import type { CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { CoordinationRecord } from './coordinationRecord.js';

/**
 * Model II's random streams, created in this order by the layer (the order is part of the run's
 * provenance). Several mechanisms share a stream; each draw happens at a fixed point of an event,
 * so the order of draws is fixed by the order of events.
 */
export interface CoordinationStreams {
  /** Supervision of coping choices, post-hoc plans, fight or flight. */
  coordination: RandomStream;
  /** Unit-leader refusals, returned assignments. */
  coordinatingUnit: RandomStream;
  /** Bilateral or full review, meeting dates. */
  meetings: RandomStream;
  /** Turnover, the return of orphaned cases, vacancies. */
  turnover: RandomStream;
  /** When a coordinator notices and chases an unowned need. */
  chase: RandomStream;
  /** Tenure of the coordinators in post at the start. */
  tenure: RandomStream;
  /**
   * Each eligible user's own luck, three draws at eligibility: reported to the KE, the family's
   * draw for being told of the IP, how long the user or relatives take to ask. Kept apart from the
   * KE's refusals so that two designs give the same users the same draws.
   */
  rights: RandomStream;
  /** Each new post holder's own discretion (threshold and propensities; discretion.ts). */
  discretion: RandomStream;
}

/** Kind ids of Model II's events; the one table that registers them is in coordinationLayer.ts. */
export interface CoordinationEvents {
  week: EventKind;
  keMeeting: EventKind;
  meeting: EventKind;
  returned: EventKind;
  orphanReturn: EventKind;
  postFilled: EventKind;
  relativesAsk: EventKind;
  keAssignOnce: EventKind;
}

/**
 * The world a mechanism is installed in. `rec` is the run's coordination record, a write-only log:
 * each mechanism appends to its own columns (named in its file) and none reads another's.
 */
export interface CoordinationWorld {
  readonly sim: Scheduler;
  readonly spec: CoordinationSpec;
  readonly rec: CoordinationRecord;
  readonly streams: CoordinationStreams;
  readonly events: CoordinationEvents;
  readonly horizonDays: number;
  /** True inside the observation window [warmupDays, horizonDays]: only then is anything recorded. */
  inWindow(): boolean;
}
