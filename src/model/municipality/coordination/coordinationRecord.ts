// The coordination record: what the coordinators of one run did, as plain columns (Model II's part of the run record).
// No model rule here; the vocabularies (activities, IP states, request kinds, modes) are the domain brief's (§6).
import { COPING_POLICIES } from '../../../scenario/copingPolicyNames.js';

/** How a coordinator's week is spent (domain brief §6). */
export const COORD_ACTIVITIES = ['direct', 'coordination', 'meetings', 'travel', 'documentation', 'networking'] as const;
export type CoordActivity = (typeof COORD_ACTIVITIES)[number];

/** Individual plan (IP) states of a user owed one (domain brief §6). */
export const IP_STATES = ['none', 'drafted', 'active', 'stale', 'postHoc'] as const;
export type IpState = (typeof IP_STATES)[number];

/** Why a request for a coordinator is at the coordinating unit. */
export const REQUEST_KINDS = ['new', 'orphaned', 'transition'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const MEETING_MODES = ['fullGroup', 'bilateral'] as const;

/** Fight or flight mode of a strained coordinator (Florell 2022). */
export const STRAIN_MODES = ['normal', 'fight', 'flight'] as const;

export { COPING_POLICIES };

/**
 * What the coordinators of one run did (Model II). Part of the municipality record; metrics are
 * pure functions of it. Weekly samples and hours count inside the observation window only.
 */
export interface CoordinationRecord {
  poolIds: string[];
  /** The scenario's collapse caseload (reported as a share of coordinator-weeks above it). */
  caseloadCollapse: number;
  /** Coordinator schemes per coordinated user (1 = only the modelled one). */
  schemes: number;
  /** One row per coordinator who ever held a post. `end` is NaN if still in post at the horizon. */
  coordinators: { pool: number[]; start: number[]; end: number[]; tenureAtStart: number[] };
  /** One row per coordinator per week in post (inside the window). */
  weeks: {
    time: number[];
    coordinator: number[];
    caseload: number[];
    /** Hours available for coordination this week. */
    available: number[];
    /** Hours the week asked for, before coping. */
    demanded: number[];
    /** Hours worked. */
    done: number[];
    strain: number[];
    /** Extra direct hours of scope creep (novices over-serving). */
    overServe: number[];
    /** Index into STRAIN_MODES. */
    mode: number[];
    tenure: number[];
  };
  /** Hours worked and asked for, by COORD_ACTIVITIES, inside the window. */
  hours: number[];
  demandedHours: number[];
  /** Urgent direct work asked for and done (part of `direct`). */
  urgentHours: { demanded: number; done: number };
  /** Coping uses by COPING_POLICIES, inside the window. */
  coping: number[];
  /** One row per request for a coordinator: a new eligible user, an orphaned case, an age transition. */
  requests: { user: number[]; kind: number[]; reported: number[]; assigned: number[]; refusals: number[] };
  /** One row per refusal or return of an assignment. `service` is the refusing unit, -1 for a coordinator's own niche refusal. */
  refusals: { time: number[]; user: number[]; service: number[]; load: number[]; overridden: boolean[] };
  /** One row per responsibility-group review that was held. */
  /** `mode` indexes MEETING_MODES (0 full group, 1 bilateral). */
  meetings: { user: number[]; requested: number[]; held: number[]; mode: number[]; participants: number[] };
  /** Cases without a coordinator after a coordinator left (orphaned) or at an age split (transition). */
  orphans: { user: number[]; kind: number[]; start: number[]; end: number[] };
  /** One row per coordinator who left. */
  exits: { time: number[]; coordinator: number[]; caseload: number[] };
  /** User-weeks of eligible users in each IP state, by IP_STATES. */
  ipWeeks: number[];
  /** Weekly mean tie strength: coordinator-service and service-service. */
  ties: { time: number[]; coordinatorAgency: number[]; agencyAgency: number[] };
  /** Users found eligible for an IP and a coordinator, and of those told about it. */
  eligibleUsers: number;
  informedUsers: number;
  /** Coordination hours carried by the other parallel schemes and between schemes (not modelled as agents). */
  otherSchemeHours: number;
  /** Information transfers between parallel schemes (one per pair of schemes per review). */
  schemeTransfers: number;
  /** Hours relatives carried coordinating for eligible users without a coordinator. */
  relativeHours: number;
  /** First contact with a new case: days from assignment, one row per case. */
  firstContactDays: number[];
}

export function emptyCoordinationRecord(poolIds: string[], caseloadCollapse: number, schemes: number): CoordinationRecord {
  return {
    poolIds,
    caseloadCollapse,
    schemes,
    coordinators: { pool: [], start: [], end: [], tenureAtStart: [] },
    weeks: { time: [], coordinator: [], caseload: [], available: [], demanded: [], done: [], strain: [], overServe: [], mode: [], tenure: [] },
    hours: COORD_ACTIVITIES.map(() => 0),
    demandedHours: COORD_ACTIVITIES.map(() => 0),
    urgentHours: { demanded: 0, done: 0 },
    coping: COPING_POLICIES.map(() => 0),
    requests: { user: [], kind: [], reported: [], assigned: [], refusals: [] },
    refusals: { time: [], user: [], service: [], load: [], overridden: [] },
    meetings: { user: [], requested: [], held: [], mode: [], participants: [] },
    orphans: { user: [], kind: [], start: [], end: [] },
    exits: { time: [], coordinator: [], caseload: [] },
    ipWeeks: IP_STATES.map(() => 0),
    ties: { time: [], coordinatorAgency: [], agencyAgency: [] },
    eligibleUsers: 0,
    informedUsers: 0,
    otherSchemeHours: 0,
    schemeTransfers: 0,
    relativeHours: 0,
    firstContactDays: [],
  };
}
