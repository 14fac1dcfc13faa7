/**
 * What keeps a spell between chairs open, and how spells end besides a service taking the need
 * back (domain brief §5: "spells end too"; docs/model.md §5). The cause (causes.ts) is what made
 * something lose its owner; the reason is what keeps it without one, and it can change while the
 * spell lasts (a refused need of a user who then drops out is kept there by the dropping out).
 * The order is the public order of the `betweenChairs.longSpellsByReason.<reason>` metrics.
 */
import type { Cause } from './causes.js';

export const SPELL_REASONS = [
  /** No service's mandate covers the need (a grey zone): nobody can take it. */
  'noMandate',
  /** Refused at the door or turned down at a later leg: it waits to be sent again. */
  'refused',
  /** The referral was lost on its way: it waits for someone to notice. */
  'lostReferral',
  /** No successor: the age limit ended the service, or the coordinator left or was handed back. */
  'noSuccessor',
  /** The user dropped out and nobody has reached out yet. */
  'disengaged',
  /** Owed a coordinator or a plan that nobody has offered. */
  'notOffered',
  /** The coordinating unit's assignment was refused again and again. */
  'returned',
] as const;
export type SpellReason = (typeof SPELL_REASONS)[number];
export const REASON_INDEX: Record<SpellReason, number> = Object.fromEntries(SPELL_REASONS.map((r, i) => [r, i])) as Record<SpellReason, number>;

/** The reason a spell of this cause is kept open, when the mechanism that opens it says nothing more. */
export const REASON_OF_CAUSE: Record<Cause, SpellReason> = {
  unownedNeed: 'refused',
  droppedBaton: 'lostReferral',
  transitionGap: 'noSuccessor',
  disengagement: 'disengaged',
  returnedAssignment: 'returned',
  unmetRight: 'notOffered',
  orphanedCase: 'noSuccessor',
};

/** How a need's spell ended other than by a service owning the need again, or a user found again. */
export const SPELL_ENDINGS = [
  /** A need nobody worked on lapsed: met elsewhere, or the user stopped asking (lapse.ts). */
  'lapsed',
  /** Relatives or a coordinator re-raised a grey-zone need with the leadership (reRaise.ts). */
  'reRaised',
  /** ... and the leadership had it met across mandates (reRaise.ts). */
  'directed',
  /** A user who had dropped out was found again (reengagement.ts). */
  'reengaged',
] as const;
export type SpellEnding = (typeof SPELL_ENDINGS)[number];
