import { RandomSource } from '../../../../src/engine/random.js';
import { Assignment } from '../../../../src/model/municipality/coordination/assignment.js';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { Roster } from '../../../../src/model/municipality/coordination/coordinator.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import { Scheduler } from '../../../../src/engine/scheduler.js';
import type { CoordinationHost } from '../../../../src/model/municipality/coordination/coordinationLayer.js';
import { emptyCoordinationRecord } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import type { Cause } from '../../../../src/model/municipality/causes.js';
import type { CoordinationEvents, CoordinationWorld } from '../../../../src/model/municipality/coordination/world.js';
import { COPING_POLICIES, Coordination, type CoordinationSpec } from '../../../../src/scenario/coordinationSchema.js';

/**
 * A small hand-made world for one coordination mechanism: a scheduler stepped by hand, seeded
 * streams, a spec from the schema (defaults filled in) and an empty record. Each event kind routes
 * to `on[kind]`, which the test sets to the mechanism it installs; an event without a route fails.
 */
export function makeWorld(raw: Record<string, unknown>, opts: { warmupDays?: number; horizonDays?: number; seed?: number } = {}) {
  const spec: CoordinationSpec = Coordination.parse(raw);
  const sim = new Scheduler();
  const random = new RandomSource(opts.seed ?? 1);
  const on: { [K in keyof CoordinationEvents]?: (a: number, b: number) => void } = {};
  const route = (kind: keyof CoordinationEvents) =>
    sim.register(kind, (a, b) => {
      const h = on[kind];
      if (!h) throw new Error(`test world: no handler for ${kind}`);
      h(a, b);
    });
  const events: CoordinationEvents = {
    week: route('week'),
    keMeeting: route('keMeeting'),
    meeting: route('meeting'),
    returned: route('returned'),
    orphanReturn: route('orphanReturn'),
    postFilled: route('postFilled'),
    relativesAsk: route('relativesAsk'),
    keAssignOnce: route('keAssignOnce'),
  };
  const warmup = opts.warmupDays ?? 0;
  const horizon = opts.horizonDays ?? 3650;
  const rec = emptyCoordinationRecord(spec.pools.map((p) => p.id), spec.caseloadCollapse, spec.parallelSchemes.count);
  const world: CoordinationWorld = {
    sim,
    spec,
    rec,
    streams: {
      coordination: random.stream('coordination'),
      coordinatingUnit: random.stream('coordinatingUnit'),
      meetings: random.stream('meetings'),
      turnover: random.stream('turnover'),
      chase: random.stream('chase'),
      tenure: random.stream('tenure'),
      rights: random.stream('rights'),
      discretion: random.stream('discretion'),
    },
    events,
    horizonDays: horizon,
    inWindow: () => sim.now >= warmup && sim.now <= horizon,
  };
  return { world, sim, spec, rec, random, on };
}

/** A between-chairs spell as the fake host saw it open and close (`end` NaN while open). */
export interface FakeSpell {
  uid: number;
  cause: Cause;
  start: number;
  end: number;
  a: number;
  b: number;
}

export interface FakeHost extends CoordinationHost {
  /** Spells the mechanism opened, in order (Model I's rule, which makes them events, is not here). */
  spells: FakeSpell[];
  traces: { uid: number; kind: string; service: number; detail: number }[];
  chased: number[];
}

/** Model I as seen by the coordinators: three services, one user group, adults of 40; override what a test needs. */
export function fakeHost(w: { sim: Scheduler; random: RandomSource }, over: Partial<CoordinationHost> = {}): FakeHost {
  const host: FakeHost = {
    sim: w.sim,
    random: w.random,
    horizonDays: 3650,
    warmupDays: 0,
    serviceIds: ['home', 'nav', 'gp'],
    groupIds: ['adults', 'children'],
    serviceLoad: () => 0,
    serviceBacklog: () => 0,
    chaseUnowned: (uid) => host.chased.push(uid),
    userGroup: () => 0,
    userAge: () => 40,
    userHasRelatives: () => false,
    relativesCarry: (_uid, hours) => hours,
    unownedNeeds: () => 0,
    largestNeedService: () => 0,
    openSpell: (uid, cause, a, b) => host.spells.push({ uid, cause, start: w.sim.now, end: NaN, a, b }) - 1,
    closeSpell: (row) => {
      if (!Number.isNaN(host.spells[row].end)) throw new Error(`fake host: spell ${row} closed twice`);
      host.spells[row].end = w.sim.now;
    },
    trace: (uid, kind, service = -1, detail = 0) => host.traces.push({ uid, kind, service, detail }),
    spells: [],
    traces: [],
    chased: [],
    ...over,
  };
  return host;
}

/** Every coping policy switched off, then the given ones on. */
export function policies(...on: (typeof COPING_POLICIES)[number][]): Record<string, boolean> {
  return Object.fromEntries(COPING_POLICIES.map((p) => [p, on.includes(p)]));
}

/**
 * The roster and the KE for real, everything else a stub: contact and meetings do nothing, strain
 * records KE overrides, every coordinator's load is `load`.
 */
export function rosterAndKe(raw: Record<string, unknown>, hostOver: Partial<CoordinationHost> = {}, load = 0) {
  const w = makeWorld(raw);
  const host = fakeHost(w, hostOver);
  const overruled: number[] = [];
  const ports = {
    host,
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    contact: { caseAssigned: () => {} },
    meetings: { cancel: () => {} },
    strain: { overruled: (k: number) => overruled.push(k), strainOf: () => 0 },
    week: { loadOf: () => load },
    hired: (k: number) => assignment.addPost(k),
  } as unknown as Ports;
  const roster = (ports.roster = new Roster(w.world, host.serviceIds, ports));
  const assignment = (ports.assignment = new Assignment(w.world, ports));
  w.on.keMeeting = () => assignment.keMeeting();
  w.on.returned = (uid) => assignment.returned(uid);
  w.on.orphanReturn = (uid) => assignment.orphanReturn(uid);
  w.on.keAssignOnce = () => assignment.assignQueued();
  w.on.postFilled = (pool) => {
    roster.fill(pool);
    assignment.afterPostFilled();
  };
  roster.hireInitial();
  if (w.spec.coordinatingUnit.assignment === 'meetings') w.sim.schedule(0, w.world.events.keMeeting);
  /** Users owed an IP, each with a request at the KE. */
  const request = (...uids: number[]) => {
    for (const u of uids) {
      assignment.enrol(u);
      assignment.request(u, 'new');
    }
  };
  return { ...w, host, roster, assignment, overruled, request };
}
