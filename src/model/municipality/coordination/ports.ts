// The narrow ports through which the coordination mechanisms call each other (no mechanism imports another).
// Each mechanism owns the state it writes; others read it, or ask for a change, only through these.
import type { RequestKind } from './coordinationRecord.js';
import type { CoordinationHost } from './coordinationLayer.js';
import type { Coordinator } from './coordinator.js';
import type { CopingPolicies } from './coping.js';
import type { CaseloadWeek } from './caseloadWeek.js';
import type { ContactView } from './contact.js';
import type { PlanView } from './plan.js';
import type { StrainMode } from './strain.js';

/** coordinator.ts: the posts (who is in post, their hours) and turnover. */
export interface RosterPort {
  /** Every coordinator who ever held a post; index = coordinator id. */
  readonly posts: readonly Readonly<Coordinator>[];
  /** Home service of each pool (-1: office-based in the KE). */
  readonly homeIndex: readonly number[];
}

/** assignment.ts: the coordinating unit (KE) and who coordinates whom. */
export interface AssignmentPort {
  /** The user's coordinator id, -1 if none. */
  coordinatorOf(uid: number): number;
  hasCoordinator(uid: number): boolean;
  /** A coordinator's cases (user ids, in the order they were assigned). */
  caseload(k: number): readonly number[];
  /** True if the user is present, has no coordinator and no request at the KE. */
  unplaced(uid: number): boolean;
  isGone(uid: number): boolean;
  request(uid: number, kind: RequestKind): void;
  /** The user outgrew the coordinator's pool: back to the KE as a transition. */
  ageSplit(uid: number): void;
  /** The coordinator left: every case is orphaned and returns to the KE later. */
  orphanCasesOf(k: Readonly<Coordinator>): void;
}

/** eligibility.ts: who is owed an IP and a coordinator, and whether the family hears of the IP. */
export interface EligibilityPort {
  /**
   * Coordinator `k` has had the first contact with the user: true if the family is offered the IP
   * (told, or they asked); false if the coordinator keeps quiet (decided once per coordinator).
   */
  ipOffered(k: number, uid: number): boolean;
}

/** contact.ts: routine contact with each case. */
export interface ContactPort {
  view(uid: number): ContactView;
  attention(uid: number): number;
  /** A coordinator took the case: first contact still to come. */
  caseAssigned(uid: number): void;
  /** This week's own direct work with the case was `directDone` hours. */
  contacted(uid: number, directDone: number, inWindow: boolean): void;
  /** A colleague made this week's visits in part (delegating). */
  delegated(uid: number): void;
  /** The case's visits were delegated within the last `DELEGATION_MEMORY_DAYS`: the overview is thin. */
  recentlyDelegated(uid: number): boolean;
}

/** plan.ts: the individual plans. */
export interface PlansPort {
  view(uid: number): PlanView;
  protection(uid: number): number;
  /** Starts the draft after the first contact, booking its hours on coordinator `k`'s week. */
  draftAfterFirstContact(k: number, uid: number, firstContact: boolean): void;
  /** Spends `hours` of documentation on the week's cases: drafts first, then review write-ups. */
  writeUp(k: number, w: CaseloadWeek, hours: number, load: number): void;
  age(uid: number): void;
  reviewDue(uid: number): boolean;
  reviewConvened(uid: number): void;
  reviewSkipped(uid: number): void;
  reviewHeld(uid: number): void;
}

/** meetings.ts: responsibility groups and reviews. */
export interface MeetingsPort {
  /** Services in the user's responsibility group so far. */
  services(uid: number): readonly number[];
  /** Convenes the reviews that are due among the week's cases. */
  reviewsDue(k: number, w: CaseloadWeek): void;
  /** Drops a pending review (the case changed hands). */
  cancel(uid: number): void;
}

/** ties.ts: boundary spanning. */
export interface TiesPort {
  caseContact(k: number, services: readonly number[], hours: number): void;
  networking(k: number, hours: number): void;
  meetingContact(k: number, services: readonly number[], hours: number, fullGroup: boolean): void;
}

/** strain.ts: strain and fight or flight. */
export interface StrainPort {
  strainOf(k: number): number;
  modeOf(k: number): StrainMode;
  /** The KE overrode a unit leader's refusal: the coordinator starts strained. */
  overruled(k: number): void;
  weekly(k: number, load: number, caseload: number, absorbed: number, hasPeers: boolean, clarity: number): void;
}

/** week.ts: the weekly time budget and the hours booked into it. */
export interface WeekPort {
  /** Last week's load (hours asked / hours available, before coping). */
  loadOf(k: number): number;
  bookMeeting(k: number, hours: number): void;
  bookDocumentation(k: number, hours: number): void;
  unbookDocumentation(k: number, hours: number): void;
}

/** Every port, filled by the layer before the first event fires. A mechanism takes the `Pick` it uses. */
export interface Ports {
  host: CoordinationHost;
  coping: CopingPolicies;
  roster: RosterPort;
  assignment: AssignmentPort;
  eligibility: EligibilityPort;
  contact: ContactPort;
  plans: PlansPort;
  meetings: MeetingsPort;
  ties: TiesPort;
  strain: StrainPort;
  week: WeekPort;
  /** A post was filled: every mechanism with per-coordinator state adds a row. */
  hired(k: number): void;
  /** A user is owed an IP: every mechanism with per-user state adds a row. */
  enrol(uid: number): void;
}
