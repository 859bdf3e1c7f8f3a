/**
 * The lexicographic objective in numbers. Each edge e = (i, j) is worth a pair
 * (primary, secondary) = (priority of i, ±weight of e): coverage first, weight second.
 * Pairs are compared lexicographically, so no "big M" ever mixes the two levels and float
 * rounding in the weights can never trade coverage for weight.
 *
 * The primary values are priorities rounded to multiples of 1/64 (the policy's 0.5 steps are
 * exact): sums of such numbers are exact in doubles, so the primary level is computed, compared
 * and checked exactly. Only the secondary (weight) level carries a float tolerance.
 */
import type { Problem } from '../encode/problem.js';

/** Priorities are rounded to multiples of 1/PRIORITY_QUANTUM in the primary objective. */
export const PRIORITY_QUANTUM = 64;

/** Primary value of covering mentee i (its priority, rounded to 1/64; 1 without priorities). */
export function primaryOf(p: Problem, i: number): number {
  if (!p.priority) return 1;
  return Math.round(p.priority[i] * PRIORITY_QUANTUM) / PRIORITY_QUANTUM;
}

/** Secondary value of edge e in maximisation form (weight for `max`, -cost for `min`). */
export function secondaryOf(p: Problem, e: number): number {
  return p.sense === 'max' ? p.edgeWeight[e] : -p.edgeWeight[e];
}

/** a ≥ b lexicographically, with tolerance `tol` on the secondary level. */
export function lexGe(aP: number, aS: number, bP: number, bS: number, tol = 0): boolean {
  return aP > bP || (aP === bP && aS >= bS - tol);
}

/** Largest absolute secondary value (weights and slot penalties): the scale of tolerances. */
export function secondaryScale(p: Problem): number {
  let s = 0;
  const w = p.edgeWeight;
  for (let e = 0; e < w.length; e++) s = Math.max(s, Math.abs(w[e]));
  if (p.slotPenalty) for (let k = 0; k < p.slotPenalty.length; k++) s = Math.max(s, Math.abs(p.slotPenalty[k]));
  return s;
}
