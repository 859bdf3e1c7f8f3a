/**
 * Decodes a solved round back to ids and French sentences: the `RoundOutcome` (every pair with
 * its components, every unmatched mentee with a reason and the nearest relaxation, every
 * ineligible mentor, every mentor left with free places, schools and mentors for the map).
 * Pure. Sensitive mentee fields are never read here.
 */
import { normaliseEmployer } from '../candidates/prepare.js';
import type { Round } from '../schema/round.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import { FILIERES, type Filiere, type Mentor } from '../schema/records.js';
import type { CandidateSet, NoCandidateDiagnostic } from '../candidates/set.js';
import { RULE_LABELS } from '../candidates/pair.js';
import { INELIGIBILITY_LABELS } from '../candidates/eligibility.js';
import { decodeAssignment, type DecodedPair } from '../encode/decode.js';
import type { MentorNote, MentorPlace, PairOutcome, SchoolInfo, UnmatchedMentee } from '../report/outcome.js';

/** What decoding needs besides the round and its candidates. */
export interface DecodeInput {
  round: Round;
  communes: CommuneTable;
  diplomas: DiplomaTable;
  candidates: CandidateSet;
  /** Mentor index of each mentee, -1 for none. */
  assignment: Int32Array;
  /** Marginal penalty of a mentor's k-th mentee, points (the Problem's slotPenalty). */
  slotPenalty: Float64Array;
  /** Mentees whose regional batch failed, with the French reason (they were not solved). */
  failed: Map<number, string>;
  /** Default budget of a school without `budget_eur`, € per mentee. */
  budgetPerMentee: number;
  /**
   * A regional split (`--par academie|region`): the lot of each mentee and the lot owning each
   * mentor (−1 none), the lots' names, and whether a reconciliation ran; an unmatched mentee whose
   * free candidate belongs to another lot is then told so.
   */
  lots?: RegionalLots;
}

/** The regional lots of a split, for the reasons of unmatched mentees. */
export interface RegionalLots {
  menteeLot: Int32Array;
  mentorLot: Int32Array;
  names: readonly string[];
  /** `par académie` or `par région académique`. */
  modeFr: string;
  reconciled: boolean;
}

/** The decoded parts of a `RoundOutcome`. */
export interface Decoded {
  pairs: PairOutcome[];
  unmatched: UnmatchedMentee[];
  mentorNotes: MentorNote[];
  schools: SchoolInfo[];
  mentorPlaces: MentorPlace[];
  capaciteEligible: number;
}

const FILIERE_FR: Record<Filiere, string> = { numerique: 'numérique', mobilite: 'mobilité', energie: 'énergie' };

/** Filière of a mentee's `diplome` (a CFD code, or a filière name). */
export function filiereOf(diplome: string, diplomas: DiplomaTable): Filiere {
  const d = diplomas.byCfd.get(diplome.replace(/\s+/g, '').toUpperCase());
  if (d) return d.filiere;
  const f = diplome.trim().toLowerCase();
  // Validation guarantees one of the two; a bare filière name is the fallback.
  return (FILIERES as readonly string[]).includes(f) ? (f as Filiere) : 'numerique';
}

function frDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** Reason of a mentee that has no candidate at all, from the scoring step's diagnostic. */
function noCandidateReason(d: NoCandidateDiagnostic, filiere: Filiere): { code: string; raison: string } {
  if (d.reason === 'aucun_mentor') {
    return { code: 'sans_candidat_aucun_mentor', raison: `Aucun mentor de la filière ${FILIERE_FR[filiere]} n'est à portée de l'établissement, ni disponible à distance.` };
  }
  if (d.reason === 'diplome_inconnu') return { code: 'sans_candidat_diplome_inconnu', raison: 'Son diplôme ne permet de le rapprocher d’aucun métier.' };
  if (d.reason === 'etablissement_inconnu') return { code: 'sans_candidat_etablissement_inconnu', raison: 'Son établissement n’a pas pu être situé.' };
  const n = d.rejections[d.reason];
  return {
    code: `sans_candidat_${d.reason}`,
    raison: `Aucun mentor possible : sur ${plural(d.examined, 'mentor examiné', 'mentors examinés')}, ${n} ${n > 1 ? 'sont écartés' : 'est écarté'} d'abord pour ce motif : ${RULE_LABELS[d.reason]}.`,
  };
}

