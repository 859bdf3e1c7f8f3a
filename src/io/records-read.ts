/**
 * Row handlers of the four CSV files: raw cells → typed records (the shapes of the zod schemas
 * in src/schema/records.ts). Per-cell checks (type, range, slot names, commune and diploma
 * existence) happen here, row by row; checks across files are in cross-checks.ts.
 */
import {
  ContrainteSchema,
  FILIERES,
  HONORABILITES,
  MentorSchema,
  MODALITES,
  STATUTS,
  type Contrainte,
  type Etablissement,
  type Filiere,
  type Mentor,
  type Mentore,
} from '../schema/records.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import {
  boolParser,
  cfdListParser,
  communeShapeParser,
  dateParser,
  decimalParser,
  enumParser,
  intParser,
  Invalid,
  memo,
  slotsParser,
  textParser,
  uaiParser,
  type CellParser,
} from './cells.js';
import { issue, quote, type RowReader, type TableSpec } from './table-file.js';
import { token } from './normalize.js';
import { normalizeCfd } from './reference.js';

export const ETABLISSEMENTS: TableSpec = { file: 'etablissements.csv', required: ['uai', 'nom', 'code_commune'], optional: ['budget_eur'] };
export const MENTORES: TableSpec = {
  file: 'mentores.csv',
  required: ['id', 'uai', 'diplome', 'annee', 'disponibilites', 'modalite'],
  optional: ['qpv', 'ase', 'handicap'],
  sensitive: ['qpv', 'ase', 'handicap'],
};
export const MENTORS: TableSpec = {
  file: 'mentors.csv',
  required: ['id', 'statut', 'filiere', 'code_commune', 'modalite', 'disponibilites', 'honorabilite'],
  optional: ['metier', 'fonction', 'capacite', 'rayon_km', 'honorabilite_date', 'honorabilite_par', 'employeur'],
};
export const CONTRAINTES: TableSpec = { file: 'contraintes.csv', required: ['mentore_id', 'mentor_id', 'type'], optional: [] };

/** Records of one file, with the spreadsheet row of each and the row of every id seen (valid or not). */
export interface Collected<T> {
  records: T[];
  rows: number[];
  /** id → first row where it appears, including rows with invalid cells (so they are not "unknown" elsewhere). */
  idRow: Map<string, number>;
}

export function collected<T>(): Collected<T> {
  return { records: [], rows: [], idRow: new Map() };
}

const idParser: CellParser<string> = (raw) => raw;
const modalite = enumParser(MODALITES, {
  a_distance: 'distanciel',
  distance: 'distanciel',
  visio: 'distanciel',
  en_ligne: 'distanciel',
  presentielle: 'presentiel',
  sur_place: 'presentiel',
  hybride: 'mixte',
  indifferente: 'indifferent',
  sans_preference: 'indifferent',
  peu_importe: 'indifferent',
});
const statut = enumParser(STATUTS, {
  salariee: 'salarie',
  salarie_e: 'salarie',
  retraitee: 'retraite',
  retraite_e: 'retraite',
  independante: 'independant',
  independant_e: 'independant',
  auto_entrepreneur: 'independant',
  etudiante: 'etudiant',
  etudiant_e: 'etudiant',
});
const filiere = enumParser(FILIERES);
const honorabilite = enumParser(HONORABILITES, {
  verifie: 'verifiee',
  en_attente: 'en_cours',
  non_verifie: 'non_verifiee',
  a_verifier: 'non_verifiee',
});
const honorabilitePar = enumParser(MentorSchema.shape.honorabilite_par.unwrap().options, { association: 'partenaire' });
const contrainteType = enumParser(ContrainteSchema.shape.type.options, {
  imposee: 'impose',
  obligatoire: 'impose',
  interdite: 'interdit',
  exclu: 'interdit',
  exclue: 'interdit',
});
const annee = intParser(1, 3, 'une année de formation, entier');
const capacite = intParser(1, 5);
const rayon = decimalParser(0, true, 'un rayon en km, nombre positif (virgule décimale acceptée)', /km$/i);
const budget = decimalParser(0, false, 'un montant en euros positif ou nul (virgule décimale acceptée)', /(€|eur|euros?)$/i);
const fonction: CellParser<string> = memo((raw) => {
  const t = token(raw);
  return t === 'ressources_humaines' || t === 'drh' ? 'rh' : t;
});
const MISSING_SLOTS = 'des créneaux (ex. « lun-pm|mer-am »)';

/** Checks that an id is new in its file; reports the duplicate at its second row. */
function firstOccurrence(r: RowReader, seen: Map<string, number>, column: string, id: string): boolean {
  const first = seen.get(id);
  if (first === undefined) {
    seen.set(id, r.row);
    return true;
  }
  r.ok = false;
  r.issues.push(
    issue('duplicate_id', r.spec.file, `L'identifiant ${quote(id)} est déjà utilisé ligne ${first} : chaque ligne doit avoir un identifiant unique. Supprimez le doublon ou renumérotez.`, 'un identifiant unique', {
      row: r.row,
      column,
      value: id,
    }),
  );
  return false;
}

/** Checks that a commune code exists in the communes table. */
function knownCommune(r: RowReader, communes: CommuneTable, code: string | undefined): void {
  if (code === undefined || communes.index.has(code)) return;
  r.fail('unknown_commune', 'code_commune', code, 'un code commune INSEE existant (code officiel géographique 2024)', `Code commune ${quote(code)} inconnu`);
}

