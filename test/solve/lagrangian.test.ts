import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/encode/problem.js';
import { solveLagrangian } from '../../src/solve/lagrangian.js';
import { solveLp } from '../../src/solve/lp.js';
import { lexicographicWeight } from '../../src/solve/lp-model.js';
import { feasibilityErrors } from '../../src/solve/objective.js';
import { sideViolations } from '../../src/solve/side-check.js';
import { SolverRefusal } from '../../src/solve/types.js';
import { randomProblem } from './lp-helpers.js';

describe('lagrangien (Lagrangian relaxation over flow)', () => {
  it('returns the flow optimum at once when no side row binds', () => {
    const p = randomProblem(8, 4, 11, { penalties: true, priorities: true });
    const r = solveLagrangian(p);
    const lp = solveLp(p);
    expect(r.iterations).toBe(1);
    expect(r.combined).toBeCloseTo(lp.combined, 6);
    expect(r.combinedBound).toBeCloseTo(lp.combined, 6);
    expect(r.gap).toBeCloseTo(0, 9);
  });

  it('meets a binding budget (€) by switching to the cheaper pair, bound above', () => {
    const p: Problem = {
      sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([1, 1]),
      offsets: Int32Array.from([0, 2, 4]), edgeMentor: Int32Array.from([0, 1, 0, 1]),
      edgeWeight: Float64Array.from([90, 60, 50, 40]),
      side: { menteeGroup: Int32Array.from([0, 0]), edgeCost: Float64Array.from([300, 100, 100, 100]), groupBudget: Float64Array.from([200]) },
    };
    const r = solveLagrangian(p);
    // Best within 200 €: (0→1, 1→0) = 110; (0→0) alone breaks the budget with anyone else.
    expect(Array.from(r.assignment)).toEqual([1, 0]);
    expect(r.combinedBound).toBeGreaterThanOrEqual(r.combined - 1e-9);
  });

  it('refuses loads (the network cannot express them)', () => {
    const p = randomProblem(3, 2, 5, { loads: true });
    expect(() => solveLagrangian(p)).toThrow(SolverRefusal);
  });

  it('is feasible, and bound ≥ lp optimum ≥ its value, on seeded instances lp can hold', () => {
    let gapSum = 0;
    let count = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const p = randomProblem(12, 6, seed * 104729, { side: true, penalties: true, priorities: true, imposed: seed % 3 === 0 }, 4);
      const lp = solveLp(p, { timeLimitMs: 20_000 });
      if (lp.status === 'infeasible') continue;
      const r = solveLagrangian(p, { maxIterations: 80 });
      const tol = 1e-6 * Math.max(1, Math.abs(lp.combined));
      expect(r.combinedBound).toBeGreaterThanOrEqual(lp.combined - tol);
      if (r.status === 'infeasible') continue; // repair can miss a feasible point; the bound still holds
      expect(feasibilityErrors(p, r.assignment)).toEqual([]);
      expect(sideViolations(p, r.assignment)).toEqual([]);
      expect(lp.combined).toBeGreaterThanOrEqual(r.combined - tol);
      gapSum += r.gap;
      count++;
    }
    expect(count).toBeGreaterThan(15);
    // Small on average (relative to the combined objective, coverage included).
    expect(gapSum / count).toBeLessThan(0.05);
  });
});

describe('lagrangien subproblems: lexicographic when equivalent, folded otherwise', () => {
  it('give the same dual bound L(λ) and stay valid bounds, on seeded random problems with side rows', async () => {
    const { bruteForce } = await import('./lp-helpers.js');
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const p = randomProblem(6, 3, seed, { side: true, penalties: true, priorities: true });
      // One subproblem, at λ = 0: the same problem in both forms, so the same optimum value.
      const a = solveLagrangian(p, { maxIterations: 1 });
      const b = solveLagrangian(p, { maxIterations: 1, subproblem: 'folded' });
      if (!Number.isFinite(a.combinedBound) || !Number.isFinite(b.combinedBound)) continue;
      expect(a.combinedBound).toBeCloseTo(b.combinedBound, 6);
      // Full runs, either way: the bound is never below the brute-force optimum (combined units).
      const ref = bruteForce(p);
      const M = lexicographicWeight(p);
      for (const subproblem of ['auto', 'folded'] as const) {
        const full = solveLagrangian(p, { subproblem });
        if (ref && Number.isFinite(full.combinedBound)) expect(full.combinedBound).toBeGreaterThanOrEqual(M * ref.priorityCovered + ref.net - 1e-6);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
