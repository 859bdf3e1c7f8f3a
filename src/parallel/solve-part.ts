/**
 * Solves one part: the code both the region worker and the in-thread path run, so a part gets the
 * same assignment wherever it is solved. Solvers are reached only through `solve()` (the registry).
 */
import type { Problem } from '../encode/problem.js';
import { solve } from '../solve/solve.js';
import { SolverRefusal, type RefusalCode, type SolveOptions } from '../solve/types.js';
import type { FailureInjection } from './types.js';

/** What is sent for one part: the sub-problem's typed arrays and the solver options (clonable). */
export interface PartTask {
  part: number;
  problem: Problem;
  options: SolveOptions;
  /** Test-only failure for this attempt (see FailureInjection). */
  fail?: FailureInjection['kind'];
}

/** What comes back: the local assignment (mentor index in the part, -1 none) and the status. */
export interface PartReply {
  part: number;
  status: string;
  assignment: Int32Array;
  seconds: number;
  /**
   * The solver refused the part (a size limit, side rows it cannot honour…): an expected answer
   * about the input, not a failed attempt, so it is not retried. Plain data, so that it crosses
   * the worker boundary intact (an Error would arrive as a message only).
   */
  refusal?: { code: RefusalCode; message: string; detail: Record<string, number | string> };
}

/** Solves a part task. A refusal is returned in the reply; anything else the solver throws is thrown (a failed attempt). */
export function solvePart(task: PartTask): PartReply {
  const t0 = performance.now();
  if (task.fail) injectFailure(task.fail, task.part);
  let result;
  try {
    result = solve(task.problem, task.options);
  } catch (err) {
    if (!(err instanceof SolverRefusal)) throw err;
    const refusal = { code: err.code, message: err.message, detail: err.detail };
    return { part: task.part, status: 'refused', assignment: new Int32Array(0), seconds: (performance.now() - t0) / 1000, refusal };
  }
  return { part: task.part, status: result.status, assignment: result.assignment, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Test-only failures. `loop` spins until the pool's timeout aborts the worker; `alloc` keeps
 * ordinary JS objects alive (typed arrays live outside the V8 heap and would not hit
 * `resourceLimits`) until the worker dies of ERR_WORKER_OUT_OF_MEMORY.
 */
function injectFailure(kind: FailureInjection['kind'], part: number): void {
  if (kind === 'throw') throw new Error(`injected failure in part ${part}`);
  if (kind === 'loop') {
    let x = 0;
    for (;;) x = (x + 1) | 0;
  }
  const hog: Array<Array<{ v: number }>> = [];
  for (;;) hog.push(Array.from({ length: 100_000 }, (_, v) => ({ v })));
}

/** The distinct ArrayBuffers behind a problem's arrays, to transfer instead of copying. */
export function problemBuffers(problem: Problem): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer && a.byteLength > 0) seen.add(a.buffer);
  };
  add(problem.capacity);
  add(problem.offsets);
  add(problem.edgeMentor);
  add(problem.edgeWeight);
  add(problem.edgeLoad);
  add(problem.priority);
  add(problem.slotPenalty);
  add(problem.edgeImposed);
  const side = problem.side;
  if (side) {
    add(side.menteeGroup);
    add(side.edgeCost);
    add(side.groupBudget);
    add(side.groupMinPriority);
    add(side.mentorEmployer);
    add(side.employerMax);
  }
  if (problem.preferences) {
    for (const l of problem.preferences.mentees) add(l);
    for (const l of problem.preferences.mentors) add(l);
  }
  return [...seen];
}