export function readEtablissement(r: RowReader, out: Collected<Etablissement>, communes: CommuneTable): void {
  const uai = r.get('uai', uaiParser, undefined, 'un code UAI');
  const nom = r.get('nom', textParser, undefined, "le nom de l'établissement");
  const code = r.get('code_commune', communeShapeParser, undefined, 'un code commune INSEE');
  const budgetEur = r.get('budget_eur', budget, { value: undefined });
  knownCommune(r, communes, code);
  if (uai !== undefined && !firstOccurrence(r, out.idRow, 'uai', uai)) return;
  if (!r.ok) return;
  const e: Etablissement = { uai: uai!, nom: nom!, code_commune: code! };
  if (budgetEur !== undefined) e.budget_eur = budgetEur;
  out.records.push(e);
  out.rows.push(r.row);
}

export function readMentore(r: RowReader, out: Collected<Mentore>, diplomas: DiplomaTable): void {
  const id = r.get('id', idParser, undefined, 'un identifiant');
  const uai = r.get('uai', uaiParser, undefined, "l'UAI de l'établissement");
  const diplome = r.get('diplome', diplomaParser(diplomas), undefined, 'un code CFD ou une filière');
  const an = r.get('annee', annee, undefined, 'une année de 1 à 3');
  const dispo = r.get('disponibilites', slotsParser, { value: [] }, MISSING_SLOTS);
  const mod = r.get('modalite', modalite, undefined, 'une modalité');
  const none = { value: false };
  const qpv = r.get('qpv', boolParser, none);
  const ase = r.get('ase', boolParser, none);
  const handicap = r.get('handicap', boolParser, none);
  if (id !== undefined && !firstOccurrence(r, out.idRow, 'id', id)) return;
  if (!r.ok) return;
  out.records.push({ id: id!, uai: uai!, diplome: diplome!, annee: an!, disponibilites: dispo!, modalite: mod!, qpv: qpv!, ase: ase!, handicap: handicap! });
  out.rows.push(r.row);
}

const DIPLOMA_EXPECTED = 'un code CFD de la liste des diplômes (ex. 40025519R) ou une filière : numerique, mobilite, energie';

const diplomaParsers = new WeakMap<DiplomaTable, CellParser<string>>();

/** A mentee's diploma: a filière name (`Numérique`) or a CFD of the list (`400-25519 R` → `40025519R`). One parser per table. */
function diplomaParser(diplomas: DiplomaTable): CellParser<string> {
  let p = diplomaParsers.get(diplomas);
  if (p === undefined) {
    p = makeDiplomaParser(diplomas);
    diplomaParsers.set(diplomas, p);
  }
  return p;
}

function makeDiplomaParser(diplomas: DiplomaTable): CellParser<string> {
  const invalid = new Invalid(DIPLOMA_EXPECTED, 'unknown_diploma');
  return memo((raw) => {
    const t = token(raw);
    if ((FILIERES as readonly string[]).includes(t)) return t as Filiere;
    const cfd = normalizeCfd(raw);
    return diplomas.byCfd.has(cfd) ? cfd : invalid;
  });
}

export function readMentor(r: RowReader, out: Collected<Mentor>, communes: CommuneTable, diplomas: DiplomaTable): void {
  const id = r.get('id', idParser, undefined, 'un identifiant');
  const st = r.get('statut', statut, undefined, 'un statut');
  const fil = r.get('filiere', filiere, undefined, 'une filière');
  const metier = r.get('metier', cfdListParser, { value: [] });
  if (metier !== undefined) {
    for (const cfd of metier) {
      if (!diplomas.byCfd.has(cfd)) r.fail('unknown_diploma', 'metier', cfd, 'des codes CFD de la liste des diplômes, séparés par « | »', `Code métier (CFD) ${quote(cfd)} inconnu`);
    }
  }
  const fct = r.get('fonction', fonction, { value: undefined });
  const code = r.get('code_commune', communeShapeParser, undefined, 'un code commune INSEE');
  knownCommune(r, communes, code);
  const cap = r.get('capacite', capacite, { value: 1 });
  const ray = r.get('rayon_km', rayon, { value: 30 });
  const mod = r.get('modalite', modalite, undefined, 'une modalité');
  const dispo = r.get('disponibilites', slotsParser, { value: [] }, MISSING_SLOTS);
  const hon = r.get('honorabilite', honorabilite, undefined, "l'état de l'honorabilité");
  const honDate = r.get('honorabilite_date', dateParser, { value: undefined });
  const honPar = r.get('honorabilite_par', honorabilitePar, { value: undefined });
  const employeur = r.get('employeur', textParser, { value: undefined });
  if (id !== undefined && !firstOccurrence(r, out.idRow, 'id', id)) return;
  if (!r.ok) return;
  const m: Mentor = {
    id: id!,
    statut: st!,
    filiere: fil!,
    metier: metier!,
    code_commune: code!,
    capacite: cap!,
    rayon_km: ray!,
    modalite: mod!,
    disponibilites: dispo!,
    honorabilite: hon!,
  };
  if (fct !== undefined && fct !== '') m.fonction = fct;
  if (honDate !== undefined) m.honorabilite_date = honDate;
  if (honPar !== undefined) m.honorabilite_par = honPar;
  if (employeur !== undefined) m.employeur = employeur;
  out.records.push(m);
  out.rows.push(r.row);
}

export function readContrainte(r: RowReader, out: Collected<Contrainte>): void {
  const mentore = r.get('mentore_id', idParser, undefined, "l'identifiant d'un mentoré");
  const mentor = r.get('mentor_id', idParser, undefined, "l'identifiant d'un mentor");
  const type = r.get('type', contrainteType, undefined, 'impose ou interdit');
  if (!r.ok) return;
  out.records.push({ mentore_id: mentore!, mentor_id: mentor!, type: type! });
  out.rows.push(r.row);
}

