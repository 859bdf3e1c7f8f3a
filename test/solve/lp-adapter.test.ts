/**
 * The adapter against a library (and a search) that answers wrongly: the worker thread is mocked
 * (src/solve/lp-thread.ts runs out of reach of `vi.mock`). A pure LP's solves answer `answer.value`;
 * a MIP's branch and bound answers `search.value`. A point that breaks the model is a `numerical`
 * refusal, never a result; a search whose leaves do not prove it is never `optimal`.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src/encode/problem.js';
import { refusal } from './lp-helpers.js';

const answer = vi.hoisted(() => ({ value: {} as Record<string, unknown> }));
const search = vi.hoisted(() => ({ value: {} as Record<string, unknown> }));
vi.mock('../../src/solve/lp-thread.js', () => ({
  prepareWorker: () => {},
  solveInWorker: () => ({ kind: 'done', result: answer.value, ms: 0 }),
  branchInWorker: () => ({ kind: 'done', result: search.value, ms: 0 }),
}));
const { solveLp } = await import('../../src/solve/lp.js');
const { solve } = await import('../../src/solve/solve.js');

const p: Problem = {
  sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([1, 1]),
  offsets: Int32Array.from([0, 2, 4]), edgeMentor: Int32Array.from([0, 1, 0, 1]),
  edgeWeight: Float64Array.from([10, 8, 10, 3]),
  side: { menteeGroup: Int32Array.from([0, 0]), edgeCost: Float64Array.from([80, 30, 80, 30]), groupBudget: Float64Array.from([100]) },
};

/** A finished search returning the edge values `x` (4 edges, no slot variables) and no proof. */
function finished(x: number[]): Record<string, unknown> {
  return { x: Float64Array.from(x), value: 0, complete: true, bound: Infinity, rootBound: NaN, nodes: 1, leaves: [], stats: {} };
}

describe('lp adapter with a library that returns a bad point', () => {
  it('an integral point over a budget (search complete) is a numerical refusal naming the row', () => {
    search.value = finished([1, 0, 0, 1]); // 80 + 30 > 100 €
    const e = refusal(() => solveLp(p));
    expect(e.code).toBe('numerical');
    expect(e.detail).toMatchObject({ solver: 'lp', row: 'budget_0', violation: 10 });
    expect(e.message).toMatch(/discarded/);
    expect(refusal(() => solve(p, { solver: 'lp' })).code).toBe('numerical');
  });

  it('a fractional point from the search is a numerical refusal', () => {
    search.value = finished([0.5, 0, 0, 0.5]);
    expect(refusal(() => solveLp(p)).code).toBe('numerical');
  });

  it('a fractional answer to the pure assignment LP is a numerical refusal too', () => {
    answer.value = { feasible: true, result: 9, x_0: 0.5, x_1: 0.5, x_2: 0.5, x_3: 0.5 };
    expect(refusal(() => solveLp({ ...p, side: undefined })).code).toBe('numerical');
  });

  it('a correct point without a proof goes through as `feasible`, never `optimal`', () => {
    search.value = finished([0, 1, 1, 0]); // 30 + 80 > 100: no
    expect(refusal(() => solveLp(p)).code).toBe('numerical');
    search.value = finished([1, 0, 0, 0]); // 80 €: fits
    const r = solveLp(p);
    expect(Array.from(r.assignment)).toEqual([0, -1]);
    expect(r.status).toBe('feasible');
    expect(r.notes?.join(' ')).toMatch(/not accepted by the checker: no leaves/);
    // A leaf whose multipliers do not close it: not a proof either.
    search.value = { ...finished([1, 0, 0, 0]), leaves: [{ path: new Int32Array(0), kind: 'bound', y: new Float64Array(5), bound: 0 }] };
    expect(solveLp(p).status).toBe('feasible');
  });
});
