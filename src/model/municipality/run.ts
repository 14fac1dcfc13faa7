/**
 * One municipality run: builds the world, installs the mechanisms in a fixed order, and holds THE
 * table of event kinds and the mechanism that handles each. docs/model.md §1 and §12.
 */
import { RandomSource } from '../../engine/random.js';
import { Scheduler, type Handler } from '../../engine/scheduler.js';
import type { MunicipalityScenario } from '../../scenario/schema.js';
import { makeCalendar } from '../calendarFromScenario.js';
import { adminTime } from './adminTime.js';
import { arrivals } from './arrivals.js';
import { assessment } from './assessment.js';
import { betweenChairs } from './betweenChairs.js';
import { installCoordination } from './coordination/install.js';
import { handoff } from './handoff.js';
import { noHooks } from './hooks.js';
import { intake } from './intake.js';
import { forums } from './forums.js';
import { lapse } from './lapse.js';
import { checkInvariants } from './invariants.js';
import { snapshotOf } from './liveSnapshot.js';
import type { MunicipalityRun, MunicipalityRunOptions } from './municipalityModel.js';
import { needs } from './needs.js';
import { planNews } from './planNews.js';
import { population } from './population.js';
import { pushBack } from './pushBack.js';
import { reengagement } from './reengagement.js';
import { reRaise } from './reRaise.js';
import { relatives } from './relatives.js';
import { emptyRecord, type MunicipalityRecord } from './record.js';
import { drain, unfoldedRows } from './recordFold.js';
import type { Design } from './routing/design.js';
import { designFor } from './routing/index.js';
import { Routing } from './routing/routes.js';
import { service } from './service.js';
import { staffTime } from './staffTime.js';
import { TraceLog } from './trace.js';
import { HOURS_PER_FTE_WEEK, NS, ServiceState, type EventIds, type Ports, type World } from './world.js';

/** Working time in the observation window, in nominal working weeks: holidays reduce capacity. */
function workingWeeks(scenario: MunicipalityScenario, w0: number, w1: number): number {
  const cal = makeCalendar(scenario.calendar, w1);
  return cal.workingHoursBetween(w0, w1) / cal.workingHoursPerWeekNominal();
}

/**
 * A streamed run (MunicipalityRunOptions.stream) folds its rows into the record's fold every
 * quarter of simulated time, or, driven in pieces, once this many rows wait (recordFold.ts).
 */
const STREAM_CHUNK_DAYS = 91;
const STREAM_ROWS = 50_000;

/** The world of one run (users still to come), with its design. */
export function buildWorld(scenario: MunicipalityScenario, seed: number, T: number, W = scenario.horizon.warmupDays, lean = false): { w: World; design: Design } {
  const spec = scenario.municipality;
  // The design may add services of its own (the integrated team) and take meeting hours off capacity.
  const design = designFor(spec);
  const serviceSpecs = [...spec.services, ...design.extraServices];
  const serviceIndex = new Map(serviceSpecs.map((s, i) => [s.id, i]));
  const teamIds = new Set(design.extraServices.map((s) => s.id));
  const services = serviceSpecs.map((s, i) => {
    const cap = s.staffFte * HOURS_PER_FTE_WEEK * s.directShare - design.capacityDeductionHoursPerWeek(s.id);
    return new ServiceState(i, s, Math.max(0, cap), teamIds.has(s.id));
  });

  const random = new RandomSource(seed);
  const streams = {
    users: random.stream('users'),
    referral: random.stream('referral'),
    handoff: random.stream('handoff'),
    service: random.stream('service'),
    decisions: random.stream('decisions'),
    team: random.stream('team'),
    spellEndings: random.stream('spellEndings'),
  };
  const sim = new Scheduler(4096);
  const trace = lean ? TraceLog.off() : new TraceLog(spec.trace.maxEntries);
  const rec = emptyRecord(seed, T, W, serviceSpecs.map((s) => s.id), services.map((s) => s.baseCapacity), workingWeeks(scenario, W, T), spec.userGroups.map((g) => g.id), trace);
  const w: World = {
    spec,
    T,
    W,
    sim,
    random,
    streams,
    calendar: makeCalendar(scenario.calendar, T),
    rec,
    trace,
    lean,
    users: [],
    services,
    serviceSpecs,
    serviceIndex,
    routing: new Routing({ ...spec, services: serviceSpecs }, serviceIndex),
    ev: {} as EventIds,
    hooks: noHooks(),
  };

  return { w, design };
}

