/**
 * Synthetic schools (lycées professionnels): placed on commune centroids drawn by population within
 * each académie, with a plausible UAI, a name, the filières and diplomas they teach.
 */
import type { CommuneTable } from '../schema/geo.js';
import type { Diploma, DiplomaTable } from '../schema/diplomas.js';
import type { Filiere } from '../schema/records.js';
import { type Rng, pickWeighted } from './rng.js';
import { type AcademieCommunes, allocateSchools, departementOf } from './places.js';
import { MENTEE_FILIERE, SCHOOL_FILIERE_COUNT, MENTEE_DIPLOMA_TYPE } from './proportions.js';

/** A generated school, before it becomes an `etablissements.csv` row. */
export interface GenSchool {
  uai: string;
  nom: string;
  commune: number;
  academie: number;
  filieres: Filiere[];
  /** Diplomas taught (mentee-level: CAP, bac pro, MC/CS/BP), drawn from the shared list. */
  diplomas: Diploma[];
}

// Names commonly given to French schools; a synthetic school takes one plus its commune.
const PATRONS = [
  'Jean Moulin', 'Marie Curie', 'Jules Verne', 'Louise Michel', 'Victor Hugo', 'Gustave Eiffel',
  'Simone Veil', 'Jean Jaurès', 'Pierre Mendès France', 'Hélène Boucher', 'Camille Claudel',
  "Antoine de Saint-Exupéry", 'Nelson Mandela', 'Olympe de Gouges', 'Louis Armand', 'André Citroën',
  'Sadi Carnot', 'Paul Langevin', 'Joliot-Curie', 'Léonard de Vinci',
] as const;

// UAI check letter: the 7-digit number modulo 23 indexes this alphabet (no I, O, Q).
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A UAI for a school of département `dep`: 3-digit département prefix, 4 digits, check letter. */
export function makeUai(dep: string, serial: number): string {
  const prefix = dep === '2A' ? '620' : dep === '2B' ? '720' : dep.padStart(3, '0');
  const digits = prefix + String(serial % 10000).padStart(4, '0');
  return digits + UAI_LETTERS[Number(digits) % 23];
}

/** Diploma types a lycéen professionnel prepares (BTS are post-bac students: not mentees here). */
function menteeType(d: Diploma): 'CAP' | 'BAC PRO' | 'AUTRE' | null {
  if (d.diplome === 'CAP') return 'CAP';
  if (d.diplome === 'BAC PRO') return 'BAC PRO';
  if (d.diplome === 'BTS') return null;
  return 'AUTRE';
}

/** Creates `counts[a]` schools in each académie `a`. */
export function makeSchools(
  rng: Rng,
  communes: CommuneTable,
  diplomas: DiplomaTable,
  academies: AcademieCommunes[],
  total: number,
): GenSchool[] {
  const counts = allocateSchools(academies, total);
  const byFiliere = new Map<Filiere, Diploma[]>();
  for (const d of diplomas.all) {
    if (!menteeType(d)) continue;
    let list = byFiliere.get(d.filiere);
    if (!list) byFiliere.set(d.filiere, (list = []));
    list.push(d);
  }
  const usedUai = new Set<string>();
  const usedName = new Set<string>();
  const schools: GenSchool[] = [];
  for (let a = 0; a < academies.length; a++) {
    for (let s = 0; s < counts[a]; s++) {
      const acad = academies[a];
      const commune = acad.communes[acad.sampler.sample(rng)];
      const dep = departementOf(communes.code[commune]);
      let uai = makeUai(dep, rng.int(10000));
      while (usedUai.has(uai)) uai = makeUai(dep, rng.int(10000));
      usedUai.add(uai);
      let nom = `Lycée professionnel ${rng.pick(PATRONS)}, ${communes.nom[commune]}`;
      for (let k = 2; usedName.has(nom); k++) nom = `Lycée professionnel ${rng.pick(PATRONS)} (${k}), ${communes.nom[commune]}`;
      usedName.add(nom);

      const nFilieres = pickWeighted(rng, SCHOOL_FILIERE_COUNT);
      const filieres: Filiere[] = [];
      while (filieres.length < nFilieres) {
        const f = pickWeighted(rng, MENTEE_FILIERE);
        if (!filieres.includes(f)) filieres.push(f);
      }
      filieres.sort();
      // Each filière is taught through 2–4 diplomas, types in the national mix.
      const taught: Diploma[] = [];
      for (const f of filieres) {
        const pool = byFiliere.get(f) ?? [];
        const n = 2 + rng.int(3);
        for (let k = 0; k < n * 4 && taught.filter((d) => d.filiere === f).length < n; k++) {
          const type = pickWeighted(rng, MENTEE_DIPLOMA_TYPE);
          const ofType = pool.filter((d) => menteeType(d) === type);
          if (ofType.length === 0) continue;
          const d = rng.pick(ofType);
          if (!taught.includes(d)) taught.push(d);
        }
        if (!taught.some((d) => d.filiere === f)) taught.push(rng.pick(pool));
      }
      schools.push({ uai, nom, commune, academie: a, filieres, diplomas: taught });
    }
  }
  return schools;
}
