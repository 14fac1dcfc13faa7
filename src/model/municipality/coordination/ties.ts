// Boundary spanning: ties between coordinators and services and between services, built by contact, decaying without it.
// Sources: Williams (boundary spanners); Vik & Aarseth 2019 (buffer), Mathisen 2020 (legitimacy); gains and reductions: assumption.
import { pow } from '../../../engine/detmath.js';
import type { Ports, TiesPort } from './ports.js';
import type { CoordinationWorld } from './world.js';

/**
 * Ties (Williams): familiarity between a coordinator and a service, and between two services.
 * A tie rises with contact, tie += gain x (1 - tie), so it saturates at 1, and halves without
 * contact every `halfLifeDays`. Ties cut turf, loss and delay at handoffs (`Ties` below).
 */
export class AgencyTies {
  private readonly m: Float64Array;
  readonly n: number;

  constructor(n: number, initial: number) {
    this.n = n;
    this.m = new Float64Array(n * n).fill(initial);
  }

  get(a: number, b: number): number {
    return a < 0 || b < 0 || a === b ? 0 : this.m[a * this.n + b];
  }

  /** Every pair of the given services met: each tie rises by gain x (1 - tie). */
  meet(services: readonly number[], gain: number): void {
    for (const a of services)
      for (const b of services) {
        if (a === b) continue;
        const i = a * this.n + b;
        this.m[i] += gain * (1 - this.m[i]);
      }
  }

  decay(factor: number): void {
    for (let i = 0; i < this.m.length; i++) this.m[i] *= factor;
  }

  /** Mean tie over ordered pairs of distinct services. */
  mean(): number {
    if (this.n < 2) return 0;
    let s = 0;
    for (let a = 0; a < this.n; a++) for (let b = 0; b < this.n; b++) if (a !== b) s += this.m[a * this.n + b];
    return s / (this.n * (this.n - 1));
  }
}

/** Raises a tie by `hours` of contact at `gainPerHour`, saturating at 1. */
export function strengthen(tie: number, hours: number, gainPerHour: number): number {
  const g = Math.min(1, gainPerHour * hours);
  return tie + g * (1 - tie);
}

/** Weekly decay factor for a half-life in days. */
export function weeklyDecay(halfLifeDays: number): number {
  return pow(2, -7 / halfLifeDays);
}

/**
 * The ties mechanism: owns the service-service ties and each coordinator's ties to the services
 * (a row per coordinator id). Coordination hours go to the case's services, networking hours to
 * all services, meeting hours to the group's services (a full meeting also raises every
 * service-service tie in the group). At a handoff of a coordinated user the tie is
 * max(coordinator->receiver, sender->receiver). Writes `rec.ties`.
 */
export class Ties implements TiesPort {
  private readonly agency: AgencyTies;
  private readonly rows: Float64Array[] = [];
  private readonly nServices: number;
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'roster' | 'assignment' | 'plans'>;

  constructor(world: CoordinationWorld, nServices: number, ports: Pick<Ports, 'roster' | 'assignment' | 'plans'>) {
    this.world = world;
    this.ports = ports;
    this.nServices = nServices;
    this.agency = new AgencyTies(nServices, world.spec.ties.initial);
  }

  addPost(k: number): void {
    if (k !== this.rows.length) throw new Error(`ties: coordinator ${k} hired out of order`);
    this.rows.push(new Float64Array(this.nServices).fill(this.world.spec.ties.initial));
  }

  /** A coordinator's tie to each service (read-only use). */
  row(k: number): Float64Array {
    return this.rows[k];
  }

  agencyTie(a: number, b: number): number {
    return this.agency.get(a, b);
  }

  decayWeek(): void {
    const decay = weeklyDecay(this.world.spec.ties.halfLifeDays);
    this.agency.decay(decay);
    for (const k of this.ports.roster.posts) {
      if (k.gone) continue;
      const row = this.rows[k.id];
      for (let s = 0; s < row.length; s++) row[s] *= decay;
    }
  }

  /** Coordination hours on a case, shared over its services. */
  caseContact(k: number, services: readonly number[], hours: number): void {
    if (services.length === 0 || !(hours > 0)) return;
    const row = this.rows[k];
    const gain = this.world.spec.ties.gainPerHour;
    for (const s of services) row[s] = strengthen(row[s], hours / services.length, gain);
  }

  /** Networking hours, shared over every service. */
  networking(k: number, hours: number): void {
    if (!(hours > 0)) return;
    const row = this.rows[k];
    const gain = this.world.spec.ties.gainPerHour;
    for (let s = 0; s < row.length; s++) row[s] = strengthen(row[s], hours / row.length, gain);
  }

  /** A review held: its hours over the group's services; a full meeting also ties the services to each other. */
  meetingContact(k: number, services: readonly number[], hours: number, fullGroup: boolean): void {
    const row = this.rows[k];
    const nServ = Math.max(1, services.length);
    for (const s of services) row[s] = strengthen(row[s], hours / nServ, this.world.spec.ties.gainPerHour);
    if (fullGroup) this.agency.meet(services, this.world.spec.ties.meetingGain);
  }

  private tie(uid: number, from: number, to: number): number {
    const k = this.ports.assignment.coordinatorOf(uid);
    const own = k >= 0 ? this.rows[k][to] : 0;
    return Math.max(own, this.agency.get(from, to));
  }

  /** Multipliers on loss probabilities and delay of a handoff: ties and an active IP cut them. */
  handoffFactors(uid: number, from: number, to: number): { loss: number; delay: number } {
    const t = this.tie(uid, from, to);
    const ip = this.ports.plans.protection(uid);
    const ties = this.world.spec.ties;
    return { loss: (1 - ties.lossReduction * t) * (1 - ip), delay: 1 - ties.delayReduction * t };
  }

  /** Multiplier on a service's turf against this user's referral: ties cut it; a coordinator is a buffer, legitimacy helps. */
  turfFactor(uid: number, from: number, to: number): number {
    const spec = this.world.spec;
    let f = 1 - spec.ties.turfReduction * this.tie(uid, from, to);
    const k = this.ports.assignment.coordinatorOf(uid);
    if (k >= 0) f = (f * (1 + spec.bufferTurfIncrease)) / this.ports.roster.posts[k].spec.legitimacy;
    return f;
  }

  /** Weekly means: coordinator-service over the coordinators in post, and service-service. */
  recordWeek(inWindow: boolean): void {
    if (!inWindow) return;
    const t = this.world.rec.ties;
    t.time.push(this.world.sim.now);
    let s = 0;
    let inPost = 0;
    for (const k of this.ports.roster.posts) {
      if (k.gone) continue;
      const row = this.rows[k.id];
      let tk = 0;
      for (let i = 0; i < row.length; i++) tk += row[i];
      s += tk / Math.max(1, row.length);
      inPost++;
    }
    t.coordinatorAgency.push(inPost > 0 ? s / inPost : NaN);
    t.agencyAgency.push(this.agency.mean());
  }
}
