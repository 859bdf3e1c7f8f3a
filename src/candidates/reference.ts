/**
 * Brute-force candidate generation: every (mentee, mentor) pair through `evaluatePair`, O(n·m).
 * The definition the indexed generator is tested against; usable on small rounds only.
 */
import type { Round } from '../schema/round.js';
import { diagnoseMentees } from './diagnostics.js';
import { evaluatePair, newPairEval } from './pair.js';
import { prepareRound, sortedHas, type CandidateContext } from './prepare.js';
import { RowBuffer } from './row.js';
import { CandidateWriter, type CandidateSet, type IneligibleMentor } from './set.js';
import { TopK } from './topk.js';

/** Same result as `buildCandidates`, by exhaustive enumeration. */
export function buildCandidatesReference(round: Round, ctx: CandidateContext): CandidateSet {
  const p = prepareRound(round, ctx);
  const K = p.params.k;
  const writer = new CandidateWriter(p.nMentees, p.nMentors, (i) => Math.min(K, p.nMentors) + (p.imposed.get(i)?.length ?? 0));
  const row = new RowBuffer(K + 4);
  const heap = new TopK(K);
  const ev = newPairEval();
  for (let i = 0; i < p.nMentees; i++) {
    heap.reset();
    for (let j = 0; j < p.nMentors; j++) if (evaluatePair(p, i, j, ev)) heap.offer(ev.score, j, 0);
    heap.sortBestFirst();
    const imposed = p.imposed.get(i);
    for (let k = 0; k < heap.size; k++) {
      const j = heap.mentor[k];
      evaluatePair(p, i, j, ev);
      row.addEval(j, ev, sortedHas(imposed, j) ? 1 : 0);
    }
    if (imposed) {
      for (let k = 0; k < imposed.length; k++) {
        if (row.has(imposed[k]) >= 0) continue;
        evaluatePair(p, i, imposed[k], ev);
        row.addEval(imposed[k], ev, 1);
      }
    }
    row.flush(writer, i);
  }
  const ineligible: IneligibleMentor[] = [];
  for (let j = 0; j < p.nMentors; j++) {
    const reason = p.mentorIneligibility[j];
    if (reason) ineligible.push({ mentor: j, id: round.mentors[j].id, reason });
  }
  const set = writer.finish([], ineligible);
  set.diagnostics = diagnoseMentees(p, set, ctx);
  return set;
}
