import * as Comlink from 'comlink';
import type { EngineApi } from '../../src/worker.js';
import { isHeartbeat, type LiveMessage, type LoadResult, type Slot } from '../../src/protocol.js';

/** Why a worker was replaced: an uncaught error, no sign of life, or an allocation that failed. */
export type RestartReason = 'crashed' | 'hung' | 'memory';

/** The reason an uncaught error of a worker names: V8's words for a failed allocation mean memory. */
export function faultReason(message: string): RestartReason {
  return /allocation failed|out of memory|invalid (typed )?array length|array buffer/i.test(message) ? 'memory' : 'crashed';
}

/** A fresh worker may take this long to load its modules before it first answers (dev server, slow disk). */
const BOOT_MS = 30_000;

/**
 * One engine worker behind Comlink, with a watchdog: it pings the worker every second and, if the
 * worker crashed (an uncaught error), ran out of memory or has shown no sign of life for
 * `watchdogMs`, terminates it, starts a fresh one, loads the same scenarios again and tells the
 * page, which keeps everything else. Runs in flight are lost and reported through `onRestart`;
 * nothing the user made is.
 *
 * A sign of life is an answered ping or a heartbeat the worker posts from inside a run (every
 * 250 ms at most, protocol.ts Heartbeat): a ping waits behind a replication, which on a loaded
 * machine took over 90 s, so pings alone took a busy worker for a hung one.
 */
export class WorkerHost {
  api!: Comlink.Remote<EngineApi>;
  private worker!: Worker;
  private readonly loads = new Map<Slot, { text: string; file: string }>();
  private liveListener: ((m: LiveMessage) => void) | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastPong = performance.now();
  private pingInFlight = false;
  private pingSentAt = 0;
  /** False until the worker first answers: loading its modules is not hanging. */
  private booted = false;
  private reloading: Promise<void> = Promise.resolve();
  /** Heartbeats received from the workers of this host, for the page's tests. */
  heartbeats = 0;
  generation = 0;

  constructor(
    readonly name: string,
    private readonly onRestart: (reason: RestartReason, host: WorkerHost) => void,
    private readonly watchdogMs = 5000,
  ) {
    this.spawn();
  }

  private spawn(): void {
    this.generation++;
    this.worker = new Worker(new URL('../../src/worker.ts', import.meta.url), { type: 'module', name: `koordsim-${this.name}` });
    this.api = Comlink.wrap<EngineApi>(this.worker);
    const gen = this.generation;
    this.worker.addEventListener('error', (e) => {
      e.preventDefault(); // the page explains it; not an uncaught error of the page
      if (gen === this.generation) void this.restart(faultReason(e.message ?? ''));
    });
    this.worker.addEventListener('message', (e: MessageEvent) => {
      if (gen === this.generation && isHeartbeat(e.data)) {
        this.heartbeats++;
        this.alive();
      }
    });
    this.lastPong = performance.now();
    this.pingInFlight = false;
    this.booted = false;
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.watch(gen), 1000);
  }

  private watch(gen: number): void {
    if (gen !== this.generation) return;
    // Hung means a ping unanswered for too long, not a long gap between pings: a background tab's
    // throttled timers or a sleeping laptop leave gaps, and a healthy worker must survive them.
    const limit = this.booted ? this.watchdogMs : Math.max(this.watchdogMs, BOOT_MS);
    const now = performance.now();
    if (this.pingInFlight && now - Math.max(this.pingSentAt, this.lastPong) > limit) {
      void this.restart('hung');
      return;
    }
    if (this.pingInFlight) return;
    this.pingInFlight = true;
    this.pingSentAt = now;
    this.api.ping().then(() => {
      if (gen !== this.generation) return;
      this.pingInFlight = false;
      this.alive();
    });
  }

  /** A sign of life: an answered ping or a heartbeat. */
  private alive(): void {
    this.booted = true;
    this.lastPong = performance.now();
  }

  /** How many times this worker was replaced, for the page's tests. */
  get restarts(): number {
    return this.generation - 1;
  }

  /** Replaces a dead or hung worker by a fresh one with the same scenarios and live listener. */
  async restart(reason: RestartReason): Promise<void> {
    this.worker.terminate();
    this.spawn();
    // Told at once, before the fresh worker has loaded: the page says what happened now, not once
    // a slow machine has booted the replacement.
    this.onRestart(reason, this);
    const gen = this.generation;
    this.reloading = (async () => {
      for (const [slot, { text, file }] of this.loads) if (gen === this.generation) await this.api.load(slot, text, file);
      if (this.liveListener && gen === this.generation) await this.api.subscribe(Comlink.proxy(this.liveListener));
    })().catch(() => {
      // The replacement died while loading: its own error event or the watchdog replaces it in turn.
    });
    await this.reloading;
  }

  /** Resolves once a replaced worker has its scenarios again (at once if it was never replaced). */
  ready(): Promise<void> {
    return this.reloading;
  }

  /** Loads a scenario into a slot; the last good load of each slot is replayed after a restart. */
  async load(slot: Slot, text: string, file: string): Promise<LoadResult> {
    const r = await this.api.load(slot, text, file);
    this.booted = true; // it answered, so its modules are loaded
    this.lastPong = performance.now();
    if (r.ok) this.loads.set(slot, { text, file });
    return r;
  }

  async unload(slot: Slot): Promise<void> {
    this.loads.delete(slot);
    await this.api.unload(slot);
  }

  async subscribe(listener: (m: LiveMessage) => void): Promise<void> {
    this.liveListener = listener;
    await this.api.subscribe(Comlink.proxy(listener));
  }
}
