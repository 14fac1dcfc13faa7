/**
 * W1 baseline: the same M/M/c run as src/model/queue/queueModel.ts (same random streams, same
 * samplers, same FIFO, same per-customer arrival/start/end columns) on the barest event list we
 * know how to write: one binary heap over typed arrays with the payload inline, no handles, no
 * cancellation, no handler table, no argument checks. The ratio koordsim / this is the cost of the
 * engine's generality (issue 15: koordsim must reach at least 2/3 of it).
 */
import { exponential } from '../src/engine/distributions.js';
import { RandomSource } from '../src/engine/random.js';

export interface MmcParams {
  arrivalsPerDay: number;
  meanServiceDays: number;
  servers: number;
}

/** Runs until `customers` have departed; returns the simulated time reached (so nothing is dead code). */
export function bareHeapMmc(p: MmcParams, seed: number, customers: number): { events: number; now: number } {
  const random = new RandomSource(seed);
  const arrivals = random.stream('arrivals');
  const service = random.stream('service');
  const meanInterarrival = 1 / p.arrivalsPerDay;
  const c = p.servers;
  // Customer columns, as the model keeps them.
  const n = Math.ceil(customers * 1.05) + 1024;
  const arrival = new Float64Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  // Heap: time, tie-breaking sequence, payload (-1 = arrival, else the departing customer).
  let cap = 1024;
  let hTime = new Float64Array(cap);
  let hSeq = new Float64Array(cap);
  let hWho = new Int32Array(cap);
  let size = 0;
  let seq = 0;
  const push = (t: number, who: number) => {
    if (size === cap) {
      cap *= 2;
      const a = new Float64Array(cap);
      a.set(hTime);
      hTime = a;
      const b = new Float64Array(cap);
      b.set(hSeq);
      hSeq = b;
      const d = new Int32Array(cap);
      d.set(hWho);
      hWho = d;
    }
    const k = seq++;
    let i = size++;
    while (i > 0) {
      const q = (i - 1) >> 1;
      if (t > hTime[q] || (t === hTime[q] && k > hSeq[q])) break;
      hTime[i] = hTime[q];
      hSeq[i] = hSeq[q];
      hWho[i] = hWho[q];
      i = q;
    }
    hTime[i] = t;
    hSeq[i] = k;
    hWho[i] = who;
  };
  let popTime = 0;
  let popWho = 0;
  const pop = () => {
    popTime = hTime[0];
    popWho = hWho[0];
    const last = --size;
    const t = hTime[last];
    const k = hSeq[last];
    const w = hWho[last];
    let i = 0;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= size) break;
      if (ch + 1 < size && (hTime[ch + 1] < hTime[ch] || (hTime[ch + 1] === hTime[ch] && hSeq[ch + 1] < hSeq[ch]))) ch++;
      if (t < hTime[ch] || (t === hTime[ch] && k < hSeq[ch])) break;
      hTime[i] = hTime[ch];
      hSeq[i] = hSeq[ch];
      hWho[i] = hWho[ch];
      i = ch;
    }
    hTime[i] = t;
    hSeq[i] = k;
    hWho[i] = w;
  };
  // FIFO of waiting customers: ids arrive in order, so a head index into the arrival order suffices.
  let waitingHead = 0;
  let waitingTail = 0;
  const waiting = new Int32Array(n);
  let users = 0;
  let busy = 0;
  let departures = 0;
  let events = 0;
  let now = 0;
  const begin = (id: number) => {
    const d = exponential(service, p.meanServiceDays);
    start[id] = now;
    end[id] = now + d;
    busy++;
    push(now + d, id);
  };
  push(exponential(arrivals, meanInterarrival), -1);
  while (size > 0 && departures < customers) {
    pop();
    now = popTime;
    events++;
    if (popWho < 0) {
      const id = users++;
      arrival[id] = now;
      start[id] = NaN;
      end[id] = NaN;
      if (busy < c) begin(id);
      else waiting[waitingTail++] = id;
      push(now + exponential(arrivals, meanInterarrival), -1);
    } else {
      busy--;
      departures++;
      if (waitingTail > waitingHead) begin(waiting[waitingHead++]);
    }
  }
  return { events, now };
}
