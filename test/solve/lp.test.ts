import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Problem } from '../../src/encode/problem.js';
import { LP_MAX_EDGES, solveLp } from '../../src/solve/lp.js';
import { buildLpModel, dualBound, objectiveCoef } from '../../src/solve/lp-model.js';
import { objectiveOf } from '../../src/solve/objective.js';
import { sideViolations } from '../../src/solve/side-check.js';
import { SolverRefusal } from '../../src/solve/types.js';
import { arbProblem, bruteForce, prng, type GenFlags } from './lp-helpers.js';

/** The example of the interchange format (issue 5). */
function issueExample(): Problem {
  return {
    sense: 'max',
    nMentees: 3,
    nMentors: 2,
    capacity: Int32Array.from([1, 2]),
    offsets: Int32Array.from([0, 2, 3, 4]),
    edgeMentor: Int32Array.from([0, 1, 1, 0]),
    edgeWeight: Float64Array.from([5.5, 3, 2, 1]),
    priority: Float64Array.from([1, 1, 2]),
  };
}

describe('lp solver on hand-solved cases', () => {
  it('covers everyone first, then maximises weight (issue example)', () => {
    const r = solveLp(issueExample());
    expect(r.status).toBe('optimal');
    expect(Array.from(r.assignment)).toEqual([1, 1, 0]);
    expect(r.certificate).toEqual({ kind: 'bound', priorityCovered: 4, net: 6 });
    expect(r.bound).toBe(6);
    expect(r.mip).toBe(false);
  });

  it('prefers one-to-one when the slot penalty outweighs the score gain', () => {
    // Both mentees prefer mentor 0 (10 vs 8); a 2nd mentee costs 5 at mentor 0, so 10 + 8 beats 10 + 10 - 5.
    const p: Problem = {
      sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([2, 1]),
      offsets: Int32Array.from([0, 2, 4]), edgeMentor: Int32Array.from([0, 1, 0, 1]),
      edgeWeight: Float64Array.from([10, 8, 10, 3]), slotPenalty: Float64Array.from([0, 5]),
    };
    const r = solveLp(p);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.assignment)).toEqual([1, 0]);
    expect(objectiveOf(p, r.assignment).net).toBe(18);
  });

  it('honours a group travel budget (€) by choosing a cheaper pair', () => {
    const p: Problem = {
      sense: 'max', nMentees: 1, nMentors: 2, capacity: Int32Array.from([1, 1]),
      offsets: Int32Array.from([0, 2]), edgeMentor: Int32Array.from([0, 1]), edgeWeight: Float64Array.from([90, 60]),
      side: { menteeGroup: Int32Array.from([0]), edgeCost: Float64Array.from([300, 100]), groupBudget: Float64Array.from([200]) },
    };
    const r = solveLp(p);
    expect(r.mip).toBe(true);
    expect(Array.from(r.assignment)).toEqual([1]);
    // The LP relaxation takes half of each pair (cost 200 €, value 75); the branch and bound closes
    // the gap and its leaves' multipliers prove 60 optimal.
    expect(r.rootBound).toBeCloseTo(r.model.bigM + 75, 6);
    expect(r.status).toBe('optimal');
    expect(r.searchComplete).toBe(true);
    expect(r.certificate).toEqual({ kind: 'bound', priorityCovered: 1, net: 60 });
  });

  it('reports an unmeetable quota as infeasible at once', () => {
    const p: Problem = {
      sense: 'max', nMentees: 1, nMentors: 1, capacity: Int32Array.from([1]),
      offsets: Int32Array.from([0, 1]), edgeMentor: Int32Array.from([0]), edgeWeight: Float64Array.from([1]),
      priority: Float64Array.from([1]),
      side: { menteeGroup: Int32Array.from([0]), groupMinPriority: Int32Array.from([1]) },
    };
    expect(solveLp(p).status).toBe('infeasible');
  });

  it('keeps an imposed pair even when it is worse', () => {
    const p: Problem = {
      sense: 'max', nMentees: 1, nMentors: 2, capacity: Int32Array.from([1, 1]),
      offsets: Int32Array.from([0, 2]), edgeMentor: Int32Array.from([0, 1]), edgeWeight: Float64Array.from([90, 10]),
      edgeImposed: Uint8Array.from([0, 1]),
    };
    const r = solveLp(p);
    expect(Array.from(r.assignment)).toEqual([1]);
    expect(r.status).toBe('optimal');
  });

  it('returns at once on empty and degenerate inputs', () => {
    const empty: Problem = {
      sense: 'max', nMentees: 2, nMentors: 1, capacity: Int32Array.from([0]),
      offsets: Int32Array.from([0, 0, 0]), edgeMentor: new Int32Array(0), edgeWeight: new Float64Array(0),
    };
    const r = solveLp(empty);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.assignment)).toEqual([-1, -1]);
    const zeroCap: Problem = { ...empty, offsets: Int32Array.from([0, 1, 2]), edgeMentor: Int32Array.from([0, 0]), edgeWeight: Float64Array.from([5, 5]) };
    expect(Array.from(solveLp(zeroCap).assignment)).toEqual([-1, -1]);
  });

  it('refuses a tableau above its cell limit with a too-large refusal, before solving', () => {
    let err: unknown;
    try {
      solveLp(issueExample(), { maxCells: 10 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SolverRefusal);
    expect((err as SolverRefusal).code).toBe('too-large');
    expect((err as SolverRefusal).detail.limit).toBe(LP_MAX_EDGES);
  });
});

