/**
 * The modality table: which meeting format a pair uses, from the mentee's wish, the mentor's
 * offer and whether an in-person pair is possible (school within the mentor's `rayon_km`, trip
 * under the cost ceiling). The FAQ prefers in-person meetings at school and allows distanciel
 * « en envisageant dans la mesure du possible des sessions en présentiel », hence:
 *
 * - in person is possible when neither side is `distanciel`; then the pair is `presentiel`,
 *   or `mixte` when either side asked for `mixte` and neither for `presentiel`;
 * - otherwise (one side is `distanciel`, or out of radius, or over the ceiling) the pair is
 *   `distanciel` when neither side is `presentiel`;
 * - otherwise it is not a candidate (rule `modalite`, `rayon` or `budget`).
 *
 * An in-person-possible pair is never downgraded to distanciel.
 */
import { MODALITES, type Modalite } from '../schema/vocabulary.js';

/** Effective modality codes of a pair (stored as Uint8). */
export const EFF_PRESENTIEL = 0;
export const EFF_MIXTE = 1;
export const EFF_DISTANCIEL = 2;
/** Names of the effective modalities, indexed by code. */
export const EFFECTIVE_MODALITY_NAMES = ['presentiel', 'mixte', 'distanciel'] as const;

/** Wish/offer codes: index in MODALITES (`presentiel`, `distanciel`, `mixte`, `indifferent`). */
export function modalityCode(m: Modalite): number {
  return MODALITES.indexOf(m);
}

const W_PRESENTIEL = 0;
const W_DISTANCIEL = 1;
const W_MIXTE = 2;

/** Whether a wish/offer accepts in-person meetings. */
export function acceptsInPerson(code: number): boolean {
  return code !== W_DISTANCIEL;
}

/** Whether a wish/offer accepts remote meetings. */
export function acceptsRemote(code: number): boolean {
  return code !== W_PRESENTIEL;
}

/** Effective modality of an in-person pair (both sides accept it): presentiel or mixte. */
export function inPersonModality(menteeCode: number, mentorCode: number): number {
  if (menteeCode === W_PRESENTIEL || mentorCode === W_PRESENTIEL) return EFF_PRESENTIEL;
  if (menteeCode === W_MIXTE || mentorCode === W_MIXTE) return EFF_MIXTE;
  return EFF_PRESENTIEL;
}
