/**
 * Model II as a plug-in: builds the coordinators (CoordinationLayer) over a port to Model I and
 * fills Model I's hooks. Rorgemoen 2020; Systad 2021; Mathisen 2020; docs/model.md §11.
 */
import type { CoordinationSpec } from '../../../scenario/schema.js';
import { NS, type Need, type Ports, type World } from '../world.js';
import { CoordinationLayer } from './coordinationLayer.js';

export function installCoordination(spec: CoordinationSpec, w: World, p: Ports): CoordinationLayer {
  const { sim, users, services, routing, trace, hooks } = w;
  const coord: CoordinationLayer = new CoordinationLayer(spec, {
    sim,
    random: w.random,
    horizonDays: w.T,
    warmupDays: w.W,
    serviceIds: w.serviceSpecs.map((s) => s.id),
    groupIds: w.spec.userGroups.map((g) => g.id),
    serviceLoad: (i) => {
      const s = services[i];
      return s.capacity > 0 ? s.used / s.capacity : 1;
    },
    serviceBacklog: (i) => {
      const s = services[i];
      let h = 0;
      for (const n of s.queue) h += p.legHours(n);
      return s.capacity > 0 ? h / s.capacity : 1;
    },
    chaseUnowned: (uid) => {
      // A new coordinator takes up the needs nobody owns, even for a user who had given up, and
      // re-raises a need no service's mandate covers with the leadership (reRaise.ts).
      const u = users[uid];
      for (const n of u.needs) {
        if (n.state !== NS.Unowned || sim.isPending(n.handle)) continue;
        const d = coord.chaseDelay(uid);
        if (Number.isFinite(d)) n.handle = sim.schedule(d, n.route === null ? w.ev.reRaise : w.ev.reapply, uid, n.index);
      }
    },
    userGroup: (uid) => users[uid].group,
    userAge: (uid) => users[uid].ageAt(sim.now),
    userHasRelatives: (uid) => users[uid].relatives,
    relativesCarry: (uid, hours) => p.relativesCarry(users[uid], hours),
    // Kept by betweenChairs.ts where a need becomes and stops being unowned (User.unownedNeeds):
    // counting the user's needs here, for every case every coordinator-week, was 6-10% of the CPU
    // profile (docs/performance.md).
    unownedNeeds: (uid) => users[uid].unownedNeeds,
    largestNeedService: (uid) => {
      const u = users[uid];
      let best: Need | null = null;
      for (const n of u.needs) if (n.state !== NS.Gone && (best === null || n.spec.hoursPerWeek > best.spec.hoursPerWeek)) best = n;
      const route = best === null ? null : routing.routeFor(best.spec.type, u.ageAt(sim.now));
      if (route === null) return -1;
      return (route.find((l) => l.activity === 'deliver') ?? route[route.length - 1]).service;
    },
    openSpell: (uid, cause, a, b) => p.openSpell(uid, -1, cause, a, b),
    closeSpell: (row) => p.closeSpell(row),
    trace: (uid, kind, service = -1, detail = 0) => trace.add(sim.now, uid, kind, service, -1, detail),
  });
  hooks.needEntered = (uid, count) => coord.onNeedEntered(uid, count);
  hooks.handoff = (uid, from, to) => {
    coord.onReferral(uid, to);
    return coord.handoffFactors(uid, from, to);
  };
  hooks.turfFactor = (uid, from, to) => coord.turfFactor(uid, from, to);
  hooks.refused = (uid) => coord.onRefused(uid);
  hooks.crisis = (uid) => coord.onCrisis(uid);
  hooks.userLeft = (uid) => coord.onUserExit(uid);
  hooks.chaseDelay = (uid) => coord.chaseDelay(uid);
  hooks.reachesOut = (uid) => coord.hasCoordinator(uid);
  hooks.adjustsPlan = (uid) => coord.adjustsPlan(uid);
  hooks.coordinatorOf = (uid) => coord.coordinatorOf(uid);
  hooks.coordinatorsInPost = () => {
    const ks = coord.inPost();
    return {
      id: Int32Array.from(ks, (x) => x.id),
      pool: Int16Array.from(ks, (x) => x.pool),
      caseload: Int32Array.from(ks, (x) => x.caseload),
      strain: Float32Array.from(ks, (x) => x.strain),
    };
  };
  hooks.check = () => coord.check();
  w.rec.coordination = coord.rec;
  return coord;
}
