/**
 * Candidate generation on several threads. The scan (./build.ts `scanSchools`) is most of the
 * work (~1.7 s of 2.1 s for 150,000 mentees) and each mentee's row depends on that mentee alone,
 * so the schools are shared out: the positions of the scan order are cut into one range per
 * thread at school boundaries (ranges of about equal mentee counts), worker threads scan ranges
 * 2.., this thread scans the first while they run, and every row lands in its reserved slot of a
 * writer whose columns are SharedArrayBuffers. The set is then closed here as in the serial path:
 * byte-identical to `buildCandidates` whatever the number of threads (tested).
 *
 * A worker that fails (throws, dies) costs time, not rows: its range is scanned again here.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Round } from '../schema/round.js';
import { workerSource } from '../parallel/worker-source.js';
import { buildFromPrepared, finishCandidates, newWriter, scanPlan, scanSchools, schoolBoundary, type ScanPlan } from './build.js';
import { prepareRound, type CandidateContext, type PreparedRound } from './prepare.js';
import type { CandidateSet, WriterLayout } from './set.js';
import type { ScanReply, ScanTask } from './scan.worker.js';

/**
 * Below this many mentees one thread does it all: a worker costs ~50 ms to start and ~0.1 s to
 * build its own indexes, more than it saves on a regional round.
 */
export const PARALLEL_MIN_MENTEES = 30_000;

/**
 * Most threads one build uses, whatever `workers` says: each worker builds its own indexes (~100 MB
 * at national size) while the scan, 1.7 s on one thread, has little left to gain past a few.
 */
export const MAX_THREADS = 4;

/** Weight of this thread's range against 1 for each worker's (measured: national round, 2 threads). */
const MAIN_SHARE = 1.1;

/** Options of `buildCandidatesParallel`. */
export interface ParallelCandidateOptions {
  /** Threads, this one included (default: the number of cores; at most MAX_THREADS). */
  workers?: number;
  /** Smallest round (mentees) split over threads (default PARALLEL_MIN_MENTEES). */
  minMentees?: number;
  /** TEST ONLY: the worker scanning this range (1-based among the workers' ranges) fails. */
  failRange?: number;
}

/** What a parallel build did, for benchmarks and tests. */
export interface ParallelCandidateStats {
  threads: number;
  /** Ranges a worker failed, rescanned in this thread. */
  rescanned: number;
}

/** `buildCandidates`, its scan shared over worker threads when the round is large enough. */
export async function buildCandidatesParallel(
  round: Round,
  ctx: CandidateContext,
  options: ParallelCandidateOptions = {},
  stats?: ParallelCandidateStats,
): Promise<CandidateSet> {
  const p = prepareRound(round, ctx);
  const threads = Math.min(MAX_THREADS, Math.max(1, Math.floor(options.workers ?? availableParallelism())));
  if (threads <= 1 || p.nMentees < (options.minMentees ?? PARALLEL_MIN_MENTEES)) {
    if (stats) Object.assign(stats, { threads: 1, rescanned: 0 });
    return buildFromPrepared(p, round, ctx);
  }
  const plan = scanPlan(p);
  const writer = newWriter(p, true);
  const layout = writer.layout();
  // This thread's range is a little longer (weight MAIN_SHARE against 1 per worker): a worker
  // starts ~0.1–0.2 s later (its start, the copy of the prepared round, its own indexes).
  const total = MAIN_SHARE + (threads - 1);
  const cuts = [0];
  for (let k = 1; k < threads; k++) cuts.push(Math.max(cuts[k - 1], schoolBoundary(p, plan, Math.round(((MAIN_SHARE + k - 1) * p.nMentees) / total))));
  cuts.push(p.nMentees);
  // Workers first: their start and index building overlap this thread's own range.
  const running = [];
  for (let k = 1; k < threads; k++) {
    if (cuts[k] < cuts[k + 1]) running.push({ from: cuts[k], to: cuts[k + 1], done: scanInWorker(p, plan, layout, cuts[k], cuts[k + 1], options.failRange === k) });
  }
  scanSchools(p, plan, writer, cuts[0], cuts[1]);
  let rescanned = 0;
  for (const r of running) {
    const reply = await r.done;
    if (!reply.ok) {
      // Same rows, this thread's time: each row is rewritten from its reserved start.
      scanSchools(p, plan, writer, r.from, r.to);
      rescanned++;
    }
  }
  if (stats) Object.assign(stats, { threads: running.length + 1, rescanned });
  return finishCandidates(p, round, ctx, writer);
}

/** Scans positions `from .. to − 1` in a new worker thread; resolves with its reply (never rejects). */
function scanInWorker(p: PreparedRound, plan: ScanPlan, layout: WriterLayout, from: number, to: number, fail: boolean): Promise<ScanReply> {
  const { source, eval: evalSource } = workerSource(import.meta.url, 'scan.worker');
  const task: ScanTask = { prepared: p, plan, layout, from, to, fail: fail || undefined };
  return new Promise<ScanReply>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(source, { eval: evalSource, workerData: task });
    } catch (e) {
      // No thread to be had (resource limits…): the range is scanned in the calling thread.
      resolve({ ok: false, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    let settled = false;
    const settle = (r: ScanReply): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate().catch(() => {});
    };
    worker.on('message', (r: ScanReply) => settle(r));
    worker.on('error', (e) => settle({ ok: false, error: e.message }));
    worker.on('exit', (code) => settle({ ok: false, error: `worker exited (${code})` }));
  });
}
