/**
 * A coordination design (relay, integrated team, pathway) as one strategy behind one small
 * interface: Model I asks it at a few named points and otherwise runs the same. docs/model.md §4.
 */
import type { DesignSpec, MunicipalitySpec, ServiceSpec } from '../../../scenario/schema.js';
import type { Need, Ports, ServiceState, User, World } from '../world.js';

export interface Design {
  /** Default channel for handoffs. */
  readonly channel: DesignSpec['channel'];
  /** Services the design adds to the municipality's own (the integrated team). */
  readonly extraServices: ServiceSpec[];
  /** Hours per week taken from a service's capacity before any case work (team meetings). */
  capacityDeductionHoursPerWeek(serviceId: string): number;
  /** Mean days until a lost referral to service `to` is noticed, given the usual mean. */
  lostReferralNoticedDays(usualMean: number, to: number): number;
  /** Share of full effectiveness of a service now (the team's ramp-up); durations are divided by it. */
  effectiveness(s: ServiceState): number;
  /** A closed need re-opens: true when the design takes it straight back (the team's follow-up window). */
  reopen(u: User, n: Need): boolean;
  /** A need joined service `s`'s intake queue. */
  queued(n: Need, s: ServiceState): void;
  /** A need left service `s`'s intake queue (admitted, or its user left). */
  dequeued(n: Need, s: ServiceState): void;
  /** A need is done with its station before work starts: decided, gone after a no-show, or its user left. */
  stationLeft(n: Need): void;
  /** Registers the design's own events and schedules those at day 0; called once, after Model I is built. */
  install(w: World, p: Ports): void;
}

/** What a design does by default: nothing beyond the relay of legs. Designs override what they change. */
export function baseDesign(spec: MunicipalitySpec): Design {
  return {
    channel: spec.design.channel,
    extraServices: [],
    capacityDeductionHoursPerWeek: () => 0,
    lostReferralNoticedDays: (usualMean) => usualMean,
    effectiveness: () => 1,
    reopen: () => false,
    queued: () => {},
    dequeued: () => {},
    stationLeft: () => {},
    install: () => {},
  };
}
