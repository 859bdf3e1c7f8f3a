/**
 * `solveBatches`: solves the parts of a partition, on a piscina pool of worker threads or in the
 * calling thread for small jobs, then assembles the global assignment in part order (so the
 * result does not depend on the worker count or on which part finishes first).
 *
 * Failure isolation: an attempt that throws, exceeds `timeoutMs` (the worker is terminated) or
 * runs out of heap (`memoryLimitMb`, the worker dies) is retried `retry` times, then the part is
 * reported failed with its reason; the other parts' pairs are kept and the result is `incomplete`.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Problem } from '../encode/problem.js';
import { edgeCount } from '../encode/problem.js';
import { objectiveOf } from '../solve/objective.js';
import { sideViolations } from '../solve/side-check.js';
import { SolverRefusal, type SolveOptions } from '../solve/types.js';
import { measureLoss } from './loss.js';
import { partProgress } from './progress.js';
import { applyReleased, missedImposed, notWorse, releaseBorders } from './reconcile.js';
import { partitionProblem } from './partition.js';
import { problemBuffers, solvePart, type PartReply, type PartTask } from './solve-part.js';
import { subProblem } from './sub-problem.js';
import type { BatchResult, FailureInjection, FailureKind, PartOutcome, Partition, ReconcileReport } from './types.js';

/** Options of `solveBatches`. */
export interface BatchOptions {
  /** Registry name of the solver (default `flow`) and its other options, passed to `solve()` in each part. */
  solver?: string;
  solveOptions?: Omit<SolveOptions, 'solver'>;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /**
   * Wall-clock limit of one attempt of one part, ms, from its dispatch to a started worker (a retry
   * after a timeout also pays the replacement worker's start, ~50 ms from dist/). Pool only: a
   * part in the calling thread cannot be preempted.
   */
  timeoutMs?: number;
  /** Retries of a failed part (default 1). */
  retry?: number;
  /** No progress bar (it is shown only on a TTY stderr anyway). */
  quiet?: boolean;
  /** V8 old-generation limit of each worker, MiB (`resourceLimits`); the worker dies instead of the process. */
  memoryLimitMb?: number;
  /**
   * `auto` (default): in the calling thread when the job is small (fewer than `inThreadBelowEdges`
   * edges) or when there is one worker and no timeout or memory limit to enforce; on the pool otherwise.
   */
  execution?: 'auto' | 'pool' | 'in-thread';
  /** Size below which `auto` stays in the calling thread (edges; default 200,000: a pool costs ~50 ms to start). */
  inThreadBelowEdges?: number;
  /** Regions mode: re-solve the border mentors after the regions (default true). */
  reconcile?: boolean;
  /** Reconciliation depth: 1 = border mentors only, 2 (default) = also their mentees' other candidate mentors. */
  reconcileDepth?: number;
  /** Also solve the whole problem at once in the calling thread and report the split's loss. */
  measureLoss?: boolean;
  /**
   * TEST ONLY: make a part fail on purpose. Also read from the environment variable
   * `MENTORMATCH_TEST_FAIL=part:kind[:attempts]` (kind: throw | loop | alloc) when not given.
   */
  inject?: FailureInjection;
}

/** French reason of a failed part, for `non_apparies.csv` and the summary. */
export const FAILURE_REASON_FR: Record<FailureKind, string> = {
  error: 'le calcul de son lot a échoué (erreur interne), après une nouvelle tentative',
  timeout: 'le calcul de son lot a dépassé le délai imparti (--timeout), après une nouvelle tentative',
  memory: 'le calcul de son lot a manqué de mémoire, après une nouvelle tentative',
};

/** The worker file next to this module: `.js` in dist/, `.ts` (loaded through tsx) under vitest or tsx. */
export function workerLocation(): { filename: string; execArgv?: string[] } {
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL('./region.worker.js', import.meta.url).href };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename: new URL('./region.worker.ts', import.meta.url).href, execArgv: ['--import', tsx] };
}

/** Parses `MENTORMATCH_TEST_FAIL` (test only). */
function injectionFromEnv(): FailureInjection | undefined {
  const raw = process.env.MENTORMATCH_TEST_FAIL;
  if (!raw) return undefined;
  const [part, kind, attempts] = raw.split(':');
  if (kind !== 'throw' && kind !== 'loop' && kind !== 'alloc') return undefined;
  return { part: Number(part), kind, attempts: attempts === undefined ? undefined : Number(attempts) };
}

