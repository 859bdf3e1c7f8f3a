/**
 * Inline SVG figures of the HTML report: the map of schools and mentors, and bar histograms.
 * Plain strings, no library and no network: the page must render offline.
 */
import type { MentorPlace, SchoolInfo } from './outcome.js';
import { esc, frNumber } from './format.js';

const MAP_W = 640;
const MAP_H = 520;
const PAD = 24;

/**
 * Equirectangular projection centred on the round: x ∝ lon·cos(mean lat), y ∝ −lat. Enough for a
 * région or France (distortion of a few % at these latitudes), and exact to draw from centroids.
 */
export function makeProjection(points: ReadonlyArray<{ lat: number; lon: number }>): (lat: number, lon: number) => [number, number] {
  return projectionWithScale(points).project;
}

/** Kilometres per degree of latitude (mean Earth radius 6,371 km). */
const KM_PER_DEG = (Math.PI * 6371) / 180;

/** The projection and its scale, px per km (for the scale bar). */
function projectionWithScale(points: ReadonlyArray<{ lat: number; lon: number }>): { project: (lat: number, lon: number) => [number, number]; pxPerKm: number } {
  if (points.length === 0) return { project: () => [MAP_W / 2, MAP_H / 2], pxPerKm: 1 };
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const p of points) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  // A single place (or a line) still gets a sensible scale: at least 0.1° of extent.
  const spanX = Math.max((maxLon - minLon) * k, 0.1);
  const spanY = Math.max(maxLat - minLat, 0.1);
  const scale = Math.min((MAP_W - 2 * PAD) / spanX, (MAP_H - 2 * PAD) / spanY);
  const cx = ((minLon + maxLon) / 2) * k;
  const cy = (minLat + maxLat) / 2;
  return { project: (lat, lon) => [MAP_W / 2 + (lon * k - cx) * scale, MAP_H / 2 - (lat - cy) * scale], pxPerKm: scale / KM_PER_DEG };
}

/** A scale bar of a round length (1, 2, 5 × 10^n km) about a fifth of the map wide. */
function scaleBar(pxPerKm: number): string {
  const target = (MAP_W / 5) / pxPerKm;
  const p10 = 10 ** Math.floor(Math.log10(target));
  const km = [1, 2, 5, 10].map((m) => m * p10).filter((v) => v <= target).pop() ?? p10;
  const w = km * pxPerKm;
  const y = MAP_H - 12;
  return `<g class="echelle"><line x1="12" y1="${y}" x2="${f1(12 + w)}" y2="${y}"/><text x="12" y="${y - 5}">${frNumber(km, 0)} km</text></g>`;
}

const f1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);

/**
 * The map: one circle per school (class `ecole`, colour by coverage) and one per mentors' commune
 * (class `mentors`, area ∝ eligible mentors). Mentors are aggregated by commune: no person is placed.
 */
export function mapSvg(schools: readonly SchoolInfo[], places: readonly MentorPlace[], coverage: Map<string, number>): string {
  const { project, pxPerKm } = projectionWithScale([...schools, ...places]);
  const parts: string[] = [];
  for (const m of places) {
    if (m.eligibles === 0) continue;
    const [x, y] = project(m.lat, m.lon);
    const r = 2 + Math.sqrt(m.eligibles) * 1.5;
    parts.push(
      `<circle class="mentors" cx="${f1(x)}" cy="${f1(y)}" r="${f1(r)}"><title>${esc(m.codeCommune)} : ${m.eligibles} mentor(s) éligible(s), ${m.utilises} avec mentoré</title></circle>`,
    );
  }
  for (const s of schools) {
    const [x, y] = project(s.lat, s.lon);
    const c = coverage.get(s.uai) ?? 0;
    const cls = c >= 0.9 ? 'haut' : c >= 0.6 ? 'moyen' : 'bas';
    parts.push(
      `<rect class="ecole ${cls}" data-uai="${esc(s.uai)}" x="${f1(x - 5)}" y="${f1(y - 5)}" width="10" height="10"><title>${esc(s.nom)} (${esc(s.commune)}) : couverture ${frNumber(c * 100, 0)} %</title></rect>`,
    );
  }
  // Names only when few enough schools to stay readable (a national map has thousands).
  if (schools.length <= 40) {
    for (const s of schools) {
      const [x, y] = project(s.lat, s.lon);
      const label = s.nom.replace(/^lyc[ée]e professionnel\s+/i, 'LP ');
      // Labels of schools on the right half go to their left, so they stay inside the map.
      const left = x > MAP_W / 2;
      parts.push(`<text class="nom" x="${f1(left ? x - 8 : x + 8)}" y="${f1(y + 4)}"${left ? ' text-anchor="end"' : ''}>${esc(label)}</text>`);
    }
  }
  parts.push(scaleBar(pxPerKm));
  return (
    `<svg class="carte" viewBox="0 0 ${MAP_W} ${MAP_H}" role="img" aria-label="Carte des établissements et des mentors">` +
    `<rect class="fond" x="0" y="0" width="${MAP_W}" height="${MAP_H}"/>` +
    parts.join('') +
    `</svg>`
  );
}

/** One bar of a histogram. */
export interface Bin {
  label: string;
  count: number;
}

/** Bins values into [edges[i], edges[i+1]) and a last open bin `≥ edges[last]`. */
export function binValues(values: readonly number[], edges: readonly number[], unit: string): Bin[] {
  const counts = new Array<number>(edges.length).fill(0);
  for (const v of values) {
    let i = edges.length - 1;
    while (i > 0 && v < edges[i]) i--;
    counts[i]++;
  }
  return edges.map((e, i) => ({
    label: i + 1 < edges.length ? `${frNumber(e, 0)}–${frNumber(edges[i + 1], 0)} ${unit}` : `≥ ${frNumber(e, 0)} ${unit}`,
    count: counts[i],
  }));
}

/** A horizontal bar chart of bins, with the count written at the end of each bar. */
export function histogramSvg(bins: readonly Bin[], label: string): string {
  const rowH = 22;
  const labelW = 120;
  const barW = 360;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const h = bins.length * rowH + 8;
  const rows = bins.map((b, i) => {
    const y = 4 + i * rowH;
    const w = (b.count / max) * barW;
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>` +
      `<rect class="barre" x="${labelW}" y="${y + 3}" width="${f1(w)}" height="${rowH - 6}"/>` +
      `<text x="${f1(labelW + w + 6)}" y="${y + 15}">${b.count}</text>`
    );
  });
  return `<svg class="histo" viewBox="0 0 ${labelW + barW + 60} ${h}" role="img" aria-label="${esc(label)}">${rows.join('')}</svg>`;
}
