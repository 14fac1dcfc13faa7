// The engine's web-worker facade: the only engine-side file that imports Comlink. The main thread
// calls these functions through Comlink and never runs the simulation itself. Wall-clock pacing of
// the live view lives here, not in the engine: the engine only advances simulated time.
import * as Comlink from 'comlink';
import { config as zodConfig } from 'zod';
import { digestOf, digestTransferables, type RunDigest } from './experiment/digest.js';
import { LiveSession } from './experiment/liveSession.js';
import { replicationSeed } from './experiment/replicate.js';
import { RUNAWAY_FACTOR, RUNAWAY_MARGIN, estimateRunSize, sizeProblem } from './experiment/runSize.js';
import { metricNames, metricsOf, RunawayError, runScenario } from './model/registry.js';
import { snapshotTransferables } from './model/municipality/snapshot.js';
import { HEARTBEAT_MS, LIVE_LIMITS, SLOTS, type Heartbeat, type Bilingual, type BatchMessage, type SweepMessage, type LiveMessage, type LoadResult, type ScenarioInfo, type Slot, type StepSize, type UserStory, type WorkerError } from './protocol.js';
import { getDigests, openResults, putDigest, type ResultsMarker } from './resultsStore.js';
import { scenarioHash } from './scenario/hash.js';
import type { MunicipalityScenario, Scenario } from './scenario/schema.js';
import { ScenarioError, validateJsonText, validateScenarioText } from './scenario/validate.js';
import { experimentJsonSchema, ExperimentSchema } from './experiment/experimentSchema.js';
import { planSweep, shardTasks, taskOf, type SweepPlan } from './experiment/sweepPlan.js';

// The page's Content-Security-Policy forbids eval (web/contentSecurityPolicy.ts): Zod must not
// even probe for it with `new Function`, which the browser reports as a violation.
zodConfig({ jitless: true });

const loaded = new Map<Slot, { scenario: Scenario; info: ScenarioInfo }>();

/** The same text in both languages: what a data file without a `label` gives. */
const both = (x: string): Bilingual => ({ nb: x, en: x });

function info(slot: Slot, file: string, s: Scenario): ScenarioInfo {
  const label = s.label ? { nb: s.label.nb, en: s.label.en } : both(s.name);
  const base = { slot, file, name: s.name, label, description: s.description ?? '', hash: scenarioHash(s), size: estimateRunSize(s, { replications: 1 }), horizonDays: s.horizon.years * 365, warmupDays: s.horizon.warmupDays, metricNames: [...metricNames(s)], resolved: s };
  if (s.model === 'queue') {
    const n = s.queue.servers;
    return { ...base, model: 'queue', design: null, serviceIds: ['servers'], serviceLabels: [{ nb: `${n} ansatte`, en: `${n} servers` }], groupLabels: {}, poolLabels: {}, serviceLevels: ['municipal'], poolIds: [], caseloadCollapse: null, teaching: s.teaching ?? null };
  }
  const m = s.municipality;
  const names = s.label ?? { services: undefined, userGroups: undefined, pools: undefined };
  const services = [...m.services.map((x) => ({ id: x.id, label: names.services?.[x.id] ?? both(x.label || x.id), level: x.level }))];
  if (m.design.kind === 'team') services.push({ id: m.design.team.id, label: names.services?.[m.design.team.id] ?? { nb: 'Integrert team', en: 'Integrated team' }, level: 'municipal' });
  return {
    ...base,
    model: 'municipality',
    design: m.design.kind,
    serviceIds: services.map((x) => x.id),
    serviceLabels: services.map((x) => x.label),
    groupLabels: Object.fromEntries(m.userGroups.map((g) => [g.id, names.userGroups?.[g.id] ?? both(g.label || g.id)])),
    poolLabels: Object.fromEntries((m.coordination?.pools ?? []).map((p) => [p.id, names.pools?.[p.id] ?? both(p.label || p.id)])),
    serviceLevels: services.map((x) => x.level),
    poolIds: m.coordination?.pools.map((p) => p.id) ?? [],
    caseloadCollapse: m.coordination?.caseloadCollapse ?? null,
    teaching: s.teaching ?? null,
  };
}

