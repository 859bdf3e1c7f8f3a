/**
 * Test helpers of the lp, GAP, export and Lagrangian tests: a seeded problem generator (with loads
 * and side constraints) and a brute-force lexicographic reference.
 */
import fc from 'fast-check';
import type { Problem } from '../../src/encode/problem.js';
import { feasibilityErrors, objectiveOf } from '../../src/solve/objective.js';
import { sideViolations } from '../../src/solve/side-check.js';
import { mulberry32 } from '../../src/solve/random.js';
import { SolverRefusal } from '../../src/solve/types.js';

/** Shape switches of a random problem. */
export interface GenFlags {
  loads?: boolean;
  side?: boolean;
  penalties?: boolean;
  priorities?: boolean;
  imposed?: boolean;
  sense?: 'max' | 'min';
}

/** A fast-check arbitrary of small problems (≤ maxMentees mentees), distinct pairs per mentee. */
export function arbProblem(flags: GenFlags, maxMentees = 5, maxMentors = 3): fc.Arbitrary<Problem> {
  return fc
    .record({
      nMentees: fc.integer({ min: 1, max: maxMentees }),
      nMentors: fc.integer({ min: 1, max: maxMentors }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    })
    .map(({ nMentees, nMentors, seed }) => randomProblem(nMentees, nMentors, seed, flags));
}

/** Mulberry32 (the project's seeded generator). */
export const prng = mulberry32;

/** A seeded random problem; each mentee has up to `k` distinct candidate mentors. */
export function randomProblem(nMentees: number, nMentors: number, seed: number, f: GenFlags, k = 3): Problem {
  const r = prng(seed);
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const offsets = new Int32Array(nMentees + 1);
  const em: number[] = [];
  const ew: number[] = [];
  for (let i = 0; i < nMentees; i++) {
    const picks = new Set<number>();
    const d = int(0, Math.min(k, nMentors));
    while (picks.size < d) picks.add(int(0, nMentors - 1));
    for (const j of [...picks].sort((a, b) => a - b)) {
      em.push(j);
      ew.push(int(0, 20));
    }
    offsets[i + 1] = em.length;
  }
  const nE = em.length;
  const p: Problem = {
    sense: f.sense ?? 'max',
    nMentees,
    nMentors,
    capacity: f.loads ? Float64Array.from({ length: nMentors }, () => int(0, 5)) : Int32Array.from({ length: nMentors }, () => int(0, 2)),
    offsets,
    edgeMentor: Int32Array.from(em),
    edgeWeight: Float64Array.from(ew),
  };
  if (f.loads) p.edgeLoad = Float64Array.from({ length: nE }, () => int(1, 3));
  if (f.penalties) p.slotPenalty = Float64Array.from([0, 3, 7]);
  if (f.priorities) p.priority = Float64Array.from({ length: nMentees }, () => [1, 1.5, 2][int(0, 2)]);
  if (f.imposed && nE > 0 && r() < 0.5) {
    p.edgeImposed = new Uint8Array(nE);
    p.edgeImposed[int(0, nE - 1)] = 1;
  }
  if (f.side) {
    p.side = {
      menteeGroup: Int32Array.from({ length: nMentees }, () => int(-1, 1)),
      edgeCost: Float64Array.from({ length: nE }, () => int(0, 6)),
      groupBudget: Float64Array.from([int(0, 10), r() < 0.3 ? Infinity : int(0, 10)]),
      groupMinPriority: Int32Array.from([int(0, 1), 0]),
      mentorEmployer: Int32Array.from({ length: nMentors }, () => int(-1, 1)),
      employerMax: Int32Array.from([int(0, 2), int(0, 3)]),
    };
  }
  return p;
}

/** Lexicographic optimum by enumeration: null when no assignment is feasible. */
export function bruteForce(p: Problem): { priorityCovered: number; net: number; assignment: Int32Array } | null {
  const a = new Int32Array(p.nMentees).fill(-1);
  let best: { priorityCovered: number; net: number; assignment: Int32Array } | null = null;
  const sgn = p.sense === 'max' ? 1 : -1;
  const visit = (i: number): void => {
    if (i === p.nMentees) {
      if (feasibilityErrors(p, a).length || sideViolations(p, a).length) return;
      const o = objectiveOf(p, a);
      const net = sgn * o.net;
      if (!best || o.priorityCovered > best.priorityCovered + 1e-9 || (Math.abs(o.priorityCovered - best.priorityCovered) <= 1e-9 && net > best.net + 1e-9)) {
        best = { priorityCovered: o.priorityCovered, net, assignment: a.slice() };
      }
      return;
    }
    a[i] = -1;
    visit(i + 1);
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      a[i] = p.edgeMentor[e];
      visit(i + 1);
    }
    a[i] = -1;
  };
  visit(0);
  return best;
}

/**
 * The README's known hang: 300 mentees × 3 candidates with loads, 200 mentors of capacity 3, a MIP
 * of 451,401 cells (below LP_MAX_CELLS_MIP). Root LP 0.1 s, then the first branch-and-bound node
 * pivots for more than 12 minutes. Also the interchange JSON of the CLI test.
 */
export function hangingJson(): { sense: string; mentees: number; mentors: number; capacity: number[]; edges: number[][] } {
  const edges: number[][] = [];
  for (let i = 0; i < 300; i++) for (let c = 0; c < 3; c++) edges.push([i, (i * 7 + c * 31) % 200, c + 1, 1 + c]);
  return { sense: 'max', mentees: 300, mentors: 200, capacity: Array(200).fill(3), edges };
}

/** The SolverRefusal `f` throws (anything else is rethrown; no throw fails the test). */
export function refusal(f: () => unknown): SolverRefusal {
  try {
    f();
  } catch (e) {
    if (e instanceof SolverRefusal) return e;
    throw e;
  }
  throw new Error('no refusal');
}
