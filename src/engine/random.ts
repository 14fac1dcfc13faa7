import alea from 'seedrandom/lib/alea.js';

/**
 * Anything that yields uniform numbers in [0, 1). Distributions take this, not a concrete stream,
 * so a test can feed them a fixed sequence.
 */
export interface Uniform {
  next(): number;
}

/**
 * One named stream of random numbers. Each stochastic purpose of a model (arrivals, service
 * times, decisions, ...) draws from its own stream, seeded from the run seed and the stream's
 * name, so that two scenarios that differ in one mechanism still share every other stream's
 * numbers (common random numbers).
 *
 * Algorithm: seedrandom's Alea. Its default ARC4 is about 10x slower (`npm run bench`, queue hold
 * workload); Alea's 32-bit output resolution is enough for every sampler in distributions.ts,
 * which all guard against u = 0.
 */
export class RandomStream implements Uniform {
  readonly name: string;
  readonly seed: string;
  private readonly prng: () => number;

  constructor(runSeed: number | string, name: string) {
    this.name = name;
    this.seed = `koordsim:${runSeed}:${name}`;
    this.prng = alea(this.seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }
}

/** The run's random source: hands out one stream per name, created on first use. */
export class RandomSource {
  readonly seed: number | string;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: number | string) {
    if (typeof seed === 'number' && !Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
    this.seed = seed;
  }

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Names of the streams drawn so far, in creation order (for provenance in run records). */
  streamNames(): string[] {
    return [...this.streams.keys()];
  }
}
