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
  /**
   * Group of the source list: one of the filières, or `transport_logistique` for the optional
   * transport/logistique diplomas, which are mapped to the `mobilite` filière (see README).
   */
  groupe: Filiere | 'transport_logistique';
}

/** Diplomas indexed by CFD. */
export interface DiplomaTable {
  byCfd: Map<string, Diploma>;
  all: Diploma[];
}
