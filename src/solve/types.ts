/**
 * The solver interface. Every solver (flow, lp, greedy, stable, lagrangian …) takes a `Problem`
 * and returns a `SolveResult`; the registry (./registry.ts) maps names to solvers, and
 * `solve()` (./solve.ts) is the one entry point the CLI and the API use.
 */
import type { Problem } from '../encode/problem.js';

/** Outcome of a solve. `optimal` is only reported when the independent checker accepted a certificate. */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'timeout';

/** Options common to every solver; a solver ignores the ones it has no use for. */
export interface SolveOptions {
  /** Registry key of the solver (default `flow`). */
  solver?: string;
  /** Wall-clock limit, ms. A solver that hits it returns `timeout` with its best assignment so far. */
  timeLimitMs?: number;
  /** Seed of any randomised choice (ties are broken by index, so most solvers ignore it). */
  seed?: number;
  /** `stable` only: which side proposes (default `mentee`, the mentee-optimal stable matching). */
  proposing?: 'mentee' | 'mentor';
  /** Skip the certificate check (benchmarks of the bare solver). `optimal` is then never set. */
  skipCheck?: boolean;
}

/**
 * The objective parts of an assignment, all computed from the Problem (never from solver internals).
 * Lexicographic default objective: maximise `priorityCovered` first, then `net`.
 */
export interface ObjectiveParts {
  /** Number of mentees with a mentor. */
  covered: number;
  /** Sum of the priority of covered mentees (= covered when the problem has no priorities). */
  priorityCovered: number;
  /** Sum of the weights of the chosen edges (scores for `max`, costs for `min`). */
  weight: number;
  /** Sum of the slot penalties: a mentor with m mentees costs slotPenalty[0] + … + slotPenalty[m-1]. */
  penalty: number;
  /** The second objective: `weight - penalty` for `max`, `weight + penalty` for `min`. */
  net: number;
}

/**
 * A dual certificate of the lexicographic LP (see ./certificate.ts). Each dual value is a pair
 * (primary = coverage part, secondary = weight part), stored in two arrays. Values are in the
 * maximisation form: for `min` problems the weight part is negated.
 */
export interface DualCertificate {
  kind: 'duals';
  /** u_i ≥ 0, one per mentee (primary, secondary). */
  menteeP: Float64Array;
  menteeS: Float64Array;
  /** v_j, one per mentor (primary, secondary). */
  mentorP: Float64Array;
  mentorS: Float64Array;
}

/** An upper bound on the objective (maximisation form), e.g. from a relaxation. */
export interface BoundCertificate {
  kind: 'bound';
  /** Upper bound on priority-weighted coverage. */
  priorityCovered: number;
  /** Upper bound on `net` (max form: for `min` problems, a lower bound on cost negated). */
  net: number;
}

export type Certificate = DualCertificate | BoundCertificate;

/** What every solver returns. */
export interface SolveResult {
  status: SolveStatus;
  /** Mentor index of each mentee, -1 when unassigned. */
  assignment: Int32Array;
  /** Objective parts, recomputed from the Problem by ./objective.ts. */
  objective: ObjectiveParts;
  /** Registry name of the solver that produced this result. */
  solver: string;
  /** Timings, ms: `solve` is the solver itself, `check` the independent certificate check. */
  timings: { solveMs: number; checkMs: number };
  /** Proof material, for exact solvers. */
  certificate?: Certificate;
  /** Best known bound on `net` in the problem's own sense (max: upper bound; min: lower bound), when known. */
  bound?: number;
  /** True only when the independent checker (./certificate.ts) accepted the certificate. */
  optimal: boolean;
  /** Human-readable notes (English, for developers): why a status is not `optimal`, etc. */
  notes?: string[];
}

/** What a solver computes; `solve()` fills in objective, timings and `optimal` around it. */
export interface SolverOutput {
  status: SolveStatus;
  assignment: Int32Array;
  certificate?: Certificate;
  bound?: number;
  notes?: string[];
}

/** A solver: a name, what it can take, and the solve function. */
export interface Solver {
  /** Registry key, e.g. `flow`. */
  name: string;
  /** One line, English, for `--help` and docs. */
  description: string;
  /** True when the solver proves optimality (its result goes through the certificate checker). */
  exact: boolean;
  /**
   * Largest problem the solver accepts (edges), or Infinity. Above it `solve()` refuses with
   * a `SolverRefusal` instead of hanging.
   */
  maxEdges: number;
  /** Solves; throws `SolverRefusal` when the problem has features it cannot honour. */
  run(problem: Problem, options: SolveOptions): SolverOutput;
}

/** Why a solver refused a problem (machine code) — the CLI turns it into a French message. */
export type RefusalCode = 'loads' | 'side-constraints' | 'too-large' | 'numerical' | 'unknown-solver' | 'invalid-problem';

/** A solver cannot take this problem (loads, side constraints, size). Expected, not a bug. */
export class SolverRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Extra data for the French message (e.g. the size limit). */
    readonly detail: Record<string, number | string> = {},
  ) {
    super(message);
    this.name = 'SolverRefusal';
  }
}
