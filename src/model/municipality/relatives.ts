/**
 * Relatives who coordinate: their strength runs out. While a user with relatives has something
 * nobody owns (any between-chairs spell open), the relatives carry the coordination at
 * `relativeHoursPerWeek` and their reserve drains (as it does by Model II's `relativeHoursPerWeek`
 * each week an eligible user has no coordinator); when it is gone they are exhausted: they stop
 * chasing (a lost referral is then noticed only as late as for a user without relatives) and stop
 * carrying Model II's coordination, until rest has refilled half the reserve. While nothing is
 * unowned the reserve refills at `relatives.recoveryHoursPerWeek`, up to `relatives.reserveHours`. Rorgemoen 2020: for the most complex families coordination is "almost a
 * full-time job" that parents carry on top of everything else; domain brief §7 pattern 14 (relatives
 * absorb coordination work). The reserve, its refill and exhaustion as an all-or-nothing stop are
 * assumptions. docs/model.md §5.
 */
import type { User, World } from './world.js';

export interface Relatives {
  /** The user's first spell opened: their relatives start carrying. */
  busy(u: User): void;
  /** The user's last spell closed (or the user left): the relatives rest. */
  free(u: User): void;
  /** The relatives carry `hours` of coordination at once (Model II: an eligible user without a coordinator, weekly); returns the hours they carried (0 when exhausted). */
  carry(u: User, hours: number): number;
  /** Whether the user's relatives still chase what nobody owns (false without relatives, or while exhausted). */
  canChase(u: User): boolean;
  /** At the horizon: relatives whose reserve ran out while carrying are counted. */
  closeAtHorizon(): void;
}

export function relatives(w: World): Relatives {
  const { sim, spec, rec, T } = w;
  const cfg = spec.relatives;
  const rate = spec.relativeHoursPerWeek;
  /** Per user: reserve in hours at `updated`; since when carrying spells (NaN: resting); exhausted until rested to half. */
  const reserve: number[] = [];
  const updated: number[] = [];
  const carryingSince: number[] = [];
  const exhausted: boolean[] = [];

  const exhaust = (uid: number, at: number) => {
    exhausted[uid] = true;
    if (at >= w.W && at <= T) {
      rec.relativesExhausted.time.push(at);
      rec.relativesExhausted.user.push(uid);
    }
  };

  /** Brings the user's relatives to time `t`: carrying drains (exhausted at zero), rest refills (rested at half). */
  const settle = (uid: number, t: number) => {
    const r0 = reserve[uid] ?? cfg.reserveHours;
    const since = carryingSince[uid];
    if (since !== undefined && !Number.isNaN(since)) {
      if (!exhausted[uid] && rate > 0 && since + (7 * r0) / rate <= t) exhaust(uid, since + (7 * r0) / rate);
      reserve[uid] = exhausted[uid] ? 0 : Math.max(0, r0 - (rate * (t - since)) / 7);
      carryingSince[uid] = t;
    } else {
      const at = updated[uid] ?? t;
      reserve[uid] = Math.min(cfg.reserveHours, r0 + (cfg.recoveryHoursPerWeek * (t - at)) / 7);
      if (exhausted[uid] && reserve[uid] >= cfg.reserveHours / 2) exhausted[uid] = false;
    }
    updated[uid] = t;
  };

  return {
    busy(u) {
      if (!u.relatives) return;
      settle(u.id, sim.now);
      carryingSince[u.id] = sim.now;
    },
    free(u) {
      if (!u.relatives) return;
      settle(u.id, sim.now);
      carryingSince[u.id] = NaN;
    },
    carry(u, hours) {
      if (!u.relatives || !(hours > 0)) return 0;
      settle(u.id, sim.now);
      if (exhausted[u.id]) return 0;
      const r = reserve[u.id] - hours;
      reserve[u.id] = Math.max(0, r);
      if (r <= 0) exhaust(u.id, sim.now);
      return hours;
    },
    canChase(u) {
      if (!u.relatives) return false;
      settle(u.id, sim.now);
      return !exhausted[u.id];
    },
    closeAtHorizon() {
      carryingSince.forEach((since, uid) => {
        if (!Number.isNaN(since)) settle(uid, T);
      });
    },
  };
}
