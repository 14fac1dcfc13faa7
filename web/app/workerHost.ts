import * as Comlink from 'comlink';
import type { EngineApi } from '../../src/worker.js';
import type { LiveMessage, LoadResult, Slot } from '../../src/protocol.js';

export type RestartReason = 'crashed' | 'hung';

/** A fresh worker may take this long to load its modules before it first answers (dev server, slow disk). */
const BOOT_MS = 30_000;

/**
 * One engine worker behind Comlink, with a watchdog: it pings the worker every second and, if the
 * worker crashed (an uncaught error) or has not answered for `watchdogMs`, terminates it, starts a
 * fresh one, loads the same scenarios again and tells the page, which keeps everything else.
 * Runs in flight are lost and reported through `onRestart`; nothing the user made is.
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
      if (gen === this.generation) void this.restart('crashed');
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
      this.booted = true;
      this.lastPong = performance.now();
    });
  }

  /** Replaces a dead or hung worker by a fresh one with the same scenarios and live listener. */
  async restart(reason: RestartReason): Promise<void> {
    this.worker.terminate();
    this.spawn();
    for (const [slot, { text, file }] of this.loads) await this.api.load(slot, text, file);
    if (this.liveListener) await this.api.subscribe(Comlink.proxy(this.liveListener));
    this.onRestart(reason, this);
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
