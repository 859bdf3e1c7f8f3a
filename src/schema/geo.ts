/**
 * Geography of a round: communes (INSEE code → centroid, académie, région académique), loaded
 * once from datasets/geo/communes_academies_2024.csv by `loadCommunes()` in src/io/reference.ts.
 * Codes include the municipal arrondissements of Paris, Lyon and Marseille (type ARM).
 */

/** Columnar table of communes; index i is one commune. */
export interface CommuneTable {
  /** INSEE code → row index. */
  index: Map<string, number>;
  code: string[];
  nom: string[];
  /** Centroid latitude / longitude, degrees. */
  lat: Float64Array;
  lon: Float64Array;
  population: Int32Array;
  /** Académie code (e.g. `10`) and name (e.g. `Lyon`) of each commune. */
  academieCode: string[];
  academie: string[];
  /** Région académique name of each commune. */
  regionAcademique: string[];
}
