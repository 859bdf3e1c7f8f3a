/**
 * Reference data shipped with the package: communes (geocoding) and the diploma list. Files are
 * resolved relative to this module, so the same code works from `src/io` (tsx, vitest) and from
 * the built `dist/io`: both sit two levels under the package root, next to `datasets/`.
 * Each table is read once per process and memoised.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommuneTable } from '../schema/geo.js';
import type { Diploma, DiplomaTable } from '../schema/diplomas.js';
import { FILIERES, type Filiere } from '../schema/records.js';

/** Absolute path of a file under the package's `datasets/` folder. */
export function datasetPath(relative: string): string {
  return fileURLToPath(new URL(`../../datasets/${relative}`, import.meta.url));
}

let communes: CommuneTable | undefined;

/**
 * The communes of France (2024, with the municipal arrondissements of Paris, Lyon, Marseille):
 * INSEE code → centroid, académie, région académique. Memoised; ~35,000 rows parsed by a small
 * hand-written scanner (the file is ours and regular: 11 columns, `"`-quoted text, no newline in a
 * field), which keeps the load in the tens of milliseconds.
 */
export function loadCommunes(): CommuneTable {
  if (communes) return communes;
  const text = readFileSync(datasetPath('geo/communes_academies_2024.csv'), 'utf8');
  communes = parseCommunes(text);
  return communes;
}

/** Parses the communes CSV (header `code_insee,nom,type,dep,reg,code_academie,academie,region_academique,lat,lon,population_2021`). */
export function parseCommunes(text: string): CommuneTable {
  const lines = text.split(/\r?\n/);
  const header = splitQuoted(lines[0]);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`communes table: column ${name} missing`);
    return i;
  };
  const iCode = col('code_insee');
  const iNom = col('nom');
  const iAcadCode = col('code_academie');
  const iAcad = col('academie');
  const iRegion = col('region_academique');
  const iLat = col('lat');
  const iLon = col('lon');
  const iPop = col('population_2021');
  let n = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].length > 0) n++;
  const table: CommuneTable = {
    index: new Map(),
    code: new Array<string>(n),
    nom: new Array<string>(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    population: new Int32Array(n),
    academieCode: new Array<string>(n),
    academie: new Array<string>(n),
    regionAcademique: new Array<string>(n),
  };
  // Académie and région names repeat ~35,000 times: intern them so each name is one string.
  const interned = new Map<string, string>();
  const intern = (s: string): string => {
    const hit = interned.get(s);
    if (hit !== undefined) return hit;
    interned.set(s, s);
    return s;
  };
  let k = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].length === 0) continue;
    const f = splitQuoted(lines[i]);
    table.code[k] = f[iCode];
    table.nom[k] = f[iNom];
    table.lat[k] = Number(f[iLat]);
    table.lon[k] = Number(f[iLon]);
    table.population[k] = Number(f[iPop]) | 0;
    table.academieCode[k] = intern(f[iAcadCode]);
    table.academie[k] = intern(f[iAcad]);
    table.regionAcademique[k] = intern(f[iRegion]);
    table.index.set(f[iCode], k);
    k++;
  }
  return withCityCodes(table);
}

/**
 * Paris, Lyon and Marseille appear only as municipal arrondissements (ARM). Spreadsheets often
 * carry the city's own code (75056, 69123, 13055): add it, placed at the population-weighted
 * centroid of its arrondissements, with the académie of the first one.
 */
function withCityCodes(t: CommuneTable): CommuneTable {
  const cities: Array<[code: string, nom: string, arm: RegExp]> = [
    ['75056', 'Paris', /^751\d\d$/],
    ['69123', 'Lyon', /^6938\d$/],
    ['13055', 'Marseille', /^132\d\d$/],
  ];
  const extra: Array<{ code: string; nom: string; lat: number; lon: number; pop: number; from: number }> = [];
  for (const [code, nom, arm] of cities) {
    if (t.index.has(code)) continue;
    let w = 0;
    let lat = 0;
    let lon = 0;
    let from = -1;
    for (let i = 0; i < t.code.length; i++) {
      if (!arm.test(t.code[i])) continue;
      const p = Math.max(1, t.population[i]);
      w += p;
      lat += p * t.lat[i];
      lon += p * t.lon[i];
      if (from < 0) from = i;
    }
    if (from >= 0) extra.push({ code, nom, lat: lat / w, lon: lon / w, pop: w, from });
  }
  if (extra.length === 0) return t;
  const n = t.code.length;
  const m = n + extra.length;
  const grow = <T extends Float64Array | Int32Array>(a: T, make: (k: number) => T): T => {
    const b = make(m);
    b.set(a);
    return b;
  };
  const out: CommuneTable = {
    index: t.index,
    code: t.code,
    nom: t.nom,
    lat: grow(t.lat, (k) => new Float64Array(k)),
    lon: grow(t.lon, (k) => new Float64Array(k)),
    population: grow(t.population, (k) => new Int32Array(k)),
    academieCode: t.academieCode,
    academie: t.academie,
    regionAcademique: t.regionAcademique,
  };
  extra.forEach((e, j) => {
    const k = n + j;
    out.code.push(e.code);
    out.nom.push(e.nom);
    out.lat[k] = e.lat;
    out.lon[k] = e.lon;
    out.population[k] = e.pop;
    out.academieCode.push(t.academieCode[e.from]);
    out.academie.push(t.academie[e.from]);
    out.regionAcademique.push(t.regionAcademique[e.from]);
    out.index.set(e.code, k);
  });
  return out;
}

/** Splits one line of a `,`-separated file whose text fields may be `"`-quoted (with `""` escapes). */
function splitQuoted(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let s = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          s += line.slice(i);
          i = line.length;
          break;
        }
        s += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(s);
      i++; // skip the comma after the closing quote
    } else {
      let c = line.indexOf(',', i);
      if (c < 0) c = line.length;
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
  return out;
}

let diplomas: DiplomaTable | undefined;

/** Shape of one entry of datasets/ref/diplomes.json (the shared list, unchanged). */
interface DiplomaSource {
  family: string;
  diplome: string;
  cfd: string;
  specialite: string;
  niveau: string;
  familleDeMetiers: string | null;
}

/**
 * The vocational diplomas of the three filières, by CFD (normalised: no spaces, upper case).
 * The source's optional `mobilite_transport_logistique` group is mapped to the `mobilite`
 * filière (transport and logistics are mobility trades) and keeps `groupe: 'transport_logistique'`.
 * Memoised.
 */
export function loadDiplomas(): DiplomaTable {
  if (diplomas) return diplomas;
  const source = JSON.parse(readFileSync(datasetPath('ref/diplomes.json'), 'utf8')) as DiplomaSource[];
  const all: Diploma[] = source.map((d) => {
    const filiere = (FILIERES as readonly string[]).includes(d.family) ? (d.family as Filiere) : 'mobilite';
    const groupe = d.family === 'mobilite_transport_logistique' ? 'transport_logistique' : filiere;
    return {
      cfd: normalizeCfd(d.cfd),
      filiere,
      diplome: d.diplome,
      specialite: d.specialite,
      niveau: d.niveau,
      familleDeMetiers: d.familleDeMetiers,
      groupe,
    };
  });
  diplomas = { byCfd: new Map(all.map((d) => [d.cfd, d])), all };
  return diplomas;
}

/** A CFD code as the tables key it: spaces and hyphens removed, upper case (`400-25519 r` → `40025519R`). */
export function normalizeCfd(raw: string): string {
  return raw.replace(/[\s\-.]+/g, '').toUpperCase();
}
