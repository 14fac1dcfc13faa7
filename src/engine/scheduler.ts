import { EventQueue, PRIORITY_MAX, PRIORITY_MIN, type EventHandle } from './eventQueue.js';

export type { EventHandle } from './eventQueue.js';

/** A handler receives the event's two integer arguments (usually entity ids). */
export type Handler = (a: number, b: number) => void;

/** Integer id of a registered event kind. */
export type EventKind = number;

/**
 * Discrete-event scheduler with simulated time in days.
 *
 * Small on purpose (SimPy's core): a queue of `(time, priority, sequence)` and a loop that calls
 * the handler registered for each event's kind. Agents are handlers over their own state;
 * resources, calendars and coordination designs are built on top of this, never inside it.
 * Knows nothing of wall-clock time: pacing is for whoever drives `step`/`runUntil`.
 */
export class Scheduler {
  private readonly queue: EventQueue;
  private readonly handlers: Handler[] = [];
  private readonly names: string[] = [];
  private stopRequested = false;
  private running = false;

  /** Current simulated time in days. Never decreases. */
  now = 0;
  /** Number of events fired so far. */
  eventsProcessed = 0;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Registers a handler and returns the kind id to schedule it with. */
  register(name: string, handler: Handler): EventKind {
    if (this.names.includes(name)) throw new Error(`Scheduler: event kind "${name}" registered twice`);
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  kindName(kind: EventKind): string {
    return this.names[kind] ?? `#${kind}`;
  }

  /** The event fired last, by kind name, with its arguments (for invariant checks and their messages). */
  lastFired(): { kind: string; a: number; b: number } {
    const q = this.queue;
    return { kind: this.kindName(q.lastKind), a: q.lastA, b: q.lastB };
  }

  /** Schedules `kind` after `delay` days (>= 0). Lower priority fires first among equal times. */
  schedule(delay: number, kind: EventKind, a = 0, b = 0, priority = 0): EventHandle {
    if (!(delay >= 0) || delay === Infinity) {
      throw new RangeError(`Scheduler: delay must be a finite number >= 0, got ${delay} for "${this.kindName(kind)}"`);
    }
    return this.push(this.now + delay, kind, a, b, priority);
  }

  /** Schedules `kind` at absolute time `time` (>= now). */
  scheduleAt(time: number, kind: EventKind, a = 0, b = 0, priority = 0): EventHandle {
    if (!(time >= this.now) || time === Infinity) {
      throw new RangeError(`Scheduler: cannot schedule "${this.kindName(kind)}" at ${time}, now is ${this.now} (time never goes back)`);
    }
    return this.push(time, kind, a, b, priority);
  }

  private push(time: number, kind: EventKind, a: number, b: number, priority: number): EventHandle {
    if (kind < 0 || kind >= this.handlers.length || (kind | 0) !== kind) throw new RangeError(`Scheduler: unknown event kind ${kind}`);
    if (priority < PRIORITY_MIN || priority > PRIORITY_MAX || (priority | 0) !== priority) {
      throw new RangeError(`Scheduler: priority must be an integer in [${PRIORITY_MIN}, ${PRIORITY_MAX}], got ${priority}`);
    }
    return this.queue.push(time, kind, a | 0, b | 0, priority);
  }

  /** Cancels a pending event; false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Time of the next event, +Infinity if none. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Asks a running `runUntil`/`runEvents` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Fires the next event. Returns false when there is none. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    const t = q.lastTime;
    if (t < this.now) throw new Error(`Scheduler: time went back from ${this.now} to ${t}`);
    this.now = t;
    this.eventsProcessed++;
    this.handlers[q.lastKind](q.lastA, q.lastB);
    return true;
  }

  /**
   * Fires every event with time <= `until`, then sets `now = until` (if not stopped early), so
   * time integrals can be closed at the horizon. Returns the number of events fired.
   */
  runUntil(until: number): number {
    if (!(until >= this.now)) throw new RangeError(`Scheduler: runUntil(${until}) is before now (${this.now})`);
    const q = this.queue;
    const handlers = this.handlers;
    const start = this.eventsProcessed;
    this.enter();
    try {
      while (q.size > 0 && q.peekTime() <= until) {
        q.pop();
        this.now = q.lastTime;
        this.eventsProcessed++;
        handlers[q.lastKind](q.lastA, q.lastB);
        if (this.stopRequested) return this.eventsProcessed - start;
      }
      this.now = until;
      return this.eventsProcessed - start;
    } finally {
      this.leave();
    }
  }

  /** Fires at most `n` events. Returns the number fired. */
  runEvents(n: number): number {
    const start = this.eventsProcessed;
    this.enter();
    try {
      for (let i = 0; i < n; i++) {
        if (!this.step() || this.stopRequested) break;
      }
      return this.eventsProcessed - start;
    } finally {
      this.leave();
    }
  }

  private enter(): void {
    if (this.running) throw new Error('Scheduler: run called from inside a handler');
    this.running = true;
    this.stopRequested = false;
  }

  private leave(): void {
    this.running = false;
  }
}
