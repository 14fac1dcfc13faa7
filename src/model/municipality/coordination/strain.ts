// Strain: built by overload, caseload, absorbed tasks and blocked advocacy, relieved by peers and experience; fight or flight.
// Sources: Rorgemoen 2020, Florell 2022 (experience, peers, fight or flight); the gains and rates: assumption.
import { bernoulli } from '../../../engine/distributions.js';
import type { CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { Ports, StrainPort } from './ports.js';
import type { CoordinationWorld } from './world.js';

type StrainSpec = CoordinationSpec['strain'];

/** Fight or flight mode of a strained coordinator (Florell 2022); STRAIN_MODES in the record. */
export type StrainMode = 'normal' | 'fight' | 'flight';

/** What one coordinator's week did to them. */
export interface StrainWeek {
  /** Hours asked / hours available, before coping. */
  load: number;
  caseload: number;
  /** Unowned needs the coordinator absorbed this week. */
  absorbed: number;
  tenureYears: number;
  hasPeers: boolean;
  /** Coordination hours of the post per week (scales the onset caseload). */
  postHours: number;
}

/** Caseload where emotional strain starts, scaled up for posts with more coordination hours. */
export function onsetCaseload(s: StrainSpec, postHours: number): number {
  return s.onsetCaseload * Math.max(1, postHours / s.onsetHoursPerWeek);
}

/** Factor on strain gains: experience damps them by `experienceDamping` per year, down to the floor. */
export function experienceFactor(s: StrainSpec, tenureYears: number): number {
  return Math.max(s.experienceFloor, 1 - s.experienceDamping * tenureYears);
}

/**
 * Next week's strain (0-1): sustained overload, cases above the onset caseload and absorbed
 * tasks add to it, damped by experience; below full load it recovers, faster with peers.
 */
export function nextStrain(strain: number, w: StrainWeek, s: StrainSpec): number {
  const gain = s.overloadGain * Math.max(0, w.load - 1) + s.perCaseAboveOnset * Math.max(0, w.caseload - onsetCaseload(s, w.postHours)) + s.absorbedPerNeed * w.absorbed;
  let next = strain + experienceFactor(s, w.tenureYears) * gain;
  if (w.load < 1) next -= s.recoveryPerWeek * (w.hasPeers ? 1 + s.peerRelief : 1);
  return next < 0 ? 0 : next > 1 ? 1 : next;
}

/**
 * Each coordinator's strain (0-1) and mode, indexed by coordinator id. Weekly: `nextStrain`, then
 * fight or flight above `fightFlightStrain` (policy `fightFlight`; fight with chance
 * min(1, 2 x fightShare x role clarity)) until strain falls 0.1 below it. Between weeks: blocked
 * advocacy (a refused referral of a coordinated user, doubled in fight mode) and a KE override.
 */
export class Strain implements StrainPort {
  private readonly level: number[] = [];
  private readonly modes: StrainMode[] = [];
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'roster' | 'coping'>;
  private readonly week: StrainWeek = { load: 0, caseload: 0, absorbed: 0, tenureYears: 0, hasPeers: false, postHours: 0 };

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'roster' | 'coping'>) {
    this.world = world;
    this.ports = ports;
  }

  addPost(k: number): void {
    if (k !== this.level.length) throw new Error(`strain: coordinator ${k} hired out of order`);
    this.level.push(0);
    this.modes.push('normal');
  }

  strainOf(k: number): number {
    return this.level[k];
  }

  modeOf(k: number): StrainMode {
    return this.modes[k];
  }

  weekly(k: number, load: number, caseload: number, absorbed: number, hasPeers: boolean, clarity: number): void {
    const { spec, sim, streams } = this.world;
    const post = this.ports.roster.posts[k];
    const coping = this.ports.coping;
    const cp = spec.coping;
    const w = this.week;
    w.load = load;
    w.caseload = caseload;
    w.absorbed = absorbed;
    w.tenureYears = post.experienceYears(sim.now);
    w.hasPeers = hasPeers;
    w.postHours = post.nominalHours();
    const s = (this.level[k] = nextStrain(this.level[k], w, spec.strain));
    if (this.modes[k] === 'normal' && s > cp.fightFlightStrain && coping.enabled('fightFlight') && coping.chooses('fightFlight', k)) {
      this.modes[k] = bernoulli(streams.coordination, Math.min(1, cp.fightShare * 2 * clarity)) ? 'fight' : 'flight';
    } else if (this.modes[k] !== 'normal' && s < cp.fightFlightStrain - 0.1) this.modes[k] = 'normal';
  }

  /** A service refused the coordinated user's referral: the coordinator's advocacy was blocked. */
  advocacyBlocked(k: number): void {
    const s = this.world.spec.strain;
    const tenure = this.ports.roster.posts[k].experienceYears(this.world.sim.now);
    this.level[k] = Math.min(1, this.level[k] + experienceFactor(s, tenure) * s.blockedAdvocacy * (this.modes[k] === 'fight' ? 2 : 1));
  }

  overruled(k: number): void {
    this.level[k] = Math.min(1, this.level[k] + this.world.spec.strain.blockedAdvocacy);
  }
}
