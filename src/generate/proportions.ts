/**
 * Every proportion the generator draws from, in one place. Each figure is either sourced or an
 * assumption; datasets/README.md gives the source or the reasoning for each one.
 */
import type { Filiere, Modalite } from '../schema/records.js';

type Table<K> = ReadonlyArray<readonly [K, number]>;

/** Mentees by filière (assumption: mobilité incl. maintenance auto/nautique is the largest LP group). */
export const MENTEE_FILIERE: Table<Filiere> = [
  ['mobilite', 0.42],
  ['numerique', 0.3],
  ['energie', 0.28],
];

/** Diploma type of a mentee (fiche 5: "un accent particulier sur les CAP et les baccalauréats professionnels"). */
export const MENTEE_DIPLOMA_TYPE: Table<'CAP' | 'BAC PRO' | 'AUTRE'> = [
  ['BAC PRO', 0.62],
  ['CAP', 0.33],
  ['AUTRE', 0.05], // mention complémentaire, certificat de spécialisation, brevet professionnel
];

/** Share of mentees whose diploma is written as a bare filière name (spreadsheets filled by hand). */
export const MENTEE_BARE_FILIERE = 0.05;

/** Filières offered by one school: LPs specialise (assumption). */
export const SCHOOL_FILIERE_COUNT: Table<number> = [
  [1, 0.35],
  [2, 0.45],
  [3, 0.2],
];

/** Mentee year within the diploma, for a bac pro (seconde, première, terminale). */
export const BAC_PRO_YEAR: Table<number> = [
  [1, 0.3],
  [2, 0.4],
  [3, 0.3],
];

/** Mentee modality wishes (FAQ: in-person at school is preferred; distanciel possible). */
export const MENTEE_MODALITE: Table<Modalite> = [
  ['presentiel', 0.45],
  ['mixte', 0.25],
  ['indifferent', 0.25],
  ['distanciel', 0.05],
];

/** Sensitive flags, independent draws (assumptions close to published orders of magnitude). */
export const MENTEE_QPV = 0.22;
export const MENTEE_ASE = 0.03;
export const MENTEE_HANDICAP = 0.05;

/** Mentor status (FAQ: students cannot mentor, retirees can). `etudiant` rows are volunteers to turn down. */
export const MENTOR_STATUT: Table<'salarie' | 'retraite' | 'independant' | 'autre' | 'etudiant'> = [
  ['salarie', 0.66],
  ['retraite', 0.16],
  ['independant', 0.08],
  ['autre', 0.05],
  ['etudiant', 0.05],
];

/** Share of employed mentors in a transverse HR function (FAQ: "un DRH peut mentorer un élève"). */
export const MENTOR_HR = 0.05;

/** Share of mentors whose filière is that of the mentee demand that recruited them. */
export const MENTOR_SAME_FILIERE_AS_ANCHOR = 0.85;
/** Share of mentors whose trade is exactly the diploma of the mentee demand that recruited them. */
export const MENTOR_SAME_TRADE_AS_ANCHOR = 0.5;
/** Share of mentors practising two trades. */
export const MENTOR_TWO_TRADES = 0.2;

/** Share of mentors living near the school that recruited them (within NEAR_KM), the rest anywhere in the académie. */
export const MENTOR_NEAR_HOME = 0.8;
/** Radius (km) around a school in which "near" mentors live, weighted by population. */
export const NEAR_KM = 35;

/** Capacity (FAQ: one-to-one preferred; several mentees if time allows). */
export const MENTOR_CAPACITE: Table<number> = [
  [1, 0.75],
  [2, 0.17],
  [3, 0.07],
  [4, 0.01],
];

/** Travel radius, km (30 is the default: most of those cells are written empty, see EMPTY_DEFAULT_RAYON). */
export const MENTOR_RAYON: Table<number> = [
  [30, 0.6],
  [20, 0.12],
  [15, 0.1],
  [50, 0.1],
  [10, 0.05],
  [22.5, 0.03], // a decimal value: the CSV shows it with a decimal comma
];

/** Mentor modality (about one in seven offers distanciel only; assumption). */
export const MENTOR_MODALITE: Table<Modalite> = [
  ['presentiel', 0.45],
  ['mixte', 0.28],
  ['indifferent', 0.12],
  ['distanciel', 0.15],
];

/** Share of 30 km radii written as an empty cell (the default applies). */
export const EMPTY_DEFAULT_RAYON = 0.8;

/** Share of mentors with a single availability slot ("narrow availability"). */
export const MENTOR_NARROW = 0.1;

/** Honorability status (FAQ: verified by the partner, or by the DSDEN for a mentor without partner). */
export const MENTOR_HONORABILITE: Table<'verifiee' | 'verifiee_apres' | 'en_cours' | 'non_verifiee'> = [
  ['verifiee', 0.78],
  ['verifiee_apres', 0.04], // verified, but after the round date: ineligible for this round
  ['en_cours', 0.11],
  ['non_verifiee', 0.07],
];
/** Share of verifications made by the DSDEN rather than the partner. */
export const HONORABILITE_DSDEN = 0.15;

/** Employed mentors working for one of a few national groups (conflicts of interest bite there). */
export const MENTOR_NATIONAL_GROUP = 0.25;

/** Schools whose budget cell is filled (else the default 500 € per mentee applies). */
export const SCHOOL_BUDGET_FILLED = 0.4;
/** € per mentee when the budget is filled (some schools spent part of the 500 € forfait elsewhere). */
export const SCHOOL_BUDGET_PER_MENTEE: Table<number> = [
  [500, 0.4],
  [437.5, 0.2],
  [350, 0.2],
  [250, 0.2],
];

/** Constraints: imposed and forbidden pairs, per mentee. */
export const IMPOSE_RATE = 0.004;
export const INTERDIT_RATE = 0.004;
/** Conflicts of interest in politique.json: one per this many schools (at least one). */
export const SCHOOLS_PER_CONFLICT = 40;

/** Spreadsheet quirks: share of rows of each file that carry one (see render.ts). */
export const QUIRK_RATE = 0.03;
/** Share of verification dates written jj/mm/aaaa (French spreadsheet locale) rather than ISO. */
export const DATE_FR = 0.4;
