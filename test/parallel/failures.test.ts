import { describe, expect, it } from 'vitest';
import { partitionProblem } from '../../src/parallel/partition.js';
import { solveBatches } from '../../src/parallel/pool.js';
import { feasibilityErrors } from '../../src/solve/objective.js';
import { blockUnion } from './helpers.js';

// Six independent blocks, one batch each: failures of one must not touch the others.
const { problem } = blockUnion(77, 6, { nMentees: 8, nMentors: 6, density: 0.4, maxCapacity: 2 });
const partition = partitionProblem(problem, null, 'components', { batchEdges: 1 });
const FAILED = 2;
const failedMentees = Array.from(partition.partMentees.subarray(partition.partMenteeStart[FAILED], partition.partMenteeStart[FAILED + 1]));

/** The healthy result, to compare the other parts with. */
const healthy = () => solveBatches(problem, partition, { execution: 'in-thread', quiet: true });

function expectIsolated(r: Awaited<ReturnType<typeof healthy>>, ok: Awaited<ReturnType<typeof healthy>>, kind: string): void {
  expect(r.incomplete).toBe(true);
  expect(r.parts[FAILED].status).toBe('failed');
  expect(r.parts[FAILED].attempts).toBe(2);
  expect(r.parts[FAILED].failure?.kind).toBe(kind);
  expect(Array.from(r.failedMentees)).toEqual(failedMentees);
  expect(Array.from(r.failedMenteePart)).toEqual(failedMentees.map(() => FAILED));
  const failed = new Set(failedMentees);
  for (let i = 0; i < problem.nMentees; i++) expect(r.assignment[i]).toBe(failed.has(i) ? -1 : ok.assignment[i]);
  for (const o of r.parts) if (o.part !== FAILED) expect(o.status).not.toBe('failed');
  expect(feasibilityErrors(problem, r.assignment)).toEqual([]);
}

describe('failure isolation (injected failures, test-only hook)', () => {
  it('has six parts, and the failed part has mentees', () => {
    expect(partition.nParts).toBe(6);
    expect(failedMentees.length).toBeGreaterThan(0);
  });

  it('a part that throws twice on a worker is reported failed; the other parts are kept', async () => {
    const ok = await healthy();
    const r = await solveBatches(problem, partition, { workers: 2, execution: 'pool', quiet: true, inject: { part: FAILED, kind: 'throw' } });
    expectIsolated(r, ok, 'error');
    expect(r.parts[FAILED].failure?.message).toMatch(/injected failure in part 2/);
  });

  it('a part that throws once succeeds on its retry', async () => {
    const ok = await healthy();
    const r = await solveBatches(problem, partition, { workers: 2, execution: 'pool', quiet: true, inject: { part: FAILED, kind: 'throw', attempts: 1 } });
    expect(r.incomplete).toBe(false);
    expect(r.parts[FAILED].attempts).toBe(2);
    expect(r.parts[FAILED].status).not.toBe('failed');
    expect(Array.from(r.assignment)).toEqual(Array.from(ok.assignment));
  });

  it('with retry 0, one failed attempt is final', async () => {
    const r = await solveBatches(problem, partition, { execution: 'in-thread', retry: 0, quiet: true, inject: { part: FAILED, kind: 'throw' } });
    expect(r.parts[FAILED].attempts).toBe(1);
    expect(r.incomplete).toBe(true);
  });

  it('a part that throws in the calling thread is isolated too', async () => {
    const ok = await healthy();
    const r = await solveBatches(problem, partition, { execution: 'in-thread', quiet: true, inject: { part: FAILED, kind: 'throw' } });
    expect(r.execution).toBe('in-thread');
    expectIsolated(r, ok, 'error');
  });

  it('a part that never returns is stopped at the timeout, twice, then reported', async () => {
    const ok = await healthy();
    const r = await solveBatches(problem, partition, { workers: 2, quiet: true, timeoutMs: 1500, inject: { part: FAILED, kind: 'loop' } });
    expect(r.execution).toBe('pool');
    expectIsolated(r, ok, 'timeout');
  });

  it('a part that exhausts its worker heap is reported as out of memory', async () => {
    const ok = await healthy();
    const r = await solveBatches(problem, partition, { workers: 2, quiet: true, memoryLimitMb: 64, inject: { part: FAILED, kind: 'alloc' } });
    expectIsolated(r, ok, 'memory');
  });

  it('reads the injection from MENTORMATCH_TEST_FAIL when no option is given', async () => {
    process.env.MENTORMATCH_TEST_FAIL = `${FAILED}:throw`;
    try {
      const r = await solveBatches(problem, partition, { execution: 'in-thread', quiet: true });
      expect(r.parts[FAILED].failure?.kind).toBe('error');
    } finally {
      delete process.env.MENTORMATCH_TEST_FAIL;
    }
  });
});

describe('timeouts of parts solved in the calling thread', () => {
  it('become the solver’s time limit: a hanging lp part returns `timeout` at the deadline with a feasible assignment', async () => {
    const { problemFromJson } = await import('../../src/solve/interchange.js');
    const { hangingJson } = await import('../solve/lp-helpers.js');
    const parsed = problemFromJson(hangingJson());
    if (!parsed.ok) throw new Error('hanging problem does not parse');
    const hanging = parsed.problem;
    const part = partitionProblem(hanging, null, 'single');
    const t0 = performance.now();
    const r = await solveBatches(hanging, part, { solver: 'lp', execution: 'in-thread', timeoutMs: 1500, quiet: true });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(r.parts[0].status).toBe('timeout');
    expect(feasibilityErrors(hanging, r.assignment)).toEqual([]);
  }, 30_000);
});

describe('refusals of a part', () => {
  it('a solver refusing a part is a SolverRefusal of the whole batch, in the thread and across a worker', async () => {
    const { SolverRefusal } = await import('../../src/solve/types.js');
    // Edge loads: `flow` refuses them (generalized assignment is `lp`'s).
    const loaded = { ...problem, edgeLoad: new Float64Array(problem.offsets[problem.nMentees]).fill(1) };
    for (const execution of ['in-thread', 'pool'] as const) {
      const err = await solveBatches(loaded, partition, { solver: 'flow', execution, workers: 2, quiet: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SolverRefusal);
      expect((err as InstanceType<typeof SolverRefusal>).code).toBe('loads');
    }
  }, 30_000);
});
