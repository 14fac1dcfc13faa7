/**
 * Model I's face: users with complex needs, services with mandates and capacity, referrals over
 * channels, and a coordination design (relay, integrated team, pathway); Model II's coordinators
 * plug in. Records who falls between chairs, and why. docs/model.md; the mechanisms are one a file
 * (run.ts lists them and holds the table of event kinds).
 *
 * Time is in days. Staff capacity is hours per week of case work; a need occupies its hours per
 * week at a service from intake to the end of its leg.
 */
import type { MunicipalityScenario } from '../../scenario/schema.js';
import type { MunicipalitySnapshot } from './snapshot.js';
import type { MunicipalityRecord } from './record.js';
import { startMunicipality } from './run.js';
import type { TraceEntry } from './trace.js';
import type { World } from './world.js';

export { startMunicipality };

export interface MunicipalityRunOptions {
  horizonDays?: number;
  /** Override the scenario's warm-up, in days. */
  warmupDays?: number;
  /**
   * Keep only what the record needs (World.lean): no event log, and users who left give up their
   * needs and crisis times. The record is the same as a full run's, bar its empty trace; users'
   * stories (the live view) and `koordsim run --trace` need a full run. Default false.
   */
  lean?: boolean;
  /**
   * A lean run that also folds its rows, as it goes, into what the metrics need (record.folded,
   * recordFold.ts): it keeps no rows of handoffs, episodes or coordinator-weeks, only the values a
   * metric needs every one of (waits, strains, meeting delays). Its metrics are the same as a full
   * run's; its tables are empty, so only the metrics can be read from it (its `snapshot` throws).
   * Runs that keep only metrics use it. Default false.
   */
  stream?: boolean;
}

/**
 * A municipality run that can be driven step by step (the live view) or straight to its horizon
 * (`finish`). Driving it in pieces fires exactly the events a straight run fires, in the same
 * order, so the record is the same.
 */
export interface MunicipalityRun {
  readonly horizonDays: number;
  /** The world, read-only by convention: for the invariant checks after every event (invariants.ts, --check). */
  readonly world: World;
  /** Simulated day reached. */
  readonly now: number;
  /** True once the run reached its horizon (after `finish` or `advanceTo(horizonDays)`). */
  readonly done: boolean;
  readonly eventsProcessed: number;
  /** Time of the next event, +Infinity if none before the horizon. */
  nextEventTime(): number;
  /** Fires every event up to day `t` (clamped to the horizon). */
  advanceTo(t: number): void;
  /** Fires at most `n` events (never past the horizon). Returns the number fired. */
  stepEvents(n: number): number;
  snapshot(): MunicipalitySnapshot;
  /** A user's trace so far, with who the user is (null for an unknown id). */
  userTrace(uid: number): { entries: TraceEntry[]; complete: boolean; group: string; arrival: number; needTypes: string[] } | null;
  /** Runs to the horizon, closes the books, checks invariants and returns the record (once). */
  finish(): MunicipalityRecord;
}

export function runMunicipality(scenario: MunicipalityScenario, seed: number, options: MunicipalityRunOptions = {}): MunicipalityRecord {
  return startMunicipality(scenario, seed, options).finish();
}
