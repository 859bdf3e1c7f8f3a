/**
 * The round's synthesis (`synthese.json`): counts, row accounting, solve status and per-académie /
 * school / filière statistics, computed from a `RoundOutcome` alone. Pure and deterministic:
 * groups are sorted by key and every float is rounded, so the same outcome gives the same JSON.
 * Keys are French (coordinators and their tools read them); the README documents each one.
 */
import type { PairOutcome, RoundOutcome, UnmatchedMentee } from './outcome.js';

/** Statistics of one group of mentees (an académie, a school or a filière). */
export interface GroupStats {
  cle: string;
  libelle: string;
  mentores: number;
  apparies: number;
  /** apparies / mentores, 0..1. */
  couverture: number;
  /** Mean pair score, points (0 when no pair). */
  score_moyen: number;
  /** Mean estimated road km of the pairs (0 when no pair). */
  km_moyen: number;
  /** Travel reimbursement of the pairs, € per school year. */
  cout_eur: number;
  /** Travel budget of the group's schools, € (sum over its schools). */
  budget_eur: number;
  /** cout_eur / budget_eur, 0..1+ (0 when no budget). */
  part_budget: number;
}

/** The content of synthese.json. */
export interface Synthese {
  format: 'mentormatch-synthese/1';
  date: string;
  solveur: string;
  graine: number;
  par: string;
  statut: string;
  optimal: boolean;
  certificat: string;
  /** comptes.apparies / comptes.mentores, 0..1. */
  couverture: number;
  objectif: { apparies: number; score_total: number; borne: number | null };
  politique_sha256: string;
  entrees: Array<{ fichier: string; sha256: string; lignes: number }>;
  comptes: {
    mentores: number;
    apparies: number;
    non_apparies: number;
    non_apparies_par_raison: Record<string, number>;
    mentors: number;
    mentors_ineligibles: number;
    mentors_ineligibles_par_raison: Record<string, number>;
    mentors_utilises: number;
    mentors_capacite_libre: number;
    places_libres: number;
    binomes_imposes: number;
    km_total: number;
    cout_total_eur: number;
    budget_total_eur: number;
  };
  /** Every input row accounted for: each line sums to its `lignes_lues`. */
  comptabilite: {
    mentores: { lignes_lues: number; apparies: number; non_apparies: number; rejetes: number };
    mentors: { lignes_lues: number; utilises: number; non_utilises: number; ineligibles: number; rejetes: number };
  };
  par_academie: GroupStats[];
  par_etablissement: GroupStats[];
  par_filiere: GroupStats[];
  regions: Array<{ region: string; statut: string; mentores: number; raison: string | null }>;
  /** How the solve was split (null with `--par aucun`) and, for a regional split, what it lost. */
  decoupage: {
    mode: string;
    lots: number;
    exact: boolean;
    mentors_frontaliers: number;
    candidats_hors_region: number;
    reconciliation: { mentors: number; mentores: number; statut: string; niveau: string } | null;
    /** Against one solve of the whole round by the same solver; null when not measured. */
    perte: {
      statut_reference: string;
      apparies_national: number;
      apparies_decoupage: number;
      mentores_perdus: number;
      score_net_national: number;
      score_net_decoupage: number;
      score_net_perdu: number;
      /** score_net_perdu / |score_net_national|, 0..1. */
      part_score_perdue: number;
    } | null;
    /** Why `perte` is null, when it is. */
    perte_non_mesuree: string | null;
  } | null;
  /** Wall-clock durations, ms; the only non-deterministic part (zeroed with MENTORMATCH_DETERMINISTE=1). */
  durees_ms: Record<string, number>;
}

/** The `decoupage` block. */
function splitSummary(o: RoundOutcome): Synthese['decoupage'] {
  const d = o.split;
  if (!d) return null;
  const l = d.perte;
  return {
    mode: d.mode,
    lots: d.lots,
    exact: d.exact,
    mentors_frontaliers: d.mentorsFrontaliers,
    candidats_hors_region: d.candidatsHorsRegion,
    reconciliation: d.reconciliation ? { ...d.reconciliation } : null,
    perte: l
      ? {
          statut_reference: l.statutReference,
          apparies_national: l.appariesNational,
          apparies_decoupage: l.appariesDecoupage,
          mentores_perdus: l.mentoresPerdus,
          score_net_national: round(l.scoreNetNational),
          score_net_decoupage: round(l.scoreNetDecoupage),
          score_net_perdu: round(l.scoreNetPerdu),
          part_score_perdue: round(l.partScorePerdue, 6),
        }
      : null,
    perte_non_mesuree: d.nonMesuree ?? null,
  };
}

/** Rounds to `d` decimals, never -0. */
export function round(x: number, d = 2): number {
  const s = 10 ** d;
  const r = Math.round(x * s) / s;
  return Object.is(r, -0) ? 0 : r;
}

/** Counts values by key, keys sorted. */
function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Acc {
  libelle: string;
  mentores: number;
  apparies: number;
  score: number;
  km: number;
  cout: number;
  budget: number;
}