/**
 * Builds every mechanism of Model I over the world, fills the ports, and registers THE table of
 * event kinds. Nothing is scheduled yet: startMunicipality starts the run; tests may drive it by hand.
 */
export function installMechanisms(w: World, design: Design) {
  const sim = w.sim;
  // Each mechanism is handed the world and the ports, which are filled in below before any
  // event fires; none imports another.
  const p = {} as Ports;
  const time = staffTime(w);
  const rel = relatives(w);
  const chairs = betweenChairs(w, rel, p);
  const pop = population(w, p, design);
  const need = needs(w, p, design);
  const hand = handoff(w, p, design);
  const door = intake(w, p, design);
  const svc = service(w, p, design);
  const assess = assessment(w, p, design);
  const admin = adminTime(w, p);
  const lapsing = lapse(w, p);
  const raise = reRaise(w, p);
  const found = reengagement(w, p);
  Object.assign(p, time, chairs, pop, need, hand, svc, assess, { bookAdmin: admin.bookAdmin, relativesChase: rel.canChase, relativesCarry: rel.carry }, lapsing, raise, found);
  p.planNews = planNews(w, p, design);
  const forum = forums(w, p);
  Object.assign(p, { knowledge: forum.knowledge, knowledgeMean: forum.knowledgeMean }, pushBack(w, p));

  // THE table of Model I's event kinds: name (as in traces and errors) -> mechanism handler.
  // Registered in this order; design events (teamWeek, escalate), Model II's and the arrivals of
  // each user group register after it.
  const table: Array<[keyof EventIds, Handler]> = [
    ['betweenChairsThreshold', chairs.onThreshold], // betweenChairs.ts
    ['exit', pop.onExit], // population.ts
    ['recovered', pop.onRecovered], // population.ts
    ['crisis', pop.onCrisis], // population.ts
    ['needOpen', need.onNeedOpen], // needs.ts
    ['referralCheck', need.onReferralCheck], // needs.ts
    ['refer', need.onRefer], // needs.ts
    ['reapply', need.onReapply], // needs.ts
    ['needReopen', need.onNeedReopen], // needs.ts (the design may take it back)
    ['resend', hand.onResend], // handoff.ts
    ['rediscover', hand.onRediscover], // handoff.ts
    ['referralArrived', door.onReferralArrived], // intake.ts
    ['noShowRetry', svc.onNoShowRetry], // service.ts
    ['decided', assess.onDecided], // assessment.ts
    ['ageLimit', assess.onAgeLimit], // assessment.ts
    ['workDone', svc.onWorkDone], // service.ts
    ['adminWeek', admin.onAdminWeek], // adminTime.ts
    ['lapse', lapsing.onLapse], // lapse.ts
    ['reRaise', raise.onReRaise], // reRaise.ts
    ['forum', forum.onForum], // forums.ts
  ];
  for (const [name, handler] of table) w.ev[name] = sim.register(name, handler);

  return { p, time, chairs, pop, need, hand, door, svc, assess, admin, lapsing, raise, found, forum };
}

