/**
 * Arrivals: each user group arrives as a Poisson process with yearly seasonality (by thinning), plus
 * the stock present at day 0. docs/model.md §2; incidence and stock per scenario.
 */
import { exponential } from '../../engine/distributions.js';
import { cos } from '../../engine/detmath.js';
import type { Ports, World } from './world.js';

/** Registers each group's arrival event; returns one starter per group, to call once all is installed. */
export function arrivals(w: World, createUser: Ports['createUser']): Array<() => void> {
  const { sim, spec, T } = w;
  return spec.userGroups.map((g, gi) => {
    const rate = (g.incidencePer1000PerYear * spec.inhabitants) / 1000 / 365;
    const stream = w.random.stream(`arrivals:${g.id}`);
    const amp = g.seasonality.amplitude;
    const peak = g.seasonality.peakDayOfYear;
    const maxRate = rate * (1 + amp);
    const scheduleNext = () => {
      if (maxRate <= 0) return;
      let t = sim.now;
      for (;;) {
        t += exponential(stream, 1 / maxRate);
        if (t > T) return;
        const lambda = rate * (1 + amp * cos((2 * Math.PI * (t - peak)) / 365));
        if (amp === 0 || stream.next() * maxRate < lambda) break;
      }
      sim.scheduleAt(t, ARRIVE);
    };
    const ARRIVE = sim.register(`arrive:${g.id}`, () => {
      createUser(gi, false);
      scheduleNext();
    });
    return () => {
      const stock = Math.round((g.initialStockPer1000 * spec.inhabitants) / 1000);
      for (let i = 0; i < stock; i++) createUser(gi, true);
      scheduleNext();
    };
  });
}
