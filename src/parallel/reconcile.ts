/**
 * The border reconciliation of the `regions` mode. After the regions are solved, all border mentors
 * are released together with every mentee that could use them (unmatched, matched to a border
 * mentor, or holding an imposed pair with one), and that small problem is solved once with all
 * their candidate edges, across borders. Other pairs stay fixed.
 *
 * Never worse: the regional pairs of the border mentors are a feasible solution of this problem,
 * so an exact solver finds at least as good; and the pass is kept only if the whole assignment's
 * lexicographic value (priority coverage, then net weight) does not decrease, whatever the solver.
 * One exception comes first: a mentor imposed on mentees of several regions keeps its edges in its
 * owner's region only, so the regional pairs miss its other imposed pairs (`missedImposed`). They
 * are hard constraints, not value: a pass that holds more of them is kept even if it covers less,
 * and a split without reconciliation still re-solves those mentors (pool.ts).
 *
 * Side constraints (school budgets, priority quotas, employer caps) couple the released pairs with
 * the fixed ones: the released problem carries each row with what the fixed pairs leave of it (the
 * budget minus what the school's fixed pairs spend, the quota minus its fixed priority pairs, the
 * cap minus the employer's fixed pairs), so any solution of it keeps the whole round within the
 * national rows. A solver that cannot honour rows that bind (flow) refuses the released problem,
 * and the regional pairs stay.
 * The released problem is solved by pool.ts, split into its connected components (in parallel).
 */
import type { Problem, SideConstraints } from '../encode/problem.js';
import { edgeOf } from '../solve/objective.js';
import type { ObjectiveParts } from '../solve/types.js';
import type { Partition } from './types.js';

/** True when `a` is lexicographically at least as good as `b` for this problem's sense. */
export function notWorse(sense: Problem['sense'], a: ObjectiveParts, b: ObjectiveParts): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a.net), Math.abs(b.net));
  if (Math.abs(a.priorityCovered - b.priorityCovered) > 1e-9) return a.priorityCovered > b.priorityCovered;
  return sense === 'max' ? a.net >= b.net - eps : a.net <= b.net + eps;
}

/**
 * Imposed pairs that `assignment` misses (excluded mentees aside): how many, and their mentors
 * (ascending, each once).
 */
export function missedImposed(problem: Problem, assignment: Int32Array, excluded: Uint8Array): { pairs: number; mentors: Int32Array } {
  const { offsets, edgeMentor, edgeImposed } = problem;
  if (!edgeImposed) return { pairs: 0, mentors: new Int32Array(0) };
  const mark = new Uint8Array(problem.nMentors);
  let pairs = 0;
  for (let i = 0; i < problem.nMentees; i++) {
    if (excluded[i]) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (edgeImposed[e] && assignment[i] !== edgeMentor[e]) {
        pairs++;
        mark[edgeMentor[e]] = 1;
      }
    }
  }
  const mentors: number[] = [];
  for (let j = 0; j < problem.nMentors; j++) if (mark[j]) mentors.push(j);
  return { pairs, mentors: Int32Array.from(mentors) };
}

/** The released problem: its mentees and mentors (global indices, ascending) and the sub-problem. */
export interface Released {
  sub: Problem;
  mentees: Int32Array;
  mentors: Int32Array;
}

/**
 * Builds the reconciliation problem of `partition` for `assignment` (global mentor per mentee,
 * -1 none), or says why there is none. `excluded[i]` = 1 keeps mentee i out (its part failed).
 * `depth` 1 releases the border mentors; 2 also the other candidate mentors of the released mentees.
 */
