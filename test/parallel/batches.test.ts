import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Problem } from '../../src/encode/problem.js';
import { partitionProblem } from '../../src/parallel/partition.js';
import { solveBatches } from '../../src/parallel/pool.js';
import { regionalLike } from '../../src/parallel/random.js';
import { notWorse } from '../../src/parallel/reconcile.js';
import { feasibilityErrors, objectiveOf } from '../../src/solve/objective.js';
import { sideViolations } from '../../src/solve/side-check.js';
import { mulberry32 } from '../../src/solve/random.js';
import { solve } from '../../src/solve/solve.js';
import { solveLp } from '../../src/solve/lp.js';
import { blockUnion, bytesOf, fromEdges } from './helpers.js';

/** Imposes a few edges (at most one per mentee, never beyond a mentor's capacity), seeded. */
function imposeSome(problem: Problem, seed: number): void {
  const rnd = mulberry32(seed ^ 0x5eed);
  const left = Int32Array.from(problem.capacity);
  const imposed = new Uint8Array(problem.edgeMentor.length);
  for (let i = 0; i < problem.nMentees; i++) {
    const a = problem.offsets[i];
    const b = problem.offsets[i + 1];
    if (b === a || rnd() > 0.3) continue;
    const e = a + Math.floor(rnd() * (b - a));
    if (left[problem.edgeMentor[e]] === 0) continue;
    left[problem.edgeMentor[e]]--;
    imposed[e] = 1;
  }
  problem.edgeImposed = imposed;
}

/**
 * Three random blocks with a few imposed pairs, 4 schools with a travel budget and 3 employers with
 * a cap, seeded. Imposed pairs cost nothing, so that budgets alone never make the round infeasible.
 */
