/**
 * How coordinators' spellings map to canonical names: headers (`Code commune`, `Disponibilités`,
 * `Diplôme`, `Année`) and enumerated values (`Présentiel`, `En cours`, `DSDEN`) are compared as
 * tokens: accents removed, lower case, any run of other characters turned into one `_`.
 */

const COMBINING = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9]+/g;

/** `Disponibilités ` → `disponibilites`, `Code-commune` → `code_commune`, `Rayon (km)` → `rayon_km`. */
export function token(raw: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(raw) ? raw : raw.normalize('NFD').replace(COMBINING, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  return ascii.toLowerCase().replace(NON_WORD, '_').replace(/^_+|_+$/g, '');
}

/**
 * Header aliases by file, as tokens → canonical column. Canonical names map to themselves
 * implicitly; only other spellings are listed here (and documented in the README).
 */
export const HEADER_ALIASES: Record<string, Record<string, string>> = {
  'etablissements.csv': {
    code_uai: 'uai',
    uai_etablissement: 'uai',
    nom_etablissement: 'nom',
    etablissement: 'nom',
    commune: 'code_commune',
    code_insee: 'code_commune',
    insee: 'code_commune',
    code_commune_insee: 'code_commune',
    budget: 'budget_eur',
    budget_euros: 'budget_eur',
    budget_deplacements: 'budget_eur',
  },
  'mentores.csv': {
    identifiant: 'id',
    id_mentore: 'id',
    mentore_id: 'id',
    mentore: 'id',
    uai_etablissement: 'uai',
    code_uai: 'uai',
    etablissement: 'uai',
    diplome_prepare: 'diplome',
    formation: 'diplome',
    cfd: 'diplome',
    code_diplome: 'diplome',
    annee_de_formation: 'annee',
    disponibilite: 'disponibilites',
    creneaux: 'disponibilites',
    modalites: 'modalite',
  },
  'mentors.csv': {
    identifiant: 'id',
    id_mentor: 'id',
    mentor_id: 'id',
    mentor: 'id',
    metiers: 'metier',
    commune: 'code_commune',
    code_insee: 'code_commune',
    insee: 'code_commune',
    code_commune_insee: 'code_commune',
    capacite_mentores: 'capacite',
    nb_mentores: 'capacite',
    rayon: 'rayon_km',
    rayon_en_km: 'rayon_km',
    disponibilite: 'disponibilites',
    creneaux: 'disponibilites',
    modalites: 'modalite',
    date_honorabilite: 'honorabilite_date',
    honorabilite_verifiee_le: 'honorabilite_date',
    honorabilite_verifiee_par: 'honorabilite_par',
    verifiee_par: 'honorabilite_par',
    entreprise: 'employeur',
  },
  'contraintes.csv': {
    mentore: 'mentore_id',
    id_mentore: 'mentore_id',
    mentor: 'mentor_id',
    id_mentor: 'mentor_id',
    contrainte: 'type',
    type_contrainte: 'type',
  },
};

/** Canonical column of a header cell for a file, given the file's canonical columns. */
export function canonicalHeader(file: string, raw: string, columns: readonly string[]): string | null {
  const t = token(raw);
  if (columns.includes(t)) return t;
  const alias = HEADER_ALIASES[file]?.[t];
  return alias !== undefined && columns.includes(alias) ? alias : null;
}
