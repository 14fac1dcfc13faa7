import { exponential } from '../../engine/distributions.js';
import { GrowableFloat64, IntQueue } from '../../engine/growable.js';
import { RandomSource } from '../../engine/random.js';
import { Scheduler } from '../../engine/scheduler.js';
import { makeCalendar } from '../calendarFromScenario.js';
import type { QueueScenario } from '../../scenario/schema.js';

/**
 * The M/M/c validation model: one service, c staff, Poisson arrivals, exponential service, FIFO.
 * With an always-open calendar it is the textbook queue (domain brief §7 pattern 15). With a
 * working calendar, service only happens in working hours and service times are working time
 * (one "day" of service = one working day's hours), so staff capacity counts working hours only.
 */

export interface QueueRecord {
  model: 'queue';
  seed: number;
  horizonDays: number;
  warmupDays: number;
  servers: number;
  /** Per user, in arrival order: arrival time, service start (NaN if never started), scheduled end (NaN if never started). */
  arrival: Float64Array;
  start: Float64Array;
  end: Float64Array;
  eventsProcessed: number;
  /** True if the run stopped early at `stopAfterDepartures`. */
  stoppedEarly: boolean;
}

export interface QueueRunOptions {
  /** Override the scenario's horizon (days). */
  horizonDays?: number;
  /** Override the scenario's warm-up, in days. */
  warmupDays?: number;
  /** Stop as soon as this many users have departed (benchmarks). */
  stopAfterDepartures?: number;
}

export function runQueue(scenario: QueueScenario, seed: number, options: QueueRunOptions = {}): QueueRecord {
  const { arrivalsPerDay, meanServiceDays, servers } = scenario.queue;
  const horizonDays = options.horizonDays ?? scenario.horizon.years * 365;
  const warmupDays = options.warmupDays ?? scenario.horizon.warmupDays;
  if (warmupDays >= horizonDays) throw new RangeError(`warm-up (${warmupDays} days) must be shorter than the horizon (${horizonDays} days)`);
  const stopAfter = options.stopAfterDepartures ?? Infinity;

  const random = new RandomSource(seed);
  const arrivalStream = random.stream('arrivals');
  const serviceStream = random.stream('service');
  const calendar = makeCalendar(scenario.calendar, horizonDays);
  const open = scenario.calendar.alwaysOpen;
  // One service "day" is a working day's worth of hours when the calendar is not always open.
  const hoursPerServiceDay = open ? 24 : scenario.calendar.workdayEndHour - scenario.calendar.workdayStartHour;
  const meanInterarrival = 1 / arrivalsPerDay;

  const expected = Math.ceil(arrivalsPerDay * Math.min(horizonDays, stopAfter / arrivalsPerDay + 1) * 1.05) + 16;
  const arrival = new GrowableFloat64(expected);
  const start = new GrowableFloat64(expected);
  const end = new GrowableFloat64(expected);
  const waiting = new IntQueue();
  const sim = new Scheduler(Math.min(servers + 16, 1 << 20));
  let busy = 0;
  let departures = 0;
  let stoppedEarly = false;

  const beginService = (id: number) => {
    const t = open ? sim.now : calendar.nextWorkingTime(sim.now);
    const d = exponential(serviceStream, meanServiceDays);
    const done = open ? t + d : calendar.addWorkingHours(t, d * hoursPerServiceDay);
    start.set(id, t);
    end.set(id, done);
    busy++;
    sim.scheduleAt(done, DEPART, id);
  };

  const ARRIVE = sim.register('arrive', () => {
    const id = arrival.push(sim.now);
    start.push(NaN);
    end.push(NaN);
    if (busy < servers) beginService(id);
    else waiting.push(id);
    const next = sim.now + exponential(arrivalStream, meanInterarrival);
    if (next <= horizonDays) sim.scheduleAt(next, ARRIVE);
  });

  const DEPART = sim.register('depart', () => {
    busy--;
    departures++;
    if (waiting.length > 0) beginService(waiting.shift());
    if (departures >= stopAfter) {
      stoppedEarly = true;
      sim.stop();
    }
  });

  const first = exponential(arrivalStream, meanInterarrival);
  if (first <= horizonDays) sim.scheduleAt(first, ARRIVE);
  sim.runUntil(horizonDays);

  return {
    model: 'queue',
    seed,
    horizonDays: stoppedEarly ? sim.now : horizonDays,
    warmupDays,
    servers,
    arrival: arrival.seal(),
    start: start.seal(),
    end: end.seal(),
    eventsProcessed: sim.eventsProcessed,
    stoppedEarly,
  };
}
