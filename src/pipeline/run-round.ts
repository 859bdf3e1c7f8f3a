/**
 * `runRound`: the whole round, I/O-free. A validated round → candidates → problem → solve (in
 * regional or exact batches through the parallel engine, or as one problem) → decoded outcome.
 * The caller reads the round and writes the outputs; nothing here touches the file system.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Round } from '../schema/round.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import { edgeCount, type Problem } from '../encode/problem.js';
import { buildCandidatesParallel } from '../candidates/parallel.js';
import { encodeProblem } from '../encode/encode.js';
import { getSolver } from '../solve/registry.js';
import { solve } from '../solve/solve.js';
import { SolverRefusal, type SolveOptions } from '../solve/types.js';
import { objectiveOf } from '../solve/objective.js';
import { solveAlongside } from '../parallel/alongside.js';
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
  /**
   * Where the loss measure's reference solve runs: `auto` (default) on a worker of its own,
   * alongside the regional solve, with two threads or more and from 200,000 candidate pairs (it then
   * takes one of the `workers`); `worker` always there; `in-thread` after the regional solve.
   * Same figures either way.
   */
  lossReference?: 'auto' | 'worker' | 'in-thread';
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
 * The reference solve of the whole round (what a regional split is measured against): its status
 * and assignment, or why there is none (the solver refused the whole round, or its worker failed),
 * and its own duration.
 */
type ReferenceRun = { ms: number } & ({ status: string; assignment: Int32Array } | { refusal: string } | { error: string });

/** The reference solve in the calling thread, after the regional solve. */
function referenceInThread(problem: Problem, options: SolveOptions): ReferenceRun {
  const t0 = performance.now();
  try {
    const r = solve(problem, options);
    return { status: r.status, assignment: r.assignment, ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof SolverRefusal) return { refusal: e.code, ms: performance.now() - t0 };
    throw e;
  }
}

/** The reference solve on its own worker, started before the regional solve and awaited after it. */
function referenceAlongside(problem: Problem, options: SolveOptions): { result: Promise<ReferenceRun>; stop: () => Promise<void> } {
  const run = solveAlongside(problem, options);
  const result = run.result.then((r): ReferenceRun => {
    if ('error' in r) return { error: r.error, ms: 0 };
    const ms = r.reply.seconds * 1000;
    return r.reply.refusal ? { refusal: r.reply.refusal.code, ms } : { status: r.reply.status, assignment: r.reply.assignment, ms };
  });
  // Not needed after all (the round failed or is incomplete): stop the worker and let it end.
  const stop = async (): Promise<void> => {
    run.cancel();
    await result;
  };
  return { result, stop };
}

/**
 * What a regional split lost against one solve of the whole round by the same solver (coverage and
 * net score; never priorities, which come from sensitive fields), or the French reason there is no
 * figure.
 */
function splitLoss(problem: Problem, value: ObjectiveParts, ref: ReferenceRun, solverName: string): Pick<SplitInfo, 'perte' | 'nonMesuree'> {
  if ('refusal' in ref) return { nonMesuree: `le solveur ${solverName} refuse le tour entier (${ref.refusal})` };
  if ('error' in ref) return { nonMesuree: 'la résolution du tour entier a échoué (erreur interne)' };
  if (ref.status === 'infeasible') return { nonMesuree: 'le tour entier est infaisable' };
  const l = lossOf(problem.sense, objectiveOf(problem, ref.assignment), value);
  return {
    perte: {
      statutReference: ref.status,
      appariesNational: l.national.covered,
      appariesDecoupage: l.split.covered,
      scoreNetNational: l.national.net,
      scoreNetDecoupage: l.split.net,
      mentoresPerdus: l.coverageLoss,
      scoreNetPerdu: l.weightLoss,
      partScorePerdue: l.weightLossRatio,
    },
  };
}

/** Below this many candidate pairs a worker's start costs more than the reference solve it would overlap. */
const ALONGSIDE_FROM_EDGES = 200_000;

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
  let lossInline = 0;
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
    // The loss measure's reference solve: on a worker of its own alongside the regional solve when
    // there are two threads or more (it then takes one of them), else after it in this thread.
    const wantLoss = mode === 'regions' && (options.measureLoss ?? true);
    const threads = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    const where = options.lossReference ?? 'auto';
    const alongside =
      wantLoss && (where === 'worker' || (where === 'auto' && threads >= 2 && edgeCount(problem) >= ALONGSIDE_FROM_EDGES));
    const referenceOptions: SolveOptions = { solver: solverName, seed, timeLimitMs: options.timeoutMs };
    const reference = alongside ? referenceAlongside(problem, referenceOptions) : undefined;
    let batch;
    try {
      batch = await solveBatches(problem, partition, {
        solver: solverName,
        solveOptions: { seed },
        workers: alongside ? Math.max(1, threads - 1) : options.workers,
        timeoutMs: options.timeoutMs,
        quiet: options.quiet,
        reconcile: level !== 'aucune',
        reconcileDepth: level === 'frontaliers' ? 1 : 2,
      });
    } catch (e) {
      await reference?.stop();
      throw e;
    }
    if (batch.parts.some((p) => p.status === 'infeasible')) {
      await reference?.stop();
      throw new RoundInfeasible(solverName);
    }
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
      if (!wantLoss) {
        split.nonMesuree = 'mesure non demandée (--sans-mesure-perte)';
      } else if (batch.incomplete) {
        await reference?.stop();
        split.nonMesuree = 'tour incomplet : un lot a échoué';
      } else {
        const ref = reference ? await reference.result : referenceInThread(problem, referenceOptions);
        Object.assign(split, splitLoss(problem, batch.value, ref, solverName));
        lossMs = ref.ms;
        // Alongside, the reference overlapped the regional solve: its time is its own, not taken out of `resolution`.
        if (!reference) lossInline = ref.ms;
      }
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
      resolution: ms(t2 - t1 - lossInline),
      ...(lossMs !== undefined ? { mesure_perte: ms(lossMs) } : {}),
      decodage: ms(t3 - t2),
      total: ms(t3 - t0),
    },
  };
}
