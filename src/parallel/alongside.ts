/**
 * One solve of a whole problem on its own worker thread, started now and awaited later: the
 * reference solve that measures a regional split's loss runs alongside the regional solve instead
 * of after it. On its own thread it also runs in a fresh isolate, at the speed of a process's first
 * solve (a later solve in the same thread runs the auction 15–30 % slower, see the README).
 * The reply is the one `solvePart` gives in the calling thread: same code, same result.
 */
import { Piscina } from 'piscina';
import type { Problem } from '../encode/problem.js';
import type { SolveOptions } from '../solve/types.js';
import { workerLocation } from './pool.js';
import { problemBuffers, type PartReply, type PartTask } from './solve-part.js';

/** A solve running on a worker: its reply (or why there is none), and a way to stop it. */
export interface AlongsideSolve {
  /** Never rejects: the reply, or the error the worker ended with. */
  result: Promise<{ reply: PartReply } | { error: string }>;
  /** Stops the worker (the result then holds an error); harmless once it has finished. */
  cancel(): void;
}

/** Starts `solve(problem, options)` on a new worker thread. The problem is copied (the caller keeps it). */
export function solveAlongside(problem: Problem, options: SolveOptions): AlongsideSolve {
  // The very same problem (not a compacted part), so that the worker's solve is the calling
  // thread's to the bit; copied, since its buffers are moved to the worker.
  const copy = structuredClone(problem);
  const pool = new Piscina<PartTask, PartReply>({ ...workerLocation(), minThreads: 1, maxThreads: 1 });
  const controller = new AbortController();
  const task: PartTask = { part: 0, problem: copy, options };
  const result = pool
    .run(task, { transferList: problemBuffers(copy), signal: controller.signal })
    .then(
      (reply) => ({ reply }),
      (err: unknown) => ({ error: (err as Error)?.message ?? String(err) }),
    )
    .finally(() => pool.destroy());
  return { result, cancel: () => controller.abort() };
}
