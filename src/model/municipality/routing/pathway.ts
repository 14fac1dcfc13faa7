/**
 * The pathway (pakkeforløp): standard stations, each with an owner and a time target. The owner
 * chases lost referrals within the target and escalates a need overdue in the station's queue, which
 * then goes first. Jerndahl Fineide 2019 (pathways in Bjørkquist & Jerndahl Fineide 2019);
 * escalation rule and its cost are assumptions. docs/model.md §4.3.
 */
import type { Handler } from '../../../engine/scheduler.js';
import type { MunicipalitySpec } from '../../../scenario/schema.js';
import type { Need, Ports, ServiceState, World } from '../world.js';
import { baseDesign, type Design } from './design.js';

type PathwaySpec = Extract<MunicipalitySpec['design'], { kind: 'pathway' }>;

export function pathwayDesign(spec: MunicipalitySpec, pathway: PathwaySpec): Design {
  // Station settings by service id: a listed station may set its own target or have no owner.
  const stationOf = new Map(pathway.stations.map((s) => [s.service, s]));
  let targetDays: number[] = [];
  let owned: boolean[] = [];
  let w: World | null = null;
  let p: Ports | null = null;
  let ESCALATE = -1;

  const onEscalate: Handler = (uid, ni) => {
    const { sim, trace, users, services } = w!;
    const n = users[uid].needs[ni];
    n.escalationHandle = -1;
    const s = services[n.at];
    n.escalated = true;
    s.escalated++;
    // The escalated need goes first among those not yet escalated, after earlier escalations.
    const q = s.queue;
    q.splice(q.indexOf(n), 1);
    let k = 0;
    while (k < q.length && q[k].escalated) k++;
    q.splice(k, 0, n);
    trace.add(sim.now, uid, 'escalated', s.index, ni);
    p!.addLumpHours(s.index, 'handoff', sim.now, pathway.escalation.adminHours);
    p!.tryAdmit(s);
  };

  return {
    ...baseDesign(spec),
    /** The station owner chases a lost referral by the station's target at the latest. */
    lostReferralNoticedDays: (usualMean, to) => (owned[to] ? Math.min(usualMean, targetDays[to]) : usualMean),
    queued(n: Need, s: ServiceState) {
      if (ESCALATE < 0 || !owned[s.index]) return;
      n.escalationHandle = w!.sim.schedule(targetDays[s.index], ESCALATE, n.user, n.index);
    },
    dequeued(n: Need, s: ServiceState) {
      if (n.escalationHandle >= 0) {
        w!.sim.cancel(n.escalationHandle);
        n.escalationHandle = -1;
      }
      if (n.escalated) {
        n.escalated = false;
        s.escalated--;
      }
    },
    install(world: World, ports: Ports) {
      w = world;
      p = ports;
      targetDays = world.serviceSpecs.map((sv) => stationOf.get(sv.id)?.targetDays ?? pathway.stationTargetDays);
      owned = world.serviceSpecs.map((sv) => stationOf.get(sv.id)?.owner ?? true);
      if (pathway.escalation.enabled) ESCALATE = world.sim.register('escalate', onEscalate);
    },
  };
}
