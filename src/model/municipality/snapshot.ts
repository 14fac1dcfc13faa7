/**
 * A compact picture of a running municipality at one instant, for the live view: aggregates per
 * service and one row per present user, in typed arrays so a worker can transfer them. Never the
 * model itself.
 */

/**
 * Where a user is: at home (no active need), waiting in a service's queue, seated (being assessed
 * or served), in transit (a referral on its way between services), or between chairs (an active
 * need that nobody owns). A user with several needs shows the most telling one, in the order
 * betweenChairs > transit > queued > seated > home.
 */
export const USER_STATES = ['home', 'queued', 'seated', 'transit', 'betweenChairs'] as const;
export type UserState = (typeof USER_STATES)[number];

export interface MunicipalitySnapshot {
  /** Simulated day. */
  t: number;
  horizonDays: number;
  warmupDays: number;
  eventsProcessed: number;
  /** True once the run reached its horizon. */
  done: boolean;
  services: {
    /** Needs waiting in each service's intake queue. */
    queued: Int32Array;
    /** Needs being assessed or served at each service. */
    seated: Int32Array;
    /** Case-work hours per week in use and available now. */
    usedHours: Float64Array;
    capacityHours: Float64Array;
  };
  /** One row per user present now. */
  users: {
    id: Int32Array;
    /** Index into USER_STATES. */
    state: Uint8Array;
    /** The service of the state (queue, seat, referral target, last service before the floor); -1 if none. */
    service: Int16Array;
    /** For transit: the sending service (-1 = the user or GP). For betweenChairs: the other service involved, or -1. */
    from: Int16Array;
    /** For betweenChairs: cause index (CAUSES); -1 otherwise. */
    cause: Int8Array;
    /** For betweenChairs: what keeps the need there (index into SPELL_REASONS, spellReasons.ts); -1 otherwise. */
    keptBy: Int8Array;
    /** Since when (day) the user is between chairs; NaN otherwise. */
    since: Float64Array;
    /** The user's coordinator id, -1 if none (Model II). */
    coordinator: Int32Array;
  };
  /** Between-chairs events so far (whole run), by cause (CAUSES order). */
  betweenChairsEvents: Int32Array;
  /** Referrals sent and lost so far (whole run). */
  referralsSent: number;
  referralsLost: number;
  /** Coordinators in post (Model II), null without a coordination section. */
  coordinators: { id: Int32Array; pool: Int16Array; caseload: Int32Array; strain: Float32Array } | null;
}

/** The typed arrays of a snapshot, for `postMessage` transfer lists. */
export function snapshotTransferables(s: MunicipalitySnapshot): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    s.services.queued,
    s.services.seated,
    s.services.usedHours,
    s.services.capacityHours,
    s.users.id,
    s.users.state,
    s.users.service,
    s.users.from,
    s.users.cause,
    s.users.keptBy,
    s.users.since,
    s.users.coordinator,
    s.betweenChairsEvents,
  ];
  if (s.coordinators) arrays.push(s.coordinators.id, s.coordinators.pool, s.coordinators.caseload, s.coordinators.strain);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
