// Routine contact with a case: first contact, attention, noticing and chasing unowned needs, urgency after a crisis.
// Sources: Florell 2022 (the coordinator takes up what nobody owns); the contact interval and the 14 urgent days: assumption.
import { exponential } from '../../../engine/distributions.js';
import { ByUser } from './byUser.js';
import type { ContactPort, Ports } from './ports.js';
import type { CoordinationWorld } from './world.js';

export const URGENT_DAYS = 14; // a crisis makes a user urgent for two weeks (assumption)
export const DELEGATION_MEMORY_DAYS = 28; // a delegated visit thins the overview for four weeks (assumption)

/** Contact with one user owed an IP; it outlives a change of coordinator. */
export interface ContactView {
  /** The current coordinator has had a first contact with the user. */
  readonly firstContact: boolean;
  /** Own routine direct work last week relative to the nominal (0-1): how soon problems are noticed. */
  readonly attention: number;
  /** When the current coordinator took the case. */
  readonly assignedAt: number;
  /** Urgent (extra direct work) until this day, after a crisis. */
  readonly urgentUntil: number;
  /** Last day a colleague made some of the visits (delegating); -Infinity if never. */
  readonly delegatedAt: number;
}

type CaseContact = { -readonly [K in keyof ContactView]: ContactView[K] };

/**
 * A case's attention is its own routine direct work done over `directHoursPerCase`. The
 * coordinator notices an unowned need or a lost referral at a routine contact: after
 * exponential(`contactIntervalDays` / attention) days (never below attention 0.05), at once and
 * hard in fight mode (interval / 2), never in flight mode or without a coordinator.
 * Writes `rec.firstContactDays`.
 */
export class Contact implements ContactPort {
  private readonly byUser = new ByUser<CaseContact>();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'assignment' | 'strain'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'assignment' | 'strain'>) {
    this.world = world;
    this.ports = ports;
  }

  enrol(uid: number): void {
    this.byUser.set(uid, { firstContact: false, attention: 0.5, assignedAt: NaN, urgentUntil: -Infinity, delegatedAt: -Infinity });
  }

  view(uid: number): ContactView {
    return this.byUser.get(uid)!;
  }

  attention(uid: number): number {
    return this.byUser.get(uid)!.attention;
  }

  caseAssigned(uid: number): void {
    const c = this.byUser.get(uid)!;
    c.assignedAt = this.world.sim.now;
    c.firstContact = false;
    c.attention = 0.5;
  }

  onCrisis(uid: number): void {
    const c = this.byUser.get(uid);
    if (c) c.urgentUntil = this.world.sim.now + URGENT_DAYS;
  }

  contacted(uid: number, directDone: number, inWindow: boolean): void {
    const c = this.byUser.get(uid)!;
    const w = this.world.spec.work;
    const nominal = w.directHoursPerCase;
    c.attention = nominal > 0 ? Math.min(1, directDone / nominal) : 1;
    if (!c.firstContact && (directDone > 0 || (w.firstContactHours === 0 && nominal === 0))) {
      c.firstContact = true;
      if (inWindow) this.world.rec.firstContactDays.push(this.world.sim.now - c.assignedAt);
    }
  }

  delegated(uid: number): void {
    this.byUser.get(uid)!.delegatedAt = this.world.sim.now;
  }

  recentlyDelegated(uid: number): boolean {
    const c = this.byUser.get(uid);
    return !!c && this.world.sim.now - c.delegatedAt <= DELEGATION_MEMORY_DAYS;
  }

  /** Days until the user's coordinator notices an unowned need or a lost referral and chases it; Infinity if never. */
  chaseDelay(uid: number): number {
    const k = this.ports.assignment.coordinatorOf(uid);
    if (k < 0) return Infinity;
    const mode = this.ports.strain.modeOf(k);
    if (mode === 'flight') return Infinity;
    const interval = this.world.spec.work.contactIntervalDays;
    const rChase = this.world.streams.chase;
    if (mode === 'fight') return exponential(rChase, interval / 2);
    const attention = this.byUser.get(uid)!.attention;
    if (attention < 0.05) return Infinity;
    return exponential(rChase, interval / attention);
  }
}
