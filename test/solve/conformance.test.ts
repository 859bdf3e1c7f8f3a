/**
 * One conformance suite for every registered solver (taken from the registry, so solvers added
 * later are covered): feasibility on seeded random problems, exact optima on hand-solved cases and
 * against brute force for exact solvers, degenerate inputs returning at once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Problem } from '../../src/encode/problem.js';
import { SOLVERS } from '../../src/solve/registry.js';
import { solve } from '../../src/solve/solve.js';
import { feasibilityErrors } from '../../src/solve/objective.js';
import { primaryOf } from '../../src/solve/lexicographic.js';
import { smallRandom } from '../../src/solve/random.js';
import { SolverRefusal } from '../../src/solve/types.js';
import { bruteForce } from './brute.js';

/**
 * Solvers whose optimality the independent checker can verify (they emit dual certificates): for
 * them `optimal` must be true. Other exact solvers must reach the same optimum; their `optimal`
 * flag stays false until they emit a checkable certificate.
 */
const CERTIFIED = new Set(['flow']);

/** Per-solver size of the random problems and number of fast-check runs (lp's tableau is dense). */
const LIMITS: Record<string, { maxMentees: number; maxMentors: number; runs: number }> = {
  lp: { maxMentees: 5, maxMentors: 3, runs: 60 },
  lagrangien: { maxMentees: 6, maxMentors: 4, runs: 100 },
};
const DEFAULT_LIMIT = { maxMentees: 7, maxMentors: 4, runs: 300 };

/** Builds a problem from a list of [mentee, mentor, weight] (edges must be grouped by mentee). */
function make(sense: 'max' | 'min', n: number, capacity: number[], edges: [number, number, number][], extra: Partial<Problem> = {}): Problem {
  const offsets = new Int32Array(n + 1);
  for (const [i] of edges) offsets[i + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  return {
    sense,
    nMentees: n,
    nMentors: capacity.length,
    capacity: Int32Array.from(capacity),
    offsets,
    edgeMentor: Int32Array.from(edges.map((e) => e[1])),
    edgeWeight: Float64Array.from(edges.map((e) => e[2])),
    ...extra,
  };
}

const secondary = (p: Problem, net: number): number => (p.sense === 'max' ? net : -net);
const primary = (p: Problem, a: Int32Array): number => {
  let s = 0;
  for (let i = 0; i < p.nMentees; i++) if (a[i] >= 0) s += primaryOf(p, i);
  return s;
};

/** Hand-solved cases: [name, problem, expected assignment]. */
const HAND: [string, Problem, number[]][] = [
  ['best score wins the only mentor', make('max', 2, [1], [[0, 0, 5], [1, 0, 3]]), [0, -1]],
  // Max weight alone would give A–X (10) and leave B out; coverage comes first: 9.5 with both.
  ['coverage before weight', make('max', 2, [1, 1], [[0, 0, 10], [0, 1, 0.5], [1, 0, 9]]), [1, 0]],
  ['priority before weight', make('max', 2, [1], [[0, 0, 10], [1, 0, 1]], { priority: Float64Array.from([1, 2]) }), [-1, 0]],
  // Two on X: 10 + 9 − 6 = 13; B on Y: 10 + 4 = 14.
  ['slot penalty', make('max', 2, [2, 1], [[0, 0, 10], [1, 0, 9], [1, 1, 4]], { slotPenalty: Float64Array.from([0, 6]) }), [0, 1]],
  // Costs: 1 + 1 = 2 beats 0 + 5.
  ['min sense', make('min', 2, [1, 1], [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 5]]), [1, 0]],
  // A is imposed on X (weight 1) although Y is worth 10 to it; B then takes Y.
  ['imposed pair', make('max', 2, [1, 1], [[0, 0, 1], [0, 1, 10], [1, 1, 3]], { edgeImposed: Uint8Array.from([1, 0, 0]) }), [0, 1]],
];

