/**
 * Seeded random Problems, for tests and benchmarks: same seed → same problem, byte for byte.
 * `nationalLike` imitates a national round (mentors local to mentees, K candidates each, capacities
 * mostly 1, scores 0–100); `smallRandom` makes tiny dense-ish problems for brute-force checks.
 */
import type { Problem } from '../encode/problem.js';

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of `nationalLike`. */
export interface NationalLikeOptions {
  nMentees: number;
  nMentors: number;
  /** Candidates per mentee (default 30). */
  k?: number;
  seed?: number;
  /** Share of mentees with priority 1.5 (default 0.1; 0 gives no `priority` array). */
  priorityShare?: number;
  /** Marginal slot penalties (default none). */
  slotPenalty?: number[];
}

/**
 * A national-like problem: mentees and mentors on a unit square cut into cells of about ten
 * mentors; each mentee's K candidates are drawn among the mentors of its 3×3 block of cells, scored
 * 0–100 (closer is better, plus noise). Capacities: 70 % one mentee, 20 % two, 10 % three.
 */
export function nationalLike(o: NationalLikeOptions): Problem {
  const rnd = mulberry32(o.seed ?? 1);
  const n = o.nMentees;
  const m = o.nMentors;
  const k = Math.min(o.k ?? 30, m);
  const g = Math.max(1, Math.floor(Math.sqrt(m / 10)));
  // Mentors bucketed by cell (counting sort).
  const mx = new Float64Array(m);
  const my = new Float64Array(m);
  const cellStart = new Int32Array(g * g + 1);
  const cellOf = (x: number, y: number): number => Math.min(g - 1, Math.floor(y * g)) * g + Math.min(g - 1, Math.floor(x * g));
  for (let j = 0; j < m; j++) {
    mx[j] = rnd();
    my[j] = rnd();
    cellStart[cellOf(mx[j], my[j]) + 1]++;
  }
  for (let c = 0; c < g * g; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, g * g);
  const byCell = new Int32Array(m);
  for (let j = 0; j < m; j++) byCell[fill[cellOf(mx[j], my[j])]++] = j;

  const capacity = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const r = rnd();
    capacity[j] = r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
  }
  const offsets = new Int32Array(n + 1);
  const edgeMentor = new Int32Array(n * k);
  const edgeWeight = new Float64Array(n * k);
  const seen = new Int32Array(m).fill(-1);
  const block: number[] = [];
  let ne = 0;
  for (let i = 0; i < n; i++) {
    const x = rnd();
    const y = rnd();
    const cx = Math.min(g - 1, Math.floor(x * g));
    const cy = Math.min(g - 1, Math.floor(y * g));
    block.length = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const ux = cx + dx;
        const uy = cy + dy;
        if (ux < 0 || uy < 0 || ux >= g || uy >= g) continue;
        const c = uy * g + ux;
        for (let q = cellStart[c]; q < cellStart[c + 1]; q++) block.push(byCell[q]);
      }
    }
    const want = Math.min(k, block.length);
    // Partial Fisher–Yates over the block: K distinct mentors.
    for (let q = 0; q < want; q++) {
      const r = q + Math.floor(rnd() * (block.length - q));
      const j = block[r];
      block[r] = block[q];
      block[q] = j;
      if (seen[j] === i) continue;
      seen[j] = i;
      const d = Math.hypot(mx[j] - x, my[j] - y) * g; // in cells, 0 … ~2.8
      edgeMentor[ne] = j;
      edgeWeight[ne] = Math.max(0, Math.min(100, 100 - 25 * d + 20 * (rnd() - 0.5)));
      ne++;
    }
    offsets[i + 1] = ne;
  }
  const share = o.priorityShare ?? 0.1;
  let priority: Float64Array | undefined;
  if (share > 0) {
    priority = new Float64Array(n);
    for (let i = 0; i < n; i++) priority[i] = rnd() < share ? 1.5 : 1;
  }
  return {
    sense: 'max',
    nMentees: n,
    nMentors: m,
    capacity,
    offsets,
    edgeMentor: ne === n * k ? edgeMentor : edgeMentor.slice(0, ne),
    edgeWeight: ne === n * k ? edgeWeight : edgeWeight.slice(0, ne),
    priority,
    slotPenalty: o.slotPenalty ? Float64Array.from(o.slotPenalty) : undefined,
  };
}

/** Options of `smallRandom`. */
export interface SmallRandomOptions {
  nMentees: number;
  nMentors: number;
  /** Probability of each pair being a candidate. */
  density?: number;
  /** Largest capacity (capacities uniform in 0 … maxCapacity). */
  maxCapacity?: number;
  sense?: 'max' | 'min';
  /** Integer weights in 0 … maxWeight (many ties) instead of floats. */
  integerWeights?: boolean;
  maxWeight?: number;
  withPriority?: boolean;
  withSlotPenalty?: boolean;
  /** Probability that a mentee's first edge is imposed (then at most one per mentor). */
  imposedRate?: number;
}

/** A tiny random problem (for brute-force comparisons). */
export function smallRandom(seed: number, o: SmallRandomOptions): Problem {
  const rnd = mulberry32(seed);
  const { nMentees: n, nMentors: m } = o;
  const density = o.density ?? 0.5;
  const maxW = o.maxWeight ?? 10;
  const capacity = new Int32Array(m);
  for (let j = 0; j < m; j++) capacity[j] = Math.floor(rnd() * ((o.maxCapacity ?? 2) + 1));
  const offsets = new Int32Array(n + 1);
  const em: number[] = [];
  const ew: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (rnd() >= density) continue;
      em.push(j);
      ew.push(o.integerWeights ? Math.floor(rnd() * (maxW + 1)) : Math.round(rnd() * maxW * 1000) / 1000);
    }
    offsets[i + 1] = em.length;
  }
  const p: Problem = {
    sense: o.sense ?? 'max',
    nMentees: n,
    nMentors: m,
    capacity,
    offsets,
    edgeMentor: Int32Array.from(em),
    edgeWeight: Float64Array.from(ew),
  };
  if (o.withPriority) {
    p.priority = new Float64Array(n);
    for (let i = 0; i < n; i++) p.priority[i] = rnd() < 0.3 ? 2 : rnd() < 0.3 ? 1.5 : 1;
  }
  if (o.withSlotPenalty) p.slotPenalty = Float64Array.from([0, Math.floor(rnd() * 4), 4 + Math.floor(rnd() * 4)]);
  if (o.imposedRate) {
    const imposed = new Uint8Array(em.length);
    const used = new Int32Array(m);
    for (let i = 0; i < n; i++) {
      const e = offsets[i];
      if (e < offsets[i + 1] && rnd() < o.imposedRate && used[em[e]] < capacity[em[e]]) {
        imposed[e] = 1;
        used[em[e]]++;
      }
    }
    p.edgeImposed = imposed;
  }
  return p;
}
