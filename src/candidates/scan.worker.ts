/**
 * Worker thread of the parallel candidate generation (./parallel.ts): scans one range of schools
 * of the prepared round and writes its mentees' rows straight into the shared writer layout, then
 * says it is done (or why it failed). No result travels back but that message: the rows are
 * already in the caller's SharedArrayBuffers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanSchools, type ScanPlan } from './build.js';
import type { PreparedRound } from './prepare.js';
import { CandidateWriter, type WriterLayout } from './set.js';

/** What the caller sends (structured clone; the layout's buffers are shared, not copied). */
export interface ScanTask {
  prepared: PreparedRound;
  plan: ScanPlan;
  layout: WriterLayout;
  from: number;
  to: number;
  /** TEST ONLY: throw instead of scanning, to exercise the caller's fallback. */
  fail?: boolean;
}

/** The worker's one message. */
export type ScanReply = { ok: true; ms: number } | { ok: false; error: string };

const task = workerData as ScanTask;
const t0 = performance.now();
let reply: ScanReply;
try {
  if (task.fail) throw new Error('injected failure');
  const p = task.prepared;
  scanSchools(p, task.plan, CandidateWriter.attach(p.nMentees, p.nMentors, task.layout), task.from, task.to);
  reply = { ok: true, ms: performance.now() - t0 };
} catch (e) {
  reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(reply);
