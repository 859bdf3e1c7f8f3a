/**
 * Worker thread of the `lp` solver (started by ./lp-thread.ts): runs `javascript-lp-solver` on the
 * jobs it receives, one at a time, so that the calling thread can stop waiting (and terminate this
 * thread) at a wall-clock deadline even when the library pivots without end. Two kinds of job:
 * one `Solve` of a library model (the pure LP and its dual), or a whole branch and bound
 * (./branch-bound.ts) whose node relaxations (./lp-node.ts) are solved here, with no message per node.
 *
 * Protocol: `workerData` holds a MessagePort and a SharedArrayBuffer (one Int32 counter). Each job
 * arriving on the port is answered on the same port, then the counter is incremented and notified:
 * the caller sleeps in `Atomics.wait` on the counter and takes the answer with `receiveMessageOnPort`.
 * A branch and bound also posts each new incumbent as a `partial` answer, so that a caller stopped
 * by its hard deadline still has the best point found. The library is imported dynamically, so
 * that even a failure to load it is answered (as an error) instead of leaving the caller to wait.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { branchAndBound } from './branch-bound.js';
import type { LpModel } from './lp-model.js';
import { type LibraryAnswer, type RelaxStats, makeRelax } from './lp-node.js';
import type { BbJob, LpJob, LpReply } from './lp-thread.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);

function answer(reply: LpReply): void {
  port.postMessage(reply);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

/** The part of the library's API used here (`Solve(model, precision, full)`, its last model). */
interface Api {
  Solve: (model: unknown, precision?: number, full?: boolean) => unknown;
  lastSolvedModel: unknown;
}

let solver: Promise<Api> | undefined;
function library(): Promise<Api> {
  solver ??= import('javascript-lp-solver').then((mod) => {
    // The package's ESM build exports the solver as default; accept a namespace too (as lp.ts does).
    return ((mod as { default?: unknown }).default ?? mod) as Api;
  });
  return solver;
}

interface TableauLike {
  matrix: Float64Array | number[];
  width: number;
  costRowIndex: number;
  colByVarIndex: number[];
}
interface FullSolution {
  feasible: boolean;
  bounded: boolean;
  solutionSet: Record<string, unknown>;
  _tableau?: TableauLike;
}

/**
 * One `Solve` with the full solution: values by name, and for each constraint the cost-row entry
 * of its slack in the final tableau (candidate multipliers, checked by the branch and bound).
 * Any surprise in the library's internals only drops the candidates (`slack` null).
 */
function solveFull(api: Api, json: unknown): LibraryAnswer {
  const full = api.Solve(json, undefined, true) as FullSolution;
  let slack: LibraryAnswer['slack'] = null;
  try {
    const tab = full._tableau;
    const constraints = (api.lastSolvedModel as { constraints?: Array<{ slack: { index: number }; isUpperBound: boolean }> } | null)?.constraints;
    if (tab && Array.isArray(constraints)) {
      const cost = new Float64Array(constraints.length);
      const upper = new Uint8Array(constraints.length);
      for (let k = 0; k < constraints.length; k++) {
        const col = tab.colByVarIndex[constraints[k].slack.index];
        cost[k] = col >= 0 ? Number(tab.matrix[tab.costRowIndex * tab.width + col]) : 0;
        upper[k] = constraints[k].isUpperBound ? 1 : 0;
      }
      slack = { cost, upper };
    }
  } catch {
    slack = null;
  }
  return { feasible: full.feasible === true, bounded: full.bounded !== false, values: full.solutionSet ?? {}, slack };
}

function runBranchAndBound(api: Api, id: number, job: BbJob): void {
  const t0 = Date.now();
  const m = job.model as LpModel;
  const stats: RelaxStats = { dualSolves: 0, farkasSolves: 0, failures: 0 };
  const relax = makeRelax(m, job.costs, (json) => solveFull(api, json), stats);
  const r = branchAndBound(m, relax, {
    costs: job.costs,
    integral: job.integral,
    deadline: job.softDeadline,
    maxNodes: job.maxNodes,
    initial: job.initial,
    onIncumbent: (x, value) => {
      const partial: LpReply = { id, ok: true, partial: true, result: { x, value }, ms: Date.now() - t0 };
      answer(partial);
    },
  });
  answer({ id, ok: true, result: { ...r, stats }, ms: Date.now() - t0 });
}

port.on('message', (job: LpJob) => {
  library().then(
    (api) => {
      const t0 = Date.now();
      try {
        if (job.bb) runBranchAndBound(api, job.id, job.bb);
        else answer({ id: job.id, ok: true, result: api.Solve(job.model) as Record<string, unknown>, ms: Date.now() - t0 });
      } catch (e) {
        answer({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    },
    (e: unknown) => answer({ id: job.id, ok: false, error: `cannot load javascript-lp-solver: ${e instanceof Error ? e.message : String(e)}` }),
  );
});
