import type { StoryEntry, UserStory } from '../../src/protocol.js';

/**
 * One user's path as a timeline (the "user's story"): services as lanes, waits and service spells
 * as bars, handoffs as arrows, the coordinator as a band above, meetings and crises as marks, and
 * the spells between chairs as red gaps with their cause. Pure: the story's entries in, shapes out.
 */

export type BarKind = 'wait' | 'assessment' | 'service';

export interface StoryShapes {
  lanes: string[];
  bars: Array<{ lane: number; t0: number; t1: number; kind: BarKind; need: number; needType: string | null; open: boolean }>;
  /** Referrals: from lane (-1 = from outside: the user or GP) to lane; lost ones end on the floor. */
  arrows: Array<{ t: number; from: number; to: number; lost: boolean; infoLost: boolean; arrived: number }>;
  /** Spells with an active need nobody owns. */
  floor: Array<{ t0: number; t1: number; cause: string; open: boolean }>;
  /** Between-chairs events: the moment a spell passed the threshold, with its cause. */
  falls: Array<{ t: number; cause: string }>;
  coordinator: Array<{ t0: number; t1: number; id: number; open: boolean }>;
  marks: Array<{ t: number; kind: 'meeting' | 'crisis' | 'ipDrafted' | 'refused' | 'rejected' | 'noShow' | 'disengaged' | 'unmetRight' | 'assignmentRefused' | 'caseOrphaned' | 'planAdjusted' | 'escalated'; lane: number; detail: string | number }>;
  start: number;
  end: number;
  exit: { t: number; reason: string } | null;
}

const MARK_KINDS = new Set(['crisis', 'ipDrafted', 'refused', 'rejected', 'noShow', 'disengaged', 'unmetRight', 'assignmentRefused', 'caseOrphaned', 'planAdjusted', 'escalated']);

export function storyShapes(story: UserStory, now: number): StoryShapes {
  const lanes: string[] = [];
  const lane = (s: string | null) => {
    if (s === null || s === 'entry') return -1;
    let i = lanes.indexOf(s);
    if (i < 0) i = lanes.push(s) - 1;
    return i;
  };
  const out: StoryShapes = { lanes, bars: [], arrows: [], floor: [], falls: [], coordinator: [], marks: [], start: story.arrival, end: now, exit: null };
  // Open bars and arrows per need.
  const openBar = new Map<number, StoryShapes['bars'][number]>();
  const openArrow = new Map<number, StoryShapes['arrows'][number]>();
  let openFloor: StoryShapes['floor'][number] | null = null;
  let openCoord: StoryShapes['coordinator'][number] | null = null;
  const close = (need: number, t: number) => {
    const b = openBar.get(need);
    if (b) {
      b.t1 = t;
      b.open = false;
      openBar.delete(need);
    }
  };
  const open = (e: StoryEntry, kind: BarKind) => {
    close(e.need, e.t);
    const b = { lane: lane(e.service), t0: e.t, t1: now, kind, need: e.need, needType: e.needType, open: true };
    out.bars.push(b);
    openBar.set(e.need, b);
  };
  for (const e of story.entries) {
    switch (e.kind) {
      case 'referralSent': {
        close(e.need, e.t);
        const a = { t: e.t, from: lane(e.other), to: lane(e.service), lost: false, infoLost: false, arrived: NaN };
        out.arrows.push(a);
        openArrow.set(e.need, a);
        break;
      }
      case 'referralLost':
        if (openArrow.get(e.need)) openArrow.get(e.need)!.lost = true;
        break;
      case 'infoLost':
        if (openArrow.get(e.need)) openArrow.get(e.need)!.infoLost = true;
        break;
      case 'referralArrived':
        if (openArrow.get(e.need)) openArrow.get(e.need)!.arrived = e.t;
        openArrow.delete(e.need);
        break;
      case 'queued':
        open(e, 'wait');
        break;
      case 'admitted':
        open(e, 'assessment');
        break;
      case 'accepted':
        open(e, 'service');
        break;
      case 'legDone':
      case 'episodeDone':
        close(e.need, e.t);
        break;
      case 'betweenChairsStart':
        openFloor = { t0: e.t, t1: now, cause: String(e.detail), open: true };
        out.floor.push(openFloor);
        break;
      case 'betweenChairsEnd':
        if (openFloor) {
          openFloor.t1 = e.t;
          openFloor.open = false;
          openFloor = null;
        }
        break;
      case 'betweenChairsEvent':
        out.falls.push({ t: e.t, cause: String(e.detail) });
        break;
      case 'coordinatorAssigned':
        if (openCoord) {
          openCoord.t1 = e.t;
          openCoord.open = false;
        }
        openCoord = { t0: e.t, t1: now, id: Number(e.detail), open: true };
        out.coordinator.push(openCoord);
        break;
      case 'meetingHeld':
        out.marks.push({ t: e.t, kind: 'meeting', lane: -1, detail: e.detail });
        break;
      case 'exit':
        out.exit = { t: e.t, reason: String(e.detail) };
        out.end = e.t;
        for (const need of [...openBar.keys()]) close(need, e.t);
        break;
      default:
        if (MARK_KINDS.has(e.kind)) out.marks.push({ t: e.t, kind: e.kind as StoryShapes['marks'][number]['kind'], lane: lane(e.service), detail: e.detail });
        // A rejection or refusal ends the service spell there.
        if (e.kind === 'rejected' || e.kind === 'refused' || e.kind === 'noShow') close(e.need, e.t);
    }
    if (e.kind === 'caseOrphaned' && openCoord) {
      openCoord.t1 = e.t;
      openCoord.open = false;
      openCoord = null;
    }
  }
  if (out.exit) {
    if (openCoord) {
      openCoord.t1 = out.exit.t;
      openCoord.open = false;
    }
    if (openFloor) {
      openFloor.t1 = out.exit.t;
      openFloor.open = false;
    }
  }
  return out;
}