export function startMunicipality(scenario: MunicipalityScenario, seed: number, options: MunicipalityRunOptions = {}): MunicipalityRun {
  const T = options.horizonDays ?? scenario.horizon.years * 365;
  const W = options.warmupDays ?? scenario.horizon.warmupDays;
  if (W >= T) throw new RangeError(`warm-up (${W} days) must be shorter than the horizon (${T} days)`);
  const stream = options.stream ?? false;
  const { w, design } = buildWorld(scenario, seed, T, W, stream || (options.lean ?? false));
  const { p, time, chairs, pop, admin, forum } = installMechanisms(w, design);
  const { spec, sim, rec, services } = w;
  // Order matters for ties at day 0: the design's weekly events, then the coordinators, then the
  // users present at the start and each group's first arrival.
  design.install(w, p);
  admin.start();
  forum.start();
  if (spec.coordination !== null) installCoordination(spec.coordination, w, p);
  for (const start of arrivals(w, p.createUser)) start();

  let finished: MunicipalityRecord | null = null;
  const finish = (): MunicipalityRecord => {
    if (finished) return finished;
    if (stream) {
      // A quarter at a time, folding the rows after each: the same events as one runUntil(T).
      while (sim.now < T) {
        sim.runUntil(Math.min(T, sim.now + STREAM_CHUNK_DAYS));
        drain(rec);
      }
    } else sim.runUntil(T);
    // Close the books at the horizon: ongoing hours, open spells and relatives' time.
    time.closeAtHorizon();
    for (const u of w.users) if (!u.gone) rec.users.functionEnd[u.id] = u.functionAt(T);
    chairs.closeAtHorizon();
    rec.eventsProcessed = sim.eventsProcessed;
    const users = w.users;
    // Needs occupying and queued at each service, recounted in one pass over the users (a pass per
    // service before: services x users, 1.4% of the 50k CPU profile and 2% of the 700k city's;
    // run.ts 3.6% -> 0.9% of the city's over 2 years; too small for the bench to resolve).
    const occupyingCounted = services.map(() => 0);
    const queuedCounted = services.map(() => 0);
    for (const u of users) {
      for (const n of u.needs) {
        if (n.state === NS.Occupying) occupyingCounted[n.at]++;
        else if (n.state === NS.Queued) queuedCounted[n.at]++;
      }
    }
    checkInvariants(rec, {
      activeUsers: users.filter((u) => !u.gone).length,
      queueLengths: services.map((s) => s.queue.length),
      used: services.map((s) => s.used),
      occupyingByService: services.map((s) => s.occupying),
      occupyingCounted,
      queuedCounted,
      unownedOpen: chairs.usersBetweenChairs(),
      now: sim.now,
      coordinationProblems: w.hooks.check?.() ?? [],
    });
    if (stream) drain(rec);
    finished = rec;
    return rec;
  };

  return runHandle(w, finish, () => finished !== null, stream);
}

/** The handle a caller drives: step, advance, snapshot, a user's trace, finish. */
function runHandle(w: World, finish: () => MunicipalityRecord, isFinished: () => boolean, stream: boolean): MunicipalityRun {
  const { sim, trace, T } = w;
  /** A streamed run driven in pieces folds its rows once enough have piled up. */
  const fold = () => {
    if (stream && unfoldedRows(w.rec) >= STREAM_ROWS) drain(w.rec);
  };
  return {
    horizonDays: T,
    world: w,
    get now() {
      return sim.now;
    },
    get done() {
      return isFinished() || sim.now >= T;
    },
    get eventsProcessed() {
      return sim.eventsProcessed;
    },
    nextEventTime: () => {
      const t = sim.peekTime();
      return t <= T ? t : Infinity;
    },
    advanceTo: (t: number) => {
      if (isFinished()) return;
      sim.runUntil(Math.min(Math.max(t, sim.now), T));
      fold();
    },
    stepEvents: (n: number) => {
      let k = 0;
      while (!isFinished() && k < n && sim.peekTime() <= T) {
        sim.step();
        k++;
      }
      fold();
      return k;
    },
    snapshot: () => {
      // The live view's counts read the rows; a streamed run folds them away (recordFold.ts).
      if (stream) throw new Error('snapshot: a streamed run keeps no rows to show; start it lean');
      return snapshotOf(w, isFinished() || sim.now >= T);
    },
    userTrace: (uid: number) => {
      const u = w.users[uid];
      if (!Number.isInteger(uid) || u === undefined) return null;
      return { entries: trace.userPath(uid), complete: trace.isComplete(uid), group: u.g.id, arrival: u.arrival, needTypes: u.needs.map((n) => n.spec.type) };
    },
    finish,
  };
}
