/**
 * `runRound`: the whole round, I/O-free. A validated round → candidates → problem → solve (in
 * regional or exact batches through the parallel engine, or as one problem) → decoded outcome.
 * The caller reads the round and writes the outputs; nothing here touches the file system.
 */
import { createHash } from 'node:crypto';
import type { Round } from '../schema/round.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import type { Problem } from '../encode/problem.js';
import { buildCandidatesParallel } from '../candidates/parallel.js';
import { encodeProblem } from '../encode/encode.js';
import { getSolver } from '../solve/registry.js';
import { solve } from '../solve/solve.js';
import { SolverRefusal } from '../solve/types.js';
import { partitionProblem } from '../parallel/partition.js';
import { FAILURE_REASON_FR, solveBatches } from '../parallel/pool.js';
import { lossOf } from '../parallel/loss.js';
import type { PartitionMode } from '../parallel/types.js';
import type { ObjectiveParts } from '../solve/types.js';
import type { PartInfo, RoundOutcome, SolveInfo, SplitInfo } from '../report/outcome.js';
import { decodeOutcome, type RegionalLots } from './decode.js';
import { frSplitMode } from '../report/format.js';

/** How the round is split for solving. */
export const PAR_MODES = ['composantes', 'academie', 'region', 'aucun'] as const;
export type ParMode = (typeof PAR_MODES)[number];
/**
 * How a regional split treats its border mentors after the regions are solved: `aucune`, each stays
 * in the region of most of its candidates (every région académique runs its own round); `frontaliers`,
 * they are re-solved together with the mentees that can use them (depth 1); `etendue` (default),
 * also with those mentees' other candidate mentors (depth 2, exchanges through a neighbour's seat).
 */
export const RECONCILIATION_LEVELS = ['aucune', 'frontaliers', 'etendue'] as const;
export type ReconciliationLevel = (typeof RECONCILIATION_LEVELS)[number];

/** Options of `runRound`. */
export interface RunRoundOptions {
  communes: CommuneTable;
  diplomas: DiplomaTable;
  /** Round date, ISO (default: the round's own date). */
  date?: string;
  /** Registry name of the solver (default `flow`). */
  solver?: string;
  /**
   * `composantes` (default): exact split along the connected components of the candidate graph;
   * `academie` / `region`: by the schools' académie / région académique (border mentors
   * reconciled, may lose a little against one solve); `aucun`: one problem, solved directly.
   */
  par?: ParMode;
  /** Worker threads (default: cores). */
  workers?: number;
  /** Time limit of one batch, ms. */
  timeoutMs?: number;
  /** No progress bar. */
  quiet?: boolean;
  /** Seed of any tie-breaking or randomised choice; recorded in the outcome (default 1). */
  seed?: number;
  /** Zero every timing, for byte-identical outputs (tests, diffs between runs). */
  zeroTimings?: boolean;
  /**
   * `academie` / `region`: also solve the round as one problem, with the same solver, to report
   * what the split lost (`split.perte`; default true). It costs one more solve of the whole round.
   */
  measureLoss?: boolean;
  /** `academie` / `region`: the border reconciliation (default `etendue`; ignored by other splits). */
  reconciliation?: ReconciliationLevel;
  /** Called as each step starts (the CLI shows it on a terminal). */
  onPhase?: (phase: 'candidats' | 'resolution' | 'decodage') => void;
  /** Called with the Problem before it is solved (e.g. `--export-lp`). */
  onProblem?: (problem: Problem) => void | Promise<void>;
}

/**
 * No assignment satisfies the round's hard constraints together (imposed pairs that overload a
 * mentor, or whose travel costs exceed a school's budget). An input problem, not a bug: the
 * coordinator must change contraintes.csv or budget_eur.
 */
export class RoundInfeasible extends Error {
  constructor(readonly solver: string) {
    super(`no assignment satisfies the imposed pairs, capacities and budgets together (solver ${solver})`);
    this.name = 'RoundInfeasible';
  }
}

/** sha256 (hex) of a value's canonical JSON (keys sorted at every level). */
export function canonicalHash(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canon(value))).digest('hex');
}

/** Dense labels of a string per mentee (sorted, so labels do not depend on input order). */
function denseLabels(values: readonly string[]): { labels: Int32Array; names: string[] } {
  const names = [...new Set(values)].sort();
  const idx = new Map(names.map((n, k) => [n, k]));
  return { labels: Int32Array.from(values, (v) => idx.get(v)!), names };
}