/** One attempt's failure. */
interface AttemptError {
  kind: FailureKind;
  message: string;
}

function classify(err: unknown, timedOut: boolean): AttemptError {
  if (timedOut) return { kind: 'timeout', message: 'time limit exceeded' };
  const e = err as { code?: string; message?: string } | undefined;
  const message = e?.message ?? String(err);
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|allocation failed/i.test(message)) return { kind: 'memory', message };
  return { kind: 'error', message };
}

/** Solves parts on the pool or in the calling thread, with timeouts and retries. */
interface Executor {
  execution: 'pool' | 'in-thread';
  lanes: number;
  attempt(task: PartTask): Promise<PartReply>;
  close(): Promise<void>;
}

function makeExecutor(execution: 'pool' | 'in-thread', workers: number, options: BatchOptions): Executor {
  if (execution === 'in-thread') {
    // A thread cannot be preempted: the part's timeout becomes the solver's own time limit, so a
    // solver that honours one (flow, lp's deadline thread, lagrangien) stops and returns `timeout`
    // with a feasible assignment instead of running on.
    const limit = (task: PartTask): PartTask =>
      options.timeoutMs === undefined || task.options.timeLimitMs !== undefined
        ? task
        : { ...task, options: { ...task.options, timeLimitMs: options.timeoutMs } };
    return { execution, lanes: 1, attempt: async (task) => solvePart(limit(task)), close: async () => {} };
  }
  const pool = new Piscina<PartTask | { warmup: true }, PartReply>({
    ...workerLocation(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    resourceLimits: options.memoryLimitMb ? { maxOldGenerationSizeMb: options.memoryLimitMb } : undefined,
  });
  // One no-op task per worker first, so that a part's timeout does not count the worker's start.
  const warm = Promise.all(Array.from({ length: workers }, () => pool.run({ warmup: true })));
  return {
    execution,
    lanes: workers,
    attempt: async (task) => {
      await warm;
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, options.timeoutMs)
          : undefined;
      try {
        return await pool.run(task, { transferList: problemBuffers(task.problem), signal: controller.signal });
      } catch (err) {
        throw classify(err, timedOut);
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
    close: () => pool.destroy(),
  };
}

/**
 * Runs every part of `partition` (sub-problems built lazily, largest first) with retries; returns
 * the replies and outcomes by part index. `failOf(k, attempt)` is the test-only injection.
 */
async function runParts(
  problem: Problem,
  partition: Partition,
  exec: Executor,
  solveOptions: SolveOptions,
  retry: number,
  onDone: () => void,
  failOf: (k: number, attempt: number) => FailureInjection['kind'] | undefined = () => undefined,
): Promise<{ replies: Array<PartReply | undefined>; outcomes: PartOutcome[] }> {
  const nParts = partition.nParts;
  const replies: Array<PartReply | undefined> = new Array(nParts);
  const outcomes: PartOutcome[] = new Array(nParts);
  const runPart = async (k: number): Promise<void> => {
    for (let attempt = 0; attempt <= retry; attempt++) {
      const started = performance.now();
      try {
        const task: PartTask = { part: k, problem: subProblem(problem, partition, k), options: solveOptions, fail: failOf(k, attempt) };
        const reply = await exec.attempt(task);
        replies[k] = reply;
        outcomes[k] = outcomeOf(partition, k, reply.status, attempt + 1, reply.seconds);
        break;
      } catch (err) {
        const failure = (err as AttemptError).kind ? (err as AttemptError) : classify(err, false);
        outcomes[k] = { ...outcomeOf(partition, k, 'failed', attempt + 1, (performance.now() - started) / 1000), failure };
      }
    }
    onDone();
  };
  // Largest parts first (longest-processing-time order) keeps the workers evenly busy.
  const order = Array.from({ length: nParts }, (_, k) => k).sort((a, b) => partition.partEdges[b] - partition.partEdges[a] || a - b);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(exec.lanes, nParts) }, async () => {
      while (next < order.length) await runPart(order[next++]);
    }),
  );
  return { replies, outcomes };
}

