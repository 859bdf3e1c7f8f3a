/**
 * Objective parts and feasibility of an assignment, computed from the Problem alone. Every
 * solver's result goes through here, so results are comparable whatever produced them.
 */
import type { Problem } from '../encode/problem.js';
import type { ObjectiveParts } from './types.js';

/**
 * Edge index of the pair (mentee i, mentor j), or -1 when it is not a candidate pair. With
 * duplicate pairs the best one (highest weight for `max`, lowest for `min`) is returned.
 */
export function edgeOf(p: Problem, i: number, j: number): number {
  let best = -1;
  for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
    if (p.edgeMentor[e] !== j) continue;
    if (best < 0) best = e;
    else if (p.sense === 'max' ? p.edgeWeight[e] > p.edgeWeight[best] : p.edgeWeight[e] < p.edgeWeight[best]) best = e;
  }
  return best;
}

/** Number of mentees assigned to each mentor. */
export function mentorLoads(p: Problem, assignment: Int32Array): Int32Array {
  const load = new Int32Array(p.nMentors);
  for (let i = 0; i < p.nMentees; i++) if (assignment[i] >= 0) load[assignment[i]]++;
  return load;
}

/** Total slot penalty of a mentor with `m` mentees. */
export function slotPenaltySum(p: Problem, m: number): number {
  const sp = p.slotPenalty;
  if (!sp || sp.length === 0) return 0;
  let s = 0;
  // Beyond the listed slots the last penalty repeats (documented in the README).
  for (let k = 0; k < m; k++) s += sp[Math.min(k, sp.length - 1)];
  return s;
}

/** Penalty of a mentor's k-th mentee (k = 0 first). */
export function slotPenaltyAt(p: Problem, k: number): number {
  const sp = p.slotPenalty;
  if (!sp || sp.length === 0) return 0;
  return sp[Math.min(k, sp.length - 1)];
}

/** Objective parts of an assignment (assumed feasible; see `feasibilityErrors`). */
export function objectiveOf(p: Problem, assignment: Int32Array): ObjectiveParts {
  let covered = 0;
  let priorityCovered = 0;
  let weight = 0;
  for (let i = 0; i < p.nMentees; i++) {
    const j = assignment[i];
    if (j < 0) continue;
    covered++;
    priorityCovered += p.priority ? p.priority[i] : 1;
    const e = edgeOf(p, i, j);
    if (e >= 0) weight += p.edgeWeight[e];
  }
  let penalty = 0;
  if (p.slotPenalty && p.slotPenalty.length > 0) {
    const load = mentorLoads(p, assignment);
    for (let j = 0; j < p.nMentors; j++) penalty += slotPenaltySum(p, load[j]);
  }
  const net = p.sense === 'max' ? weight - penalty : weight + penalty;
  return { covered, priorityCovered, weight, penalty, net };
}

/**
 * Why an assignment is not feasible (English, for developers and tests), empty when it is:
 * length, mentor indices in range, only candidate pairs, capacities (in mentees, or in load units
 * when the problem has loads), imposed pairs present.
 */
export function feasibilityErrors(p: Problem, assignment: Int32Array, max = 10): string[] {
  const errs: string[] = [];
  if (assignment.length !== p.nMentees) return [`assignment has ${assignment.length} entries, expected ${p.nMentees}`];
  const used = new Float64Array(p.nMentors);
  for (let i = 0; i < p.nMentees && errs.length < max; i++) {
    const j = assignment[i];
    if (j < -1 || j >= p.nMentors) {
      errs.push(`mentee ${i}: mentor ${j} out of range`);
      continue;
    }
    if (j >= 0) {
      const e = edgeOf(p, i, j);
      if (e < 0) {
        errs.push(`mentee ${i}: (${i}, ${j}) is not a candidate pair`);
        continue;
      }
      used[j] += p.edgeLoad ? p.edgeLoad[e] : 1;
    }
    if (p.edgeImposed) {
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
        if (p.edgeImposed[e] && p.edgeMentor[e] !== j) errs.push(`mentee ${i}: imposed pair with mentor ${p.edgeMentor[e]} missing`);
      }
    }
  }
  for (let j = 0; j < p.nMentors && errs.length < max; j++) {
    if (used[j] > p.capacity[j] + 1e-9) errs.push(`mentor ${j}: load ${used[j]} over capacity ${p.capacity[j]}`);
  }
  return errs;
}
