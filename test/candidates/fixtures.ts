/** Hand-made reference tables and a seeded random round for candidate tests. */
import type { CommuneTable } from '../../src/schema/geo.js';
import type { Diploma, DiplomaTable } from '../../src/schema/diplomas.js';
import type { Round } from '../../src/schema/round.js';
import type { Mentor, Mentore, Etablissement, Contrainte } from '../../src/schema/records.js';
import { SLOTS, MODALITES, STATUTS } from '../../src/schema/records.js';
import { defaultPolicy, type Policy } from '../../src/schema/policy.js';

/** A few communes around Lyon and one far away (Brest), real centroids rounded. */
export const COMMUNES: [string, string, number, number][] = [
  ['69123', 'Lyon', 45.758, 4.835],
  ['69266', 'Villeurbanne', 45.7667, 4.8803],
  ['69259', 'Vénissieux', 45.6975, 4.8867],
  ['38185', 'Grenoble', 45.1885, 5.7245],
  ['42218', 'Saint-Étienne', 45.4347, 4.3903],
  ['69264', 'Villefranche-sur-Saône', 45.9897, 4.7194],
  ['29019', 'Brest', 48.3904, -4.4861],
  ['01053', 'Bourg-en-Bresse', 46.2052, 5.2255],
];

export function communeTable(rows = COMMUNES): CommuneTable {
  const t: CommuneTable = {
    index: new Map(),
    code: [],
    nom: [],
    lat: new Float64Array(rows.length),
    lon: new Float64Array(rows.length),
    population: new Int32Array(rows.length),
    academieCode: [],
    academie: [],
    regionAcademique: [],
  };
  rows.forEach(([code, nom, lat, lon], k) => {
    t.index.set(code, k);
    t.code.push(code);
    t.nom.push(nom);
    t.lat[k] = lat;
    t.lon[k] = lon;
    t.population[k] = 1000;
    t.academieCode.push('10');
    t.academie.push('Lyon');
    t.regionAcademique.push('Auvergne-Rhône-Alpes');
  });
  return t;
}

const FAM_TNE = 'Métiers des transitions numérique et énergétique';
const FAM_MAINT = 'Métiers de la maintenance des matériels et des véhicules';
export const DIPLOMAS: Diploma[] = [
  { cfd: 'N1', filiere: 'numerique', diplome: 'BAC PRO', specialite: 'CIEL', niveau: '4', familleDeMetiers: FAM_TNE, groupe: 'numerique' },
  { cfd: 'N2', filiere: 'numerique', diplome: 'BTS', specialite: 'SIO', niveau: '5', familleDeMetiers: null, groupe: 'numerique' },
  { cfd: 'E1', filiere: 'energie', diplome: 'BAC PRO', specialite: 'MELEC', niveau: '4', familleDeMetiers: FAM_TNE, groupe: 'energie' },
  { cfd: 'E2', filiere: 'energie', diplome: 'CAP', specialite: 'Électricien', niveau: '3', familleDeMetiers: null, groupe: 'energie' },
  { cfd: 'M1', filiere: 'mobilite', diplome: 'BAC PRO', specialite: 'MV', niveau: '4', familleDeMetiers: FAM_MAINT, groupe: 'mobilite' },
  { cfd: 'M2', filiere: 'mobilite', diplome: 'BAC PRO', specialite: 'MM', niveau: '4', familleDeMetiers: FAM_MAINT, groupe: 'mobilite' },
  { cfd: 'M3', filiere: 'mobilite', diplome: 'CAP', specialite: 'Carrosserie', niveau: '3', familleDeMetiers: null, groupe: 'mobilite' },
];

export function diplomaTable(list = DIPLOMAS): DiplomaTable {
  return { byCfd: new Map(list.map((d) => [d.cfd, d])), all: list };
}

/** A round from parts; missing parts are empty. */
export function makeRound(parts: Partial<Pick<Round, 'etablissements' | 'mentores' | 'mentors' | 'contraintes'>>, politique: Policy = defaultPolicy()): Round {
  const etablissements = parts.etablissements ?? [];
  const mentores = parts.mentores ?? [];
  const mentors = parts.mentors ?? [];
  return {
    dir: 'test',
    etablissements,
    mentores,
    mentors,
    contraintes: parts.contraintes ?? [],
    politique,
    files: [],
    rowOf: { mentores: mentores.map((_, k) => k + 2), mentors: mentors.map((_, k) => k + 2), etablissements: etablissements.map((_, k) => k + 2) },
  };
}

