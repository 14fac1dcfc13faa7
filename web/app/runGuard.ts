import { RUN_LIMITS, type RunSize } from '../../src/experiment/runSize.js';
import type { Slot } from '../../src/protocol.js';
import { fmtCompact, fmtNumber, onLangChange, plural, t } from '../i18n/i18n.js';

/**
 * Whether Run may start, and why not: a scenario whose text does not validate is never run in
 * place of what the user sees (Run is off, with the reason beside it), and a run above the CLI's
 * limits (src/experiment/runSize.ts RUN_LIMITS: 1 GB of memory per replication, 10^9 events in
 * all) is refused unless the user chooses to run it anyway, as `--allow-large` does in the CLI.
 * Beside Run the page shows the estimate of the run's size before it starts.
 */
export interface RunState {
  /** Problems of each slot's text as the editor has it; a slot absent or at 0 is valid. */
  problems: Partial<Record<Slot, number>>;
  /** Size of one replication of each loaded slot. */
  sizes: Partial<Record<Slot, RunSize>>;
  reps: number;
  allowLarge: boolean;
}

export type RunVerdict =
  | { ok: true; events: number; memory: number; total: number }
  | { ok: false; why: 'invalid'; slot: Slot; count: number }
  | { ok: false; why: 'tooLarge'; events: number; memory: number; total: number; memoryOver: boolean; eventsOver: boolean };

/** Pure: the verdict on a run of `state`. */
export function judgeRun(state: RunState): RunVerdict {
  for (const slot of ['A', 'B'] as const) {
    const count = state.problems[slot] ?? 0;
    if (count > 0) return { ok: false, why: 'invalid', slot, count };
  }
  const sizes = Object.values(state.sizes).filter((s): s is RunSize => s !== undefined);
  const events = sizes.reduce((a, s) => a + s.eventsPerReplication, 0);
  const memory = Math.max(0, ...sizes.map((s) => s.memoryBytesPerReplication));
  const total = events * state.reps;
  const memoryOver = memory > RUN_LIMITS.memoryBytesPerReplication;
  const eventsOver = total > RUN_LIMITS.eventsTotal;
  if ((memoryOver || eventsOver) && !state.allowLarge) return { ok: false, why: 'tooLarge', events, memory, total, memoryOver, eventsOver };
  return { ok: true, events, memory, total };
}

/** Bytes as MB or GB, two significant digits, in the language's number format: "70 MB", "2,2 GB". */
export function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return '–';
  if (b >= 1e9) return `${fmtNumber(b >= 1e10 ? Math.round(b / 1e9) : Math.round(b / 1e8) / 10)} GB`;
  return `${fmtNumber(Math.max(1, Math.round(b / 1e6)))} MB`;
}

/** The words for a verdict in the current language. */
export function describeVerdict(v: RunVerdict): string {
  if (!v.ok && v.why === 'invalid') return plural('run.blocked', v.count, { slot: v.slot });
  const size = t('run.size', { memory: fmtBytes(v.memory), total: fmtCompact(v.total) });
  if (v.ok) return size;
  const why = [
    ...(v.memoryOver ? [t('run.tooLarge.memory', { memory: fmtBytes(v.memory), limit: fmtBytes(RUN_LIMITS.memoryBytesPerReplication) })] : []),
    ...(v.eventsOver ? [t('run.tooLarge.events', { events: fmtCompact(v.total), limit: fmtCompact(RUN_LIMITS.eventsTotal) })] : []),
  ].join('; ');
  return t('run.tooLarge', { why });
}

/** Keeps Run, the note beside it and the "Run anyway" button in step with the state. */
export class RunGuard {
  private state: RunState = { problems: {}, sizes: {}, reps: 1, allowLarge: false };
  private running = false;

  constructor(
    private readonly run: HTMLButtonElement,
    private readonly note: HTMLElement,
    private readonly anyway: HTMLButtonElement,
  ) {
    anyway.addEventListener('click', () => this.update({ allowLarge: true }));
    onLangChange(() => this.render());
  }

  update(part: Partial<RunState>): void {
    // A new size or count of replications asks again: "run anyway" was said of the old one.
    const allowLarge = part.allowLarge ?? (part.sizes !== undefined || part.reps !== undefined ? false : this.state.allowLarge);
    this.state = { ...this.state, ...part, allowLarge };
    this.render();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.render();
  }

  get verdict(): RunVerdict {
    return judgeRun(this.state);
  }

  get allowLarge(): boolean {
    return this.state.allowLarge;
  }

  private render(): void {
    const v = this.verdict;
    this.run.disabled = this.running || !v.ok;
    this.note.textContent = Object.keys(this.state.sizes).length > 0 || !v.ok ? describeVerdict(v) : '';
    this.note.className = v.ok ? 'run-note' : 'run-note blocked';
    this.anyway.hidden = v.ok || v.why !== 'tooLarge';
  }
}
