/**
 * The two CSV tables of a round's outputs, `binomes.csv` and `non_apparies.csv`: their columns
 * (documented in the README, in this order) and their rows from a `RoundOutcome`. Pure.
 */
import type { RoundOutcome } from '../report/outcome.js';
import { type CsvCell, toCsv } from './output-csv.js';

/** Columns of binomes.csv, one row per pair. */
export const BINOMES_COLUMNS = [
  'mentore_id',
  'mentor_id',
  'uai',
  'etablissement',
  'academie',
  'filiere',
  'score',
  'score_metier',
  'niveau_metier',
  'score_proximite',
  'score_disponibilites',
  'creneaux_communs',
  'penalite_capacite',
  'km',
  'modalite',
  'frais_eur',
  'impose',
] as const;

/** Columns of non_apparies.csv: mentees without a mentor, ineligible mentors, mentors with free places. */
export const NON_APPARIES_COLUMNS = [
  'type',
  'id',
  'raison_code',
  'raison',
  'relaxation',
  'uai',
  'etablissement',
  'academie',
  'filiere',
  'candidats',
  'capacite',
  'places_libres',
] as const;

/** binomes.csv content (BOM, `;`, CRLF). */
export function binomesCsv(o: RoundOutcome): string {
  const rows: CsvCell[][] = o.pairs.map((p) => [
    p.menteeId,
    p.mentorId,
    p.uai,
    p.etablissement,
    p.academie,
    p.filiere,
    p.score,
    p.components.metier,
    p.niveauMetier,
    p.components.proximite,
    p.components.disponibilites,
    p.creneauxCommuns,
    p.components.penaliteCapacite,
    p.km,
    p.modalite,
    p.coutEur,
    p.impose,
  ]);
  return toCsv(BINOMES_COLUMNS, rows);
}

/** non_apparies.csv content: mentee rows first (`type` = `mentore`), then mentor rows (`type` = `mentor`). */
export function nonAppariesCsv(o: RoundOutcome): string {
  const rows: CsvCell[][] = [];
  for (const u of o.unmatched) {
    rows.push(['mentore', u.id, u.raisonCode, u.raison, u.relaxation, u.uai, u.etablissement, u.academie, u.filiere, u.candidats, null, null]);
  }
  for (const m of o.mentorNotes) {
    rows.push(['mentor', m.id, m.raisonCode, m.raison, '', '', '', m.academie, m.filiere, null, m.capacite, m.type === 'ineligible' ? null : m.capacite - m.utilise]);
  }
  return toCsv(NON_APPARIES_COLUMNS, rows);
}
