import type { MunicipalityScenario, Scenario } from '../scenario/schema.js';

/**
 * How big a run is before it starts: events and memory of one replication, from the scenario's
 * users, services, coordinators and horizon, and the totals over replications (and sweep points).
 * Pure, so the CLI refuses a run that cannot finish and the dashboard can show the size before
 * Run. The constants are fitted to measured runs of the built-in scenarios at 2 and 10 years and
 * at 10x their population (`node --expose-gc --import tsx scripts/calibrate-run-size.ts` prints estimate/measured per
 * scenario: events 0.86-2.5x, heap 0.8-2.5x at model 1.4.0); an estimate, not a measurement.
 */

/** Limits above which run, compare and sweep refuse without --allow-large (README "Limits and guarantees"). */
export const RUN_LIMITS = {
  /** Heap one replication may need: beyond it Node's default heap (2 to 4 GB) is at risk. */
  memoryBytesPerReplication: 1e9,
  /** Events of the whole command: about 15 minutes at the municipality model's ~1 million events/s. */
  eventsTotal: 1e9,
} as const;

/**
 * A replication fires at most this many times its estimated events (plus a margin for tiny runs)
 * before it is stopped as a runaway: a rate or delay so extreme that the estimate missed it.
 */
export const RUNAWAY_FACTOR = 20;
export const RUNAWAY_MARGIN = 1e6;

// Fitted constants (scripts/calibrate-run-size.ts).
const EVENTS_PER_NEED = 6; // referral, admission, work done, reopenings ... per need of a user
const EVENTS_PER_USER_YEAR = 1.5; // checks, reviews and exits while a user is in the system
const EVENTS_PER_COORDINATOR_WEEK = 1; // Model II's weekly bookkeeping per coordinator
const BYTES_BASE = 12e6; // calendar, scheduler heap, service state
const BYTES_PER_USER = 3e3; // a user, its needs and its rows in the record
const BYTES_PER_EVENT = 60; // queue entries, trace and record rows
const QUEUE_BYTES_PER_USER = 100; // three float64 columns, growable

export interface RunSize {
  /** Users who are present at the start or arrive during one replication. */
  users: number;
  /** Events of one replication. */
  eventsPerReplication: number;
  /** Peak heap of one replication, bytes. */
  memoryBytesPerReplication: number;
  replications: number;
  /** Events of every replication together. */
  eventsTotal: number;
}

export interface SizeOptions {
  /** Overrides of the scenario's horizon (years) and warm-up do not change the size except years. */
  years?: number;
  replications: number;
}

/** The size of `replications` replications of the scenario over `years` (default its horizon). */
export function estimateRunSize(scenario: Scenario, options: SizeOptions): RunSize {
  const years = options.years ?? scenario.horizon.years;
  const one = scenario.model === 'queue' ? queueSize(scenario.queue.arrivalsPerDay, years) : municipalitySize(scenario, years);
  return { ...one, replications: options.replications, eventsTotal: one.eventsPerReplication * options.replications };
}

function queueSize(arrivalsPerDay: number, years: number): Pick<RunSize, 'users' | 'eventsPerReplication' | 'memoryBytesPerReplication'> {
  const users = arrivalsPerDay * 365 * years;
  // An arrival and a departure per user.
  return { users, eventsPerReplication: 2 * users, memoryBytesPerReplication: BYTES_BASE + QUEUE_BYTES_PER_USER * users };
}

function municipalitySize(scenario: MunicipalityScenario, years: number): Pick<RunSize, 'users' | 'eventsPerReplication' | 'memoryBytesPerReplication'> {
  const m = scenario.municipality;
  const k = m.inhabitants / 1000;
  let users = 0;
  let events = 0;
  for (const g of m.userGroups) {
    // Mean stay: exits by death (rising as function falls, up to twice the rate) and moving.
    const exitRate = 1.5 * g.exits.deathRatePerYear + g.exits.moveRatePerYear;
    const stay = exitRate > 0 ? Math.min(years, 1 / exitRate) : years;
    const initial = k * g.initialStockPer1000;
    const arriving = k * g.incidencePer1000PerYear * years;
    const userYears = initial * stay + arriving * Math.min(years / 2, stay);
    const needsPerUser = g.needs.reduce((a, n) => a + n.probability, 0);
    users += initial + arriving;
    // Crises are drawn for each user's whole stay up front, so they count even if never fired.
    events += (initial + arriving) * (1 + EVENTS_PER_NEED * needsPerUser) + userYears * (EVENTS_PER_USER_YEAR + g.function.crisisRatePerYear);
  }
  const weeks = (years * 365) / 7;
  const coordinators = m.coordination ? m.coordination.pools.reduce((a, p) => a + p.count, 0) : 0;
  events += EVENTS_PER_COORDINATOR_WEEK * coordinators * weeks + (m.services.length + 1) * weeks;
  return { users, eventsPerReplication: events, memoryBytesPerReplication: BYTES_BASE + BYTES_PER_USER * users + BYTES_PER_EVENT * events };
}

/** Why a run of this size is refused, in words a user can act on, or null. `what` names the run ("scenarios/x.json, 10 replications"). */
export function sizeProblem(size: RunSize, what: string): string | null {
  const mem = size.memoryBytesPerReplication;
  const big: string[] = [];
  if (mem > RUN_LIMITS.memoryBytesPerReplication) big.push(`about ${formatBytes(mem)} of memory per replication (limit ${formatBytes(RUN_LIMITS.memoryBytesPerReplication)})`);
  if (size.eventsTotal > RUN_LIMITS.eventsTotal) big.push(`about ${formatCount(size.eventsTotal)} events in all (limit ${formatCount(RUN_LIMITS.eventsTotal)})`);
  if (big.length === 0) return null;
  return `${what} is too large to run: ${formatCount(size.users)} users per replication would need ${big.join(' and ')}. Check the scenario's population and rates, lower --years or --reps, or add --allow-large to run it anyway`;
}

/** One line for progress and the dashboard: "about 140 thousand events and 70 MB per replication". */
export function describeRunSize(size: RunSize): string {
  return `about ${formatCount(size.eventsPerReplication)} events and ${formatBytes(size.memoryBytesPerReplication)} per replication, ${formatCount(size.users)} users`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const units: Array<[number, string]> = [
    [1e12, ' trillion'],
    [1e9, ' billion'],
    [1e6, ' million'],
    [1e3, ' thousand'],
  ];
  for (const [v, u] of units) if (n >= v) return `${twoDigits(n / v)}${u}`;
  return String(Math.round(n));
}

/** 1.5, 15, 150, 1500: two significant digits without exponent notation. */
function twoDigits(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b);
  if (b >= 1e9) return `${twoDigits(b / 1e9)} GB`;
  return `${Math.max(1, Math.round(b / 1e6))} MB`;
}