function ineligibleReason(m: Mentor, reason: keyof typeof INELIGIBILITY_LABELS): string {
  const base = INELIGIBILITY_LABELS[reason];
  const sentence = base.charAt(0).toUpperCase() + base.slice(1);
  if (reason === 'etudiant' || !m.honorabilite_date) return `${sentence}.`;
  const verb = reason === 'honorabilite_en_cours' ? 'demandée le' : 'date indiquée :';
  return `${sentence} (${verb} ${frDate(m.honorabilite_date)}).`;
}

/** Decodes the solved round. Pairs and unmatched mentees follow the input order of mentores.csv. */
export function decodeOutcome(x: DecodeInput): Decoded {
  const { round, communes, candidates: cs, assignment } = x;
  const schoolIdx = new Map(round.etablissements.map((s, k) => [s.uai, k]));
  const schoolCommune = round.etablissements.map((s) => communes.index.get(s.code_commune) ?? -1);
  const academieOfSchool = schoolCommune.map((c) => (c >= 0 ? communes.academie[c] : ''));

  // Penalty of each pair: a mentor's mentees take its slots best score first (ties: input order),
  // which is the cheapest way to pay the convex slot penalties the solver optimised.
  const decoded = decodeAssignment(round, cs, assignment);
  const pairOf = new Map(decoded.pairs.map((p) => [p.mentee, p]));
  const byMentor = new Map<number, DecodedPair[]>();
  for (const p of decoded.pairs) {
    const l = byMentor.get(p.mentor);
    if (l) l.push(p);
    else byMentor.set(p.mentor, [p]);
  }
  const penalty = new Float64Array(cs.nMentees);
  const lastPenalty = x.slotPenalty.length > 0 ? x.slotPenalty[x.slotPenalty.length - 1] : 0;
  for (const list of byMentor.values()) {
    list.sort((a, b) => b.score - a.score || a.mentee - b.mentee);
    list.forEach((p, k) => {
      penalty[p.mentee] = k < x.slotPenalty.length ? x.slotPenalty[k] : lastPenalty;
    });
  }

  const r2 = (v: number): number => Math.round(v * 100) / 100;
  const pairs: PairOutcome[] = [];
  const unmatched: UnmatchedMentee[] = [];
  const diag = new Map(cs.diagnostics.map((d) => [d.mentee, d]));
  const menteesPerSchool = new Int32Array(round.etablissements.length);
  // What binds when a mentee is left out although a candidate still has room: its school's
  // travel budget, its mentor's employer cap, or neither (a regional split, a heuristic solver
  // or a minimum-priority quota). Computed from the final assignment, as a coordinator would check.
  const used = new Int32Array(cs.nMentors);
  for (let i = 0; i < cs.nMentees; i++) if (assignment[i] >= 0) used[assignment[i]]++;
  const schoolMentees = new Int32Array(round.etablissements.length);
  const schoolSpend = new Float64Array(round.etablissements.length);
  const menteeSchoolIdx = round.mentores.map((m) => schoolIdx.get(m.uai) ?? -1);
  for (let i = 0; i < cs.nMentees; i++) {
    const s = menteeSchoolIdx[i];
    if (s < 0) continue;
    schoolMentees[s]++;
    if (assignment[i] < 0) continue;
    for (let e = cs.offsets[i]; e < cs.offsets[i + 1]; e++) if (cs.mentor[e] === assignment[i]) schoolSpend[s] += cs.cost[e];
  }
  const budgetOf = (s: number): number => round.etablissements[s].budget_eur ?? x.budgetPerMentee * schoolMentees[s];
  const employerCap = round.politique.quotas.max_par_employeur;
  const employerKey = round.mentors.map((m) => (employerCap !== undefined && m.employeur ? normaliseEmployer(m.employeur) : ''));
  const employerUse = new Map<string, number>();
  for (let i = 0; i < cs.nMentees; i++) {
    const k = assignment[i] >= 0 ? employerKey[assignment[i]] : '';
    if (k) employerUse.set(k, (employerUse.get(k) ?? 0) + 1);
  }
  /** Best candidate edge of mentee i whose mentor still has room, or -1. */
  // A candidate with a free place; under a regional split, one of the mentee's own lot first (a
  // free mentor of another lot is explained by the split itself).
  const lots = x.lots;
  const roomyCandidate = (i: number): number => {
    let other = -1;
    for (let e = cs.offsets[i]; e < cs.offsets[i + 1]; e++) {
      const j = cs.mentor[e];
      if (used[j] >= round.mentors[j].capacite) continue;
      if (!lots || lots.mentorLot[j] === lots.menteeLot[i]) return e;
      if (other < 0) other = e;
    }
    return other;
  };
  const eur = (v: number): string => `${Math.round(v).toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} €`;

  round.mentores.forEach((m, i) => {
    const s = schoolIdx.get(m.uai) ?? -1;
    if (s >= 0) menteesPerSchool[s]++;
    const where = {
      uai: m.uai,
      etablissement: s >= 0 ? round.etablissements[s].nom : '',
      academie: s >= 0 ? academieOfSchool[s] : '',
      filiere: filiereOf(m.diplome, x.diplomas),
    };
    const p = pairOf.get(i);
    if (p) {
      pairs.push({
        menteeId: p.menteeId,
        mentorId: p.mentorId,
        ...where,
        score: r2(p.score - penalty[i]),
        components: {
          metier: r2(p.components.metier),
          proximite: r2(p.components.proximite),
          disponibilites: r2(p.components.disponibilites),
          penaliteCapacite: r2(penalty[i]),
        },
        niveauMetier: p.niveauMetier,
        creneauxCommuns: p.creneauxCommuns,
        km: Math.round(p.km * 10) / 10,
        modalite: p.modalite,
        coutEur: r2(p.coutEur),
        impose: p.impose,
      });
      return;
    }
    const nCand = cs.offsets[i + 1] - cs.offsets[i];
    const failed = x.failed.get(i);
    let code: string;
    let raison: string;
    let relaxation = '';
    const roomy = failed === undefined && nCand > 0 ? roomyCandidate(i) : -1;
    if (failed !== undefined) {
      code = 'lot_en_echec';
      raison = `Non traité : ${failed}. Relancez le tour (éventuellement avec un --timeout plus long).`;
    } else if (nCand === 0) {
      const d = diag.get(i);
      ({ code, raison } = d ? noCandidateReason(d, where.filiere) : { code: 'sans_candidat', raison: 'Aucun mentor ne respecte toutes les règles obligatoires.' });
      if (d?.nearest) relaxation = d.nearest.message.charAt(0).toUpperCase() + d.nearest.message.slice(1) + '.';
    } else if (roomy >= 0) {
      const e = roomy;
      const j = cs.mentor[e];
      const id = round.mentors[j].id;
      const s = menteeSchoolIdx[i];
      const k = employerKey[j];
      if (s >= 0 && schoolSpend[s] + cs.cost[e] > budgetOf(s) + 1e-6) {
        code = 'budget_etablissement';
        raison = `Son mentor candidat ${id} a encore une place, mais ce binôme coûterait ${eur(cs.cost[e])} de déplacement par an : le budget de l'établissement (${eur(budgetOf(s))}, dont ${eur(schoolSpend[s])} déjà engagés) serait dépassé.`;
        relaxation = `Relever le budget de l'établissement (budget_eur) d'au moins ${eur(Math.ceil(schoolSpend[s] + cs.cost[e] - budgetOf(s)))}, ou un mentor plus proche (ou à distance).`;
      } else if (k && employerCap !== undefined && (employerUse.get(k) ?? 0) >= employerCap) {
        code = 'quota_employeur';
        raison = `Son mentor candidat ${id} a encore une place, mais son employeur a déjà ${employerCap} mentorés, le maximum fixé par politique.json (quotas.max_par_employeur).`;
        relaxation = `Relever quotas.max_par_employeur, ou un mentor d'un autre employeur.`;
      } else if (lots && lots.mentorLot[j] >= 0 && lots.mentorLot[j] !== lots.menteeLot[i]) {
        code = 'non_retenu';
        const lot = lots.names[lots.mentorLot[j]];
        raison = lots.reconciled
          ? `Son mentor candidat ${id} a encore une place, mais il est rattaché au lot « ${lot} » du découpage ${lots.modeFr}, et la réconciliation des mentors frontaliers ne l'a pas retenu pour lui.`
          : `Son mentor candidat ${id} a encore une place, mais il est rattaché au lot « ${lot} » du découpage ${lots.modeFr}, sans réconciliation : il n'est proposé qu'aux mentorés de ce lot.`;
        relaxation = lots.reconciled
          ? `Relancer avec --par composantes (sans perte).`
          : `Relancer avec --reconciliation etendue, ou --par composantes (sans perte).`;
      } else {
        code = 'non_retenu';
        raison = `Son mentor candidat ${id} a encore une place, mais le calcul ne l'a pas retenu (découpage par académie ou région, solveur non exact, ou quota de mentorés prioritaires).`;
        relaxation = `Relancer avec --par composantes et --solver flow (ou lagrangien avec des quotas).`;
      }
    } else {
      code = 'candidats_pris';
      raison = `Ses ${plural(nCand, 'mentor candidat est pris', 'mentors candidats sont pris')} par d'autres mentorés : l'optimisation apparie d'abord le plus grand nombre de mentorés.`;
      relaxation = `Une place de plus chez l'un de ses candidats (par exemple ${round.mentors[cs.mentor[cs.offsets[i]]].id}) ou un mentor de la filière ${FILIERE_FR[where.filiere]} de plus près de l'établissement.`;
    }
    unmatched.push({ id: m.id, ...where, raisonCode: code, raison, relaxation, candidats: nCand });
  });

  // Mentors: ineligible ones, then eligible ones with free places, in input order.
  const ineligible = new Map(cs.ineligible.map((m) => [m.mentor, m.reason]));
  const hasEdge = new Uint8Array(cs.nMentors); // 1: has a candidate mentee; 2: one of them is unmatched
  for (let i = 0; i < cs.nMentees; i++) {
    for (let e = cs.offsets[i]; e < cs.offsets[i + 1]; e++) hasEdge[cs.mentor[e]] = Math.max(hasEdge[cs.mentor[e]], assignment[i] < 0 && !x.failed.has(i) ? 2 : 1);
  }
  const mentorNotes: MentorNote[] = [];
  const free: MentorNote[] = [];
  let capaciteEligible = 0;
  const places = new Map<string, MentorPlace>();
  round.mentors.forEach((m, j) => {
    const c = communes.index.get(m.code_commune) ?? -1;
    const academie = c >= 0 ? communes.academie[c] : '';
    const reason = ineligible.get(j);
    if (reason !== undefined) {
      mentorNotes.push({ id: m.id, type: 'ineligible', raisonCode: reason, raison: ineligibleReason(m, reason), filiere: m.filiere, academie, capacite: m.capacite, utilise: 0 });
      return;
    }
    capaciteEligible += m.capacite;
    if (c >= 0) {
      let p = places.get(m.code_commune);
      if (!p) {
        p = { codeCommune: m.code_commune, lat: communes.lat[c], lon: communes.lon[c], eligibles: 0, utilises: 0 };
        places.set(m.code_commune, p);
      }
      p.eligibles++;
      if (used[j] > 0) p.utilises++;
    }
    const left = m.capacite - used[j];
    if (left <= 0) return;
    const note = hasEdge[j]
      ? {
          code: 'capacite_libre',
          raison:
            hasEdge[j] === 1
              ? `Il lui reste ${plural(left, 'place', 'places')} sur ${m.capacite} : ses mentorés compatibles ont tous un mentor.`
              : `Il lui reste ${plural(left, 'place', 'places')} sur ${m.capacite} : ses mentorés compatibles sans mentor en sont écartés par un budget, un quota ou le découpage (voir leurs raisons).`,
        }
      : { code: 'aucun_mentore_compatible', raison: `Aucun mentoré compatible (métier, distance, modalité, disponibilités) : ${plural(left, 'place libre', 'places libres')}.` };
    free.push({ id: m.id, type: 'capacite_libre', raisonCode: note.code, raison: note.raison, filiere: m.filiere, academie, capacite: m.capacite, utilise: used[j] });
  });
  mentorNotes.push(...free);

  const schools: SchoolInfo[] = round.etablissements.map((s, k) => {
    const c = schoolCommune[k];
    return {
      uai: s.uai,
      nom: s.nom,
      codeCommune: s.code_commune,
      commune: c >= 0 ? communes.nom[c] : s.code_commune,
      academie: academieOfSchool[k],
      regionAcademique: c >= 0 ? communes.regionAcademique[c] : '',
      lat: c >= 0 ? communes.lat[c] : 0,
      lon: c >= 0 ? communes.lon[c] : 0,
      budgetEur: s.budget_eur ?? x.budgetPerMentee * menteesPerSchool[k],
      mentees: menteesPerSchool[k],
    };
  });
  const mentorPlaces = [...places.values()].sort((a, b) => (a.codeCommune < b.codeCommune ? -1 : a.codeCommune > b.codeCommune ? 1 : 0));
  return { pairs, unmatched, mentorNotes, schools, mentorPlaces, capaciteEligible };
}
