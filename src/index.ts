/**
 * mentormatch public API. Everything an integrator imports comes from here; nothing else.
 */
export * from './schema/records.js';
export type { RoundIssue, IssueCode } from './schema/issues.js';
export type { Round, RoundReadResult, InputFile } from './schema/round.js';
export type { CommuneTable } from './schema/geo.js';
export type { Diploma, DiplomaTable } from './schema/diplomas.js';
export { readRound, type ReadRoundOptions } from './io/round.js';
export { loadCommunes, loadDiplomas, normalizeCfd } from './io/reference.js';
export { parseDate } from './io/cells.js';
export { PolicySchema, defaultPolicy, type Policy } from './schema/policy.js';
export { type Problem, type SideConstraints, edgeCount } from './encode/problem.js';
export { mentorEligibility, INELIGIBILITY_LABELS, type Eligibility, type IneligibilityReason } from './candidates/eligibility.js';
export { buildCandidates } from './candidates/build.js';
export { buildCandidatesParallel, PARALLEL_MIN_MENTEES, type ParallelCandidateOptions } from './candidates/parallel.js';
export { buildCandidatesReference } from './candidates/reference.js';
export { checkImposedPairs } from './candidates/imposed.js';
export { prepareRound, type CandidateContext } from './candidates/prepare.js';
export { evaluatePair, newPairEval, RULES, RULE_LABELS, type Rule, type PairEval } from './candidates/pair.js';
export { EFFECTIVE_MODALITY_NAMES, EFF_PRESENTIEL, EFF_MIXTE, EFF_DISTANCIEL } from './candidates/modality.js';
export type { CandidateSet, NoCandidateDiagnostic, Relaxation, RelaxationKind, IneligibleMentor } from './candidates/set.js';
export { TRADE_LEVEL_NAMES, TRADE_VALUES } from './score/trade.js';
export { proximity } from './score/proximity.js';
export { availability, slotMask } from './score/availability.js';
export { slotPenalties } from './score/capacity.js';
export { travelCost, kilometricAllowance, KM_RATES, type FiscalBand } from './score/travel.js';
export { encodeProblem, type EncodedRound } from './encode/encode.js';
export { decodeAssignment, type DecodedAssignment, type DecodedPair } from './encode/decode.js';
export {
  generateRound,
  type GeneratedRound,
  type GeneratedPolicy,
  type GeneratorRefs,
  type GenerateOptions,
} from './generate/round.js';
export { PRESETS, PRESET_NAMES, type Preset, type PresetName } from './generate/presets.js';
export { createRng, type Rng } from './generate/rng.js';
export { writeRound } from './io/round-writer.js';
export { partitionProblem, type PartitionOptions } from './parallel/partition.js';
export { subProblem } from './parallel/sub-problem.js';
export { solveBatches, FAILURE_REASON_FR, type BatchOptions } from './parallel/pool.js';
export { measureLoss, lossOf } from './parallel/loss.js';
export { regionalLike, type RegionalLikeOptions, type RegionalProblem } from './parallel/random.js';
export type {
  Partition,
  PartitionMode,
  PartOutcome,
  BatchResult,
  SplitLoss,
  ReconcileReport,
  FailureKind,
  FailureInjection,
} from './parallel/types.js';
export { solveLp, lpSolver, LP_MAX_CELLS, LP_MAX_EDGES, type LpOptions, type LpOutcome } from './solve/lp.js';
export { buildLpModel, dualBound, type LpModel, type RowSense } from './solve/lp-model.js';
export { exportLp, exportRoundLp, writeLp, type ExportLpOptions } from './solve/lp-export.js';
export { solveLagrangian, lagrangianSolver, type LagrangianOptions, type LagrangianOutcome } from './solve/lagrangian.js';
export { runRound, canonicalHash, PAR_MODES, RECONCILIATION_LEVELS, type ParMode, type ReconciliationLevel, type RunRoundOptions } from './pipeline/run-round.js';
export { renderOutputs, OUTPUT_FILES } from './pipeline/render.js';
export type { RoundOutcome, PairOutcome, PairComponents, UnmatchedMentee, MentorNote, SchoolInfo, MentorPlace, SolveInfo, PartInfo } from './report/outcome.js';
export { summarize, type Synthese, type GroupStats } from './report/summary.js';
export { renderReport, recruitmentGaps } from './report/html.js';
export { explain, formatExplanation, type Explanation } from './report/explain.js';
export { writeOutputFolder, checkOutputTarget, OutputFolderError, type OutputFile } from './io/outputs.js';
export { readOutputTables, parseOutputCsv, type OutputTables, type OutputRow } from './io/output-read.js';
export { toCsv, neutraliseCell, unneutraliseCell, BOM } from './io/output-csv.js';
export { binomesCsv, nonAppariesCsv, BINOMES_COLUMNS, NON_APPARIES_COLUMNS } from './io/output-tables.js';
export { solve } from './solve/solve.js';
export { SOLVERS, solverNames, getSolver } from './solve/registry.js';
export {
  SolverRefusal,
  type Solver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
  type SolverOutput,
  type ObjectiveParts,
  type Certificate,
  type DualCertificate,
  type BoundCertificate,
  type RefusalCode,
} from './solve/types.js';
export { minCostFlow, flowSolver, type FlowSolution, type FlowOptions } from './solve/flow.js';
export type { PriceStart } from './solve/auction.js';
export { greedyAssignment, greedySolver } from './solve/greedy.js';
export { stableSolver, menteeProposing, mentorProposing, blockingPairs, preferenceRanks, type PreferenceRanks } from './solve/stable.js';
export { checkCertificate, type CertificateVerdict } from './solve/certificate.js';
export { objectiveOf, feasibilityErrors, mentorLoads } from './solve/objective.js';
export { sideViolations } from './solve/side-check.js';
export { PRIORITY_QUANTUM } from './solve/lexicographic.js';
export {
  ProblemJsonSchema,
  problemFromJson,
  problemToJson,
  resultToJson,
  type ProblemJson,
  type ProblemJsonIssue,
  type ProblemFromJsonResult,
  type ResultJson,
} from './solve/interchange.js';
export { nationalLike, smallRandom, mulberry32, type NationalLikeOptions, type SmallRandomOptions } from './solve/random.js';