function withImposedAndRows(
  seed: number,
  o: { nMentees: number; nMentors: number; withPriority?: boolean },
  rows: { school: (i: number) => number; employer: (j: number) => number; budgetMax: number; capMin: number; capSpan: number },
): { problem: Problem; block: Int32Array } {
  const { problem, block } = blockUnion(seed, 3, { ...o, density: 0.5, maxCapacity: 2, withSlotPenalty: true });
  const rnd = mulberry32(seed);
  const cost = Float64Array.from({ length: problem.offsets[problem.nMentees] }, () => Math.round(rnd() * 100));
  imposeSome(problem, seed);
  problem.edgeImposed!.forEach((x, e) => (x ? (cost[e] = 0) : 0));
  problem.side = {
    menteeGroup: Int32Array.from(block, (_, i) => rows.school(i)),
    edgeCost: cost,
    groupBudget: Float64Array.from({ length: 4 }, () => Math.round(rnd() * rows.budgetMax)),
    mentorEmployer: Int32Array.from({ length: problem.nMentors }, (_, j) => rows.employer(j)),
    employerMax: Int32Array.from({ length: 3 }, () => rows.capMin + Math.floor(rnd() * rows.capSpan)),
  };
  return { problem, block };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('components mode equals the national solve (exact split)', () => {
  it('on seeded random unions of blocks, with priorities and slot penalties', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('max', 'min') as fc.Arbitrary<'max' | 'min'>,
        fc.boolean(),
        async (seed, blocks, sense, extras) => {
          const { problem } = blockUnion(seed, blocks, {
            nMentees: 6,
            nMentors: 4,
            density: 0.35,
            sense,
            maxCapacity: 2,
            withPriority: extras,
            withSlotPenalty: extras,
          });
          const national = solve(problem, { solver: 'flow' });
          const part = partitionProblem(problem, null, 'components', { batchEdges: 3 });
          const r = await solveBatches(problem, part, { solver: 'flow', execution: 'in-thread', quiet: true });
          expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
          expect(r.incomplete).toBe(false);
          expect(r.value.covered).toBe(national.objective.covered);
          expect(close(r.value.priorityCovered, national.objective.priorityCovered)).toBe(true);
          expect(close(r.value.net, national.objective.net)).toBe(true);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('components mode with side constraints and imposed pairs (lp, exact MIP)', () => {
  it('equals the national MIP: schools with a budget and capped employers never straddle two batches', async () => {
    let proven = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        // Schools and employers cut across the blocks: the rows join blocks into components.
        const { problem } = withImposedAndRows(seed, { nMentees: 5, nMentors: 3, withPriority: true }, {
          school: (i) => (i * 3 + seed) % 4,
          employer: (j) => (j * 7 + seed) % 3,
          budgetMax: 200,
          capMin: 2,
          capSpan: 3,
        });
        // solve() says `feasible` at most for lp (its proof is its own dual-bound check): ask solveLp.
        const proof = solveLp(problem);
        if (proof.status !== 'optimal') return;
        proven++;
        const national = objectiveOf(problem, proof.assignment);
        const part = partitionProblem(problem, null, 'components', { batchEdges: 3 });
        const r = await solveBatches(problem, part, { solver: 'lp', execution: 'in-thread', quiet: true });
        expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
        expect(sideViolations(problem, r.assignment)).toEqual([]);
        expect(r.value.covered).toBe(national.covered);
        expect(close(r.value.priorityCovered, national.priorityCovered)).toBe(true);
        expect(close(r.value.net, national.net)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(proven).toBeGreaterThan(100);
  });
});

describe('regions mode', () => {
  it('equals the national solve when no mentor crosses a border', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 5 }), async (seed, blocks) => {
        const { problem, block } = blockUnion(seed, blocks, { nMentees: 6, nMentors: 5, density: 0.4, withPriority: true });
        const part = partitionProblem(problem, block, 'regions');
        expect(part.borderMentors.length).toBe(0);
        const r = await solveBatches(problem, part, { execution: 'in-thread', quiet: true, measureLoss: true });
        expect(r.loss!.coverageLoss).toBe(0);
        expect(close(r.loss!.priorityLoss, 0)).toBe(true);
        expect(close(r.loss!.weightLoss, 0)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('equals the national solve on a regional round with closed borders (académie split)', async () => {
    const { problem, region } = regionalLike({ nMentees: 3000, nMentors: 2200, k: 12, seed: 8, islands: 2, islandShare: 0.05, closedBorders: true });
    const part = partitionProblem(problem, region, 'regions');
    expect(part.nParts).toBe(27);
    expect(part.borderMentors.length).toBe(0);
    const r = await solveBatches(problem, part, { execution: 'in-thread', quiet: true });
    const national = solve(problem, { solver: 'flow' });
    expect(r.value.covered).toBe(national.objective.covered);
    expect(close(r.value.net, national.objective.net)).toBe(true);
  });

  it('with open borders: feasible, never better than national, reconciliation never worse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const { problem, block } = blockUnion(seed, 3, { nMentees: 6, nMentors: 4, density: 0.5, maxCapacity: 2, withSlotPenalty: true });
        const region = Int32Array.from(block, (_, i) => (i * 5 + seed) % 3);
        const part = partitionProblem(problem, region, 'regions');
        const r = await solveBatches(problem, part, { execution: 'in-thread', quiet: true, measureLoss: true });
        expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
        expect(notWorse(problem.sense, r.loss!.national, r.value)).toBe(true);
        if (r.reconcile && !r.reconcile.skipped) expect(notWorse(problem.sense, r.reconcile.after, r.reconcile.before)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('a deeper reconciliation is never worse: none ≤ border mentors (depth 1) ≤ depth 2 ≤ national', async () => {
    // What `--reconciliation aucune|frontaliers|etendue` trades against time: each level releases a
    // superset of the previous one's pairs, so its exact re-solve can only do as well or better.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), async (seed, extras) => {
        const { problem, block } = blockUnion(seed, 3, { nMentees: 7, nMentors: 4, density: 0.5, maxCapacity: 2, withSlotPenalty: extras, withPriority: extras });
        if (extras) imposeSome(problem, seed);
        const region = Int32Array.from(block, (_, i) => (i * 7 + seed) % 3);
        const part = partitionProblem(problem, region, 'regions');
        const run = (reconcile: boolean, reconcileDepth: number) => solveBatches(problem, part, { execution: 'in-thread', quiet: true, reconcile, reconcileDepth });
        const none = await run(false, 2);
        const d1 = await run(true, 1);
        const d2 = await run(true, 2);
        const national = solve(problem, { solver: 'flow' }).objective;
        for (const r of [none, d1, d2]) expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
        // Without reconciliation, a pass runs only to restore imposed pairs a region could not see.
        if (!extras) expect(none.reconcile).toBeUndefined();
        expect(notWorse(problem.sense, d1.value, none.value)).toBe(true);
        expect(notWorse(problem.sense, d2.value, d1.value)).toBe(true);
        expect(notWorse(problem.sense, national, d2.value)).toBe(true);
        if (d1.reconcile && !d1.reconcile.skipped && d2.reconcile && !d2.reconcile.skipped) {
          expect(d2.reconcile.mentees).toBeGreaterThanOrEqual(d1.reconcile.mentees);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('imposed pairs hold at every level, even for a mentor imposed on mentees of two regions', async () => {
    // Mentor 0 (capacity 2) is imposed on mentee 0 (region 0) and mentee 2 (region 1); it belongs to
    // region 0, so region 1's problem does not have that edge and gives mentee 2 its better mentor 1.
    // Holding the imposed pair leaves mentee 1 without a mentor: the regional pairs cover more, but
    // they break a hard constraint, so the pass that restores it is kept, even without reconciliation.
    const p = fromEdges(3, 2, [[0, 0, 5], [1, 0, 9], [2, 0, 1], [2, 1, 50]], [2, 1]);
    p.edgeImposed = Uint8Array.from([1, 0, 1, 0]);
    const part = partitionProblem(p, Int32Array.from([0, 0, 1]), 'regions');
    for (const [reconcile, reconcileDepth] of [[false, 2], [true, 1], [true, 2]] as const) {
      const r = await solveBatches(p, part, { execution: 'in-thread', quiet: true, reconcile, reconcileDepth });
      expect(feasibilityErrors(p, r.assignment)).toEqual([]);
      expect(Array.from(r.assignment)).toEqual([0, -1, 0]);
      expect(r.reconcile?.skipped).toBeUndefined();
      expect(r.value.covered).toBe(2);
    }
    // Without reconciliation, only the mentors of missed imposed pairs are re-solved.
    const none = await solveBatches(p, part, { execution: 'in-thread', quiet: true, reconcile: false });
    expect(none.reconcile?.mentors).toBe(1);
  });

  it('reconciliation recovers a mentee whose only mentor lives across the border', async () => {
    // Mentor 0 is wanted by mentees 0, 1 (region 0) and 2 (region 1); capacity 2; mentee 0 also has mentor 1.
    const p = fromEdges(3, 2, [[0, 0, 5], [0, 1, 4], [1, 0, 3], [2, 0, 1]], [2, 1]);
    const part = partitionProblem(p, Int32Array.from([0, 0, 1]), 'regions');
    const without = await solveBatches(p, part, { execution: 'in-thread', quiet: true, reconcile: false });
    expect(without.value.covered).toBe(2);
    const withIt = await solveBatches(p, part, { execution: 'in-thread', quiet: true, measureLoss: true });
    expect(Array.from(withIt.assignment)).toEqual([1, 0, 0]);
    expect(withIt.loss!.coverageLoss).toBe(0);
    expect(withIt.reconcile!.before.covered).toBe(2);
    expect(withIt.reconcile!.after.covered).toBe(3);
  });
});

describe('reconciliation with side constraints (what the fixed pairs leave of each row)', () => {
  // Mentor 0 is wanted by mentees 0, 1 (school 0, region 0) and 2 (school 1, region 1); mentee 0 also has mentor 1.
  const base = () => {
    const p = fromEdges(3, 2, [[0, 0, 5], [0, 1, 4], [1, 0, 3], [2, 0, 1]], [2, 1]);
    p.side = { menteeGroup: Int32Array.from([0, 0, 1]), edgeCost: Float64Array.from([100, 0, 100, 50]) };
    return p;
  };

  it('recovers the cross-border mentee when its school budget leaves room', async () => {
    const p = base();
    p.side!.groupBudget = Float64Array.from([200, 60]);
    const part = partitionProblem(p, Int32Array.from([0, 0, 1]), 'regions');
    const r = await solveBatches(p, part, { execution: 'in-thread', quiet: true });
    expect(r.reconcile!.skipped).toBeUndefined();
    expect(Array.from(r.assignment)).toEqual([1, 0, 0]);
    expect(sideViolations(p, r.assignment)).toEqual([]);
  });

  it('keeps the budget the border pair would break (the regional pairs stay)', async () => {
    const p = base();
    p.side!.groupBudget = Float64Array.from([200, 40]);
    const part = partitionProblem(p, Int32Array.from([0, 0, 1]), 'regions');
    const r = await solveBatches(p, part, { solver: 'lagrangien', execution: 'in-thread', quiet: true });
    expect(r.assignment[2]).toBe(-1);
    expect(r.value.covered).toBe(2);
    expect(sideViolations(p, r.assignment)).toEqual([]);
  });

  it('an employer cap counts the pairs fixed elsewhere', async () => {
    // Mentors 0 and 1 share an employer capped at 2: mentee 0 on mentor 1 and mentees 1, 2 on mentor 0 would be 3.
    const p = fromEdges(3, 2, [[0, 1, 5], [1, 0, 3], [2, 0, 1]], [2, 1]);
    p.side = { mentorEmployer: Int32Array.from([0, 0]), employerMax: Int32Array.from([2]) };
    const part = partitionProblem(p, Int32Array.from([0, 0, 1]), 'regions');
    const r = await solveBatches(p, part, { solver: 'lagrangien', execution: 'in-thread', quiet: true });
    expect(r.value.covered).toBe(2);
    expect(sideViolations(p, r.assignment)).toEqual([]);
  });

  it('on seeded random rounds with budgets and caps: rows kept, never worse than the regional pairs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const { problem, block } = blockUnion(seed, 3, { nMentees: 6, nMentors: 4, density: 0.5, maxCapacity: 2, withSlotPenalty: true });
        const rnd = mulberry32(seed);
        const E = problem.offsets[problem.nMentees];
        const cost = Float64Array.from({ length: E }, () => Math.round(rnd() * 100));
        const group = Int32Array.from(block, (_, i) => i % 4);
        problem.side = {
          menteeGroup: group,
          edgeCost: cost,
          groupBudget: Float64Array.from({ length: 4 }, () => Math.round(rnd() * 250)),
          mentorEmployer: Int32Array.from({ length: problem.nMentors }, (_, j) => j % 3),
          employerMax: Int32Array.from({ length: 3 }, () => 1 + Math.floor(rnd() * 4)),
        };
        const region = Int32Array.from(block, (_, i) => (i * 5 + seed) % 3);
        const part = partitionProblem(problem, region, 'regions');
        const r = await solveBatches(problem, part, { solver: 'lagrangien', execution: 'in-thread', quiet: true });
        expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
        expect(sideViolations(problem, r.assignment)).toEqual([]);
        if (r.reconcile && !r.reconcile.skipped) expect(notWorse(problem.sense, r.reconcile.after, r.reconcile.before)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('regions with imposed pairs and side constraints', () => {
  // An employer spanning regions used to get its cap split pro rata alone, rounded down: a region
  // could get 0 places for an employer it has an imposed pair with, an infeasible part (reported
  // to the coordinator as an infeasible round) in a feasible round.
  for (const solver of ['lagrangien', 'lp']) {
    it(`no part is infeasible when the round is feasible; imposed pairs, budgets and caps hold (${solver})`, async () => {
      let feasible = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), async (seed, reconcile) => {
          const { problem, block } = withImposedAndRows(seed, { nMentees: 6, nMentors: 4 }, {
            school: (i) => i % 4,
            employer: (j) => j % 3,
            budgetMax: 250,
            capMin: 3,
            capSpan: 4,
          });
          if (solve(problem, { solver }).status === 'infeasible') return;
          feasible++;
          const region = Int32Array.from(block, (_, i) => (i * 5 + seed) % 3);
          const r = await solveBatches(problem, partitionProblem(problem, region, 'regions'), { solver, execution: 'in-thread', quiet: true, reconcile });
          expect(r.parts.map((p) => p.status)).not.toContain('infeasible');
          expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
          expect(sideViolations(problem, r.assignment)).toEqual([]);
        }),
        { numRuns: 100 },
      );
      expect(feasible).toBeGreaterThan(60);
    });
  }
});

describe('execution chosen by auto', () => {
  it('one part (one component) stays in the calling thread even with 2 workers, unless limits need a worker', async () => {
    const { problem } = regionalLike({ nMentees: 9000, nMentors: 6000, k: 30, seed: 4, islands: 0, islandShare: 0 });
    const part = partitionProblem(problem, null, 'single');
    expect(part.nParts).toBe(1);
    expect(problem.offsets[problem.nMentees]).toBeGreaterThan(200_000);
    const auto = await solveBatches(problem, part, { workers: 2, quiet: true });
    expect(auto.execution).toBe('in-thread');
    const limited = await solveBatches(problem, part, { workers: 2, quiet: true, timeoutMs: 120_000 });
    expect(limited.execution).toBe('pool');
    expect(bytesOf(limited.assignment)).toBe(bytesOf(auto.assignment));
  });
});

describe('determinism across worker counts (pool on worker threads)', () => {
  const { problem, region } = regionalLike({ nMentees: 2500, nMentors: 1800, k: 12, seed: 21, islands: 3, islandShare: 0.05, slotPenalty: [0, 5, 10] });

  for (const mode of ['regions', 'components'] as const) {
    it(`${mode}: byte-identical assignments for 1, 2 and 8 workers and in-thread`, async () => {
      const part = partitionProblem(problem, region, mode, { batchEdges: 1000 });
      expect(part.nParts).toBeGreaterThan(2);
      const runs: string[] = [];
      for (const workers of [1, 2, 8]) {
        const r = await solveBatches(problem, part, { workers, execution: 'pool', quiet: true });
        expect(r.execution).toBe('pool');
        expect(r.incomplete).toBe(false);
        runs.push(bytesOf(r.assignment));
      }
      const inThread = await solveBatches(problem, part, { execution: 'in-thread', quiet: true });
      runs.push(bytesOf(inThread.assignment));
      expect(new Set(runs).size).toBe(1);
    });
  }
});
