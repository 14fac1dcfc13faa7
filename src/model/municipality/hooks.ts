/**
 * Extension points of Model I. Model II (coordination/install.ts) plugs into these by name, as
 * forces do in d3-force; with none installed Model I runs alone. docs/model.md §6 and §9.
 */
import type { MunicipalitySnapshot } from './snapshot.js';

/** Factors a plug-in applies to one handoff's loss probability and delay. */
export interface HandoffFactors {
  loss: number;
  delay: number;
}

/**
 * Each hook is null until something plugs into it. Model I asks "is anyone there?" before calling,
 * so a run without coordinators does exactly what it did before the hooks existed.
 */
export interface Hooks {
  /** A need enters the service system (a new episode); `needCount` is the user's number of needs. */
  needEntered: ((user: number, needCount: number) => void) | null;
  /** A referral is about to be sent to `to`; the returned factors scale its loss and delay. */
  handoff: ((user: number, from: number, to: number) => HandoffFactors) | null;
  /** Multiplies a service's turf (chance of refusing at the door). */
  turfFactor: ((user: number, from: number, to: number) => number) | null;
  /** A service refused the user at the door. */
  refused: ((user: number) => void) | null;
  /** The user had a crisis. */
  crisis: ((user: number) => void) | null;
  /** The user left. */
  userLeft: ((user: number) => void) | null;
  /** Days until someone chases an unowned need for this user (Infinity: nobody). */
  chaseDelay: ((user: number) => number) | null;
  /** Someone reaches out to a user who gave up (a coordinator). */
  reachesOut: ((user: number) => boolean) | null;
  /** The user's plan is adjusted at once after a crisis (an active individual plan). */
  adjustsPlan: ((user: number) => boolean) | null;
  /** The live view: a user's coordinator (-1: none). */
  coordinatorOf: ((user: number) => number) | null;
  /** The live view: the coordinators in post. */
  coordinatorsInPost: (() => MunicipalitySnapshot['coordinators']) | null;
  /** The plug-in's own invariant problems at the end of a run. */
  check: (() => string[]) | null;
}

export function noHooks(): Hooks {
  return { needEntered: null, handoff: null, turfFactor: null, refused: null, crisis: null, userLeft: null, chaseDelay: null, reachesOut: null, adjustsPlan: null, coordinatorOf: null, coordinatorsInPost: null, check: null };
}
