/**
 * Reference list of the vocational diplomas of the three filières (CFD code → filière, famille de
 * métiers, level), copied from ../shared/data/diplomes into datasets/ref/ and loaded by src/io.
 */
import type { Filiere } from './records.js';

export interface Diploma {
  /** CFD code without spaces, e.g. `40025519R`. */
  cfd: string;
  filiere: Filiere;
  /** Diploma type: `BAC PRO`, `CAP`, `BTS`, `CS4`, `MC4` … */
  diplome: string;
  specialite: string;
  niveau: string;
  /** Famille de métiers of the seconde professionnelle, when the diploma belongs to one. */
  familleDeMetiers: string | null;
}

/** Diplomas indexed by CFD. */
export interface DiplomaTable {
  byCfd: Map<string, Diploma>;
  all: Diploma[];
}
