import { USER_STATES } from '../../src/model/municipality/snapshot.js';
import type { MunicipalitySnapshot } from '../../src/model/municipality/snapshot.js';

/**
 * The municipality as chairs: where each service (a row of seats) and each present user (a dot)
 * goes in the live view. Pure: a snapshot and the scenario's services in, positions out. Services
 * sit in a grid, municipal ones above specialist ones; seated users fill the seats, waiting users
 * line up in the service's queue strip, referrals in flight sit on the line between two services,
 * and users between chairs sit on the floor at the bottom, grouped by cause.
 */

const DEFAULTS = {
  width: 640,
  height: 420,
  /** Height of the floor band at the bottom, where users between chairs sit. */
  floor: 70,
  label: 14,
  dot: 3.2,
  gap: 1.6,
};

export type ChairsOptions = Partial<typeof DEFAULTS>;

export interface ServiceBox {
  index: number;
  id: string;
  label: string;
  specialist: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The seat area and the queue strip inside the box. */
  seats: { x: number; y: number; w: number; h: number };
  queue: { x: number; y: number; w: number; h: number };
  seated: number;
  queued: number;
  /** Users not drawn because the area is full. */
  seatOverflow: number;
  queueOverflow: number;
  utilisation: number;
}

export interface Dot {
  user: number;
  x: number;
  y: number;
  state: (typeof USER_STATES)[number];
  service: number;
  cause: number;
  /** On the floor: what keeps the user there (SPELL_REASONS index); -1 otherwise. */
  keptBy: number;
  hasCoordinator: boolean;
  /** Days between chairs so far (NaN unless on the floor). */
  daysOnFloor: number;
}

export interface ChairsLayout {
  width: number;
  height: number;
  boxes: ServiceBox[];
  dots: Dot[];
  floor: { x: number; y: number; w: number; h: number };
  atHome: number;
  onFloor: number;
  inTransit: number;
}

function gridSlots(area: { x: number; y: number; w: number; h: number }, step: number): number {
  return Math.max(0, Math.floor(area.w / step)) * Math.max(0, Math.floor(area.h / step));
}

function slotAt(area: { x: number; y: number; w: number; h: number }, step: number, k: number): { x: number; y: number } {
  const cols = Math.max(1, Math.floor(area.w / step));
  return { x: area.x + step / 2 + (k % cols) * step, y: area.y + step / 2 + Math.floor(k / cols) * step };
}

/** Grid positions of the service boxes; depends only on the services, so it is stable over a run. */
export function serviceGrid(labels: string[], levels: string[], o: ChairsOptions = {}): Omit<ServiceBox, 'seated' | 'queued' | 'seatOverflow' | 'queueOverflow' | 'utilisation' | 'index' | 'id'>[] {
  const c = { ...DEFAULTS, ...o };
  const n = labels.length;
  const municipal = levels.map((l, i) => (l === 'specialist' ? -1 : i)).filter((i) => i >= 0);
  const specialist = levels.map((l, i) => (l === 'specialist' ? i : -1)).filter((i) => i >= 0);
  const area = { w: c.width, h: c.height - c.floor };
  // Columns so that cells are about 1.6 times wider than tall.
  const cols = Math.max(1, Math.ceil(Math.sqrt((n * area.w) / (area.h * 1.6))));
  const rowsM = Math.ceil(municipal.length / cols);
  const rowsS = Math.ceil(specialist.length / cols);
  const rows = Math.max(1, rowsM + rowsS);
  const cw = area.w / cols;
  const ch = area.h / rows;
  const out = new Array(n);
  const place = (list: number[], row0: number) =>
    list.forEach((i, k) => {
      const x = (k % cols) * cw + 3;
      const y = (row0 + Math.floor(k / cols)) * ch + 3;
      const w = cw - 6;
      const h = ch - 6;
      const inner = h - c.label;
      // At least one dot step (plus the 2-unit inset) so a short box still shows its first waiting user.
      const qh = Math.max(c.dot * 2 + c.gap + 2, inner * 0.3);
      out[i] = {
        label: labels[i],
        specialist: levels[i] === 'specialist',
        x,
        y,
        w,
        h,
        seats: { x: x + 2, y: y + c.label, w: w - 4, h: inner - qh - 2 },
        queue: { x: x + 2, y: y + c.label + inner - qh, w: w - 4, h: qh - 2 },
      };
    });
  place(municipal, 0);
  place(specialist, rowsM);
  return out;
}