const FLAG_SETS: Array<[string, GenFlags]> = [
  ['plain', {}],
  ['priorities and penalties', { priorities: true, penalties: true }],
  ['min sense', { sense: 'min', penalties: true }],
  ['side constraints', { side: true, priorities: true }],
  ['imposed pairs and side constraints', { side: true, imposed: true, penalties: true }],
  ['loads (GAP)', { loads: true }],
  ['loads, side constraints, priorities', { loads: true, side: true, priorities: true, penalties: true }],
];

describe('lp solver against brute force (seeded random problems)', () => {
  for (const [name, flags] of FLAG_SETS) {
    it(`reaches the lexicographic optimum: ${name}`, () => {
      fc.assert(
        fc.property(arbProblem(flags), (p) => {
          const ref = bruteForce(p);
          const r = solveLp(p);
          if (ref === null) {
            expect(r.status).toBe('infeasible');
            // Proven: an empty quota row, or every leaf of the search has a Farkas certificate.
            if (r.mip) expect(r.notes?.join(' ')).toMatch(/proven by the checker|has no candidate pair/);
            return;
          }
          expect(r.status === 'optimal' || r.status === 'feasible').toBe(true);
          expect(sideViolations(p, r.assignment)).toEqual([]);
          const o = objectiveOf(p, r.assignment);
          expect(o.priorityCovered).toBeCloseTo(ref.priorityCovered, 9);
          expect(p.sense === 'max' ? o.net : -o.net).toBeCloseTo(ref.net, 6);
          // The certified bound is never below the optimum, and `optimal` only when it is reached.
          expect(r.combinedBound).toBeGreaterThanOrEqual(r.combined - 1e-6);
          if (r.status === 'optimal') expect(r.combinedBound).toBeLessThan(r.combined + 1 + 1e-6);
          if (!r.mip) expect(r.status).toBe('optimal');
          // A MIP whose branch and bound closed every node: bb-check accepts its leaves as a proof.
          if (r.mip) expect(r.searchComplete && r.status === 'optimal' && r.combinedBound === r.combined).toBe(true);
        }),
        { numRuns: 60, seed: 20240501 },
      );
    });
  }
});

describe('dualBound (the check behind `optimal`)', () => {
  it('is an upper bound for any multipliers, even random ones', () => {
    fc.assert(
      fc.property(arbProblem({ side: true, loads: true, penalties: true, priorities: true }), fc.integer(), (p, seed) => {
        const ref = bruteForce(p);
        if (!ref) return;
        const m = buildLpModel(p);
        const c = Float64Array.from({ length: m.nVars }, (_, v) => objectiveCoef(m, v));
        const r = prng(seed);
        const y = Float64Array.from({ length: m.nRows }, () => (r() - 0.5) * 50);
        const optimum = m.bigM * ref.priorityCovered + ref.net;
        expect(dualBound(m, c, y)).toBeGreaterThanOrEqual(optimum - 1e-6);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

describe('lp on side rows starts from lagrangien’s repaired assignment', () => {
  it('stopped before its first node, the search still returns at least that assignment', async () => {
    const { randomProblem } = await import('./lp-helpers.js');
    const { solveLagrangian } = await import('../../src/solve/lagrangian.js');
    let seeded = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const p = randomProblem(30, 12, seed, { side: true, penalties: true, priorities: true }, 4);
      const lag = solveLagrangian(p);
      if (!Number.isFinite(lag.combined)) continue;
      const r = solveLp(p, { maxNodes: 0, timeLimitMs: 30_000 });
      expect(sideViolations(p, r.assignment)).toEqual([]);
      expect(r.combined).toBeGreaterThanOrEqual(lag.combined - 1e-6);
      seeded++;
    }
    expect(seeded).toBeGreaterThan(6);
  });
});
