/**
 * Types of the regional batches: how a `Problem` is split into parts, how they are solved on a
 * worker pool, and what comes back. Data only; the code lives in partition.ts and pool.ts.
 */

/**
 * How the mentees are split into parts.
 * - `components`: exact. Parts are connected components of the candidate graph (plus the side
 *   constraints that couple mentees or mentors), packed into batches. No loss at all.
 * - `regions`: parts are the values of the caller's `menteePart` (académie or région académique of
 *   the mentee's school). Mentors with candidates in several parts are "border mentors": each is
 *   owned by one part (see partition.ts) and a reconciliation pass re-solves them afterwards.
 * - `single`: one part, the whole problem (the national solve).
 */
import type { ObjectiveParts } from '../solve/types.js';

export type PartitionMode = 'components' | 'regions' | 'single';

/** The split of a problem into parts, with the maps back to the global indices. */
export interface Partition {
  mode: PartitionMode;
  nParts: number;
  /** Part of each mentee, -1 for a mentee with no candidate (it cannot be matched anyway). */
  menteePart: Int32Array;
  /** Owning part of each mentor, -1 for a mentor with no candidate. */
  mentorPart: Int32Array;
  /** Index of each mentee inside its part (-1 when menteePart is -1). */
  menteeLocal: Int32Array;
  /** Index of each mentor inside its owning part (-1 when mentorPart is -1). */
  mentorLocal: Int32Array;
  /** CSR over parts: the global mentees of part k are partMentees[partMenteeStart[k] .. partMenteeStart[k+1]-1], ascending. */
  partMenteeStart: Int32Array;
  partMentees: Int32Array;
  /** CSR over parts: the global mentors owned by part k, ascending. */
  partMentorStart: Int32Array;
  partMentors: Int32Array;
  /** Edges kept in each part's sub-problem. */
  partEdges: Float64Array;
  /** Caller's label of each part: the `menteePart` value in `regions` mode, the part index otherwise. */
  partLabel: Int32Array;
  /** Mentors with candidates in several parts (`regions` mode only; empty otherwise). */
  borderMentors: Int32Array;
  /** Candidate edges not in any sub-problem (a border mentor's edges outside its owning part). */
  droppedEdges: number;
}

/** Why a part failed, after its retries. */
export type FailureKind = 'error' | 'timeout' | 'memory';

/** Test-only: make a part fail on purpose (see README, "Failure injection"). */
export interface FailureInjection {
  /** Part index (not label) that fails. */
  part: number;
  /** `throw` raises an error, `loop` never returns (hits the timeout), `alloc` exhausts the worker heap. */
  kind: 'throw' | 'loop' | 'alloc';
  /** Number of attempts that fail (default: all of them). 1 with `retry: 1` shows the retry succeeding. */
  attempts?: number;
}

/** What happened to one part. */
export interface PartOutcome {
  part: number;
  label: number;
  mentees: number;
  mentors: number;
  edges: number;
  /** `failed` after its retries; otherwise the solver's status. */
  status: string;
  /** Attempts made (1 + retries used). */
  attempts: number;
  /** Wall-clock seconds of the successful (or last) attempt. */
  seconds: number;
  failure?: { kind: FailureKind; message: string };
}

/** The loss of a split against one national solve of the same problem. */
export interface SplitLoss {
  national: ObjectiveParts;
  split: ObjectiveParts;
  /** national.covered - split.covered (≥ 0 when the national solve is exact). */
  coverageLoss: number;
  /** national.priorityCovered - split.priorityCovered. */
  priorityLoss: number;
  /** `net` lost, in the objective's direction: national - split for `max`, split - national for `min`. */
  weightLoss: number;
  /** weightLoss relative to |national.net| (0 when that is 0). */
  weightLossRatio: number;
  nationalSeconds: number;
}

/** The border reconciliation pass of the `regions` mode. */
export interface ReconcileReport {
  /** Mentors released and re-solved (the border mentors, and their neighbours at depth 2). */
  mentors: number;
  mentees: number;
  edges: number;
  /** Value before and after the pass (never worse after, with an exact solver). */
  before: ObjectiveParts;
  after: ObjectiveParts;
  status: string;
  seconds: number;
  /** Why the pass did not run or was discarded, if so. */
  skipped?: string;
}

/** Result of `solveBatches`. */
export interface BatchResult {
  mode: PartitionMode;
  /** Global mentor of each mentee, -1 for none. */
  assignment: Int32Array;
  value: ObjectiveParts;
  /** One outcome per part, by part index. */
  parts: PartOutcome[];
  /** True when a part failed: its mentees are unmatched for that reason, not for lack of a mentor. */
  incomplete: boolean;
  /** Mentees of the failed parts, ascending. */
  failedMentees: Int32Array;
  /** Part index of each failed mentee's part (same order as failedMentees). */
  failedMenteePart: Int32Array;
  /** Border mentors (regions mode) and dropped edges, from the partition. */
  borderMentors: number;
  droppedEdges: number;
  reconcile?: ReconcileReport;
  /** Filled when `measureLoss` was asked. */
  loss?: SplitLoss;
  /** Whether the parts ran on worker threads or in the calling thread. */
  execution: 'pool' | 'in-thread';
  workers: number;
  seconds: number;
}
