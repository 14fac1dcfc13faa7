import { EXIT_REASONS, type MunicipalityRecord } from './record.js';

/** End-of-run state the record does not hold, for cross-checks. */
export interface EndState {
  activeUsers: number;
  queueLengths: number[];
  used: number[];
  occupyingByService: number[];
  occupyingCounted: number[];
  queuedCounted: number[];
  unownedOpen: number;
  now: number;
  /** Model II self-check: coordinators' case lists agree with their users. */
  coordinationProblems: string[];
}

export class InvariantError extends Error {
  constructor(message: string) {
    super(`koordsim invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}

/**
 * Checks every run ends consistent; throws loudly otherwise (a bug, never bad input): every user
 * that arrived is accounted for exactly once (active, or exited for one reason); no negative queue
 * or capacity; every queued or occupying need is where the service thinks it is; time never went
 * back in any log.
 */
export function checkInvariants(r: MunicipalityRecord, end: EndState): void {
  const n = r.users.arrival.length;
  let exited = 0;
  for (let i = 0; i < n; i++) {
    const reason = r.users.exitReason[i];
    const t = r.users.exitTime[i];
    if (reason === -1) {
      if (!Number.isNaN(t)) throw new InvariantError(`user ${i} has an exit time but no reason`);
    } else {
      if (reason < 0 || reason >= EXIT_REASONS.length) throw new InvariantError(`user ${i} has exit reason ${reason}`);
      if (!(t >= r.users.arrival[i]) || t > r.horizonDays) throw new InvariantError(`user ${i} left at ${t}, arrived at ${r.users.arrival[i]}`);
      exited++;
    }
  }
  if (exited + end.activeUsers !== n) throw new InvariantError(`${n} users arrived but ${exited} left and ${end.activeUsers} are active`);
  end.queueLengths.forEach((q, s) => {
    if (q < 0) throw new InvariantError(`negative queue at ${r.serviceIds[s]}`);
    if (q !== end.queuedCounted[s]) throw new InvariantError(`${r.serviceIds[s]} queue holds ${q} but ${end.queuedCounted[s]} needs are queued there`);
  });
  end.used.forEach((u, s) => {
    if (u < 0) throw new InvariantError(`negative hours in use at ${r.serviceIds[s]}`);
    if (end.occupyingByService[s] !== end.occupyingCounted[s]) throw new InvariantError(`${r.serviceIds[s]} counts ${end.occupyingByService[s]} cases but ${end.occupyingCounted[s]} needs are there`);
    if (end.occupyingByService[s] === 0 && u > 1e-6) throw new InvariantError(`${r.serviceIds[s]} has ${u} hours in use and no case`);
  });
  const monotone = (xs: number[], what: string) => {
    for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) throw new InvariantError(`time went back in ${what} at row ${i}`);
  };
  monotone(r.users.arrival, 'arrivals');
  monotone(r.handoffs.time, 'handoffs');
  monotone(r.betweenChairs.time, 'between-chairs events');
  monotone(r.rejections.time, 'rejections');
  if (end.now !== r.horizonDays) throw new InvariantError(`run ended at ${end.now}, horizon ${r.horizonDays}`);
  for (let i = 0; i < r.spells.start.length; i++) {
    if (r.spells.end[i] < r.spells.start[i]) throw new InvariantError(`between-chairs spell ${i} ends before it starts`);
  }
  const us = r.unownedSpells;
  for (let i = 0; i < us.start.length; i++) {
    if (!(us.end[i] >= us.start[i])) throw new InvariantError(`between-chairs spell of one cause ${i} ends before it starts or never ends`);
  }
  if (end.coordinationProblems.length > 0) throw new InvariantError(end.coordinationProblems.slice(0, 3).join('; '));
  if (r.coordination) {
    const c = r.coordination;
    monotone(c.refusals.time, 'assignment refusals');
    monotone(c.exits.time, 'coordinator exits');
    for (let i = 0; i < c.requests.user.length; i++) if (c.requests.assigned[i] < c.requests.reported[i]) throw new InvariantError(`coordinator request ${i} assigned before it was made`);
    for (let i = 0; i < c.orphans.start.length; i++) if (c.orphans.end[i] < c.orphans.start[i]) throw new InvariantError(`orphaned case ${i} ends before it starts`);
    for (let i = 0; i < c.weeks.strain.length; i++) if (!(c.weeks.strain[i] >= 0 && c.weeks.strain[i] <= 1)) throw new InvariantError(`strain ${c.weeks.strain[i]} outside [0, 1]`);
  }
  if (r.spells.end.filter((e) => e === r.horizonDays).length < end.unownedOpen) throw new InvariantError('open between-chairs spells were not closed at the horizon');
}
