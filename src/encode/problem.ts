/**
 * The `Problem`: the sparse bipartite assignment the solvers take. Dense indices and typed arrays
 * only; solvers never see ids, CSV rows or zod. Built by src/candidates (from a round) or by
 * src/solve/interchange (from the problem JSON), decoded back to ids by src/encode.
 *
 * Edges are stored in CSR form by mentee: the candidates of mentee i are the edges
 * `offsets[i] .. offsets[i+1]-1`, each with a mentor index, a weight and optional per-edge data.
 */

/** Side constraints the network cannot express; handled by the `lp` solver or by Lagrangian relaxation over `flow`. */
export interface SideConstraints {
  /** Group (school) of each mentee, -1 for none. Budget and quota rows are per group. */
  menteeGroup?: Int32Array;
  /** Travel cost of each edge, € (0 for distanciel pairs). */
  edgeCost?: Float64Array;
  /** Budget of each group, € (Infinity = no budget row). */
  groupBudget?: Float64Array;
  /** Minimum number of priority mentees (priority > 1) matched in each group. */
  groupMinPriority?: Int32Array;
  /** Employer (mentor group) of each mentor, -1 for none. */
  mentorEmployer?: Int32Array;
  /** Maximum number of mentees matched to the mentors of each employer. */
  employerMax?: Int32Array;
}

export interface Problem {
  /** Direction of the weight objective: `max` for scores, `min` for costs. */
  sense: 'max' | 'min';
  nMentees: number;
  nMentors: number;
  /** Capacity of each mentor: mentees, or resource units (hours) when `load` is given. */
  capacity: Int32Array | Float64Array;
  /** CSR row pointers, length nMentees + 1. */
  offsets: Int32Array;
  /** Mentor index of each edge, length nEdges. */
  edgeMentor: Int32Array;
  /** Weight of each edge (score for `max`, cost for `min`). */
  edgeWeight: Float64Array;
  /** Resource use of each edge (generalized assignment; integer programming, `lp` solver only). */
  edgeLoad?: Float64Array;
  /** Priority weight of each mentee in the coverage objective (default 1). */
  priority?: Float64Array;
  /**
   * Marginal penalty of a mentor's k-th mentee (k = 0 is the first, usually 0): one-to-one is
   * preferred, so a 2nd, 3rd … mentee costs `slotPenalty[k]` weight units. Non-decreasing in k,
   * which keeps it a convex cost the network solver expresses as parallel unit arcs.
   */
  slotPenalty?: Float64Array;
  /** 1 for an imposed edge (`impose` pair): it must be in every feasible assignment. */
  edgeImposed?: Uint8Array;
  /** Optional side constraints (budgets, quotas). */
  side?: SideConstraints;
  /** Explicit preference lists (rank order, best first), used by the `stable` solver when given. */
  preferences?: { mentees: Int32Array[]; mentors: Int32Array[] };
}

/** Number of edges of a problem. */
export function edgeCount(p: Problem): number {
  return p.offsets[p.nMentees];
}
