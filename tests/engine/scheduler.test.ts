import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/engine/scheduler.js';

describe('Scheduler', () => {
  it('fires handlers in time order and advances now', () => {
    const s = new Scheduler();
    const log: string[] = [];
    const ping = s.register('ping', (a) => log.push(`${s.now}:${a}`));
    s.schedule(2, ping, 2);
    s.schedule(1, ping, 1);
    s.scheduleAt(1.5, ping, 15);
    expect(s.step()).toBe(true);
    expect(log).toEqual(['1:1']);
    expect(s.now).toBe(1);
    expect(s.runEvents(10)).toBe(2);
    expect(log).toEqual(['1:1', '1.5:15', '2:2']);
    expect(s.step()).toBe(false);
    expect(s.eventsProcessed).toBe(3);
  });

  it('breaks ties deterministically by priority and then scheduling order', () => {
    const s = new Scheduler();
    const log: number[] = [];
    const k = s.register('k', (a) => log.push(a));
    s.schedule(1, k, 1, 0, 0);
    s.schedule(1, k, 2, 0, -1);
    s.schedule(1, k, 3, 0, 0);
    s.schedule(1, k, 4, 0, -1);
    s.runUntil(5);
    expect(log).toEqual([2, 4, 1, 3]);
    expect(s.now).toBe(5);
  });

  it('runUntil fires events at exactly the horizon and leaves later ones pending', () => {
    const s = new Scheduler();
    let fired = 0;
    const k = s.register('k', () => fired++);
    s.schedule(1, k);
    s.schedule(3, k);
    s.schedule(3.0001, k);
    expect(s.runUntil(3)).toBe(2);
    expect(fired).toBe(2);
    expect(s.pending).toBe(1);
    expect(s.now).toBe(3);
  });

  it('lets handlers schedule and cancel other events', () => {
    const s = new Scheduler();
    const log: string[] = [];
    let timeout = -1;
    const onTimeout = s.register('timeout', () => log.push('timeout'));
    const onDone = s.register('done', () => {
      log.push('done');
      expect(s.cancel(timeout)).toBe(true);
    });
    const onStart = s.register('start', () => {
      timeout = s.schedule(5, onTimeout);
      s.schedule(2, onDone);
    });
    s.schedule(0, onStart);
    s.runUntil(100);
    expect(log).toEqual(['done']);
    expect(s.cancel(timeout)).toBe(false);
  });

  it('stop() returns from runUntil after the current event', () => {
    const s = new Scheduler();
    let n = 0;
    const k = s.register('k', () => {
      n++;
      if (n === 3) s.stop();
      s.schedule(1, k);
    });
    s.schedule(0, k);
    s.runUntil(1000);
    expect(n).toBe(3);
    expect(s.now).toBe(2);
    s.runUntil(4);
    expect(n).toBe(5); // events at t=3 and t=4
  });

  it('fails loudly on negative delays, the past, unknown kinds, bad priorities and re-entry', () => {
    const s = new Scheduler();
    const k = s.register('k', () => s.runUntil(10));
    expect(() => s.schedule(-1, k)).toThrow(/delay must be a finite number >= 0/);
    expect(() => s.schedule(NaN, k)).toThrow(RangeError);
    expect(() => s.schedule(1, 99)).toThrow(/unknown event kind/);
    expect(() => s.schedule(1, k, 0, 0, 5000)).toThrow(/priority/);
    expect(() => s.register('k', () => {})).toThrow(/registered twice/);
    s.schedule(1, k);
    expect(() => s.runUntil(5)).toThrow(/inside a handler/);
    expect(() => s.scheduleAt(0.5, k)).toThrow(/time never goes back/);
    expect(() => s.runUntil(0)).toThrow(/before now/);
  });
});
