/**
 * Synchronous calls of javascript-lp-solver in a worker thread (./lp.worker.ts), with a hard
 * wall-clock deadline. The library cannot be interrupted inside a simplex (its own time limit is
 * only checked between branch-and-bound nodes) and, on some degenerate models, pivots without end;
 * the registry's `Solver.run` is synchronous, so the calling thread sleeps in `Atomics.wait` until
 * the worker signals its answer or the deadline passes, and then terminates the worker.
 *
 * One worker is kept between calls (a start costs ~30–50 ms from dist/, more under tsx) and
 * replaced after a deadline or a crash. It is `unref`'d: an idle or abandoned worker never keeps
 * the process alive. Its heap is capped (`resourceLimits`), so a runaway library dies alone.
 */
import { workerSource } from '../parallel/worker-source.js';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** A branch and bound to run in the worker (./branch-bound.ts on an `LpModel`). */
export interface BbJob {
  /** The `LpModel` (structured-cloned). */
  model: unknown;
  /** Combined objective coefficient of every variable. */
  costs: Float64Array;
  /** True when every cost is an integer (bounds rounded down). */
  integral: boolean;
  /** `Date.now()` after which the search starts no new node and answers with what it has. */
  softDeadline: number;
  /** Node LPs after which the search stops as at its soft deadline (LpOptions.maxNodes). */
  maxNodes?: number;
  /** A first incumbent candidate (branchAndBound's `initial`). */
  initial?: Float64Array;
}

/** A job for the worker: one `Solve` of a library model, or a branch and bound (`bb`). */
export interface LpJob {
  id: number;
  model: unknown;
  bb?: BbJob;
}

/**
 * The worker's answer: the result and its own time, or the error it threw. `partial` answers (a
 * branch and bound's incumbents) come before the final one.
 */
export type LpReply =
  | { id: number; ok: true; result: Record<string, unknown>; ms: number; partial?: boolean }
  | { id: number; ok: false; error: string };

/**
 * What `solveInWorker` returns. At the deadline, `partial` is the last partial answer received
 * (a branch and bound's best incumbent), if any.
 */
export type ThreadOutcome =
  | { kind: 'done'; result: Record<string, unknown>; ms: number }
  | { kind: 'deadline'; partial?: Record<string, unknown> }
  | { kind: 'error'; message: string };

/**
 * V8 old-generation cap of the worker, MiB. The largest tableau lp accepts (12 M cells, pure LP)
 * peaks at ~360 MiB (benchmarks/lp.bench.ts); a MIP's is 24× smaller but branch and bound keeps copies.
 */
export const LP_WORKER_HEAP_MB = 2048;

interface LpWorker {
  worker: Worker;
  port: MessagePort;
  counter: Int32Array;
}

let idle: LpWorker | undefined;
let nextId = 1;

function startWorker(): LpWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  // lp.worker.js in dist/; lp.worker.ts behind a tsx bootstrap under vitest or tsx.
  const { source, eval: evalSource } = workerSource(import.meta.url, 'lp.worker');
  const worker = new Worker(source, {
    eval: evalSource,
    workerData: { port: port2, signal },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: LP_WORKER_HEAP_MB },
  });
  worker.unref();
  port1.unref();
  // An 'error' event (crash, heap limit) is only seen once the caller's thread is free again; the
  // caller already reports it as a deadline. Listening keeps it from becoming an uncaught error.
  worker.on('error', () => {});
  return { worker, port: port1, counter: new Int32Array(signal) };
}

function discard(w: LpWorker): void {
  w.port.close();
  void w.worker.terminate().catch(() => {});
}

/**
 * Warms the worker up (starts it if none is idle), so that the thread's start overlaps with the
 * caller's own work (building the model) instead of adding to it.
 */
export function prepareWorker(): void {
  idle ??= startWorker();
}

/**
 * Runs `Solve(model)` in the worker and waits, blocking the calling thread, until the answer or the
 * wall-clock `deadline` (a `Date.now()` value). At the deadline the worker is terminated (the
 * library's state is lost: the caller only knows it has no answer) and the next call starts a new one.
 */
export function solveInWorker(model: unknown, deadline: number): ThreadOutcome {
  return runInWorker({ id: nextId++, model }, deadline);
}

/**
 * Runs a whole branch and bound in the worker, waiting as `solveInWorker` does. The search stops
 * itself at `job.softDeadline` and answers; at the hard `deadline` the worker is terminated and the
 * outcome carries the last incumbent it posted (`partial`: `{ x, value }`).
 */
export function branchInWorker(job: BbJob, deadline: number): ThreadOutcome {
  return runInWorker({ id: nextId++, model: null, bb: job }, deadline);
}

function runInWorker(job: LpJob, deadline: number): ThreadOutcome {
  const w = idle ?? startWorker();
  idle = undefined;
  const id = job.id;
  let seen = Atomics.load(w.counter, 0);
  let partial: Record<string, unknown> | undefined;
  w.port.postMessage(job);
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      discard(w);
      return partial ? { kind: 'deadline', partial } : { kind: 'deadline' };
    }
    Atomics.wait(w.counter, 0, seen, remaining);
    seen = Atomics.load(w.counter, 0);
    for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
      const reply = m.message as LpReply;
      if (reply.id !== id) continue; // a late answer to an earlier call (not possible once discarded)
      if (reply.ok && reply.partial) {
        partial = reply.result;
        continue;
      }
      if (!reply.ok) {
        discard(w);
        return { kind: 'error', message: reply.error };
      }
      idle = w;
      return { kind: 'done', result: reply.result, ms: reply.ms };
    }
  }
}
