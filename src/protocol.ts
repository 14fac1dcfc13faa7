/**
 * The wire format between the dashboard and the engine's web worker (src/worker.ts): plain data
 * and typed arrays only, as tagged unions. The worker's Comlink facade is typed by these; nothing
 * else crosses the boundary.
 */
import type { Design, FactorValue } from './experiment/design.js';
import type { RunDigest } from './experiment/digest.js';
import type { RunSize } from './experiment/runSize.js';
import type { MunicipalitySnapshot } from './model/municipality/snapshot.js';
import type { TraceKind } from './model/municipality/trace.js';
import type { ScenarioIssue } from './scenario/validate.js';

/** The two scenarios a comparison holds; a single-scenario view uses A. */
export type Slot = 'A' | 'B';
export const SLOTS: readonly Slot[] = ['A', 'B'];

/** What the dashboard needs to know of a loaded scenario (no zod, no model on the main thread). */
/** A text in both languages of the dashboard. */
export interface Bilingual {
  nb: string;
  en: string;
}

export interface ScenarioInfo {
  slot: Slot;
  file: string;
  name: string;
  /** The scenario's name in each language (its `label`; `name` in both where it has none). */
  label: Bilingual;
  description: string;
  hash: string;
  /** Size estimate of one replication over the scenario's horizon (src/experiment/runSize.ts), shown before Run. */
  size: RunSize;
  model: 'queue' | 'municipality';
  /** Design kind of a municipality ('relay', 'team', 'pathway'), or null. */
  design: string | null;
  horizonDays: number;
  warmupDays: number;
  serviceIds: string[];
  /** Names of the services in serviceIds order, in each language (`label.services`, else the service's own label). */
  serviceLabels: Bilingual[];
  /** Names of user groups and coordinator pools by id, in each language. */
  groupLabels: Record<string, Bilingual>;
  poolLabels: Record<string, Bilingual>;
  /** 'municipal' or 'specialist' per service. */
  serviceLevels: string[];
  /** Coordinator pools (Model II), empty without a coordination section. */
  poolIds: string[];
  caseloadCollapse: number | null;
  metricNames: string[];
  /** Optional teaching notes carried by the scenario. */
  teaching: TeachingNotes | null;
  /** The validated scenario with every default filled in, as plain data (levers read their values here). */
  resolved: unknown;
}

export interface TeachingNotes {
  narrative: { nb: string; en: string };
  predict: { nb: string; en: string };
  notice: Array<{ nb: string; en: string }>;
}

/** An error the worker reports instead of throwing: what went wrong, where, and for which file. */
export interface WorkerError {
  /** 'memory': an allocation failed; the worker's heap is suspect and the page replaces it. 'tooLarge': above RUN_LIMITS without allowLarge. */
  kind: 'invalid' | 'runtime' | 'notLoaded' | 'cancelled' | 'memory' | 'tooLarge';
  message: string;
  file?: string;
  /** Validation problems with JSON paths, lines and offsets, for inline editor marks. */
  issues?: ScenarioIssue[];
}

/**
 * A worker's sign of life while it computes: posted on the worker's own port (not through Comlink,
 * whose calls wait until a run ends) at most every HEARTBEAT_MS, from inside a replication. The
 * page's watchdog counts it as an answer, so a busy worker on a loaded machine is never taken for
 * a hung one (web/app/workerHost.ts).
 */
export interface Heartbeat {
  koordsimHeartbeat: number;
}
export const HEARTBEAT_MS = 250;

export function isHeartbeat(x: unknown): x is Heartbeat {
  return typeof x === 'object' && x !== null && typeof (x as Heartbeat).koordsimHeartbeat === 'number';
}

export type LoadResult = { ok: true; info: ScenarioInfo } | { ok: false; error: WorkerError };

export type StepSize = 'event' | 'day' | 'week';

/** Messages of the live view: snapshots at a bounded rate and the player's state. */
export type LiveMessage =
  | { kind: 'snapshot'; slot: Slot; snapshot: MunicipalitySnapshot }
  | { kind: 'state'; playing: boolean; speed: number; t: number; horizonDays: number; done: boolean; seed: number }
  | { kind: 'error'; error: WorkerError };

/** Messages of a batch of replications. */
export type BatchMessage =
  | { kind: 'started'; seed: number; reps: number; slots: Slot[] }
  | { kind: 'replication'; slot: Slot; r: number; digest: RunDigest }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; cancelled: boolean; ms: number }
  | { kind: 'error'; error: WorkerError };

/** What the page needs of a planned sweep (no scenarios: those stay in the worker). */
export interface SweepInfo {
  name: string;
  description: string;
  experimentHash: string;
  baseFile: string;
  baseHash: string;
  seed: number;
  replications: number;
  design: Design;
  columns: string[];
  metrics: string[];
  points: Array<{ index: number; values: FactorValue[]; hash: string }>;
  tasks: number;
}

/** Messages of a sweep run in the browser. `metrics` follow `SweepInfo.metrics`. */
export type SweepMessage =
  | { kind: 'planned'; info: SweepInfo }
  | { kind: 'task'; task: number; point: number; replication: number; seed: number; values: number[] }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; cancelled: boolean; ms: number }
  | { kind: 'error'; error: WorkerError };

/** One step of a user's story, with service ids resolved. */
export interface StoryEntry {
  t: number;
  kind: TraceKind;
  service: string | null;
  /** The other service (sender of a referral, deflection target), when the kind has one. */
  other: string | null;
  need: number;
  /** Need type of `need`, when known. */
  needType: string | null;
  /** Cause id of a between-chairs entry, exit reason, coordinator id, meeting mode... as a word or number. */
  detail: string | number;
}

export interface UserStory {
  slot: Slot;
  user: number;
  group: string;
  arrival: number;
  entries: StoryEntry[];
  /** False when the run's event log was full and part of this user's path was not kept. */
  complete: boolean;
}

/** Bounds the live view respects (also documented in the README). */
export const LIVE_LIMITS = {
  /** Simulated days per wall-clock second. */
  minSpeed: 1,
  maxSpeed: 3650,
  defaultSpeed: 60,
  /** At most this many snapshots per second per slot. */
  snapshotsPerSecond: 10,
} as const;
