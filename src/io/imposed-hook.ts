/**
 * Where readRound checks imposed pairs against the hard rules (eligible mentor, filière,
 * modality and radius, common slot). Those rules belong to the candidates step, which exports
 * `checkImposedPairs(round, ctx)` from src/candidates/imposed.ts; this file is the one place
 * that wires it into ingestion, so src/io depends on it through a single import.
 */
import type { Round } from '../schema/round.js';
import type { RoundIssue } from '../schema/issues.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import type { Policy } from '../schema/policy.js';

/** What the hard-rule check needs besides the round (the candidates step's `CandidateContext`). */
export interface ImposedCheckContext {
  communes: CommuneTable;
  diplomas: DiplomaTable;
  /** Round date, ISO. */
  date: string;
  policy: Policy;
}

/**
 * Issues of imposed pairs that break a hard rule. Until src/candidates/imposed.ts lands, only
 * the structural checks of contraintes.csv run (in cross-checks.ts) and this returns no issue.
 */
export function checkImposedPairsHook(round: Round, ctx: ImposedCheckContext): RoundIssue[] {
  void round;
  void ctx;
  return [];
}
