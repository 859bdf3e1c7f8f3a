/**
 * Generated records → the cells a spreadsheet export would contain, with the small inconsistencies
 * of hand-kept spreadsheets that ingestion accepts: stray spaces, accented or capitalised enum
 * values, dates as jj/mm/aaaa, decimal commas and thousands spaces, a commune code whose leading
 * zero Excel dropped, spaces around slot separators, oui/x/1 for booleans, a trailing empty row.
 * Pure and seeded: the same round renders to the same cells.
 */
import { createRng, type Rng } from './rng.js';
import type { GeneratedRound } from './round.js';
import { DATE_FR, EMPTY_DEFAULT_RAYON, QUIRK_RATE } from './proportions.js';

/** One CSV file of a round folder as text cells. */
export interface CsvTable {
  name: string;
  header: string[];
  rows: string[][];
}

/** A round folder as tables (CSV) and JSON documents, ready to be written. */
export interface RoundTables {
  csv: CsvTable[];
  json: Array<{ name: string; value: unknown }>;
}

// How a coordinator might type an enum value: the French word with its accents and capitals.
const DISPLAY: Record<string, string> = {
  presentiel: 'Présentiel', distanciel: 'Distanciel', mixte: 'Mixte', indifferent: 'Indifférent',
  salarie: 'Salarié', retraite: 'Retraité', independant: 'Indépendant', etudiant: 'Étudiant', autre: 'Autre',
  verifiee: 'Vérifiée', en_cours: 'En cours', non_verifiee: 'Non vérifiée', partenaire: 'Partenaire', dsden: 'DSDEN',
  numerique: 'Numérique', mobilite: 'Mobilité', energie: 'Énergie', impose: 'Imposé', interdit: 'Interdit',
};

/** A number as a French spreadsheet shows it: decimal comma; thousands spaced when `spaced`. */
export function frenchNumber(x: number, spaced = false): string {
  const fixed = Number.isInteger(x) ? String(x) : x.toFixed(2);
  let [int, frac] = fixed.split('.');
  if (spaced) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return frac === undefined ? int : `${int},${frac}`;
}

/** `2025-11-17` → `17/11/2025`. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Renders enum values: mostly canonical, sometimes as typed by hand. */
function enumCell(rng: Rng, value: string): string {
  return rng.chance(QUIRK_RATE * 3) ? (DISPLAY[value] ?? value) : value;
}

/** Adds stray spaces to one random cell of a row (at rate QUIRK_RATE). */
function straySpaces(rng: Rng, row: string[]): string[] {
  if (rng.chance(QUIRK_RATE)) {
    const k = rng.int(row.length);
    if (row[k] !== '') row[k] = rng.chance(0.5) ? ` ${row[k]}` : `${row[k]}  `;
  }
  return row;
}

function slotsCell(rng: Rng, slots: string[]): string {
  return slots.join(rng.chance(QUIRK_RATE) ? ' | ' : '|');
}

function boolCell(rng: Rng, b: boolean): string {
  if (!b) return rng.chance(0.7) ? '' : 'non';
  return rng.chance(0.85) ? 'oui' : rng.pick(['x', '1', 'Oui']);
}

/** A commune code, sometimes with the leading zero a spreadsheet drops from `01004`. */
function communeCell(rng: Rng, code: string): string {
  return code.startsWith('0') && rng.chance(QUIRK_RATE * 3) ? code.slice(1) : code;
}

/** Renders a generated round as the tables of its folder. */
export function renderRound(round: GeneratedRound): RoundTables {
  const rng = createRng(round.seed).fork('render');
  const etablissements: CsvTable = {
    name: 'etablissements.csv',
    header: ['uai', 'nom', 'code_commune', 'budget_eur'],
    rows: round.etablissements.map((e) =>
      straySpaces(rng, [
        e.uai,
        e.nom,
        communeCell(rng, e.code_commune),
        e.budget_eur === undefined ? '' : frenchNumber(e.budget_eur, rng.chance(0.5)),
      ]),
    ),
  };
  const mentores: CsvTable = {
    name: 'mentores.csv',
    header: ['id', 'uai', 'diplome', 'annee', 'disponibilites', 'modalite', 'qpv', 'ase', 'handicap'],
    rows: round.mentores.map((m) =>
      straySpaces(rng, [
        m.id,
        m.uai,
        m.diplome,
        String(m.annee),
        slotsCell(rng, m.disponibilites),
        enumCell(rng, m.modalite),
        boolCell(rng, m.qpv),
        boolCell(rng, m.ase),
        boolCell(rng, m.handicap),
      ]),
    ),
  };
  const mentors: CsvTable = {
    name: 'mentors.csv',
    header: [
      'id', 'statut', 'filiere', 'metier', 'fonction', 'code_commune', 'capacite', 'rayon_km', 'modalite',
      'disponibilites', 'honorabilite', 'honorabilite_date', 'honorabilite_par', 'employeur',
    ],
    rows: round.mentors.map((m) =>
      straySpaces(rng, [
        m.id,
        enumCell(rng, m.statut),
        enumCell(rng, m.filiere),
        m.metier.join('|'),
        m.fonction ?? '',
        communeCell(rng, m.code_commune),
        String(m.capacite),
        m.rayon_km === 30 && rng.chance(EMPTY_DEFAULT_RAYON) ? '' : frenchNumber(m.rayon_km),
        enumCell(rng, m.modalite),
        slotsCell(rng, m.disponibilites),
        enumCell(rng, m.honorabilite),
        m.honorabilite_date === undefined ? '' : rng.chance(DATE_FR) ? frenchDate(m.honorabilite_date) : m.honorabilite_date,
        m.honorabilite_par === undefined ? '' : enumCell(rng, m.honorabilite_par),
        m.employeur ?? '',
      ]),
    ),
  };
  // A spreadsheet export often ends with empty rows (cells cleared, not deleted).
  mentors.rows.push(mentors.header.map(() => ''));
  const contraintes: CsvTable = {
    name: 'contraintes.csv',
    header: ['mentore_id', 'mentor_id', 'type'],
    rows: round.contraintes.map((c) => [c.mentore_id, c.mentor_id, enumCell(rng, c.type)]),
  };
  return {
    csv: [etablissements, mentores, mentors, contraintes],
    json: [{ name: 'politique.json', value: round.politique }],
  };
}
