/**
 * A small seeded PRNG for the generator and the benchmarks: sfc32 seeded through splitmix32.
 * `Math.random` is never used, so the same seed gives the same round, byte for byte, on every
 * machine (only 32-bit integer arithmetic, no platform-dependent floats).
 */

/** A seeded random source with the few draws the generator needs. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** An independent generator derived from this one and a label (stable sub-streams). */
  fork(label: string): Rng;
}

/** splitmix32 step: spreads a 32-bit seed over the sfc32 state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, for deriving sub-stream seeds from labels. */
function hashString(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a generator from an integer seed (any safe integer; only its low 32 bits and high bits mixed). */
export function createRng(seed: number): Rng {
  const mixed = { s: (seed >>> 0) ^ Math.floor(seed / 0x100000000) };
  let a = splitmix32(mixed);
  let b = splitmix32(mixed);
  let c = splitmix32(mixed);
  let d = splitmix32(mixed);

  const nextU32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's small fast counting generator), 32-bit state words.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during the first dozen steps.
  for (let i = 0; i < 12; i++) nextU32();

  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    chance: (p) => nextU32() / 4294967296 < p,
    pick: (items) => items[Math.floor((nextU32() / 4294967296) * items.length)],
    fork: (label) => createRng((nextU32() ^ hashString(label)) >>> 0),
  };
  return rng;
}

/**
 * Weighted sampling by binary search over cumulative weights (O(log n) a draw, one Float64Array).
 * Zero-weight items are never drawn; at least one weight must be positive.
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      total += Math.max(0, weights[i]);
      this.cumulative[i] = total;
    }
    if (!(total > 0)) throw new Error('WeightedSampler: no positive weight');
  }

  /** Index drawn with probability weight / total. */
  sample(rng: Rng): number {
    const c = this.cumulative;
    const target = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Picks a key of a table of probabilities (they need not sum to 1: they are normalised). */
export function pickWeighted<K extends string | number>(rng: Rng, table: ReadonlyArray<readonly [K, number]>): K {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rng.next() * total;
  for (const [k, w] of table) {
    r -= w;
    if (r < 0) return k;
  }
  return table[table.length - 1][0];
}
