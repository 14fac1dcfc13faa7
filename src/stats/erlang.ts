import { log } from '../engine/detmath.js';
/**
 * Textbook M/M/c queueing formulas (Erlang B and C), used as analytic
 * baselines for validating the simulation.
 *
 * Erlang B is computed by the standard stable recursion
 *   B(0, a) = 1,   B(k, a) = a·B(k-1, a) / (k + a·B(k-1, a)),
 * which stays in [0, 1] and never forms a^c or c!, so it is safe for large c
 * (hundreds to millions of servers). Erlang C follows from B:
 *   C(c, a) = c·B / (c − a·(1 − B)).
 *
 * Notation: lambda = arrival rate, mu = service rate per server, c = servers,
 * a = lambda / mu = offered load in Erlangs, rho = a / c = utilisation.
 */

function checkServers(c: number): void {
  if (!Number.isInteger(c) || c < 1) {
    throw new RangeError(`number of servers c must be a positive integer, got ${c}`);
  }
}

function checkPositive(x: number, name: string): void {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`${name} must be a positive finite number, got ${x}`);
  }
}

/**
 * Erlang B blocking probability for c servers and offered load a Erlangs
 * (M/M/c/c loss system). Any a > 0 is allowed (a >= c is fine for a loss
 * system). Throws RangeError unless c is a positive integer and a > 0 finite.
 */
export function erlangB(c: number, a: number): number {
  checkServers(c);
  checkPositive(a, 'offered load a');
  let b = 1;
  for (let k = 1; k <= c; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}

/**
 * Erlang C: probability that an arriving customer has to wait in an M/M/c
 * queue with offered load a = lambda / mu Erlangs. Requires a < c (a stable
 * queue), else throws RangeError; also throws unless c is a positive integer
 * and a > 0.
 */
export function erlangC(c: number, a: number): number {
  checkServers(c);
  checkPositive(a, 'offered load a');
  if (!(a < c)) throw new RangeError(`Erlang C requires offered load a < c (stable queue), got a=${a}, c=${c}`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

export interface MMcParams {
  /** Arrival rate (> 0). */
  lambda: number;
  /** Service rate per server (> 0). */
  mu: number;
  /** Number of servers (positive integer). */
  c: number;
}

export interface MMcResult {
  /** Utilisation per server, lambda / (c mu). */
  rho: number;
  /** Probability an arrival waits, Erlang C. */
  probWait: number;
  /** Mean waiting time in queue, Wq = C / (c mu − lambda). */
  meanWait: number;
  /** Mean time in system, W = Wq + 1/mu. */
  meanSystemTime: number;
  /** Mean number in queue, Lq = lambda · Wq. */
  meanInQueue: number;
  /** Mean number in system, L = lambda · W. */
  meanInSystem: number;
  /**
   * p-quantile of the waiting time in queue (FCFS), from
   * P(Wq > t) = C · exp(−(c mu − lambda) t): 0 when p <= 1 − C, Infinity at
   * p = 1. Throws RangeError for p outside [0, 1].
   */
  waitQuantile(p: number): number;
}

/**
 * Steady-state M/M/c (FCFS) measures. Throws RangeError unless lambda > 0,
 * mu > 0, c is a positive integer and lambda < c·mu (rho < 1).
 */
export function mmc(params: MMcParams): MMcResult {
  const { lambda, mu, c } = params;
  checkPositive(lambda, 'lambda');
  checkPositive(mu, 'mu');
  checkServers(c);
  const a = lambda / mu;
  if (!(a < c)) {
    throw new RangeError(`M/M/c requires lambda < c*mu (rho < 1), got lambda=${lambda}, mu=${mu}, c=${c}`);
  }
  const probWait = erlangC(c, a);
  const drain = c * mu - lambda; // rate of the exponential conditional wait
  const meanWait = probWait / drain;
  const meanSystemTime = meanWait + 1 / mu;
  return {
    rho: a / c,
    probWait,
    meanWait,
    meanSystemTime,
    meanInQueue: lambda * meanWait,
    meanInSystem: lambda * meanSystemTime,
    waitQuantile(p: number): number {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
      if (p <= 1 - probWait) return 0;
      if (p === 1) return Infinity;
      return log(probWait / (1 - p)) / drain;
    },
  };
}