export function chairsLayout(snap: MunicipalitySnapshot, serviceIds: string[], labels: string[], levels: string[], o: ChairsOptions = {}): ChairsLayout {
  const c = { ...DEFAULTS, ...o };
  const grid = serviceGrid(labels, levels, c);
  const step = c.dot * 2 + c.gap;
  const boxes: ServiceBox[] = grid.map((g, i) => ({
    ...g,
    index: i,
    id: serviceIds[i],
    seated: snap.services.seated[i] ?? 0,
    queued: snap.services.queued[i] ?? 0,
    seatOverflow: 0,
    queueOverflow: 0,
    utilisation: snap.services.capacityHours[i] > 0 ? snap.services.usedHours[i] / snap.services.capacityHours[i] : NaN,
  }));
  const floor = { x: 0, y: c.height - c.floor + 4, w: c.width, h: c.floor - 4 };
  const dots: Dot[] = [];
  const seatCount = boxes.map(() => 0);
  const queueCount = boxes.map(() => 0);
  const u = snap.users;
  // Users in id order, so a user keeps its place while others come and go.
  const order = Array.from(u.id.keys()).sort((a, b) => u.id[a] - u.id[b]);
  const floorUsers: number[] = [];
  let atHome = 0;
  let inTransit = 0;
  for (const i of order) {
    const state = USER_STATES[u.state[i]];
    const s = u.service[i];
    const base = { user: u.id[i], state, service: s, cause: u.cause[i], keptBy: -1, hasCoordinator: u.coordinator[i] >= 0, daysOnFloor: NaN };
    if (state === 'home') {
      atHome++;
      continue;
    }
    if (state === 'betweenChairs') {
      floorUsers.push(i);
      continue;
    }
    const b = boxes[s];
    if (!b) continue;
    if (state === 'seated') {
      const k = seatCount[s]++;
      if (k >= gridSlots(b.seats, step)) {
        b.seatOverflow++;
        continue;
      }
      dots.push({ ...base, ...slotAt(b.seats, step, k) });
    } else if (state === 'queued') {
      const k = queueCount[s]++;
      if (k >= gridSlots(b.queue, step)) {
        b.queueOverflow++;
        continue;
      }
      dots.push({ ...base, ...slotAt(b.queue, step, k) });
    } else {
      // In transit: on the way from the sender (or from outside, for an entry referral) to the service.
      inTransit++;
      const from = boxes[u.from[i]];
      const x0 = from ? from.x + from.w / 2 : b.x + b.w / 2;
      const y0 = from ? from.y + from.h / 2 : b.y - 4;
      const f = 0.35 + 0.3 * (((u.id[i] * 2654435761) >>> 0) / 4294967296); // spread along the line, fixed per user
      dots.push({ ...base, x: x0 + (b.x + b.w / 2 - x0) * f, y: y0 + (b.y + b.h / 2 - y0) * f });
    }
  }
  // The floor: grouped by cause (the fixed cause order), then by user id.
  floorUsers.sort((a, b) => u.cause[a] - u.cause[b] || u.id[a] - u.id[b]);
  const fstep = step * 1.3;
  const cap = gridSlots(floor, fstep);
  floorUsers.forEach((i, k) => {
    if (k >= cap) return;
    dots.push({
      user: u.id[i],
      state: 'betweenChairs',
      service: u.service[i],
      cause: u.cause[i],
      keptBy: u.keptBy[i],
      hasCoordinator: u.coordinator[i] >= 0,
      daysOnFloor: snap.t - u.since[i],
      ...slotAt(floor, fstep, k),
    });
  });
  return { width: c.width, height: c.height, boxes, dots, floor, atHome, onFloor: floorUsers.length, inTransit };
}
