/**
 * Candidates → the solver `Problem` (sense `max`, weights = scores). The candidate set is CSR by
 * mentee with dense mentor indices already, so edge arrays are shared, not copied. This is the
 * only place the sensitive flags become numbers: one priority weight per mentee, which does not
 * tell which flag raised it.
 */
import type { Round } from '../schema/round.js';
import type { Policy } from '../schema/policy.js';
import type { Problem, SideConstraints } from './problem.js';
import type { CandidateSet } from '../candidates/set.js';
import { slotPenalties } from '../score/capacity.js';
import { menteePriority } from '../score/priority.js';
import { normaliseEmployer } from '../candidates/prepare.js';

/** The encoded round: the Problem and the school (group) index of each mentee. */
export interface EncodedRound {
  problem: Problem;
  /** School index (in `round.etablissements`) of each mentee, -1 when unknown. */
  menteeSchool: Int32Array;
}

/**
 * Builds the Problem: capacities, CSR edges weighted by score, priorities (1 + policy.priorite per
 * sensitive flag), the marginal capacity penalties as `slotPenalty`, imposed edges, and the
 * per-school budget side constraint (`budget_eur`, default `plafond_eur` × the school's mentees,
 * i.e. the FAQ's forfait of 500 € per student) with each edge's travel cost.
 */
export function encodeProblem(round: Round, candidates: CandidateSet, policy: Policy): EncodedRound {
  const schoolIdx = new Map<string, number>();
  round.etablissements.forEach((s, k) => schoolIdx.has(s.uai) || schoolIdx.set(s.uai, k));
  const menteeSchool = Int32Array.from(round.mentores, (m) => schoolIdx.get(m.uai) ?? -1);
  const capacity = Int32Array.from(round.mentors, (m) => m.capacite);
  let maxCap = 0;
  for (let j = 0; j < capacity.length; j++) maxCap = Math.max(maxCap, capacity[j]);
  const priority = Float64Array.from(round.mentores, (m) => menteePriority(m, policy));
  const mentees = new Int32Array(round.etablissements.length);
  for (let i = 0; i < menteeSchool.length; i++) if (menteeSchool[i] >= 0) mentees[menteeSchool[i]]++;
  const groupBudget = Float64Array.from(round.etablissements, (s, k) => s.budget_eur ?? policy.frais.plafond_eur * mentees[k]);
  const problem: Problem = {
    sense: 'max',
    nMentees: candidates.nMentees,
    nMentors: candidates.nMentors,
    capacity,
    offsets: candidates.offsets,
    edgeMentor: candidates.mentor,
    edgeWeight: candidates.score,
    priority,
    slotPenalty: slotPenalties(policy, maxCap),
    edgeImposed: candidates.imposed,
    side: { menteeGroup: menteeSchool, edgeCost: candidates.cost, groupBudget, ...quotaRows(round, candidates, policy, menteeSchool, priority) },
  };
  return { problem, menteeSchool };
}

/**
 * The policy's `quotas` as side rows: per school, ⌊share × its priority mentees with a candidate⌋
 * (a mentee without any candidate cannot count, and would make the row infeasible); per employer
 * (`employeur`, compared as for conflicts of interest), the cap on its mentors' mentees.
 */
function quotaRows(
  round: Round,
  candidates: CandidateSet,
  policy: Policy,
  menteeSchool: Int32Array,
  priority: Float64Array,
): Pick<SideConstraints, 'groupMinPriority' | 'mentorEmployer' | 'employerMax'> {
  const out: Pick<SideConstraints, 'groupMinPriority' | 'mentorEmployer' | 'employerMax'> = {};
  const share = policy.quotas.part_min_prioritaires;
  if (share !== undefined && share > 0) {
    const eligible = new Int32Array(round.etablissements.length);
    for (let i = 0; i < menteeSchool.length; i++) {
      if (menteeSchool[i] >= 0 && priority[i] > 1 && candidates.offsets[i + 1] > candidates.offsets[i]) eligible[menteeSchool[i]]++;
    }
    out.groupMinPriority = Int32Array.from(eligible, (n) => Math.floor(share * n + 1e-9));
  }
  const cap = policy.quotas.max_par_employeur;
  if (cap !== undefined) {
    const index = new Map<string, number>();
    out.mentorEmployer = Int32Array.from(round.mentors, (m) => {
      const key = m.employeur ? normaliseEmployer(m.employeur) : '';
      if (!key) return -1;
      if (!index.has(key)) index.set(key, index.size);
      return index.get(key)!;
    });
    out.employerMax = new Int32Array(index.size).fill(cap);
  }
  return out;
}
