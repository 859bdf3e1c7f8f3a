/**
 * Where synthetic schools and mentors are: commune centroids drawn by population. No open list of
 * lycées professionnels with coordinates exists offline, so schools sit on commune centroids,
 * weighted by population within each académie; mentors live near a school (population-weighted
 * communes within NEAR_KM) or anywhere in its académie.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { CommuneTable } from '../schema/geo.js';
import { type Rng, WeightedSampler } from './rng.js';
import { NEAR_KM } from './proportions.js';

/** Population weight of a commune: communes without a population figure (Mayotte) count as 1 inhabitant. */
function weight(table: CommuneTable, i: number): number {
  return Math.max(1, table.population[i]);
}

/** Communes of one académie with a population sampler. */
export interface AcademieCommunes {
  code: string;
  name: string;
  communes: Int32Array;
  population: number;
  sampler: WeightedSampler;
}

/** Groups communes by académie code, in ascending code order (deterministic). */
export function communesByAcademie(table: CommuneTable, only: readonly string[] | null): AcademieCommunes[] {
  const members = new Map<string, number[]>();
  for (let i = 0; i < table.code.length; i++) {
    const code = table.academieCode[i];
    if (only && !only.includes(code)) continue;
    let list = members.get(code);
    if (!list) members.set(code, (list = []));
    list.push(i);
  }
  if (only) for (const code of only) if (!members.has(code)) throw new Error(`académie inconnue : ${code}`);
  return [...members.keys()].sort().map((code) => {
    const communes = Int32Array.from(members.get(code)!);
    const weights = new Float64Array(communes.length);
    let population = 0;
    for (let k = 0; k < communes.length; k++) {
      weights[k] = weight(table, communes[k]);
      population += weights[k];
    }
    return { code, name: table.academie[communes[0]], communes, population, sampler: new WeightedSampler(weights) };
  });
}

/**
 * Splits `total` schools over académies in proportion to population, at least one each
 * (largest remainders, ties by académie order: deterministic).
 */
export function allocateSchools(academies: AcademieCommunes[], total: number): Int32Array {
  const n = academies.length;
  const counts = new Int32Array(n).fill(1);
  const rest = Math.max(0, total - n);
  let population = 0;
  for (const a of academies) population += a.population;
  const remainders: Array<[number, number]> = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (rest * academies[i].population) / population;
    counts[i] += Math.floor(exact);
    given += Math.floor(exact);
    remainders.push([exact - Math.floor(exact), i]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < rest - given; k++) counts[remainders[k][1]]++;
  return counts;
}

/** Population-weighted sampling of communes near given points, built lazily per point. */
export class NearbyCommunes {
  private readonly index: KDBush;
  private readonly cache = new Map<number, { ids: Int32Array; sampler: WeightedSampler }>();

  constructor(private readonly table: CommuneTable) {
    const n = table.code.length;
    this.index = new KDBush(n);
    for (let i = 0; i < n; i++) this.index.add(table.lon[i], table.lat[i]);
    this.index.finish();
  }

  /** A commune within NEAR_KM of commune `center` (itself included), drawn by population. */
  sample(center: number, rng: Rng): number {
    let entry = this.cache.get(center);
    if (!entry) {
      // `around` returns ids sorted by distance: deterministic for a given table.
      const ids = Int32Array.from(around(this.index, this.table.lon[center], this.table.lat[center], Infinity, NEAR_KM));
      const weights = new Float64Array(ids.length);
      for (let k = 0; k < ids.length; k++) weights[k] = weight(this.table, ids[k]);
      entry = { ids, sampler: new WeightedSampler(weights) };
      this.cache.set(center, entry);
    }
    return entry.ids[entry.sampler.sample(rng)];
  }
}

/** Département of a commune code (2 characters, 3 for overseas `97x`), as used in UAI prefixes. */
export function departementOf(codeCommune: string): string {
  return codeCommune.startsWith('97') ? codeCommune.slice(0, 3) : codeCommune.slice(0, 2);
}

/** Great-circle distance in km between two communes. */
export function communeKm(table: CommuneTable, a: number, b: number): number {
  const rad = Math.PI / 180;
  const dLat = (table.lat[b] - table.lat[a]) * rad;
  const dLon = (table.lon[b] - table.lon[a]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(table.lat[a] * rad) * Math.cos(table.lat[b] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
