/**
 * Spatial index of in-person mentors. Mentors sit on commune centroids, so many share a point:
 * the index holds distinct *sites* (a point and its mentors, by index), one kdbush per radius
 * class, so a school queries each class with that class's largest `rayon_km` instead of the
 * round's largest (one mentor willing to drive 200 km must not make every query 200 km wide).
 */
import KDBush from 'kdbush';
import { distance } from 'geokdbush';

/** Upper bounds (km) of the radius classes; a mentor belongs to the first class ≥ its radius. */
export const RADIUS_CLASSES = [10, 20, 30, 45, 60, 90, 150, 300, Infinity];

/** Mean Earth radius used by geokdbush's `distance`, km. */
const EARTH_KM = 6371;
const DEG = Math.PI / 180;

/** One radius class: its sites, each with the mentors located there (CSR, ascending index). */
export interface SiteClass {
  index: KDBush;
  /** Largest mentor radius in the class, road km. */
  maxRadius: number;
  siteLon: Float64Array;
  siteLat: Float64Array;
  siteOffsets: Int32Array;
  siteMentors: Int32Array;
}

/**
 * Builds the site index of the mentors `include(j)` accepts, located at (`lon[j]`, `lat[j]`)
 * with radius `radius[j]` road km. Mentors without a location are left out.
 */
export function buildSiteIndex(
  lon: Float64Array,
  lat: Float64Array,
  radius: Float64Array,
  include: (j: number) => boolean,
): SiteClass[] {
  const perClass: number[][] = RADIUS_CLASSES.map(() => []);
  for (let j = 0; j < lon.length; j++) {
    if (!include(j) || !Number.isFinite(lon[j]) || !Number.isFinite(lat[j])) continue;
    let c = 0;
    while (radius[j] > RADIUS_CLASSES[c]) c++;
    perClass[c].push(j);
  }
  const out: SiteClass[] = [];
  for (const mentors of perClass) {
    if (mentors.length === 0) continue;
    // Group by exact coordinates (same commune → same centroid), keeping first-seen site order.
    const siteOf = new Map<string, number>();
    const siteOfMentor = new Int32Array(mentors.length);
    const lons: number[] = [];
    const lats: number[] = [];
    let maxRadius = 0;
    mentors.forEach((j, k) => {
      const key = `${lon[j]},${lat[j]}`;
      let s = siteOf.get(key);
      if (s === undefined) {
        s = lons.length;
        siteOf.set(key, s);
        lons.push(lon[j]);
        lats.push(lat[j]);
      }
      siteOfMentor[k] = s;
      maxRadius = Math.max(maxRadius, radius[j]);
    });
    const nSites = lons.length;
    const siteOffsets = new Int32Array(nSites + 1);
    for (let k = 0; k < mentors.length; k++) siteOffsets[siteOfMentor[k] + 1]++;
    for (let s = 0; s < nSites; s++) siteOffsets[s + 1] += siteOffsets[s];
    const fill = siteOffsets.slice(0, nSites);
    const siteMentors = new Int32Array(mentors.length);
    // `mentors` is ascending, so each site's list is ascending too.
    for (let k = 0; k < mentors.length; k++) siteMentors[fill[siteOfMentor[k]]++] = mentors[k];
    const index = new KDBush(nSites, 64, Float64Array);
    for (let s = 0; s < nSites; s++) index.add(lons[s], lats[s]);
    index.finish();
    out.push({
      index,
      maxRadius,
      siteLon: Float64Array.from(lons),
      siteLat: Float64Array.from(lats),
      siteOffsets,
      siteMentors,
    });
  }
  return out;
}

/**
 * Ids of the sites of `cls` that may lie within `gcKm` great-circle km of (lon, lat): a bounding
 * box that contains the whole spherical cap (the exact distance is checked by the caller).
 */
export function sitesNear(cls: SiteClass, lon: number, lat: number, gcKm: number): number[] {
  const delta = gcKm / EARTH_KM; // angular radius, rad
  const dLat = (delta / DEG) * (1 + 1e-9) + 1e-9;
  const cosLat = Math.cos(lat * DEG);
  const s = Math.sin(delta);
  let dLon = 180;
  if (s < cosLat && Math.abs(lat) + dLat < 90) dLon = (Math.asin(s / cosLat) / DEG) * (1 + 1e-6) + 1e-9;
  return cls.index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
}

export { distance };