export function releaseBorders(
  problem: Problem,
  partition: Partition,
  assignment: Int32Array,
  excluded: Uint8Array,
  depth: number,
): Released | string {
  const border = partition.borderMentors;
  if (border.length === 0) return 'no border mentor';
  const nI = problem.nMentees;
  const { offsets, edgeMentor, edgeImposed } = problem;
  const inSet = new Uint8Array(problem.nMentors);
  for (const j of border) inSet[j] = 1;
  const released = new Uint8Array(nI);
  // Each level beyond the first adds every candidate mentor of the released mentees, so that
  // exchanges through a neighbour's free seat are found too.
  for (let level = 1; ; level++) {
    markReleased(problem, partition, assignment, excluded, inSet, released);
    if (level >= depth) break;
    for (let i = 0; i < nI; i++) if (released[i]) for (let e = offsets[i]; e < offsets[i + 1]; e++) inSet[edgeMentor[e]] = 1;
  }
  const mentors: number[] = [];
  const local = new Int32Array(problem.nMentors).fill(-1);
  for (let j = 0; j < problem.nMentors; j++) if (inSet[j]) local[j] = mentors.push(j) - 1;
  const mentees: number[] = [];
  let m = 0;
  for (let i = 0; i < nI; i++) {
    if (!released[i]) continue;
    mentees.push(i);
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (inSet[edgeMentor[e]]) m++;
  }
  const sub: Problem = {
    sense: problem.sense,
    nMentees: mentees.length,
    nMentors: mentors.length,
    capacity: problem.capacity instanceof Int32Array ? new Int32Array(mentors.length) : new Float64Array(mentors.length),
    offsets: new Int32Array(mentees.length + 1),
    edgeMentor: new Int32Array(m),
    edgeWeight: new Float64Array(m),
  };
  for (let b = 0; b < mentors.length; b++) sub.capacity[b] = problem.capacity[mentors[b]];
  if (problem.edgeLoad) sub.edgeLoad = new Float64Array(m);
  if (edgeImposed) sub.edgeImposed = new Uint8Array(m);
  if (problem.priority) sub.priority = Float64Array.from(mentees, (i) => problem.priority![i]);
  if (problem.slotPenalty) sub.slotPenalty = problem.slotPenalty.slice();
  const cost = problem.side?.edgeCost;
  const subCost = cost ? new Float64Array(m) : undefined;
  let f = 0;
  mentees.forEach((i, a) => {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const b = local[edgeMentor[e]];
      if (b < 0) continue;
      sub.edgeMentor[f] = b;
      sub.edgeWeight[f] = problem.edgeWeight[e];
      if (sub.edgeLoad) sub.edgeLoad[f] = problem.edgeLoad![e];
      if (sub.edgeImposed) sub.edgeImposed[f] = edgeImposed![e];
      if (subCost) subCost[f] = cost![e];
      f++;
    }
    sub.offsets[a + 1] = f;
  });
  if (problem.side) sub.side = remainingSide(problem, problem.side, assignment, released, mentees, mentors, subCost);
  return { sub, mentees: Int32Array.from(mentees), mentors: Int32Array.from(mentors) };
}

/**
 * The side rows of the released problem: groups and employers keep their global indices, each row
 * what the fixed pairs (mentees not released) leave of it.
 */
function remainingSide(
  problem: Problem,
  side: SideConstraints,
  assignment: Int32Array,
  released: Uint8Array,
  mentees: number[],
  mentors: number[],
  edgeCost: Float64Array | undefined,
): SideConstraints {
  const out: SideConstraints = {};
  if (edgeCost) out.edgeCost = edgeCost;
  const fixedPair = (i: number): boolean => !released[i] && assignment[i] >= 0;
  if (side.menteeGroup) {
    const group = side.menteeGroup;
    out.menteeGroup = Int32Array.from(mentees, (i) => group[i]);
    if (side.groupBudget) {
      const left = side.groupBudget.slice();
      for (let i = 0; i < problem.nMentees; i++) {
        if (!fixedPair(i) || group[i] < 0 || !side.edgeCost) continue;
        const e = edgeOf(problem, i, assignment[i]);
        if (e >= 0) left[group[i]] -= side.edgeCost[e];
      }
      out.groupBudget = left;
    }
    if (side.groupMinPriority) {
      const left = side.groupMinPriority.slice();
      for (let i = 0; i < problem.nMentees; i++) {
        if (fixedPair(i) && group[i] >= 0 && problem.priority && problem.priority[i] > 1) left[group[i]] = Math.max(0, left[group[i]] - 1);
      }
      out.groupMinPriority = left;
    }
  }
  if (side.mentorEmployer) {
    const employer = side.mentorEmployer;
    out.mentorEmployer = Int32Array.from(mentors, (j) => employer[j]);
    if (side.employerMax) {
      const left = side.employerMax.slice();
      for (let i = 0; i < problem.nMentees; i++) {
        const k = fixedPair(i) ? employer[assignment[i]] : -1;
        if (k >= 0) left[k]--;
      }
      out.employerMax = left;
    }
  }
  return out;
}

/** `assignment` with the released mentees moved as `subAssignment` (local mentor per released mentee) says. */
export function applyReleased(assignment: Int32Array, released: Released, subAssignment: Int32Array): Int32Array {
  const next = assignment.slice();
  released.mentees.forEach((i, a) => {
    const b = subAssignment[a];
    next[i] = b >= 0 ? released.mentors[b] : -1;
  });
  return next;
}

/**
 * Marks the mentees the pass may move: those with a candidate in the released mentor set that are
 * unmatched, matched inside the set, or hold an imposed pair with a mentor of the set.
 */
function markReleased(
  problem: Problem,
  partition: Partition,
  assignment: Int32Array,
  excluded: Uint8Array,
  inSet: Uint8Array,
  released: Uint8Array,
): void {
  const { offsets, edgeMentor, edgeImposed } = problem;
  for (let i = 0; i < problem.nMentees; i++) {
    if (excluded[i] || partition.menteePart[i] < 0) continue;
    const cur = assignment[i];
    let toSet = false;
    let imposed = false;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!inSet[edgeMentor[e]]) continue;
      toSet = true;
      if (edgeImposed && edgeImposed[e]) imposed = true;
    }
    if (toSet && (cur < 0 || inSet[cur] || imposed)) released[i] = 1;
  }
}
