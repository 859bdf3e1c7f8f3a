/**
 * Imposed pairs that break a hard rule are validation errors, not silent drops: the coordinator
 * imposed something the programme forbids (an ineligible mentor, a conflict of interest …).
 * Ingestion (src/io) calls this after the records are valid and reports the issues it returns.
 */
import type { Round } from '../schema/round.js';
import type { RoundIssue } from '../schema/issues.js';
import { INELIGIBILITY_LABELS } from './eligibility.js';
import { RULES, RULE_ELIGIBILITE, RULE_LABELS, evaluatePair, newPairEval } from './pair.js';
import { prepareRound, type CandidateContext } from './prepare.js';

/** One issue per imposed pair that breaks a hard rule (`imposed_pair_invalid`), in file order. */
export function checkImposedPairs(round: Round, ctx: CandidateContext): RoundIssue[] {
  const imposed = round.contraintes.map((c, row) => ({ c, row })).filter(({ c }) => c.type === 'impose');
  if (imposed.length === 0) return [];
  // Only the records the imposed pairs name are prepared (every rule reads the pair's own mentee,
  // mentor and school, and the constraints by id): a national round has 150,000 mentees and a few
  // hundred imposed pairs, and preparing it all twice (here, then for the candidates) cost 0.35 s.
  // Indices are those of each id's first row, as everywhere else.
  const menteeIndex = new Map<string, number>();
  const mentorIndex = new Map<string, number>();
  for (const { c } of imposed) {
    menteeIndex.set(c.mentore_id, -1);
    mentorIndex.set(c.mentor_id, -1);
  }
  const mentores = [];
  for (const e of round.mentores) {
    if (menteeIndex.get(e.id) !== -1) continue;
    menteeIndex.set(e.id, mentores.length);
    mentores.push(e);
  }
  const mentors = [];
  for (const r of round.mentors) {
    if (mentorIndex.get(r.id) !== -1) continue;
    mentorIndex.set(r.id, mentors.length);
    mentors.push(r);
  }
  const p = prepareRound({ ...round, mentores, mentors }, ctx);
  const ev = newPairEval();
  const issues: RoundIssue[] = [];
  for (const { c, row } of imposed) {
    const i = menteeIndex.get(c.mentore_id)!;
    const j = mentorIndex.get(c.mentor_id)!;
    if (i < 0 || j < 0) continue; // unknown ids are reported by ingestion
    if (evaluatePair(p, i, j, ev)) continue;
    const broken: string[] = [];
    for (let r = 0; r < RULES.length; r++) {
      if (!(ev.failures & (1 << r))) continue;
      // `interdit` cannot coexist with `impose` without a contradiction issue of its own.
      let label = RULE_LABELS[RULES[r]];
      if (r === RULE_ELIGIBILITE) label = `mentor non éligible : ${INELIGIBILITY_LABELS[p.mentorIneligibility[j]!]}`;
      broken.push(label);
    }
    // Row numbers: header is row 1 and contraintes has no rowOf entry, so data row k is k + 2.
    issues.push({
      code: 'imposed_pair_invalid',
      file: 'contraintes.csv',
      row: row + 2,
      expected: 'un binôme qui respecte les règles du programme',
      message: `contraintes.csv, ligne ${row + 2} : le binôme imposé ${c.mentore_id} – ${c.mentor_id} enfreint une règle : ${broken.join(' ; ')}. Retirez l'imposition ou corrigez les données.`,
    });
  }
  return issues;
}
