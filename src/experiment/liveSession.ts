import { startMunicipality, type MunicipalityRun } from '../model/municipality/municipalityModel.js';
import { ESCALATION_KINDS } from '../model/municipality/routing/pathway.js';
import { serviceIdsOf } from '../model/registry.js';
import { CAUSES } from '../model/municipality/causes.js';
import { EXIT_REASONS } from '../model/municipality/record.js';
import type { MunicipalitySnapshot } from '../model/municipality/snapshot.js';
import { MEETING_MODES, REQUEST_KINDS } from '../model/municipality/coordination/coordinationRecord.js';
import type { TraceEntry } from '../model/municipality/trace.js';
import type { MunicipalityScenario } from '../scenario/schema.js';
import type { Slot, StepSize, StoryEntry, UserStory } from '../protocol.js';

/**
 * One or two municipality runs (A and B, same seed) driven together in simulated time, for the
 * live view. Knows nothing of wall-clock time: the worker paces it. Driving runs in pieces gives
 * the same records as straight runs (tests/model/municipality/liveRun.test.ts).
 */
export class LiveSession {
  readonly seed: number;
  private readonly runs = new Map<Slot, { run: MunicipalityRun; serviceIds: string[] }>();

  constructor(scenarios: ReadonlyMap<Slot, MunicipalityScenario>, seed: number, years?: number) {
    this.seed = seed;
    for (const [slot, s] of scenarios) {
      this.runs.set(slot, { run: startMunicipality(s, seed, { horizonDays: years !== undefined ? years * 365 : undefined }), serviceIds: serviceIdsOf(s) });
    }
  }

  get slots(): Slot[] {
    return [...this.runs.keys()];
  }

  /** The day shown: the earliest of the runs (they are kept within one step of each other). */
  get now(): number {
    let t = Infinity;
    for (const { run } of this.runs.values()) t = Math.min(t, run.done ? run.horizonDays : run.now);
    return Number.isFinite(t) ? t : 0;
  }

  get horizonDays(): number {
    let t = 0;
    for (const { run } of this.runs.values()) t = Math.max(t, run.horizonDays);
    return t;
  }

  get done(): boolean {
    for (const { run } of this.runs.values()) if (!run.done) return false;
    return true;
  }

  /** Advances every run to day `t`. */
  advanceTo(t: number): void {
    for (const { run } of this.runs.values()) run.advanceTo(t);
  }

  /**
   * One step: the next event (of whichever run has the earliest, the other catching up to that
   * instant), the next whole day, or the next whole week.
   */
  step(size: StepSize): void {
    if (size === 'event') {
      let first: MunicipalityRun | null = null;
      for (const { run } of this.runs.values()) if (first === null || run.nextEventTime() < first.nextEventTime()) first = run;
      if (first === null) return;
      const t = first.nextEventTime();
      if (!Number.isFinite(t)) {
        this.advanceTo(this.horizonDays);
        return;
      }
      first.stepEvents(1);
      for (const { run } of this.runs.values()) if (run !== first && run.now < t) run.advanceTo(t);
      return;
    }
    const days = size === 'day' ? 1 : 7;
    this.advanceTo((Math.floor(this.now / days + 1e-9) + 1) * days);
  }

  snapshot(slot: Slot): MunicipalitySnapshot | null {
    return this.runs.get(slot)?.run.snapshot() ?? null;
  }

  /** A user's path so far in one run, with services and needs named. */
  story(slot: Slot, user: number): UserStory | null {
    const r = this.runs.get(slot);
    const tr = r?.run.userTrace(user);
    if (!r || !tr) return null;
    const sid = (i: number) => (i >= 0 ? (r.serviceIds[i] ?? null) : null);
    return {
      slot,
      user,
      group: tr.group,
      arrival: tr.arrival,
      complete: tr.complete,
      entries: tr.entries.map((e) => storyEntry(e, sid, tr.needTypes)),
    };
  }
}

/** Names the detail of a trace entry by its kind (trace.ts documents what each detail holds). */
function storyEntry(e: TraceEntry, sid: (i: number) => string | null, needTypes: string[]): StoryEntry {
  let other: string | null = null;
  let detail: string | number = e.detail;
  switch (e.kind) {
    case 'referralSent':
    case 'referralLost':
    case 'infoLost':
      other = e.detail >= 0 ? sid(e.detail) : 'entry';
      break;
    case 'deflected':
      other = sid(e.detail);
      break;
    case 'betweenChairsStart':
    case 'betweenChairsEvent':
      detail = CAUSES[e.detail] ?? e.detail;
      break;
    case 'exit':
      detail = EXIT_REASONS[e.detail] ?? e.detail;
      break;
    case 'coordinatorRequested':
      detail = REQUEST_KINDS[e.detail] ?? e.detail;
      break;
    case 'meetingHeld':
      detail = MEETING_MODES[e.detail] ?? e.detail;
      break;
    case 'escalated':
      detail = ESCALATION_KINDS[e.detail] ?? e.detail;
      break;
  }
  return { t: e.t, kind: e.kind, service: sid(e.service), other, need: e.need, needType: e.need >= 0 ? (needTypes[e.need] ?? null) : null, detail };
}