/**
 * What a regional split lost against one solve of the whole round by the same solver (coverage and
 * net score; never priorities, which come from sensitive fields). French reasons when not measured;
 * `ms` is the reference solve's time, when one ran.
 */
function splitLoss(
  problem: Problem,
  value: ObjectiveParts,
  incomplete: boolean,
  wanted: boolean,
  solverName: string,
  seed: number,
  timeoutMs: number | undefined,
): { info: Pick<SplitInfo, 'perte' | 'nonMesuree'>; ms?: number } {
  if (!wanted) return { info: { nonMesuree: 'mesure non demandée (--sans-mesure-perte)' } };
  if (incomplete) return { info: { nonMesuree: 'tour incomplet : un lot a échoué' } };
  const t0 = performance.now();
  let reference;
  try {
    reference = solve(problem, { solver: solverName, seed, timeLimitMs: timeoutMs });
  } catch (e) {
    if (e instanceof SolverRefusal) return { info: { nonMesuree: `le solveur ${solverName} refuse le tour entier (${e.code})` }, ms: performance.now() - t0 };
    throw e;
  }
  const ms = performance.now() - t0;
  if (reference.status === 'infeasible') return { info: { nonMesuree: 'le tour entier est infaisable' }, ms };
  const l = lossOf(problem.sense, reference.objective, value);
  const perte = {
    statutReference: reference.status,
    appariesNational: l.national.covered,
    appariesDecoupage: l.split.covered,
    scoreNetNational: l.national.net,
    scoreNetDecoupage: l.split.net,
    mentoresPerdus: l.coverageLoss,
    scoreNetPerdu: l.weightLoss,
    partScorePerdue: l.weightLossRatio,
  };
  return { info: { perte }, ms };
}

