/**
 * The adapter against a library that answers wrongly (javascript-lp-solver mocked): a point it
 * flags as a solution but that breaks the model is a `numerical` refusal, never a result. The
 * library runs in a worker thread (src/solve/lp-thread.ts), out of reach of `vi.mock`, so the mock
 * replaces the thread's call: every solve (primal and dual) answers `answer.value` at once.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src/encode/problem.js';
import { refusal } from './lp-helpers.js';

const answer = vi.hoisted(() => ({ value: {} as Record<string, unknown> }));
vi.mock('../../src/solve/lp-thread.js', () => ({
  prepareWorker: () => {},
  solveInWorker: () => ({ kind: 'done', result: answer.value, ms: 0 }),
}));
const { solveLp } = await import('../../src/solve/lp.js');
const { solve } = await import('../../src/solve/solve.js');

const p: Problem = {
  sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([1, 1]),
  offsets: Int32Array.from([0, 2, 4]), edgeMentor: Int32Array.from([0, 1, 0, 1]),
  edgeWeight: Float64Array.from([10, 8, 10, 3]),
  side: { menteeGroup: Int32Array.from([0, 0]), edgeCost: Float64Array.from([80, 30, 80, 30]), groupBudget: Float64Array.from([100]) },
};

describe('lp adapter with a library that returns a bad point', () => {
  it('an integral point over a budget (no time limit hit) is a numerical refusal naming the row', () => {
    answer.value = { feasible: true, result: 18, isIntegral: true, x_0: 1, x_3: 1 }; // 80 + 30 > 100 €
    const e = refusal(() => solveLp(p));
    expect(e.code).toBe('numerical');
    expect(e.detail).toMatchObject({ solver: 'lp', row: 'budget_0', violation: 10 });
    expect(e.message).toMatch(/discarded/);
    expect(refusal(() => solve(p, { solver: 'lp' })).code).toBe('numerical');
  });

  it('a MIP answer without an integer point and without a timeout is a numerical refusal', () => {
    answer.value = { feasible: true, result: 9, x_0: 0.5, x_3: 0.5 };
    expect(refusal(() => solveLp(p)).code).toBe('numerical');
  });

  it('a fractional answer to the pure assignment LP is a numerical refusal too', () => {
    answer.value = { feasible: true, result: 9, x_0: 0.5, x_1: 0.5, x_2: 0.5, x_3: 0.5 };
    expect(refusal(() => solveLp({ ...p, side: undefined })).code).toBe('numerical');
  });

  it('a correct answer still goes through (bound from the mocked dual: feasible, not optimal)', () => {
    answer.value = { feasible: true, result: 11, isIntegral: true, x_1: 1, x_2: 1 }; // 30 + 80 > 100: no
    expect(refusal(() => solveLp(p)).code).toBe('numerical');
    answer.value = { feasible: true, result: 10, isIntegral: true, x_0: 1 }; // 80 €: fits
    const r = solveLp(p);
    expect(Array.from(r.assignment)).toEqual([0, -1]);
    expect(r.status).toBe('feasible');
  });
});