/** Solves every part of `partition` and assembles the global assignment. */
export async function solveBatches(problem: Problem, partition: Partition, options: BatchOptions = {}): Promise<BatchResult> {
  const t0 = performance.now();
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const retry = Math.max(0, Math.floor(options.retry ?? 1));
  const inject = options.inject ?? injectionFromEnv();
  const solveOptions: SolveOptions = { ...options.solveOptions, solver: options.solver ?? 'flow' };
  const execution = chooseExecution(problem, partition.nParts, options, workers, inject);
  const exec = makeExecutor(execution, Math.max(1, Math.min(workers, partition.nParts)), options);
  const progress = partProgress(partition.nParts, options.quiet ?? false);
  const failOf = (k: number, attempt: number) =>
    inject && inject.part === k && attempt < (inject.attempts ?? Infinity) ? inject.kind : undefined;
  try {
    const { replies, outcomes } = await runParts(problem, partition, exec, solveOptions, retry, () => progress.tick(), failOf);
    progress.stop();
    // A refusal is the solver's answer to the whole problem (as in a direct solve), not a failed part.
    const refused = replies.find((r) => r?.refusal);
    if (refused?.refusal) throw new SolverRefusal(refused.refusal.code, refused.refusal.message, refused.refusal.detail);
    const result = assemble(problem, partition, replies, outcomes, execution, workers);
    if (partition.mode === 'regions') {
      const limits = options.timeoutMs !== undefined || options.memoryLimitMb !== undefined;
      if (options.reconcile !== false) {
        result.reconcile = await reconcile(problem, partition, result, exec, solveOptions, retry, options.reconcileDepth ?? 2, limits);
      } else {
        // No reconciliation asked, but imposed pairs are hard constraints: the mentors imposed on
        // mentees of several regions (and only they) are re-solved so that every imposed pair holds.
        const missed = missedImposed(problem, result.assignment, excludedOf(problem, result)).mentors;
        if (missed.length > 0) {
          result.reconcile = await reconcile(problem, { ...partition, borderMentors: missed }, result, exec, solveOptions, retry, 1, limits);
        }
      }
      if (result.reconcile) result.value = result.reconcile.after;
    }
    if (options.measureLoss) result.loss = measureLoss(problem, result.value, solveOptions);
    result.seconds = (performance.now() - t0) / 1000;
    return result;
  } finally {
    progress.stop();
    await exec.close();
  }
}

/** Mentees of failed parts: no pass may move them (they are reported as failed). */
function excludedOf(problem: Problem, result: BatchResult): Uint8Array {
  const excluded = new Uint8Array(problem.nMentees);
  for (const i of result.failedMentees) excluded[i] = 1;
  return excluded;
}

/**
 * The border reconciliation (reconcile.ts), its released problem split into connected components
 * and solved on the same executor (a single component in the calling thread when no limit needs the
 * pool). A failed component keeps its regional pairs.
 */
async function reconcile(
  problem: Problem,
  partition: Partition,
  result: BatchResult,
  exec: Executor,
  solveOptions: SolveOptions,
  retry: number,
  depth: number,
  limits: boolean,
): Promise<ReconcileReport> {
  const t0 = performance.now();
  const before = result.value;
  const excluded = excludedOf(problem, result);
  const released = releaseBorders(problem, partition, result.assignment, excluded, depth);
  const report = (extra: Partial<ReconcileReport>): ReconcileReport => ({
    mentors: 0,
    mentees: 0,
    edges: 0,
    before,
    after: before,
    status: 'skipped',
    seconds: (performance.now() - t0) / 1000,
    ...extra,
  });
  if (typeof released === 'string') return report({ skipped: released });
  const { sub, mentees, mentors } = released;
  const sizes = { mentors: mentors.length, mentees: mentees.length, edges: edgeCount(sub) };
  const subPartition = partitionProblem(sub, null, 'components');
  // One component (the usual case when many edges cross borders): solved here, as `auto` does for a
  // one-part batch, unless the pool is there to enforce a limit.
  const here = subPartition.nParts <= 1 && exec.execution === 'pool' && !limits ? makeExecutor('in-thread', 1, {}) : exec;
  const { replies, outcomes } = await runParts(sub, subPartition, here, solveOptions, retry, () => {});
  // Start from the regional pairs (feasible for `sub`), overwrite each solved component.
  const local = new Int32Array(problem.nMentors).fill(-1);
  mentors.forEach((j, b) => (local[j] = b));
  const subAssignment = Int32Array.from(mentees, (i) => (result.assignment[i] >= 0 ? local[result.assignment[i]] : -1));
  for (let k = 0; k < subPartition.nParts; k++) {
    const reply = replies[k];
    if (!reply || reply.status === 'infeasible' || reply.refusal) continue;
    const ms = subPartition.partMentees.subarray(subPartition.partMenteeStart[k], subPartition.partMenteeStart[k + 1]);
    const js = subPartition.partMentors.subarray(subPartition.partMentorStart[k], subPartition.partMentorStart[k + 1]);
    for (let a = 0; a < ms.length; a++) subAssignment[ms[a]] = reply.assignment[a] >= 0 ? js[reply.assignment[a]] : -1;
  }
  const status = outcomes.some((o) => o.status === 'failed') ? 'partial' : outcomes.every((o) => o.status === 'optimal') ? 'optimal' : 'feasible';
  const next = applyReleased(result.assignment, released, subAssignment);
  // The released rows keep the round within its budgets, quotas and caps; checked, not assumed.
  if (sideViolations(problem, next).length > 0) return report({ ...sizes, status, skipped: 'side constraints not kept' });
  const after = objectiveOf(problem, next);
  // Imposed pairs first (hard constraints the regional pairs may miss), then the value.
  const missedBefore = missedImposed(problem, result.assignment, excluded).pairs;
  const missedAfter = missedImposed(problem, next, excluded).pairs;
  if (missedAfter > missedBefore || (missedAfter === missedBefore && !notWorse(problem.sense, after, before))) {
    return report({ ...sizes, status, skipped: 'not better than the regional pairs' });
  }
  result.assignment.set(next);
  return report({ ...sizes, after, status });
}