function groupStats(
  pairs: readonly PairOutcome[],
  unmatched: readonly UnmatchedMentee[],
  key: (x: PairOutcome | UnmatchedMentee) => [string, string],
  budgets: Map<string, number>,
): GroupStats[] {
  const acc = new Map<string, Acc>();
  const get = (x: PairOutcome | UnmatchedMentee): Acc => {
    const [k, libelle] = key(x);
    let a = acc.get(k);
    if (!a) {
      a = { libelle, mentores: 0, apparies: 0, score: 0, km: 0, cout: 0, budget: budgets.get(k) ?? 0 };
      acc.set(k, a);
    }
    return a;
  };
  for (const p of pairs) {
    const a = get(p);
    a.mentores++;
    a.apparies++;
    a.score += p.score;
    a.km += p.km;
    a.cout += p.coutEur;
  }
  for (const u of unmatched) get(u).mentores++;
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cle, a]) => ({
      cle,
      libelle: a.libelle,
      mentores: a.mentores,
      apparies: a.apparies,
      couverture: round(a.mentores ? a.apparies / a.mentores : 0, 4),
      score_moyen: round(a.apparies ? a.score / a.apparies : 0),
      km_moyen: round(a.apparies ? a.km / a.apparies : 0),
      cout_eur: round(a.cout),
      budget_eur: round(a.budget),
      part_budget: round(a.budget > 0 ? a.cout / a.budget : 0, 4),
    }));
}

/** Computes synthese.json from the outcome of a round. */
export function summarize(o: RoundOutcome): Synthese {
  const schoolBudget = new Map<string, number>();
  const academieBudget = new Map<string, number>();
  for (const s of o.schools) {
    schoolBudget.set(s.uai, s.budgetEur);
    academieBudget.set(s.academie, (academieBudget.get(s.academie) ?? 0) + s.budgetEur);
  }
  const ineligible = o.mentorNotes.filter((m) => m.type === 'ineligible');
  const free = o.mentorNotes.filter((m) => m.type === 'capacite_libre');
  const used = new Set(o.pairs.map((p) => p.mentorId));
  let score = 0;
  let km = 0;
  let cout = 0;
  for (const p of o.pairs) {
    score += p.score;
    km += p.km;
    cout += p.coutEur;
  }
  const budgetTotal = o.schools.reduce((s, x) => s + x.budgetEur, 0);
  return {
    format: 'mentormatch-synthese/1',
    date: o.date,
    solveur: o.solve.solver,
    graine: o.seed,
    par: o.par,
    statut: o.solve.status,
    optimal: o.solve.optimal,
    certificat: o.solve.certificat,
    couverture: round(o.menteesTotal ? o.pairs.length / o.menteesTotal : 0, 4),
    objectif: {
      apparies: o.pairs.length,
      score_total: round(score),
      borne: o.solve.borne === undefined ? null : round(o.solve.borne),
    },
    politique_sha256: o.policyHash,
    entrees: o.inputs.map((f) => ({ fichier: f.name, sha256: f.sha256, lignes: f.rows })),
    comptes: {
      mentores: o.menteesTotal,
      apparies: o.pairs.length,
      non_apparies: o.unmatched.length,
      non_apparies_par_raison: countBy(o.unmatched, (u) => u.raisonCode),
      mentors: o.mentorsTotal,
      mentors_ineligibles: ineligible.length,
      mentors_ineligibles_par_raison: countBy(ineligible, (m) => m.raisonCode),
      mentors_utilises: used.size,
      mentors_capacite_libre: free.length,
      places_libres: free.reduce((s, m) => s + (m.capacite - m.utilise), 0),
      binomes_imposes: o.pairs.filter((p) => p.impose).length,
      km_total: round(km),
      cout_total_eur: round(cout),
      budget_total_eur: round(budgetTotal),
    },
    comptabilite: {
      mentores: {
        lignes_lues: o.menteesTotal,
        apparies: o.pairs.length,
        non_apparies: o.unmatched.length,
        // Invalid rows stop the round before anything is written, so no row is ever dropped here;
        // the accounting test checks that apparies + non_apparies equals the rows of the file.
        rejetes: 0,
      },
      mentors: {
        lignes_lues: o.mentorsTotal,
        utilises: used.size,
        non_utilises: o.mentorsTotal - used.size - ineligible.length,
        ineligibles: ineligible.length,
        rejetes: 0,
      },
    },
    par_academie: groupStats(o.pairs, o.unmatched, (x) => [x.academie, x.academie], academieBudget),
    par_etablissement: groupStats(o.pairs, o.unmatched, (x) => [x.uai, x.etablissement], schoolBudget),
    par_filiere: groupStats(o.pairs, o.unmatched, (x) => [x.filiere, x.filiere], new Map()),
    regions: o.parts.map((p) => ({ region: p.label, statut: p.status, mentores: p.mentores, raison: p.raison ?? null })),
    decoupage: splitSummary(o),
    durees_ms: Object.fromEntries(Object.entries(o.timingsMs).map(([k, v]) => [k, Math.round(v)])),
  };
}
