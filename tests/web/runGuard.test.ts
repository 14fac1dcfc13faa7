// Whether Run may start (web/app/runGuard.ts judgeRun): never with a scenario that does not
// validate; never above the CLI's limits unless the user chose to run anyway.
import { describe, expect, it } from 'vitest';
import { RUN_LIMITS, type RunSize } from '../../src/experiment/runSize.js';
import { describeVerdict, fmtBytes, judgeRun } from '../../web/app/runGuard.js';
import { setLang } from '../../web/i18n/i18n.js';

const size = (events: number, memory: number): RunSize => ({ users: 1000, eventsPerReplication: events, memoryBytesPerReplication: memory, replications: 1, eventsTotal: events });

describe('judgeRun', () => {
  it('lets a run within the limits start, with its size', () => {
    const v = judgeRun({ problems: {}, sizes: { A: size(170_000, 37e6), B: size(180_000, 40e6) }, reps: 10, allowLarge: false });
    expect(v).toEqual({ ok: true, events: 350_000, memory: 40e6, total: 3_500_000 });
    setLang('en');
    expect(describeVerdict(v)).toBe('Size: about 3.5m events, 40 MB per replication');
  });

  it('refuses a slot with problems, naming it and the count', () => {
    expect(judgeRun({ problems: { A: 0, B: 2 }, sizes: { A: size(1, 1) }, reps: 1, allowLarge: true })).toEqual({ ok: false, why: 'invalid', slot: 'B', count: 2 });
  });

  it('refuses above either limit unless allowed', () => {
    const memory = judgeRun({ problems: {}, sizes: { A: size(1e6, RUN_LIMITS.memoryBytesPerReplication + 1) }, reps: 1, allowLarge: false });
    expect(memory).toMatchObject({ ok: false, why: 'tooLarge', memoryOver: true, eventsOver: false });
    const events = judgeRun({ problems: {}, sizes: { A: size(RUN_LIMITS.eventsTotal / 100, 1e6) }, reps: 101, allowLarge: false });
    expect(events).toMatchObject({ ok: false, why: 'tooLarge', memoryOver: false, eventsOver: true });
    setLang('en');
    expect(describeVerdict(events)).toBe('Too large to run: about 1bn events in all (limit 1bn). Lower the replications or the population, or run it anyway.');
    expect(judgeRun({ problems: {}, sizes: { A: size(RUN_LIMITS.eventsTotal / 100, 1e6) }, reps: 101, allowLarge: true }).ok).toBe(true);
    // Exactly at the limits is allowed, as in the CLI (sizeProblem uses >).
    expect(judgeRun({ problems: {}, sizes: { A: size(RUN_LIMITS.eventsTotal / 100, RUN_LIMITS.memoryBytesPerReplication) }, reps: 100, allowLarge: false }).ok).toBe(true);
  });

  it('writes bytes in the language', () => {
    setLang('nb');
    expect(fmtBytes(2.2e9)).toBe('2,2 GB');
    expect(fmtBytes(36.6e6)).toBe('37 MB');
    setLang('en');
    expect(fmtBytes(2.2e9)).toBe('2.2 GB');
    expect(fmtBytes(12e9)).toBe('12 GB');
  });
});
