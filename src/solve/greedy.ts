/**
 * `greedy`: best score first, what a coordinator does by hand. Imposed pairs go first; then every
 * candidate pair in order of weight (best first; ties by mentee then mentor index, so the result
 * is deterministic) is taken when its mentee is free and its mentor has room. A baseline for
 * benchmarks: no optimality claim, no coverage maximisation.
 */
import type { Problem } from '../encode/problem.js';
import { SolverRefusal, type Solver, type SolverOutput } from './types.js';

/** Edge indices sorted best weight first (ties by edge index, i.e. by mentee then list order). */
export function edgesByWeight(p: Problem): Uint32Array {
  const m = p.offsets[p.nMentees];
  const order = new Uint32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  const w = p.edgeWeight;
  // A numeric comparator on a typed array: no per-edge object.
  if (p.sense === 'max') order.sort((a, b) => w[b] - w[a] || a - b);
  else order.sort((a, b) => w[a] - w[b] || a - b);
  return order;
}

/** The greedy assignment (mentor index or -1 per mentee). */
export function greedyAssignment(p: Problem): Int32Array {
  const assignment = new Int32Array(p.nMentees).fill(-1);
  const room = new Float64Array(p.nMentors);
  for (let j = 0; j < p.nMentors; j++) room[j] = p.capacity[j];
  const take = (i: number, e: number): void => {
    const j = p.edgeMentor[e];
    const load = p.edgeLoad ? p.edgeLoad[e] : 1;
    if (assignment[i] >= 0 || room[j] < load) return;
    assignment[i] = j;
    room[j] -= load;
  };
  if (p.edgeImposed) {
    for (let i = 0; i < p.nMentees; i++) {
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeImposed[e]) take(i, e);
    }
  }
  const order = edgesByWeight(p);
  // Mentee of each edge, from the CSR offsets.
  const menteeOf = new Int32Array(order.length);
  for (let i = 0; i < p.nMentees; i++) menteeOf.fill(i, p.offsets[i], p.offsets[i + 1]);
  for (let k = 0; k < order.length; k++) take(menteeOf[order[k]], order[k]);
  return assignment;
}

/** The greedy baseline. */
export const greedySolver: Solver = {
  name: 'greedy',
  description: 'best score first (baseline: what a coordinator does by hand)',
  exact: false,
  maxEdges: Infinity,
  run(p: Problem): SolverOutput {
    if (p.edgeLoad) throw new SolverRefusal('loads', 'greedy does not take edge loads (generalized assignment): use lp');
    return { status: 'feasible', assignment: greedyAssignment(p) };
  },
};