function chooseExecution(problem: Problem, nParts: number, options: BatchOptions, workers: number, inject?: FailureInjection): 'pool' | 'in-thread' {
  const mode = options.execution ?? 'auto';
  if (mode !== 'auto') return mode;
  // A loop or a heap exhaustion can only be survived on a worker.
  if (inject && inject.kind !== 'throw') return 'pool';
  if (edgeCount(problem) < (options.inThreadBelowEdges ?? 200_000)) return 'in-thread';
  // One worker, or one part (a round whose candidate graph is one component): a worker would only
  // add its start, a copy of the problem and a cold JIT; it is needed only to enforce limits.
  if ((workers <= 1 || nParts <= 1) && options.timeoutMs === undefined && options.memoryLimitMb === undefined) return 'in-thread';
  return 'pool';
}

function outcomeOf(partition: Partition, k: number, status: string, attempts: number, seconds: number): PartOutcome {
  return {
    part: k,
    label: partition.partLabel[k],
    mentees: partition.partMenteeStart[k + 1] - partition.partMenteeStart[k],
    mentors: partition.partMentorStart[k + 1] - partition.partMentorStart[k],
    edges: partition.partEdges[k],
    status,
    attempts,
    seconds,
  };
}

/** Maps each part's local assignment back, in part order. */
function assemble(
  problem: Problem,
  partition: Partition,
  replies: Array<PartReply | undefined>,
  outcomes: PartOutcome[],
  execution: 'pool' | 'in-thread',
  workers: number,
): BatchResult {
  const assignment = new Int32Array(problem.nMentees).fill(-1);
  const failed: number[] = [];
  const failedPart: number[] = [];
  for (let k = 0; k < partition.nParts; k++) {
    const mentees = partition.partMentees.subarray(partition.partMenteeStart[k], partition.partMenteeStart[k + 1]);
    const mentors = partition.partMentors.subarray(partition.partMentorStart[k], partition.partMentorStart[k + 1]);
    const reply = replies[k];
    if (!reply) {
      for (const i of mentees) {
        failed.push(i);
        failedPart.push(k);
      }
      continue;
    }
    for (let a = 0; a < mentees.length; a++) {
      const b = reply.assignment[a];
      if (b >= 0) assignment[mentees[a]] = mentors[b];
    }
  }
  // Failed mentees were collected part by part; report them by mentee index.
  const byMentee = failed.map((i, t) => [i, failedPart[t]] as const).sort((x, y) => x[0] - y[0]);
  return {
    mode: partition.mode,
    assignment,
    value: objectiveOf(problem, assignment),
    parts: outcomes,
    incomplete: failed.length > 0 || outcomes.some((o) => o.status === 'failed'),
    failedMentees: Int32Array.from(byMentee, (x) => x[0]),
    failedMenteePart: Int32Array.from(byMentee, (x) => x[1]),
    borderMentors: partition.borderMentors.length,
    droppedEdges: partition.droppedEdges,
    execution,
    workers,
    seconds: 0,
  };
}
