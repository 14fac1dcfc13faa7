// Coordinator posts: the hours a post gives, role clarity with tenure, hiring, turnover and vacancies.
// Sources: Vik & Aarseth 2019, Florell 2022 (add-on hours reclaimed); Systad 2021 (turnover); hazards, vacancies, clarity: assumption.
import { bernoulli, exponential, uniform } from '../../../engine/distributions.js';
import { exp } from '../../../engine/detmath.js';
import type { CoordinationSpec, CoordinatorPoolSpec } from '../../../scenario/coordinationSchema.js';
import type { Ports, RosterPort } from './ports.js';
import type { CoordinationWorld } from './world.js';

export const HOURS_PER_FTE_WEEK = 37.5; // Norwegian full-time week (general knowledge)

/** Role clarity rises from the novice level towards 1 with tenure (time constant 2 years, assumption). */
export function roleClarity(novice: number, tenureYears: number): number {
  return 1 - (1 - novice) * exp(-tenureYears / 2);
}

/** Chance of leaving within one week: the yearly hazard scaled linearly up to `strainMultiplier` at strain 1. */
export function weeklyTurnoverProbability(t: CoordinationSpec['turnover'], strain: number): number {
  const rate = t.hazardPerYear * (1 + (t.strainMultiplier - 1) * strain);
  return 1 - exp((-rate * 7) / 365);
}

/**
 * One coordinator in post: a street-level bureaucrat with a post in a pool, and tenure. A post
 * whose holder left stays in the roster as `gone`; a novice fills it later as a new coordinator.
 * What the coordinator carries (cases, strain, ties, the week's load) is owned by the mechanisms
 * that write it, indexed by `id`.
 */
export class Coordinator {
  readonly id: number;
  readonly pool: number;
  readonly spec: CoordinatorPoolSpec;
  readonly start: number;
  readonly tenureAtStart: number;
  gone = false;

  constructor(id: number, pool: number, spec: CoordinatorPoolSpec, start: number, tenureAtStart: number) {
    this.id = id;
    this.pool = pool;
    this.spec = spec;
    this.start = start;
    this.tenureAtStart = tenureAtStart;
  }

  tenureYears(now: number): number {
    return this.tenureAtStart + (now - this.start) / 365;
  }

  /**
   * Experience in the role: tenure, plus `speedUp` times the mentored part of it (the first
   * `noviceYears`) when the pool has a mentoring scheme (Rorgemoen 2020's fadderordning; assumption).
   */
  experienceYears(now: number): number {
    const t = this.tenureYears(now);
    const m = this.spec.mentoring;
    return m === null ? t : t + m.speedUp * Math.min(t, m.noviceYears);
  }

  /** A novice with a mentor: tenure below the scheme's `noviceYears`. */
  mentored(now: number): boolean {
    return this.spec.mentoring !== null && this.tenureYears(now) < this.spec.mentoring.noviceYears;
  }

  clarity(now: number): number {
    return roleClarity(this.spec.roleClarity, this.experienceYears(now));
  }

  /** Coordination hours of the post per week, before the home unit reclaims any. */
  nominalHours(): number {
    return this.spec.postFte * HOURS_PER_FTE_WEEK * this.spec.coordinationShare;
  }

  /** Hours this week: an add-on role loses `reclaim` x home load of them to its home unit. */
  availableHours(homeLoad: number, reclaim: number): number {
    const base = this.nominalHours();
    if (this.spec.homeService === null || this.spec.coordinationShare >= 1) return base;
    return base * (1 - reclaim * Math.min(1, Math.max(0, homeLoad)));
  }
}

/**
 * The roster: hires the pools at the start (tenure drawn uniform in the pool's range), draws each
 * week who leaves (after the week's work), hands a leaver's cases to the KE as orphans, and fills
 * the post with a novice after exponential(`vacancyDays`). Writes `rec.coordinators` and `rec.exits`.
 */
export class Roster implements RosterPort {
  readonly posts: Coordinator[] = [];
  readonly homeIndex: readonly number[];
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'assignment' | 'strain' | 'hired'>;

  constructor(world: CoordinationWorld, serviceIds: readonly string[], ports: Pick<Ports, 'assignment' | 'strain' | 'hired'>) {
    this.world = world;
    this.ports = ports;
    this.homeIndex = world.spec.pools.map((p) => (p.homeService === null ? -1 : serviceIds.indexOf(p.homeService)));
  }

  /** The pools at the start of the run. */
  hireInitial(): void {
    const rTenure = this.world.streams.tenure;
    this.world.spec.pools.forEach((p, pi) => {
      for (let i = 0; i < p.count; i++) this.hire(pi, uniform(rTenure, p.tenureYears.min, Math.max(p.tenureYears.min, p.tenureYears.max) + 1e-9));
    });
  }

  /** A vacant post of the pool is filled by a novice. */
  fill(pool: number): void {
    this.hire(pool, 0);
  }

  /** After the week's work: each coordinator in post leaves with the week's turnover chance. */
  turnoverWeek(): void {
    const { spec, streams } = this.world;
    for (const k of this.posts) if (!k.gone && bernoulli(streams.turnover, weeklyTurnoverProbability(spec.turnover, this.ports.strain.strainOf(k.id)))) this.leave(k);
  }

  private hire(pool: number, tenure: number): Coordinator {
    const now = this.world.sim.now;
    const k = new Coordinator(this.posts.length, pool, this.world.spec.pools[pool], now, tenure);
    this.posts.push(k);
    const r = this.world.rec.coordinators;
    r.pool.push(pool);
    r.start.push(now);
    r.end.push(NaN);
    r.tenureAtStart.push(tenure);
    this.ports.hired(k.id);
    return k;
  }

  private leave(k: Coordinator): void {
    const { sim, rec, spec, streams } = this.world;
    k.gone = true;
    rec.coordinators.end[k.id] = sim.now;
    const x = rec.exits;
    if (this.world.inWindow()) {
      x.time.push(sim.now);
      x.coordinator.push(k.id);
      x.caseload.push(this.ports.assignment.caseload(k.id).length);
    }
    this.ports.assignment.orphanCasesOf(k);
    const v = spec.coordinatingUnit.vacancyDays;
    const t = v > 0 ? exponential(streams.turnover, v) : 0;
    if (sim.now + t <= this.world.horizonDays) sim.schedule(t, this.world.events.postFilled, k.pool);
  }
}
