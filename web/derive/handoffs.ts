import type { RunDigest } from '../../src/experiment/digest.js';
import { windowYears } from './estimate.js';

/** `from` of a referral that enters the services from outside: the user or the GP. */
export const ENTRY = -1;

/** Referrals from one service to another, per year of observation window. */
export interface HandoffCell {
  /** Service indexes into the digests' serviceIds; `from` is ENTRY for an entry referral. */
  from: number;
  to: number;
  /** Service ids; `fromId` is null for an entry referral. */
  fromId: string | null;
  toId: string;
  /** Mean referrals per year over replications (a replication without this pair counts 0). */
  perYear: number;
  /** Mean lost referrals per year. */
  lostPerYear: number;
  /** Lost referrals as a share (0–1) of all referrals of the pair, pooled over replications. */
  lostShare: number;
}

/**
 * Who refers to whom, per year of observation window: one cell per (from, to) pair seen in any
 * replication, sorted by volume (then by from, to). Throws when the digests list different
 * services, since their indexes would then name different services. Empty without digests.
 */
export function handoffMatrix(digests: readonly RunDigest[]): HandoffCell[] {
  if (digests.length === 0) return [];
  const ids = digests[0].serviceIds;
  for (const d of digests) {
    if (d.serviceIds.length !== ids.length || d.serviceIds.some((id, i) => id !== ids[i])) {
      throw new RangeError(`digests list different services: seed ${digests[0].seed} [${ids.join(', ')}], seed ${d.seed} [${d.serviceIds.join(', ')}]`);
    }
  }
  const pairs = new Map<string, { from: number; to: number; perYear: number; lostPerYear: number; count: number; lost: number }>();
  for (const d of digests) {
    const years = windowYears(d);
    const h = d.handoffs;
    for (let i = 0; i < h.count.length; i++) {
      const key = `${h.from[i]}>${h.to[i]}`;
      let p = pairs.get(key);
      if (!p) pairs.set(key, (p = { from: h.from[i], to: h.to[i], perYear: 0, lostPerYear: 0, count: 0, lost: 0 }));
      p.perYear += h.count[i] / years;
      p.lostPerYear += h.lost[i] / years;
      p.count += h.count[i];
      p.lost += h.lost[i];
    }
  }
  return [...pairs.values()]
    .map((p) => ({
      from: p.from,
      to: p.to,
      fromId: p.from === ENTRY ? null : ids[p.from],
      toId: ids[p.to],
      perYear: p.perYear / digests.length,
      lostPerYear: p.lostPerYear / digests.length,
      lostShare: p.count > 0 ? p.lost / p.count : NaN,
    }))
    .sort((x, y) => y.perYear - x.perYear || x.from - y.from || x.to - y.to);
}
