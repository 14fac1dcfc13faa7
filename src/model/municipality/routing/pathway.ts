/**
 * The pathway (pakkeforløp): standard stations, each with a time target and, up to treatment start,
 * an owner (forløpskoordinator) who chases lost referrals and escalates an overdue station. Vik &
 * Aarseth 2019; Jerndahl Fineide 2019 (Bjørkquist & Jerndahl Fineide 2019); the escalation rule and
 * its cost are assumptions. docs/model.md §4.3.
 */
import type { Handler } from '../../../engine/scheduler.js';
import type { MunicipalitySpec } from '../../../scenario/schema.js';
import { NS, type Need, type Ports, type ServiceState, type World } from '../world.js';
import { baseDesign, type Design } from './design.js';

type PathwaySpec = Extract<MunicipalitySpec['design'], { kind: 'pathway' }>;

/** What an escalation did (the trace's detail). */
export const ESCALATION_KINDS = ['queue', 'decision'] as const;

export function pathwayDesign(spec: MunicipalitySpec, pathway: PathwaySpec): Design {
  // Station settings by service id: a listed station may set its own target or have no owner.
  const stationOf = new Map(pathway.stations.map((s) => [s.service, s]));
  let targetDays: number[] = [];
  let owned: boolean[] = [];
  let w: World | null = null;
  let p: Ports | null = null;
  let ESCALATE = -1;

  /** The station clock ran out: a waiting need goes first in the queue; an assessed need is decided now. */
  const onEscalate: Handler = (uid, ni) => {
    const { sim, trace, users, services } = w!;
    const n = users[uid].needs[ni];
    n.escalationHandle = -1;
    const s = services[n.at];
    if (n.state === NS.Queued && !n.escalated) {
      n.escalated = true;
      s.escalated++;
      // First among those not yet escalated, after earlier escalations.
      const q = s.queue;
      q.splice(q.indexOf(n), 1);
      let k = 0;
      while (k < q.length && q[k].escalated) k++;
      q.splice(k, 0, n);
      trace.add(sim.now, uid, 'escalated', s.index, ni, 0);
      p!.bookAdmin(s.index, 'handoff', pathway.escalation.adminHours);
      p!.tryAdmit(s);
    } else if (n.state === NS.Occupying && n.assessing) {
      sim.cancel(n.handle);
      n.handle = sim.schedule(0, w!.ev.decided, uid, ni);
      trace.add(sim.now, uid, 'escalated', s.index, ni, 1);
      p!.bookAdmin(s.index, 'handoff', pathway.escalation.adminHours);
    }
  };

  return {
    ...baseDesign(spec),
    /** The station owner chases a lost referral by the station's target at the latest. */
    lostReferralNoticedDays: (usualMean, to) => (owned[to] ? Math.min(usualMean, targetDays[to]) : usualMean),
    /** The station clock starts when the referral reaches the station's queue. */
    queued(n: Need, s: ServiceState) {
      if (ESCALATE < 0 || !owned[s.index]) return;
      w!.sim.cancel(n.escalationHandle);
      n.escalationHandle = w!.sim.schedule(targetDays[s.index], ESCALATE, n.user, n.index);
    },
    dequeued(n: Need, s: ServiceState) {
      if (n.escalated) {
        n.escalated = false;
        s.escalated--;
      }
    },
    /** The clock stops at the decision (or when the need leaves the station before it). */
    stationLeft(n: Need) {
      if (n.escalationHandle >= 0) {
        w!.sim.cancel(n.escalationHandle);
        n.escalationHandle = -1;
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