function runtimeError(e: unknown): WorkerError {
  // A failed allocation (a typed array, an array grown past what the heap gives) leaves the
  // worker's heap in doubt: the page replaces the worker rather than run on in it.
  if (isAllocationFailure(e)) return { kind: 'memory', message: e instanceof Error ? e.message : String(e) };
  return { kind: 'runtime', message: e instanceof Error ? e.message : String(e) };
}

/** V8's words for an allocation it could not make (RangeError), as Chromium reports them. */
export function isAllocationFailure(e: unknown): boolean {
  return e instanceof RangeError && /allocation failed|invalid (typed )?array length|out of memory|array buffer/i.test(e.message);
}

/** Events between looks at the clock for a heartbeat: a few ms of work at full speed. */
const HEARTBEAT_EVENTS = 2000;
let lastBeat = 0;
let beats = 0;
/**
 * Tells the page this worker is alive while it computes (see Heartbeat in protocol.ts): called
 * from inside a run every few thousand events, it posts at most every HEARTBEAT_MS.
 */
function heartbeat(): void {
  const now = performance.now();
  if (now - lastBeat < HEARTBEAT_MS) return;
  lastBeat = now;
  (globalThis as unknown as { postMessage(m: Heartbeat): void }).postMessage({ koordsimHeartbeat: ++beats });
}

// ------------------------------------------------------------------------------------------------
// Live view: a session of the loaded municipality scenarios, paced by a timer.

let session: LiveSession | null = null;
let listener: ((m: LiveMessage) => void) | null = null;
let playing = false;
let speed: number = LIVE_LIMITS.defaultSpeed;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastTick = 0;
const TICK_MS = 1000 / LIVE_LIMITS.snapshotsPerSecond;

function emit(m: LiveMessage, transfer: Transferable[] = []): void {
  listener?.(transfer.length > 0 ? Comlink.transfer(m, transfer) : m);
}

function publish(): void {
  if (!session) return;
  for (const slot of session.slots) {
    const snapshot = session.snapshot(slot);
    if (snapshot) emit({ kind: 'snapshot', slot, snapshot }, snapshotTransferables(snapshot));
  }
  emit({ kind: 'state', playing, speed, t: session.now, horizonDays: session.horizonDays, done: session.done, seed: session.seed });
}

function tick(): void {
  timer = null;
  if (!session || !playing) return;
  const now = performance.now();
  const dt = Math.min(0.5, (now - lastTick) / 1000); // a stalled tab does not jump years ahead
  lastTick = now;
  try {
    session.advanceTo(session.now + speed * dt);
  } catch (e) {
    playing = false;
    emit({ kind: 'error', error: runtimeError(e) });
    return;
  }
  if (session.done) playing = false;
  publish();
  if (playing) timer = setTimeout(tick, TICK_MS);
}

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

// ------------------------------------------------------------------------------------------------
// Replications.

