/**
 * Where readRound checks imposed pairs against the hard rules (eligible mentor, filière,
 * modality and radius, common slot, budget). Those rules belong to the candidates step, which
 * exports `checkImposedPairs(round, ctx)` from src/candidates/imposed.ts; this file is the one
 * place that wires it into ingestion, so src/io depends on the candidates step through one import.
 */
import type { Round } from '../schema/round.js';
import type { RoundIssue } from '../schema/issues.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import type { Policy } from '../schema/policy.js';
import { checkImposedPairs } from '../candidates/imposed.js';

/** What the hard-rule check needs besides the round (the candidates step's `CandidateContext`). */
export interface ImposedCheckContext {
  communes: CommuneTable;
  diplomas: DiplomaTable;
  /** Round date, ISO. */
  date: string;
  policy: Policy;
}

/** Issues (`imposed_pair_invalid`) of the imposed pairs of an otherwise valid round that break a hard rule. */
export function checkImposedPairsHook(round: Round, ctx: ImposedCheckContext): RoundIssue[] {
  return checkImposedPairs(round, ctx);
}
