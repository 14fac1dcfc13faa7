/**
 * Relatives who coordinate: their strength runs out. While a user with relatives has something
 * nobody owns (any between-chairs spell open), the relatives carry the coordination at
 * `relativeHoursPerWeek` and their reserve drains (as it does by Model II's `relativeHoursPerWeek`
 * each week an eligible user has no coordinator); when it is gone they are exhausted and stop
 * chasing: a lost referral is then noticed only as late as for a user without relatives. While
 * nothing is unowned the reserve refills at `relatives.recoveryHoursPerWeek`, up to
 * `relatives.reserveHours`. Rorgemoen 2020: for the most complex families coordination is "almost a
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
  /** The relatives carried `hours` of coordination at once (Model II: an eligible user without a coordinator, weekly). */
  carry(u: User, hours: number): void;
  /** Whether the user's relatives still chase what nobody owns (false for users without relatives). */
  canChase(u: User): boolean;
  /** At the horizon: relatives still carrying are counted as exhausted if their reserve ran out. */
  closeAtHorizon(): void;
}

export function relatives(w: World): Relatives {
  const { sim, spec, rec, T } = w;
  const cfg = spec.relatives;
  const rate = spec.relativeHoursPerWeek;
  /** Per user: reserve in hours when last updated, the update time, and since when carrying (NaN: resting). */
  const reserve: number[] = [];
  const updated: number[] = [];
  const carryingSince: number[] = [];

  const reserveAt = (uid: number, t: number): number => {
    const r = reserve[uid] ?? cfg.reserveHours;
    const since = carryingSince[uid];
    if (since !== undefined && !Number.isNaN(since)) return Math.max(0, r - (rate * (t - since)) / 7);
    const at = updated[uid] ?? t;
    return Math.min(cfg.reserveHours, r + (cfg.recoveryHoursPerWeek * (t - at)) / 7);
  };

  /** Records an exhaustion that happened while carrying from `since` with `r` hours left, if it did by `t`. */
  const exhaustion = (uid: number, since: number, r: number, t: number) => {
    if (!(rate > 0)) return;
    const at = since + (7 * r) / rate;
    if (r > 0 && at <= t && at >= w.W && at <= T) {
      rec.relativesExhausted.time.push(at);
      rec.relativesExhausted.user.push(uid);
    }
  };

  return {
    busy(u) {
      if (!u.relatives) return;
      reserve[u.id] = reserveAt(u.id, sim.now);
      updated[u.id] = sim.now;
      carryingSince[u.id] = sim.now;
    },
    free(u) {
      if (!u.relatives) return;
      const since = carryingSince[u.id];
      if (since === undefined || Number.isNaN(since)) return;
      const r = reserve[u.id] ?? cfg.reserveHours;
      exhaustion(u.id, since, r, sim.now);
      reserve[u.id] = reserveAt(u.id, sim.now);
      updated[u.id] = sim.now;
      carryingSince[u.id] = NaN;
    },
    carry(u, hours) {
      if (!u.relatives || !(hours > 0)) return;
      const r = reserveAt(u.id, sim.now);
      const left = Math.max(0, r - hours);
      if (r > 0 && left === 0 && sim.now >= w.W && sim.now <= T) {
        rec.relativesExhausted.time.push(sim.now);
        rec.relativesExhausted.user.push(u.id);
      }
      // Rebase: the reserve is `left` now, still draining from now on if they are carrying a spell.
      reserve[u.id] = left;
      updated[u.id] = sim.now;
      const since = carryingSince[u.id];
      if (since !== undefined && !Number.isNaN(since)) carryingSince[u.id] = sim.now;
    },
    canChase(u) {
      return u.relatives && reserveAt(u.id, sim.now) > 0;
    },
    closeAtHorizon() {
      carryingSince.forEach((since, uid) => {
        if (!Number.isNaN(since)) exhaustion(uid, since, reserve[uid] ?? cfg.reserveHours, T);
      });
    },
  };
}
