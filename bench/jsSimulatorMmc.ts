/**
 * W1 peer baseline: the same M/M/c run on js-simulator 1.0.17 (npm `js-simulator`, a general
 * discrete-event scheduler for JavaScript: an object min-heap with a comparator, one event object per
 * scheduled departure). Bench-only devDependency; never imported from src/. Same random streams and
 * samplers as koordsim, so the customers are the same and only the event list differs. js-simulator
 * shuffles simultaneous events with Math.random; with continuous times there are none.
 */
import { createRequire } from 'node:module';
import { exponential } from '../src/engine/distributions.js';
import { RandomSource } from '../src/engine/random.js';
import type { MmcParams } from './bareHeapMmc.js';

interface JsSimEvent {
  time: number;
  rank: number;
  update(deltaTime: number): void;
}
interface JsSimScheduler {
  current_time: number | null;
  hasEvents(): boolean;
  update(): JsSimEvent[];
  schedule(evt: JsSimEvent, time: number): void;
}
interface JsSim {
  Scheduler: new () => JsSimScheduler;
}

const jssim = createRequire(import.meta.url)('js-simulator') as JsSim;

export function jsSimulatorMmc(p: MmcParams, seed: number, customers: number): { events: number; now: number } {
  const random = new RandomSource(seed);
  const arrivals = random.stream('arrivals');
  const service = random.stream('service');
  const meanInterarrival = 1 / p.arrivalsPerDay;
  const sched = new jssim.Scheduler();
  const n = Math.ceil(customers * 1.05) + 1024;
  const arrival = new Float64Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const waiting: number[] = [];
  let users = 0;
  let busy = 0;
  let departures = 0;
  let events = 0;
  // js-simulator sets current_time only after the events of an instant have run; each event
  // knows its own time.
  const begin = (id: number, t: number) => {
    const d = exponential(service, p.meanServiceDays);
    start[id] = t;
    end[id] = t + d;
    busy++;
    sched.schedule(
      {
        time: 0,
        rank: 1,
        update(this: JsSimEvent) {
          events++;
          busy--;
          departures++;
          if (waiting.length > 0) begin(waiting.shift()!, this.time);
        },
      },
      t + d,
    );
  };
  const arrive: JsSimEvent = {
    time: 0,
    rank: 1,
    update(this: JsSimEvent) {
      events++;
      const t = this.time;
      const id = users++;
      arrival[id] = t;
      start[id] = NaN;
      end[id] = NaN;
      if (busy < p.servers) begin(id, t);
      else waiting.push(id);
      sched.schedule(arrive, t + exponential(arrivals, meanInterarrival));
    },
  };
  sched.schedule(arrive, exponential(arrivals, meanInterarrival));
  while (sched.hasEvents() && departures < customers) sched.update();
  return { events, now: sched.current_time ?? 0 };
}
