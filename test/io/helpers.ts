/** Test helpers: round folders built in a temporary directory from the committed mini fixture. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/rounds/', import.meta.url));
export const SAMPLE = fileURLToPath(new URL('../../datasets/sample/', import.meta.url));

const made: string[] = [];

/**
 * A copy of fixture `from` (default `mini`) with some files replaced (string = UTF-8 text,
 * Uint8Array = raw bytes, null = file removed).
 */
export function roundWith(files: Record<string, string | Uint8Array | null>, from = 'mini'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-round-'));
  made.push(dir);
  cpSync(join(FIXTURES, from), dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (content === null) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Removes the folders made by `roundWith`. */
export function cleanRounds(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export const MENTORES_HEADER = 'id;uai;diplome;annee;disponibilites;modalite;qpv;ase;handicap';
export const MENTORS_HEADER =
  'id;statut;filiere;metier;fonction;code_commune;capacite;rayon_km;modalite;disponibilites;honorabilite;honorabilite_date;honorabilite_par;employeur';
export const GOOD_MENTOR = 'M1;salarie;numerique;40025519R;;69123;2;12.5;presentiel;lun-pm;verifiee;2024-09-01;partenaire;Orange';
