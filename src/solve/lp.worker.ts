/**
 * Worker thread of the `lp` solver (started by ./lp-thread.ts): runs `javascript-lp-solver`'s
 * `Solve` on the models it receives, one at a time, so that the calling thread can stop waiting
 * (and terminate this thread) at a wall-clock deadline even when the library pivots without end.
 *
 * Protocol: `workerData` holds a MessagePort and a SharedArrayBuffer (one Int32 counter). Each job
 * arriving on the port is answered on the same port, then the counter is incremented and notified:
 * the caller sleeps in `Atomics.wait` on the counter and takes the answer with `receiveMessageOnPort`.
 * The library is imported dynamically, so that even a failure to load it is answered (as an error)
 * instead of leaving the caller to wait for its deadline.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { LpJob, LpReply } from './lp-thread.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);

function answer(reply: LpReply): void {
  port.postMessage(reply);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

type SolveFn = (model: unknown) => Record<string, unknown>;

let solver: Promise<SolveFn> | undefined;
function library(): Promise<SolveFn> {
  solver ??= import('javascript-lp-solver').then((mod) => {
    // The package's ESM build exports the solver as default; accept a namespace too (as lp.ts does).
    const api = ((mod as { default?: unknown }).default ?? mod) as { Solve: SolveFn };
    return (model: unknown) => api.Solve(model);
  });
  return solver;
}

port.on('message', (job: LpJob) => {
  library().then(
    (solve) => {
      const t0 = Date.now();
      try {
        const result = solve(job.model);
        answer({ id: job.id, ok: true, result, ms: Date.now() - t0 });
      } catch (e) {
        answer({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    },
    (e: unknown) => answer({ id: job.id, ok: false, error: `cannot load javascript-lp-solver: ${e instanceof Error ? e.message : String(e)}` }),
  );
});