for (const [name, solver] of Object.entries(SOLVERS)) {
  const lim = LIMITS[name] ?? DEFAULT_LIMIT;
  describe(`solver ${name}`, () => {
    it('returns feasible assignments on seeded random problems (capacities, candidate pairs only, one mentor each)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: lim.maxMentees }), fc.integer({ min: 0, max: lim.maxMentors }), (seed, n, m) => {
          const p = smallRandom(seed, { nMentees: n, nMentors: m, maxCapacity: 2, withPriority: seed % 2 === 0, sense: seed % 3 === 0 ? 'min' : 'max' });
          const r = solve(p, { solver: name });
          expect(feasibilityErrors(p, r.assignment)).toEqual([]);
          expect(r.assignment.length).toBe(n);
          expect(r.status === 'optimal').toBe(r.optimal);
        }),
        { numRuns: Math.min(lim.runs, 100), seed: 5 },
      );
    });

    it('returns at once on degenerate inputs (no mentees, no edges, zero capacity, all ties)', () => {
      const cases: Problem[] = [
        make('max', 0, [], []),
        make('max', 3, [], []),
        make('max', 3, [1, 1], []),
        make('max', 2, [0, 0], [[0, 0, 1], [1, 1, 1]]),
        make('max', 3, [1, 1], [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [2, 0, 1], [2, 1, 1]]),
      ];
      const expectedCovered = [0, 0, 0, 0, 2];
      cases.forEach((p, k) => {
        const r = solve(p, { solver: name });
        expect(feasibilityErrors(p, r.assignment)).toEqual([]);
        if (solver.exact) expect(r.objective.covered).toBe(expectedCovered[k]);
      });
    });

    if (!solver.exact) return;

    for (const [caseName, p, expected] of HAND) {
      it(`finds the hand-solved optimum: ${caseName}`, () => {
        const r = solve(p, { solver: name });
        if (CERTIFIED.has(name)) expect(r.status).toBe('optimal');
        expect(r.status === 'optimal').toBe(r.optimal);
        expect(Array.from(r.assignment)).toEqual(expected);
      });
    }

    it('agrees with brute force on hundreds of seeded random problems', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1e9 }),
          fc.integer({ min: 1, max: lim.maxMentees }),
          fc.integer({ min: 1, max: lim.maxMentors }),
          fc.record({ prio: fc.boolean(), pen: fc.boolean(), ints: fc.boolean(), min: fc.boolean(), imposed: fc.boolean() }),
          (seed, n, m, f) => {
            const p = smallRandom(seed, {
              nMentees: n,
              nMentors: m,
              maxCapacity: 2,
              withPriority: f.prio,
              withSlotPenalty: f.pen,
              integerWeights: f.ints,
              maxWeight: f.ints ? 3 : 10,
              sense: f.min ? 'min' : 'max',
              imposedRate: f.imposed ? 0.3 : 0,
            });
            const best = bruteForce(p)!;
            const r = solve(p, { solver: name });
            if (CERTIFIED.has(name)) expect(r.status).toBe('optimal');
            expect(primary(p, r.assignment)).toBe(best.primary);
            expect(secondary(p, r.objective.net)).toBeCloseTo(best.secondary, 6);
          },
        ),
        { numRuns: lim.runs, seed: 42 },
      );
    });
  });
}

describe('exact solvers agree with each other', () => {
  const exact = Object.entries(SOLVERS).filter(([, s]) => s.exact);
  it('same lexicographic optimum on seeded random problems', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const p = smallRandom(seed, { nMentees: 5, nMentors: 3, maxCapacity: 2, withPriority: seed % 2 === 0, withSlotPenalty: seed % 3 === 0 });
      const values = exact.map(([name]) => {
        const r = solve(p, { solver: name });
        return [primary(p, r.assignment), Math.round(r.objective.net * 1e6) / 1e6];
      });
      for (const v of values) expect(v).toEqual(values[0]);
    }
  });
});

describe('refusals', () => {
  it('network and baseline solvers refuse edge loads with a SolverRefusal', () => {
    const p = make('max', 1, [2], [[0, 0, 1]], { edgeLoad: Float64Array.from([1]) });
    for (const name of ['flow', 'greedy', 'stable']) {
      expect(() => solve(p, { solver: name })).toThrow(SolverRefusal);
    }
  });
  it('an unknown solver is refused', () => {
    expect(() => solve(make('max', 0, [], []), { solver: 'nope' })).toThrow(SolverRefusal);
  });
});
