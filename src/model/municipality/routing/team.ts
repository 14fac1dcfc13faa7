/**
 * The integrated team: members share the case, assess jointly, meet on a cadence, are pulled back
 * by home units, ramp up, and take re-opened needs straight back. Vabø 2019; Ramsdal 2019; docs/model.md §4.4.
 */
import { bernoulli } from '../../../engine/distributions.js';
import type { MunicipalitySpec, ServiceSpec } from '../../../scenario/schema.js';
import { HOURS_PER_FTE_WEEK, NS, type Need, type Ports, type ServiceState, type User, type World } from '../world.js';
import { baseDesign, type Design } from './design.js';

type TeamSpec = Extract<MunicipalitySpec['design'], { kind: 'team' }>['team'];

export function teamDesign(spec: MunicipalitySpec, team: TeamSpec): Design {
  const members = team.memberFte.reduce((a, b) => a + b, 0);
  const teamService: ServiceSpec = {
    id: team.id,
    label: 'Integrated team',
    level: 'municipal',
    accepts: team.needTypes,
    staffFte: members,
    directShare: team.directShare,
    priority: 'fifo',
    assessmentDays: team.jointAssessmentDays,
    decisionDelayDays: 0,
    eligibleBelowFunction: team.eligibleBelowFunction,
    eligibleAboveFunction: team.eligibleAboveFunction,
    annualCap: null,
    turf: 0,
    maxAgeYears: null,
    outreach: true,
    pushBack: null,
  };
  const meetingHoursPerWeek = (team.meetingHours * team.memberFte.length * 7) / team.meetingEveryDays;
  const rampDays = team.rampUpDays / (members / team.memberFte.length);
  let w: World | null = null;
  let p: Ports | null = null;
  let teamIndex = -1;

  return {
    ...baseDesign(spec),
    extraServices: [teamService],
    capacityDeductionHoursPerWeek: (id) => (id === team.id ? meetingHoursPerWeek : 0),
    /** Ramp-up: e(t) = min(1, 0.5 + 0.5 t / R), R = rampUpDays / mean member share (Ramsdal 2019). */
    effectiveness: (s: ServiceState) => (s.isTeam && rampDays > 0 ? Math.min(1, 0.5 + (0.5 * w!.sim.now) / rampDays) : 1),
    /** Follow-up: within `followUpDays` the team adjusts the plan and puts the need at the front of its queue. */
    reopen(u: User, n: Need): boolean {
      const { sim, rec, trace, services, routing } = w!;
      if (teamIndex < 0 || !services[teamIndex].accepts.has(n.spec.type) || sim.now - n.closedAt > team.followUpDays) return false;
      rec.planAdjustments.time.push(sim.now);
      rec.planAdjustments.user.push(u.id);
      trace.add(sim.now, u.id, 'planAdjusted', teamIndex, n.index);
      n.episodeReferral = sim.now;
      n.episodeServed = false;
      const route = routing.routeFor(n.spec.type, u.ageAt(sim.now))!;
      n.route = route.slice(Math.max(0, route.findIndex((l) => l.service === teamIndex))); // no purchaser decision for an adjustment
      n.leg = 0;
      n.tried = [];
      n.planStale = false;
      n.infoLost = false;
      n.state = NS.Queued;
      n.at = teamIndex;
      services[teamIndex].enqueueFront(n);
      p!.tryAdmit(services[teamIndex]);
      return true;
    },
    /** Weekly: meetings booked as hours, and part-time members pulled back by their home units for the week. */
    install(world: World, ports: Ports) {
      w = world;
      p = ports;
      teamIndex = world.routing.teamService;
      if (teamIndex < 0) return;
      const { sim, T } = world;
      const ts = world.services[teamIndex];
      const rTeam = world.streams.team;
      const memberHours = team.memberFte.map((fte) => fte * HOURS_PER_FTE_WEEK * team.directShare);
      const TEAM_WEEK = sim.register('teamWeek', () => {
        ports.addLumpHours(teamIndex, 'meetings', sim.now, meetingHoursPerWeek);
        let pulled = 0;
        for (let m = 0; m < team.memberFte.length; m++) {
          const share = team.memberFte[m];
          if (share < 1 && bernoulli(rTeam, team.pullBackPerWeek * (1 - share))) pulled += memberHours[m];
        }
        ts.pulledHours = pulled;
        ts.recomputeCapacity();
        ports.tryAdmit(ts);
        if (sim.now + 7 <= T) sim.schedule(7, TEAM_WEEK);
      });
      sim.schedule(0, TEAM_WEEK);
    },
  };
}