let batchId = 0;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  /** Answers at once unless the worker is busy; the dashboard's watchdog uses it. */
  ping(): 'pong' {
    return 'pong';
  },

  /** Validates a scenario given as JSON text and keeps it in `slot`. A bad file leaves the slot as it was. */
  load(slot: Slot, text: string, file: string): LoadResult {
    const v = validateScenarioText(text, file);
    if (!v.ok) return { ok: false, error: { kind: 'invalid', file, message: `${file}: ${v.issues.length} problem(s)`, issues: v.issues } };
    const i = info(slot, file, v.scenario);
    loaded.set(slot, { scenario: v.scenario, info: i });
    return { ok: true, info: i };
  },

  unload(slot: Slot): void {
    loaded.delete(slot);
  },

  // --- live view ---

  subscribe(cb: (m: LiveMessage) => void): void {
    listener = cb;
  },

  /** Starts a fresh live session of the loaded municipality scenarios at `seed`, paused at day 0. */
  reset(seed: number, years?: number): { ok: true; slots: Slot[] } | { ok: false; error: WorkerError } {
    stopTimer();
    playing = false;
    session = null;
    const scenarios = new Map<Slot, MunicipalityScenario>();
    for (const slot of SLOTS) {
      const l = loaded.get(slot);
      if (l && l.scenario.model === 'municipality') scenarios.set(slot, l.scenario);
    }
    if (scenarios.size === 0) return { ok: false, error: { kind: 'notLoaded', message: 'no municipality scenario loaded: the live view needs one' } };
    // The live view has no "run anyway": a municipality too large for one replication would take
    // this worker, and in Chromium the whole tab with it, past its heap.
    for (const s of scenarios.values()) {
      const problem = sizeProblem(estimateRunSize(s, { replications: 1 }), s.name);
      if (problem !== null) return { ok: false, error: { kind: 'tooLarge', message: problem } };
    }
    try {
      session = new LiveSession(scenarios, seed, years);
    } catch (e) {
      return { ok: false, error: runtimeError(e) };
    }
    publish();
    return { ok: true, slots: session.slots };
  },

  play(): void {
    if (!session || session.done) return;
    playing = true;
    lastTick = performance.now();
    stopTimer();
    timer = setTimeout(tick, TICK_MS);
    publish();
  },

  pause(): void {
    playing = false;
    stopTimer();
    publish();
  },

  setSpeed(daysPerSecond: number): void {
    speed = Math.min(LIVE_LIMITS.maxSpeed, Math.max(LIVE_LIMITS.minSpeed, Number.isFinite(daysPerSecond) ? daysPerSecond : LIVE_LIMITS.defaultSpeed));
    publish();
  },

  step(size: StepSize): void {
    if (!session) return;
    playing = false;
    stopTimer();
    try {
      session.step(size);
    } catch (e) {
      emit({ kind: 'error', error: runtimeError(e) });
    }
    publish();
  },

  /** Jumps to day `t` (forward only). */
  seek(t: number): void {
    if (!session) return;
    try {
      // A month at a time, with a heartbeat between: a jump of ten years is long on a slow machine,
      // and the same events fire in the same order as in one jump.
      for (let d = session.now + 30; d < t; d += 30) {
        session.advanceTo(d);
        heartbeat();
      }
      session.advanceTo(t);
    } catch (e) {
      emit({ kind: 'error', error: runtimeError(e) });
    }
    publish();
  },

  story(slot: Slot, user: number): UserStory | null {
    return session?.story(slot, user) ?? null;
  },

  // --- replications ---

  /**
   * Runs `reps` replications of every loaded slot, interleaved (A0, B0, A1, B1, ...) so the first
   * pair, and a first chart, arrive early. Replication r of each slot uses seed + r: common random
   * numbers. Yields between runs so `cancel` gets through. With `share`, this worker runs only
   * its share of the runs (run k of the interleaved order when k % of === index), so a pool of
   * workers splits a batch; progress then counts this worker's runs.
   */
  async replicate(seed: number, reps: number, years: number | undefined, cb: (m: BatchMessage) => void, share?: { index: number; of: number }, options: { allowLarge?: boolean; cacheKey?: string } = {}): Promise<void> {
    const id = ++batchId;
    const t0 = performance.now();
    const slots = SLOTS.filter((s) => loaded.has(s));
    if (slots.length === 0) {
      cb({ kind: 'error', error: { kind: 'notLoaded', message: 'no scenario loaded' } });
      return;
    }
    if (!Number.isSafeInteger(seed) || !Number.isInteger(reps) || reps < 1) {
      cb({ kind: 'error', error: { kind: 'runtime', message: `seed must be an integer and replications >= 1 (got seed ${seed}, replications ${reps})` } });
      return;
    }
    // The scenarios as they are now: a scenario loaded or unloaded during the batch does not change it.
    const batch = new Map(slots.map((slot) => [slot, loaded.get(slot)!] as const));
    // The limits of the CLI (README "Limits and guarantees"): refuse what cannot finish, and stop a
    // replication that runs away, unless the user chose to run it anyway.
    const maxEvents = new Map<Slot, number | undefined>();
    for (const [slot, l] of batch) {
      const size = estimateRunSize(l.scenario, { years, replications: reps });
      const problem = options.allowLarge ? null : sizeProblem(size, `${l.info.file} (${reps} replication${reps === 1 ? '' : 's'})`);
      if (problem !== null) {
        cb({ kind: 'error', error: { kind: 'tooLarge', file: l.info.file, message: problem } });
        return;
      }
      maxEvents.set(slot, options.allowLarge ? undefined : RUNAWAY_FACTOR * size.eventsPerReplication + RUNAWAY_MARGIN);
    }
    cb({ kind: 'started', seed, reps, slots });
    const part = share ?? { index: 0, of: 1 };
    if (!Number.isInteger(part.of) || part.of < 1 || !Number.isInteger(part.index) || part.index < 0 || part.index >= part.of) {
      cb({ kind: 'error', error: { kind: 'runtime', message: `share must be {index, of} with 0 <= index < of (got ${JSON.stringify(share)})` } });
      return;
    }
    let k = -1;
    // close() lets the transactions under way finish, so every way out of the loop may close it.
    const store = options.cacheKey !== undefined ? await openResults() : null;
    const writes: Promise<void>[] = [];
    try {
      const runs = reps * slots.length;
      const total = Math.floor(runs / part.of) + (part.index < runs % part.of ? 1 : 0);
      let done = 0;
      for (let r = 0; r < reps; r++) {
        for (const slot of slots) {
          if (++k % part.of !== part.index) continue;
          await pause();
          if (id !== batchId) {
            cb({ kind: 'done', cancelled: true, ms: performance.now() - t0 });
            return;
          }
          const l = batch.get(slot)!;
          try {
            const record = runScenario(l.scenario, replicationSeed(seed, r), { years, maxEvents: maxEvents.get(slot), onProgress: heartbeat, progressEvery: HEARTBEAT_EVENTS, lean: true });
            heartbeat();
            const digest = digestOf(record, metricsOf(record));
            // Kept for a reload here, off the page's thread, before the buffers go (resultsStore.ts).
            if (options.cacheKey !== undefined) writes.push(putDigest(store, options.cacheKey, slot, r, digest));
            cb(Comlink.transfer({ kind: 'replication', slot, r, digest } satisfies BatchMessage, digestTransferables(digest)));
          } catch (e) {
            cb({ kind: 'error', error: { ...(e instanceof RunawayError ? { kind: 'tooLarge' as const, message: e.message } : runtimeError(e)), file: l.info.file } });
            return;
          }
          cb({ kind: 'progress', done: ++done, total });
        }
      }
      // The page marks the run complete on 'done': its digests are written by then.
      await Promise.all(writes);
    } finally {
      store?.close();
    }
    cb({ kind: 'done', cancelled: false, ms: performance.now() - t0 });
  },

  /**
   * The digests of a complete run kept by an earlier `replicate` with a cache key, read here and
   * handed over (transferred, not copied) so the page does not copy them on its own thread. Null
   * when they are not all there.
   */
  async cachedDigests(marker: ResultsMarker): Promise<Record<Slot, RunDigest[]> | null> {
    const got = await getDigests(marker);
    if (!got) return null;
    return Comlink.transfer(got, [...got.A, ...got.B].flatMap(digestTransferables));
  },

  /**
   * Plans an experiment (validating the experiment and its base scenario, given as texts) and runs
   * its share of the tasks (task % of === index), streaming each task's metrics. Replication r of
   * every point uses seed + r, as in `koordsim sweep`, so the rows equal the CLI's.
   */
  async sweep(experimentText: string, experimentFile: string, scenarioText: string, scenarioFile: string, share: { index: number; of: number }, cb: (m: SweepMessage) => void): Promise<void> {
    const id = ++batchId;
    const t0 = performance.now();
    const e = validateJsonText(ExperimentSchema, experimentJsonSchema(), experimentText, experimentFile);
    if (!e.ok) {
      cb({ kind: 'error', error: { kind: 'invalid', file: experimentFile, message: `${experimentFile}: ${e.issues.length} problem(s)`, issues: e.issues } });
      return;
    }
    const v = validateScenarioText(scenarioText, scenarioFile);
    if (!v.ok) {
      cb({ kind: 'error', error: { kind: 'invalid', file: scenarioFile, message: `${scenarioFile}: ${v.issues.length} problem(s)`, issues: v.issues } });
      return;
    }
    let plan: SweepPlan;
    try {
      plan = planSweep(e.value, experimentFile, v.scenario, scenarioFile);
    } catch (err) {
      const issues = err instanceof ScenarioError ? err.issues : undefined;
      cb({ kind: 'error', error: { kind: issues ? 'invalid' : 'runtime', file: experimentFile, message: (err as Error).message, issues } });
      return;
    }
    cb({
      kind: 'planned',
      info: {
        name: plan.experiment.name,
        description: plan.experiment.description,
        experimentHash: plan.experimentHash,
        baseFile: plan.baseFile,
        baseHash: plan.baseHash,
        seed: plan.experiment.seed,
        replications: plan.experiment.replications,
        design: plan.design,
        columns: plan.columns,
        metrics: plan.metrics,
        points: plan.points.map((p) => ({ index: p.index, values: p.values, hash: p.hash })),
        tasks: plan.tasks,
      },
    });
    let tasks: number[];
    try {
      tasks = shardTasks(plan.tasks, { k: share.index + 1, n: share.of });
    } catch (err) {
      cb({ kind: 'error', error: runtimeError(err) });
      return;
    }
    const years = plan.experiment.years ?? undefined;
    const warmupDays = plan.experiment.warmupDays;
    let done = 0;
    for (const task of tasks) {
      await pause();
      if (id !== batchId) {
        cb({ kind: 'done', cancelled: true, ms: performance.now() - t0 });
        return;
      }
      const { point, replication, seed } = taskOf(plan, task);
      try {
        const record = runScenario(plan.points[point].scenario, seed, { years, warmupDays, onProgress: heartbeat, progressEvery: HEARTBEAT_EVENTS, stream: true });
        heartbeat();
        const m = metricsOf(record);
        cb({ kind: 'task', task, point, replication, seed, values: plan.metrics.map((name) => m[name] ?? NaN) });
      } catch (err) {
        cb({ kind: 'error', error: { ...runtimeError(err), file: experimentFile } });
        return;
      }
      cb({ kind: 'progress', done: ++done, total: tasks.length });
    }
    cb({ kind: 'done', cancelled: false, ms: performance.now() - t0 });
  },

  /** Cancels a running batch after its current run. */
  cancel(): void {
    batchId++;
  },

  /**
   * For the dashboard's tests of its watchdog: crash (uncaught error), hang (busy loop without a
   * heartbeat), run out of memory (allocate until an allocation fails, uncaught) or be slow (busy
   * loop with heartbeats) on purpose.
   */
  simulateFault(kind: 'crash' | 'hang' | 'memory' | 'slow', ms = 60_000): void {
    if (kind === 'slow') {
      // Busy but healthy, as a long replication: no answer to pings until it ends, heartbeats meanwhile.
      const end = performance.now() + ms;
      while (performance.now() < end) heartbeat();
      return;
    }
    if (kind === 'memory') {
      setTimeout(() => {
        // Typed arrays, so the allocation fails with V8's RangeError long before the machine's
        // memory is touched (their pages are committed only when written). A full JS heap would
        // instead take Chromium's whole renderer down with the page (measured, see the README).
        const held: Float64Array[] = [];
        for (;;) {
          held.push(new Float64Array(2 ** 27));
          heartbeat(); // alive until the allocation fails: this is memory, not a hang
        }
      }, 0);
      return;
    }
    if (kind === 'crash') {
      setTimeout(() => {
        throw new Error('simulated worker crash');
      }, 0);
      return;
    }
    const end = performance.now() + ms;
    while (performance.now() < end);
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