/** Runs a whole round. Throws `SolverRefusal` when the solver cannot take the problem. */
export async function runRound(round: Round, options: RunRoundOptions): Promise<RoundOutcome> {
  const t0 = performance.now();
  const date = options.date ?? round.date;
  if (!date) throw new RangeError('runRound: the round has no date and none was given');
  const seed = options.seed ?? 1;
  const par = options.par ?? 'composantes';
  const solverName = options.solver ?? 'flow';
  const solver = getSolver(solverName);
  if (!solver) throw new SolverRefusal('unknown-solver', `unknown solver "${solverName}"`, { solver: solverName });
  const { communes, diplomas } = options;

  // The scan is shared over the same threads as the solve (serial below PARALLEL_MIN_MENTEES).
  options.onPhase?.('candidats');
  const cs = await buildCandidatesParallel(round, { communes, diplomas, date, policy: round.politique }, { workers: options.workers });
  const t1 = performance.now();
  options.onPhase?.('resolution');
  const { problem, menteeSchool } = encodeProblem(round, cs, round.politique);
  if (options.onProblem) await options.onProblem(problem);

  const failed = new Map<number, string>();
  const parts: PartInfo[] = [];
  let assignment: Int32Array;
  let solve_: SolveInfo;
  let split: SplitInfo | undefined;
  let lots: RegionalLots | undefined;
  // Time of the reference solve, when one ran (its own entry in the timings).
  let lossMs: number | undefined;
  if (par === 'aucun') {
    const r = solve(problem, { solver: solverName, seed, timeLimitMs: options.timeoutMs });
    if (r.status === 'infeasible') throw new RoundInfeasible(solverName);
    assignment = r.assignment;
    solve_ = {
      solver: solverName,
      status: r.status,
      optimal: r.optimal,
      certificat: r.optimal ? 'verifie' : solver.exact ? 'non_verifie' : 'absent',
    };
  } else {
    const mode: PartitionMode = par === 'composantes' ? 'components' : 'regions';
    const level: ReconciliationLevel = options.reconciliation ?? 'etendue';
    let names: string[] = [];
    let labels: Int32Array | null = null;
    if (mode === 'regions') {
      const schoolRegion = round.etablissements.map((s) => {
        const c = communes.index.get(s.code_commune) ?? -1;
        return c < 0 ? '' : par === 'academie' ? communes.academie[c] : communes.regionAcademique[c];
      });
      ({ labels, names } = denseLabels(Array.from(menteeSchool, (s) => (s >= 0 ? schoolRegion[s] : ''))));
    }
    const partition = partitionProblem(problem, labels, mode);
    // A batch too large for the solver is refused up front, not reported as a failed batch.
    const largest = partition.partEdges.reduce((a, b) => Math.max(a, b), 0);
    if (largest > solver.maxEdges) {
      throw new SolverRefusal('too-large', `${solverName} takes at most ${solver.maxEdges} edges, a batch has ${largest}`, {
        solver: solverName,
        limit: solver.maxEdges,
        edges: largest,
      });
    }
    const batch = await solveBatches(problem, partition, {
      solver: solverName,
      solveOptions: { seed },
      workers: options.workers,
      timeoutMs: options.timeoutMs,
      quiet: options.quiet,
      reconcile: level !== 'aucune',
      reconcileDepth: level === 'frontaliers' ? 1 : 2,
    });
    if (batch.parts.some((p) => p.status === 'infeasible')) throw new RoundInfeasible(solverName);
    assignment = batch.assignment;
    const labelOf = (k: number): string => (mode === 'regions' ? names[batch.parts[k].label] : `lot ${k + 1}`);
    for (const p of batch.parts) {
      parts.push({
        label: labelOf(p.part),
        status: p.status === 'failed' ? 'failed' : 'ok',
        mentores: p.mentees,
        raison: p.failure ? FAILURE_REASON_FR[p.failure.kind] : undefined,
      });
    }
    for (let t = 0; t < batch.failedMentees.length; t++) {
      const p = batch.parts[batch.failedMenteePart[t]];
      failed.set(batch.failedMentees[t], p.failure ? FAILURE_REASON_FR[p.failure.kind] : FAILURE_REASON_FR.error);
    }
    // Exact splits lose nothing: the round is optimal when every batch's certificate was checked.
    // A regional split is optimal per batch only (border mentors are re-solved, but not proved).
    const allOptimal = batch.parts.every((p) => p.status === 'optimal');
    const anyTimeout = batch.parts.some((p) => p.status === 'timeout');
    const optimal = !batch.incomplete && allOptimal && mode === 'components';
    solve_ = {
      solver: solverName,
      status: batch.incomplete ? 'incomplete' : optimal ? 'optimal' : anyTimeout ? 'timeout' : 'feasible',
      optimal,
      certificat: optimal ? 'verifie' : allOptimal && !batch.incomplete ? 'verifie_par_lot' : solver.exact ? 'non_verifie' : 'absent',
    };
    split = {
      mode: par,
      lots: partition.nParts,
      exact: mode === 'components',
      mentorsFrontaliers: batch.borderMentors,
      candidatsHorsRegion: batch.droppedEdges,
    };
    if (mode === 'regions') {
      const r = batch.reconcile;
      // At level `aucune`, a pass runs only for mentors imposed on mentees of several regions.
      if (r) split.reconciliation = { mentors: r.mentors, mentores: r.mentees, statut: r.skipped ? 'non_faite' : r.status, niveau: level };
      else if (level === 'aucune') split.reconciliation = { mentors: 0, mentores: 0, statut: 'non_demandee', niveau: level };
      lots = {
        menteeLot: partition.menteePart,
        mentorLot: partition.mentorPart,
        names: Array.from({ length: partition.nParts }, (_, k) => labelOf(k)),
        modeFr: frSplitMode(par),
        reconciled: level !== 'aucune',
      };
      const loss = splitLoss(problem, batch.value, batch.incomplete, options.measureLoss ?? true, solverName, seed, options.timeoutMs);
      Object.assign(split, loss.info);
      lossMs = loss.ms;
    }
  }
  const t2 = performance.now();
  options.onPhase?.('decodage');
  const decoded = decodeOutcome({
    round,
    communes,
    diplomas,
    candidates: cs,
    assignment,
    slotPenalty: problem.slotPenalty ?? new Float64Array(0),
    failed,
    budgetPerMentee: round.politique.frais.plafond_eur,
    lots,
  });
  const t3 = performance.now();
  const ms = (x: number): number => (options.zeroTimings ? 0 : x);
  return {
    date,
    seed,
    par,
    policyHash: canonicalHash(round.politique),
    inputs: round.files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })),
    plafondEurParMentore: round.politique.frais.plafond_eur,
    ...decoded,
    menteesTotal: round.mentores.length,
    mentorsTotal: round.mentors.length,
    solve: solve_,
    parts,
    ...(split ? { split } : {}),
    timingsMs: {
      candidats: ms(t1 - t0),
      resolution: ms(t2 - t1 - (lossMs ?? 0)),
      ...(lossMs !== undefined ? { mesure_perte: ms(lossMs) } : {}),
      decodage: ms(t3 - t2),
      total: ms(t3 - t0),
    },
  };
}
