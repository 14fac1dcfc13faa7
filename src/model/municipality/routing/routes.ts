import type { MunicipalitySpec } from '../../../scenario/schema.js';

/** What a service does in one leg of a route. */
export const LEG_ACTIVITIES = ['decide', 'assess', 'deliver', 'evaluate'] as const;
export type LegActivity = (typeof LEG_ACTIVITIES)[number];

/** Caseworker hours per week a case takes while a decision leg handles it (assumption). */
export const DECIDE_HOURS_PER_WEEK = 1;

/** One leg of a need's route: an intake queue, an assessment and decision, then work. */
export interface LegPlan {
  service: number;
  activity: LegActivity;
  /** Mean days of work; NaN means the need's episode length. */
  days: number;
  /** Hours per week; NaN means the need's hours. */
  hoursPerWeek: number;
}

/**
 * The coordination design as a routing strategy: for each need type, the legs it passes through.
 * Relay and pathway designs use their routes (a stafettløp of legs); the integrated team owns its
 * need types in one leg, with a handoff only at entry and, optionally, at exit. Need types with no
 * route go to the first service whose mandate accepts them; a type nobody accepts has no route (a
 * grey zone). Under purchaser-provider governance, a decision leg at the purchaser unit comes
 * first on every route into municipal services.
 */
export class Routing {
  private readonly routes = new Map<string, LegPlan[] | null>();
  readonly teamService: number;

  constructor(spec: MunicipalitySpec, serviceIndex: ReadonlyMap<string, number>) {
    const idx = (id: string) => {
      const i = serviceIndex.get(id);
      if (i === undefined) throw new Error(`unknown service "${id}"`);
      return i;
    };
    const design = spec.design;
    const purchaser = spec.governance.regime === 'purchaserProvider' && spec.governance.purchaser !== null ? idx(spec.governance.purchaser) : -1;
    // The purchaser decides on the need types in its own mandate (`accepts`), nothing else: NAV,
    // GP or school referrals do not pass through a tildelingskontor.
    const decides = new Set(purchaser >= 0 ? spec.services[purchaser].accepts : []);
    const withPurchaser = (legs: LegPlan[], type: string): LegPlan[] => {
      if (purchaser < 0 || !decides.has(type) || legs.length === 0 || legs[0].service === purchaser) return legs;
      return [{ service: purchaser, activity: 'decide', days: 0, hoursPerWeek: DECIDE_HOURS_PER_WEEK }, ...legs];
    };
    this.teamService = design.kind === 'team' ? idx(design.team.id) : -1;

    const needTypes = new Set(spec.userGroups.flatMap((g) => g.needs.map((n) => n.type)));
    if (design.kind === 'team') {
      const t = design.team;
      for (const type of t.needTypes) {
        const legs: LegPlan[] = [{ service: this.teamService, activity: 'assess', days: NaN, hoursPerWeek: NaN }];
        if (t.exitTo !== null) legs.push({ service: idx(t.exitTo), activity: 'deliver', days: t.exitDays, hoursPerWeek: NaN });
        this.routes.set(type, withPurchaser(legs, type));
      }
    } else {
      for (const r of design.routes) {
        const legs = r.legs.map((l) => ({
          service: idx(l.service),
          activity: l.activity,
          days: l.days ?? (l.activity === 'deliver' ? NaN : l.activity === 'decide' ? 0 : 7),
          // A decision leg books caseworker time, not the need's care hours (docs/model.md §4.2),
          // whether the purchaser's leg is added by governance or written in the route.
          hoursPerWeek: l.hoursPerWeek ?? (l.activity === 'decide' ? DECIDE_HOURS_PER_WEEK : NaN),
        }));
        for (const type of r.needTypes) this.routes.set(type, withPurchaser(legs, type));
      }
    }
    for (const type of needTypes) {
      if (this.routes.has(type)) continue;
      const candidates = spec.services.flatMap((sv, i) => (sv.accepts.includes(type) && i !== purchaser ? [i] : []));
      this.defaults.set(type, candidates);
      this.routes.set(type, candidates.length === 0 ? null : withPurchaser([{ service: candidates[0], activity: 'deliver', days: NaN, hoursPerWeek: NaN }], type));
    }
    this.maxAge = spec.services.map((sv) => sv.maxAgeYears);
    this.withPurchaser = withPurchaser;
  }

  private readonly defaults = new Map<string, number[]>();
  private readonly maxAge: Array<number | null>;
  private readonly withPurchaser: (legs: LegPlan[], type: string) => LegPlan[];

  /**
   * The legs for a need type, or null if no service accepts it (grey zone). A need routed by
   * mandate goes to the first accepting service whose age limit the user has not passed.
   */
  routeFor(type: string, age = 0): LegPlan[] | null {
    const route = this.routes.get(type) ?? null;
    const defaults = this.defaults.get(type);
    if (route === null || defaults === undefined) return route;
    const fits = defaults.find((s) => this.maxAge[s] === null || age < this.maxAge[s]!);
    if (fits === undefined || fits === defaults[0]) return route;
    return this.withPurchaser([{ service: fits, activity: 'deliver', days: NaN, hoursPerWeek: NaN }], type);
  }
}
