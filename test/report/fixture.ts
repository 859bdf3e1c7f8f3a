/**
 * A tiny hand-made RoundOutcome: 2 schools, 3 pairs, 2 unmatched mentees, 2 mentor notes.
 * Every figure of the tests below is computed by hand from it.
 */
import type { RoundOutcome } from '../../src/report/outcome.js';

export function tinyOutcome(): RoundOutcome {
  const base = { academie: 'Lyon', filiere: 'numerique' as const };
  return {
    date: '2025-09-01',
    seed: 7,
    par: 'aucun',
    policyHash: 'ab'.repeat(32),
    inputs: [
      { name: 'etablissements.csv', sha256: '11'.repeat(32), rows: 2 },
      { name: 'mentores.csv', sha256: '22'.repeat(32), rows: 5 },
      { name: 'mentors.csv', sha256: '33'.repeat(32), rows: 4 },
    ],
    plafondEurParMentore: 500,
    pairs: [
      { menteeId: 'E1', mentorId: 'M1', uai: '0690001A', etablissement: 'LP Alpha', ...base, score: 90, components: { metier: 60, proximite: 20, disponibilites: 10, penaliteCapacite: 0 }, niveauMetier: 'meme_diplome', creneauxCommuns: 2, km: 10, modalite: 'presentiel', coutEur: 100, impose: false },
      { menteeId: 'E2', mentorId: 'M1', uai: '0690001A', etablissement: 'LP Alpha', ...base, score: 50, components: { metier: 40, proximite: 10, disponibilites: 10, penaliteCapacite: 10 }, niveauMetier: 'meme_famille', creneauxCommuns: 1, km: 20, modalite: 'mixte', coutEur: 200, impose: true },
      { menteeId: '=E3', mentorId: 'M2', uai: '0690002B', etablissement: 'LP Bêta; "Sud"', academie: 'Lyon', filiere: 'energie', score: 30.456, components: { metier: 30, proximite: 0, disponibilites: 0.456, penaliteCapacite: 0 }, niveauMetier: 'meme_filiere', creneauxCommuns: 1, km: 0, modalite: 'distanciel', coutEur: 0, impose: false },
    ],
    unmatched: [
      { id: 'E4', uai: '0690002B', etablissement: 'LP Bêta; "Sud"', academie: 'Lyon', filiere: 'energie', raisonCode: 'sans_candidat_rayon', raison: 'Aucun mentor éligible de sa filière à moins de 30 km.', relaxation: 'Un rayon de 45 km ajouterait 2 candidats.', candidats: 0 },
      { id: 'E5', uai: '0690002B', etablissement: 'LP Bêta; "Sud"', academie: 'Lyon', filiere: 'energie', raisonCode: 'candidats_pris', raison: 'Ses candidats sont tous pris.', relaxation: '', candidats: 2 },
    ],
    mentorNotes: [
      { id: 'M3', type: 'ineligible', raisonCode: 'etudiant', raison: 'Un étudiant ne peut pas être mentor.', filiere: 'numerique', academie: 'Lyon', capacite: 1, utilise: 0 },
      { id: 'M2', type: 'capacite_libre', raisonCode: 'capacite_libre', raison: 'Il lui reste 2 places.', filiere: 'energie', academie: 'Lyon', capacite: 3, utilise: 1 },
      { id: 'M4', type: 'capacite_libre', raisonCode: 'capacite_libre', raison: 'Il lui reste 1 place.', filiere: 'mobilite', academie: 'Lyon', capacite: 1, utilise: 0 },
    ],
    schools: [
      { uai: '0690001A', nom: 'LP Alpha', codeCommune: '69123', commune: 'Lyon', academie: 'Lyon', regionAcademique: 'Auvergne-Rhône-Alpes', lat: 45.76, lon: 4.84, budgetEur: 1000, mentees: 2 },
      { uai: '0690002B', nom: 'LP Bêta; "Sud"', codeCommune: '69259', commune: 'Vénissieux', academie: 'Lyon', regionAcademique: 'Auvergne-Rhône-Alpes', lat: 45.7, lon: 4.88, budgetEur: 1500, mentees: 3 },
    ],
    mentorPlaces: [{ codeCommune: '69123', lat: 45.76, lon: 4.84, eligibles: 3, utilises: 2 }],
    menteesTotal: 5,
    mentorsTotal: 4,
    capaciteEligible: 5,
    solve: { solver: 'flow', status: 'optimal', optimal: true, certificat: 'verifie', borne: 170.456 },
    parts: [],
    timingsMs: { total: 12.7 },
  };
}
