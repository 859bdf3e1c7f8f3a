/**
 * Decodes a solved round back to ids and French sentences: the `RoundOutcome` (every pair with
 * its components, every unmatched mentee with a reason and the nearest relaxation, every
 * ineligible mentor, every mentor left with free places, schools and mentors for the map).
 * Pure. Sensitive mentee fields are never read here.
 */
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
    if (failed !== undefined) {
      code = 'lot_en_echec';
      raison = `Non traité : ${failed}. Relancez le tour (éventuellement avec un --timeout plus long).`;
    } else if (nCand === 0) {
      const d = diag.get(i);
      ({ code, raison } = d ? noCandidateReason(d, where.filiere) : { code: 'sans_candidat', raison: 'Aucun mentor ne respecte toutes les règles obligatoires.' });
      if (d?.nearest) relaxation = d.nearest.message.charAt(0).toUpperCase() + d.nearest.message.slice(1) + '.';
    } else {
      code = 'candidats_pris';
      raison = `Ses ${plural(nCand, 'mentor candidat est pris', 'mentors candidats sont pris')} par d'autres mentorés : l'optimisation apparie d'abord le plus grand nombre de mentorés.`;
      relaxation = `Une place de plus chez l'un de ses candidats (par exemple ${round.mentors[cs.mentor[cs.offsets[i]]].id}) ou un mentor de la filière ${FILIERE_FR[where.filiere]} de plus près de l'établissement.`;
    }
    unmatched.push({ id: m.id, ...where, raisonCode: code, raison, relaxation, candidats: nCand });
  });

  // Mentors: ineligible ones, then eligible ones with free places, in input order.
  const ineligible = new Map(cs.ineligible.map((m) => [m.mentor, m.reason]));
  const used = new Int32Array(cs.nMentors);
  for (let i = 0; i < cs.nMentees; i++) if (assignment[i] >= 0) used[assignment[i]]++;
  const hasEdge = new Uint8Array(cs.nMentors);
  for (let e = 0; e < cs.offsets[cs.nMentees]; e++) hasEdge[cs.mentor[e]] = 1;
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
      ? { code: 'capacite_libre', raison: `Il lui reste ${plural(left, 'place', 'places')} sur ${m.capacite} : ses mentorés compatibles ont tous un mentor.` }
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
