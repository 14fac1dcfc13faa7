/**
 * Why a user fell between chairs (faller mellom stolene): the causes of domain brief §5. The
 * order is the public order of `betweenChairs.byCause.<cause>` metrics. Model I produces the
 * first four; `returnedAssignment`, `unmetRight` and `orphanedCase` belong to the coordinators of
 * Model II and stay 0 until then.
 */
export const CAUSES = ['unownedNeed', 'droppedBaton', 'transitionGap', 'disengagement', 'returnedAssignment', 'unmetRight', 'orphanedCase'] as const;
export type Cause = (typeof CAUSES)[number];
export const CAUSE_INDEX: Record<Cause, number> = Object.fromEntries(CAUSES.map((c, i) => [c, i])) as Record<Cause, number>;
