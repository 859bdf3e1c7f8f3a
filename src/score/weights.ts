/**
 * Weights of the score criteria, resolved once from the policy. A pair's score is
 * `(metier·trade + proximite·proximity) + disponibilites·availability`, each criterion in [0, 1],
 * so the defaults (60 / 25 / 15) give a score out of 100. The sum is always formed in that order
 * by `combineScore`, so the indexed generator and the brute-force reference agree to the bit.
 */
import type { Policy } from '../schema/policy.js';

/** Weights in score points of each criterion (the policy's `poids`). */
export interface Weights {
  trade: number;
  proximity: number;
  availability: number;
}

/** The weights of a policy. */
export function weightsOf(policy: Policy): Weights {
  return {
    trade: policy.poids.metier,
    proximity: policy.poids.proximite,
    availability: policy.poids.disponibilites,
  };
}

/**
 * The part of a pair's score that does not depend on the mentee's availability: trade points +
 * proximity points. Kept separate so the candidate scan can bound a pair's score before it
 * reads the availability masks.
 */
export function partialScore(tradePoints: number, proximityPoints: number): number {
  return tradePoints + proximityPoints;
}

/** Full score from the partial score and the availability points (same order everywhere). */
export function combineScore(partial: number, availabilityPoints: number): number {
  return partial + availabilityPoints;
}