export function mentee(over: Partial<Mentore> & { id: string }): Mentore {
  return { uai: '0690001A', diplome: 'N1', annee: 1, disponibilites: ['lun-pm'], modalite: 'indifferent', qpv: false, ase: false, handicap: false, ...over };
}

export function mentor(over: Partial<Mentor> & { id: string }): Mentor {
  return {
    statut: 'salarie',
    filiere: 'numerique',
    metier: [],
    code_commune: '69123',
    capacite: 1,
    rayon_km: 30,
    modalite: 'indifferent',
    disponibilites: ['lun-pm'],
    honorabilite: 'verifiee',
    honorabilite_date: '2024-09-01',
    honorabilite_par: 'partenaire',
    ...over,
  };
}

export const SCHOOLS: Etablissement[] = [
  { uai: '0690001A', nom: 'LP Lyon', code_commune: '69123' },
  { uai: '0690002B', nom: 'LP Vénissieux', code_commune: '69259' },
  { uai: '0380003C', nom: 'LP Grenoble', code_commune: '38185' },
  { uai: '0420004D', nom: 'LP Saint-Étienne', code_commune: '42218' },
];

/** mulberry32: small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded random round over the fixture tables, with every case the rules distinguish. */
export function randomRound(seed: number, nMentees: number, nMentors: number, policyOver: Record<string, unknown> = {}): Round {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const slots = (): string[] => SLOTS.filter(() => r() < 0.15);
  const cfds = DIPLOMAS.map((d) => d.cfd);
  const mentores: Mentore[] = [];
  for (let i = 0; i < nMentees; i++) {
    mentores.push(
      mentee({
        id: `E${i}`,
        uai: pick(SCHOOLS).uai,
        diplome: r() < 0.15 ? pick(['numerique', 'energie', 'mobilite']) : pick(cfds),
        disponibilites: slots(),
        modalite: pick(MODALITES),
        qpv: r() < 0.2,
      }),
    );
  }
  const mentors: Mentor[] = [];
  for (let j = 0; j < nMentors; j++) {
    const honor = r() < 0.85 ? 'verifiee' : pick(['en_cours', 'non_verifiee'] as const);
    mentors.push(
      mentor({
        id: `M${j}`,
        statut: r() < 0.05 ? 'etudiant' : pick(STATUTS.filter((s) => s !== 'etudiant')),
        filiere: pick(['numerique', 'energie', 'mobilite'] as const),
        metier: cfds.filter(() => r() < 0.15),
        fonction: r() < 0.1 ? 'RH' : undefined,
        code_commune: pick(COMMUNES)[0],
        capacite: 1 + Math.floor(r() * 3),
        rayon_km: pick([5, 10, 20, 30, 45, 80, 150, 400, 700]),
        modalite: pick(MODALITES),
        disponibilites: slots(),
        honorabilite: honor,
        honorabilite_date: r() < 0.05 ? undefined : pick(['2024-01-10', '2024-09-01', '2025-03-01']),
        honorabilite_par: r() < 0.05 ? undefined : pick(['partenaire', 'dsden'] as const),
        employeur: r() < 0.5 ? pick(['Orange', 'EDF', 'Renault', 'SNCF']) : undefined,
      }),
    );
  }
  const contraintes: Contrainte[] = [];
  for (let c = 0; c < Math.floor(nMentees / 4); c++) {
    contraintes.push({ mentore_id: `E${Math.floor(r() * nMentees)}`, mentor_id: `M${Math.floor(r() * nMentors)}`, type: r() < 0.5 ? 'interdit' : 'impose' });
  }
  const politique = defaultPolicyWith({
    k_candidats: 1 + Math.floor(r() * 6),
    conflits: [
      { employeur: 'Orange', uai: '0690001A' },
      { employeur: 'edf', uai: '0380003C' },
    ],
    distanciel_sans_creneau_commun: r() < 0.5,
    frais: { plafond_eur: pick([150, 300, 500]), rencontres_par_an: 10, puissance_fiscale: '<=5 CV', autoriser_depassement: r() < 0.2 },
    ...policyOver,
  });
  return makeRound({ etablissements: SCHOOLS, mentores, mentors, contraintes }, politique);
}

import { PolicySchema } from '../../src/schema/policy.js';
export function defaultPolicyWith(over: Record<string, unknown>): Policy {
  return PolicySchema.parse(over);
}
