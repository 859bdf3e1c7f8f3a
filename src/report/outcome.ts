/**
 * The outcome of a round, as data: what `runRound` returns and what every output (the CSV files,
 * synthese.json, the HTML report, `explain`) is rendered from. Ids and French sentences only;
 * it never holds a sensitive mentee field (qpv, ase, handicap), so nothing rendered from it can
 * leak one, not even as an aggregate.
 */
import type { Filiere } from '../schema/records.js';

/** Score components of a pair, in score points (the policy's weights already applied). */
export interface PairComponents {
  metier: number;
  proximite: number;
  disponibilites: number;
  /** Marginal capacity penalty of this pair (a mentor's 2nd, 3rd … mentee), points, >= 0. */
  penaliteCapacite: number;
}

/** One mentee–mentor pair (a « binôme »). */
export interface PairOutcome {
  menteeId: string;
  mentorId: string;
  uai: string;
  etablissement: string;
  academie: string;
  filiere: Filiere;
  /** Pair score: metier + proximite + disponibilites − penaliteCapacite. */
  score: number;
  components: PairComponents;
  /** Trade proximity level: `meme_diplome`, `meme_famille`, `meme_filiere` or `transverse`. */
  niveauMetier: string;
  /** Weekly availability slots the two share. */
  creneauxCommuns: number;
  /** Estimated road km between the mentor's commune and the school (great-circle × detour factor). */
  km: number;
  /** Modality of the meetings of this pair (`presentiel`, `distanciel`, `mixte`). */
  modalite: string;
  /** Travel reimbursement of the school year, € (0 for distanciel). */
  coutEur: number;
  /** The pair was imposed by contraintes.csv. */
  impose: boolean;
}

/** A mentee left without a mentor, with why and what would help. */
export interface UnmatchedMentee {
  id: string;
  uai: string;
  etablissement: string;
  academie: string;
  filiere: Filiere;
  /** Machine-readable reason (`sans_candidat_<règle>`, `candidats_pris`, `lot_en_echec`). */
  raisonCode: string;
  /** French sentence for the coordinator. */
  raison: string;
  /** The nearest relaxation that would give a candidate, in French ('' when none is known). */
  relaxation: string;
  /** Candidates this mentee had (0 when none survived the hard rules). */
  candidats: number;
}

/** A mentor row of non_apparies.csv: ineligible (with why) or left with free capacity. */
export interface MentorNote {
  id: string;
  type: 'ineligible' | 'capacite_libre';
  raisonCode: string;
  raison: string;
  filiere: Filiere;
  academie: string;
  capacite: number;
  /** Mentees paired with this mentor. */
  utilise: number;
}

/** A school of the round, with its position for the map. */
export interface SchoolInfo {
  uai: string;
  nom: string;
  codeCommune: string;
  commune: string;
  academie: string;
  regionAcademique: string;
  /** Centroid of the school's commune, degrees. */
  lat: number;
  lon: number;
  /** Travel budget of the round, € (the file's `budget_eur`, or the default per mentee). */
  budgetEur: number;
  /** Mentees of the school. */
  mentees: number;
}

/** Mentors of one commune, aggregated for the map (no individual mentor is placed). */
export interface MentorPlace {
  codeCommune: string;
  lat: number;
  lon: number;
  /** Eligible mentors living there, and how many of them got at least one mentee. */
  eligibles: number;
  utilises: number;
}

/** How the solve went, on the solver's word only where the checker agreed. */
export interface SolveInfo {
  solver: string;
  /** `optimal | feasible | infeasible | timeout`, or `incomplete` when a region failed. */
  status: string;
  /** True only when the certificate checker accepted the solver's proof. */
  optimal: boolean;
  /** Certificate status in words: `verifie`, `refuse: …`, `absent` (heuristic solvers). */
  certificat: string;
  /** Upper bound on the total score, when the solver proved one. */
  borne?: number;
}

/** One regional batch of a parallel run. */
export interface PartInfo {
  label: string;
  status: 'ok' | 'failed';
  mentores: number;
  raison?: string;
}

/**
 * How the round was split for solving, and what a regional split cost. The loss is measured against
 * one solve of the whole round by the same solver (coverage and net score only: priorities come from
 * sensitive fields and are never reported).
 */
export interface SplitInfo {
  /** `composantes`, `academie` or `region` (`aucun` has no split). */
  mode: string;
  lots: number;
  /** True when the split cannot lose anything (connected components). */
  exact: boolean;
  /** Regional split: mentors with candidates in several regions, and their edges left out of the regional problems. */
  mentorsFrontaliers: number;
  candidatsHorsRegion: number;
  /**
   * The border reconciliation pass (regional split): what it re-solved, its status (`non_faite`
   * when there was nothing to re-solve or it was not better, `non_demandee` at level `aucune`) and
   * its level (`aucune`, `frontaliers`, `etendue`: see `RECONCILIATION_LEVELS`).
   */
  reconciliation?: { mentors: number; mentores: number; statut: string; niveau: string };
  /** Loss against one solve of the whole round; absent with `nonMesuree`. */
  perte?: SplitLossInfo;
  /** Why the loss was not measured (asked not to, an incomplete round, the reference refused). */
  nonMesuree?: string;
}

/** A regional split against one solve of the whole round. */
export interface SplitLossInfo {
  /** Status of the reference solve (`optimal` with an exact solver). */
  statutReference: string;
  appariesNational: number;
  appariesDecoupage: number;
  scoreNetNational: number;
  scoreNetDecoupage: number;
  /** Reference minus split (≥ 0 against an exact reference). */
  mentoresPerdus: number;
  scoreNetPerdu: number;
  /** scoreNetPerdu / |scoreNetNational|. */
  partScorePerdue: number;
}

/** Rows read per input file, for the accounting check. */
export interface InputInfo {
  name: string;
  sha256: string;
  rows: number;
}

/** Everything a round produced. */
export interface RoundOutcome {
  /** Round date (eligibility of honorability checks), ISO. */
  date: string;
  seed: number;
  /** Regional split used (`aucun` when solved as one problem). */
  par: string;
  /** sha256 of the canonical JSON of the effective policy. */
  policyHash: string;
  inputs: InputInfo[];
  /** Budget per mentee used when a school has no `budget_eur`, €. */
  plafondEurParMentore: number;
  pairs: PairOutcome[];
  unmatched: UnmatchedMentee[];
  mentorNotes: MentorNote[];
  schools: SchoolInfo[];
  mentorPlaces: MentorPlace[];
  /** Mentee rows read (mentores.csv) and mentor rows read (mentors.csv). */
  menteesTotal: number;
  mentorsTotal: number;
  /** Mentor capacity (mentees) of eligible mentors. */
  capaciteEligible: number;
  solve: SolveInfo;
  parts: PartInfo[];
  /** The split (absent with `par: aucun`). */
  split?: SplitInfo;
  /** Wall-clock durations, ms, by step; zeroed in deterministic mode. */
  timingsMs: Record<string, number>;
}
