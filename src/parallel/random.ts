/**
 * Seeded national-like problems WITH regions, for the tests and the benchmark of the regional
 * batches: a mainland cut into a grid of académies (candidates cross their borders unless
 * `closedBorders`), plus overseas islands (separate components of the candidate graph, like the
 * DROM académies). Same options → same problem and regions, byte for byte.
 */
import type { Problem } from '../encode/problem.js';
import { mulberry32 } from '../solve/random.js';

/** Options of `regionalLike`. */
export interface RegionalLikeOptions {
  nMentees: number;
  nMentors: number;
  /** Candidates per mentee: its k nearest mentors among the 3×3 cells around it (default 30). */
  k?: number;
  seed?: number;
  /** Mainland académies: a regionsX × regionsY grid of equal rectangles (default 5 × 5). */
  regionsX?: number;
  regionsY?: number;
  /** Islands, each its own académie and its own component (default 0). */
  islands?: number;
  /** Share of mentees and mentors on each island (default 0.01). */
  islandShare?: number;
  /** Candidates only within the mentee's académie (then no mentor crosses a border). */
  closedBorders?: boolean;
  /**
   * Filières (default 1): a mentee's candidates share its filière (the trade rule is a hard
   * constraint), which splits the candidate graph into one component per filière and zone.
   */
  filieres?: number;
  /** Share of mentors who can mentor every filière (they join the filières' components; default 0). */
  transverseShare?: number;
  /** Share of mentees with priority 1.5 (default 0: no priority array). */
  priorityShare?: number;
  slotPenalty?: number[];
}

/** The problem and the académie (region) of each mentee. */
export interface RegionalProblem {
  problem: Problem;
  region: Int32Array;
  nRegions: number;
}

/** Builds a seeded national-like problem with its regions (see the module comment). */
export function regionalLike(o: RegionalLikeOptions): RegionalProblem {
  const rnd = mulberry32(o.seed ?? 1);
  const rx = o.regionsX ?? 5;
  const ry = o.regionsY ?? 5;
  const islands = o.islands ?? 0;
  const islandShare = o.islandShare ?? 0.01;
  const nZones = 1 + islands;
  const k = o.k ?? 30;
  // Zone of a point: 0 mainland, 1.. islands.
  const zoneOf = (): number => {
    const r = rnd();
    return r < islands * islandShare ? 1 + Math.min(islands - 1, Math.floor(r / islandShare)) : 0;
  };
  const regionOf = (zone: number, x: number, y: number): number =>
    zone > 0 ? rx * ry + zone - 1 : Math.min(ry - 1, Math.floor(y * ry)) * rx + Math.min(rx - 1, Math.floor(x * rx));

  // Mentors: zone, position, region; bucketed by (zone, cell) with a counting sort.
  const m = o.nMentors;
  const mz = new Int32Array(m);
  const mx = new Float64Array(m);
  const my = new Float64Array(m);
  const mr = new Int32Array(m);
  const mf = new Int32Array(m);
  const nF = o.filieres ?? 1;
  const capacity = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    mz[j] = zoneOf();
    mx[j] = rnd();
    my[j] = rnd();
    mr[j] = regionOf(mz[j], mx[j], my[j]);
    const c = rnd();
    capacity[j] = c < 0.7 ? 1 : c < 0.9 ? 2 : 3;
    // Drawn only with several filières, so that single-filière problems keep their byte stream.
    if (nF > 1) mf[j] = rnd() < (o.transverseShare ?? 0) ? -1 : Math.floor(rnd() * nF);
  }
  const zoneMentors = new Int32Array(nZones);
  for (let j = 0; j < m; j++) zoneMentors[mz[j]]++;
  const grid = Array.from(zoneMentors, (c) => Math.max(1, Math.floor(Math.sqrt(c / 10))));
  const cellBase = new Int32Array(nZones + 1);
  for (let z = 0; z < nZones; z++) cellBase[z + 1] = cellBase[z] + grid[z] * grid[z];
  const cellOf = (z: number, x: number, y: number): number => {
    const g = grid[z];
    return cellBase[z] + Math.min(g - 1, Math.floor(y * g)) * g + Math.min(g - 1, Math.floor(x * g));
  };
  const cellStart = new Int32Array(cellBase[nZones] + 1);
  for (let j = 0; j < m; j++) cellStart[cellOf(mz[j], mx[j], my[j]) + 1]++;
  for (let c = 0; c < cellBase[nZones]; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, cellBase[nZones]);
  const byCell = new Int32Array(m);
  for (let j = 0; j < m; j++) byCell[fill[cellOf(mz[j], mx[j], my[j])]++] = j;

  const n = o.nMentees;
  const region = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const edgeMentor = new Int32Array(n * k);
  const edgeWeight = new Float64Array(n * k);
  const priority = o.priorityShare ? new Float64Array(n) : undefined;
  const near: number[] = [];
  const dist = new Float64Array(m);
  let ne = 0;
  for (let i = 0; i < n; i++) {
    const z = zoneOf();
    const x = rnd();
    const y = rnd();
    region[i] = regionOf(z, x, y);
    const f = nF > 1 ? Math.floor(rnd() * nF) : 0;
    if (priority) priority[i] = rnd() < o.priorityShare! ? 1.5 : 1;
    const g = grid[z];
    const cx = Math.min(g - 1, Math.floor(x * g));
    const cy = Math.min(g - 1, Math.floor(y * g));
    near.length = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const ux = cx + dx;
        const uy = cy + dy;
        if (ux < 0 || uy < 0 || ux >= g || uy >= g) continue;
        const c = cellBase[z] + uy * g + ux;
        for (let s = cellStart[c]; s < cellStart[c + 1]; s++) {
          const j = byCell[s];
          if (o.closedBorders && mr[j] !== region[i]) continue;
          if (mf[j] !== f && mf[j] !== -1) continue;
          dist[j] = Math.hypot(mx[j] - x, my[j] - y);
          near.push(j);
        }
      }
    }
    near.sort((a, b) => dist[a] - dist[b] || a - b);
    const take = Math.min(k, near.length);
    for (let t = 0; t < take; t++) {
      const j = near[t];
      edgeMentor[ne] = j;
      // Score 0–100: closer is better (distance in cell widths), plus noise; 2 decimals like scores.
      edgeWeight[ne] = Math.round(Math.max(0, 80 - 25 * dist[j] * g + 20 * rnd()) * 100) / 100;
      ne++;
    }
    offsets[i + 1] = ne;
  }
  const problem: Problem = {
    sense: 'max',
    nMentees: n,
    nMentors: m,
    capacity,
    offsets,
    edgeMentor: edgeMentor.slice(0, ne),
    edgeWeight: edgeWeight.slice(0, ne),
  };
  if (priority) problem.priority = priority;
  if (o.slotPenalty) problem.slotPenalty = Float64Array.from(o.slotPenalty);
  return { problem, region, nRegions: rx * ry + islands };
}
