/**
 * Assignment → ids and the details of each pair, for the outputs. Reads only ids and the
 * candidate set: no sensitive field.
 */
import type { Round } from '../schema/round.js';
import type { CandidateSet } from '../candidates/set.js';
import { EFFECTIVE_MODALITY_NAMES } from '../candidates/modality.js';
import { TRADE_LEVEL_NAMES } from '../score/trade.js';

/** One pair of an assignment, with why it was made. */
export interface DecodedPair {
  mentee: number;
  mentor: number;
  menteeId: string;
  mentorId: string;
  uai: string;
  /** Index of the edge in the candidate set. */
  edge: number;
  score: number;
  /** Score points of each criterion (they sum to `score`). */
  components: { metier: number; proximite: number; disponibilites: number };
  niveauMetier: (typeof TRADE_LEVEL_NAMES)[number] | 'aucun';
  modalite: (typeof EFFECTIVE_MODALITY_NAMES)[number];
  /** Road-estimated km, one way. */
  km: number;
  /** Yearly travel cost, €. */
  coutEur: number;
  creneauxCommuns: number;
  impose: boolean;
}

/** A decoded assignment: the pairs in mentee order, and the mentees left without a mentor. */
export interface DecodedAssignment {
  pairs: DecodedPair[];
  unmatched: number[];
}

/**
 * Maps an assignment (mentor index or -1 per mentee) back to ids and pair details. Throws if a
 * mentee is assigned a mentor that is not one of its candidates (a solver bug, not an input error).
 */
export function decodeAssignment(round: Round, candidates: CandidateSet, assignment: ArrayLike<number>): DecodedAssignment {
  const cs = candidates;
  const pairs: DecodedPair[] = [];
  const unmatched: number[] = [];
  for (let i = 0; i < cs.nMentees; i++) {
    const j = assignment[i];
    if (j === undefined || j < 0) {
      unmatched.push(i);
      continue;
    }
    let e = -1;
    for (let k = cs.offsets[i]; k < cs.offsets[i + 1]; k++) {
      if (cs.mentor[k] === j) {
        e = k;
        break;
      }
    }
    if (e < 0) throw new Error(`mentee ${i} is assigned mentor ${j}, which is not one of its candidates`);
    pairs.push({
      mentee: i,
      mentor: j,
      menteeId: round.mentores[i].id,
      mentorId: round.mentors[j].id,
      uai: round.mentores[i].uai,
      edge: e,
      score: cs.score[e],
      components: { metier: cs.trade[e], proximite: cs.proximity[e], disponibilites: cs.availability[e] },
      niveauMetier: TRADE_LEVEL_NAMES[cs.tradeLevel[e]] ?? 'aucun',
      modalite: EFFECTIVE_MODALITY_NAMES[cs.modality[e]],
      km: cs.km[e],
      coutEur: cs.cost[e],
      creneauxCommuns: cs.commonSlots[e],
      impose: cs.imposed[e] === 1,
    });
  }
  return { pairs, unmatched };
}
