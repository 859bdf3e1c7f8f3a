import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCommunes, loadDiplomas } from '../../src/io/reference.js';
import { readRound } from '../../src/io/round.js';
import { generateRound, type GeneratedRound } from '../../src/generate/round.js';
import { renderRound } from '../../src/generate/render.js';
import { formatCsv, writeRound } from '../../src/io/round-writer.js';
import { PRESETS } from '../../src/generate/presets.js';
import { communeKm } from '../../src/generate/places.js';
import { ContrainteSchema, EtablissementSchema, MentorSchema, MentoreSchema } from '../../src/schema/records.js';
import { PolicySchema } from '../../src/schema/policy.js';

const refs = { communes: loadCommunes(), diplomas: loadDiplomas() };

/** sha256 of every rendered file of a round, in file order. */
function hashRound(round: GeneratedRound): string {
  const h = createHash('sha256');
  const t = renderRound(round);
  for (const c of t.csv) h.update(c.name).update(formatCsv(c));
  for (const j of t.json) h.update(j.name).update(JSON.stringify(j.value));
  return h.digest('hex');
}

const share = (xs: boolean[]): number => xs.filter(Boolean).length / xs.length;

describe('generateRound determinism', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm-gen-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes byte-identical files for the same seed, different ones for another seed', () => {
    const hashDir = (d: string): Record<string, string> =>
      Object.fromEntries(readdirSync(d).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]));
    writeRound(join(dir, 'a'), generateRound('sample', 1, refs));
    writeRound(join(dir, 'b'), generateRound('sample', 1, refs));
    writeRound(join(dir, 'c'), generateRound('sample', 2, refs));
    const a = hashDir(join(dir, 'a'));
    expect(Object.keys(a)).toEqual(['contraintes.csv', 'etablissements.csv', 'mentores.csv', 'mentors.csv', 'politique.json']);
    expect(hashDir(join(dir, 'b'))).toEqual(a);
    expect(hashDir(join(dir, 'c'))['mentores.csv']).not.toBe(a['mentores.csv']);
  });

  it('datasets/sample is exactly `generate --preset sample --seed 1` (regenerate it, never edit it by hand)', () => {
    const sample = fileURLToPath(new URL('../../datasets/sample/', import.meta.url));
    const hashDir = (d: string): Record<string, string> =>
      Object.fromEntries(readdirSync(d).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]));
    writeRound(join(dir, 'sample'), generateRound('sample', 1, refs));
    expect(hashDir(sample)).toEqual(hashDir(join(dir, 'sample')));
  });

  it('renders pilote-2024 identically twice (in memory)', () => {
    expect(hashRound(generateRound('pilote-2024', 5, refs))).toBe(hashRound(generateRound('pilote-2024', 5, refs)));
  });

  it('writes spreadsheet-style CSV: BOM, `;`, CRLF, quotes only where needed', () => {
    const text = formatCsv({ name: 'x.csv', header: ['a', 'b'], rows: [['1', 'x;y'], ['say "hi"', '']] });
    expect(text).toBe('\ufeffa;b\r\n1;"x;y"\r\n"say ""hi""";\r\n');
  });
});

describe('generated rounds are valid', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm-gen-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sample passes readRound, and ingestion gives back exactly the generated records', async () => {
    const round = generateRound('sample', 1, refs);
    writeRound(join(dir, 'sample'), round);
    const res = await readRound(join(dir, 'sample'), { date: round.roundDate });
    if (!res.ok) expect(res.issues.map((i) => i.message)).toEqual([]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // The spreadsheet quirks (spaces, accents, jj/mm/aaaa, decimal comma, dropped zeros) all undo.
    expect(res.round.etablissements).toEqual(round.etablissements);
    expect(res.round.mentores).toEqual(round.mentores);
    expect(res.round.mentors).toEqual(round.mentors);
    expect(res.round.contraintes).toEqual(round.contraintes);
    expect(res.round.politique.conflits).toEqual(round.politique.conflits);
  });

  it('pilote-2024 passes readRound', async () => {
    const round = generateRound('pilote-2024', 3, refs);
    writeRound(join(dir, 'pilote'), round);
    const res = await readRound(join(dir, 'pilote'), { date: round.roundDate });
    expect(res.ok ? [] : res.issues.slice(0, 5).map((i) => i.message)).toEqual([]);
  });

  it('every record parses with the zod schemas and refers to known schools, communes and diplomas', () => {
    const round = generateRound('academie', 2, refs);
    for (const e of round.etablissements) EtablissementSchema.parse(e);
    for (const m of round.mentores) MentoreSchema.parse(m);
    for (const m of round.mentors) MentorSchema.parse(m);
    for (const c of round.contraintes) ContrainteSchema.parse(c);
    PolicySchema.parse(round.politique);
    const uais = new Set(round.etablissements.map((e) => e.uai));
    expect(uais.size).toBe(round.etablissements.length);
    expect(new Set(round.mentores.map((m) => m.id)).size).toBe(round.mentores.length);
    expect(new Set(round.mentors.map((m) => m.id)).size).toBe(round.mentors.length);
    for (const m of round.mentores) {
      expect(uais.has(m.uai)).toBe(true);
      expect(refs.diplomas.byCfd.has(m.diplome) || ['numerique', 'mobilite', 'energie'].includes(m.diplome)).toBe(true);
    }
    for (const m of round.mentors) {
      expect(refs.communes.index.has(m.code_commune)).toBe(true);
      for (const c of m.metier) expect(refs.diplomas.byCfd.get(c)?.filiere).toBe(m.filiere);
    }
    // Every school is in the preset's académie.
    expect(new Set(round.schoolAcademie)).toEqual(new Set(['Lille']));
  });

  it('imposed pairs respect the hard rules of the default policy (independent re-check)', () => {
    const round = generateRound('pilote-2024', 4, refs);
    const mentees = new Map(round.mentores.map((m) => [m.id, m]));
    const mentors = new Map(round.mentors.map((m, i) => [m.id, { m, eligible: round.mentorEligible[i] }]));
    const schools = new Map(round.etablissements.map((e) => [e.uai, e]));
    const conflicts = new Set(round.politique.conflits.map((c) => `${c.employeur}|${c.uai}`));
    const imposed = round.contraintes.filter((c) => c.type === 'impose');
    expect(imposed.length).toBeGreaterThanOrEqual(10);
    for (const c of imposed) {
      const e = mentees.get(c.mentore_id)!;
      const { m, eligible } = mentors.get(c.mentor_id)!;
      const school = schools.get(e.uai)!;
      expect(eligible).toBe(1);
      expect(m.statut).not.toBe('etudiant');
      expect(m.honorabilite).toBe('verifiee');
      expect(m.honorabilite_date! <= round.roundDate).toBe(true);
      const filiere = refs.diplomas.byCfd.get(e.diplome)?.filiere ?? e.diplome;
      expect(m.filiere).toBe(filiere);
      expect(e.disponibilites.some((s) => m.disponibilites.includes(s))).toBe(true);
      expect(e.modalite).not.toBe('distanciel');
      expect(m.modalite).not.toBe('distanciel');
      const km = communeKm(refs.communes, refs.communes.index.get(m.code_commune)!, refs.communes.index.get(school.code_commune)!);
      expect(km * 1.3).toBeLessThanOrEqual(m.rayon_km);
      expect(conflicts.has(`${m.employeur}|${e.uai}`)).toBe(false);
    }
    // A mentee or a mentor appears in at most one constraint.
    expect(new Set(round.contraintes.map((c) => c.mentore_id)).size).toBe(round.contraintes.length);
    expect(new Set(round.contraintes.map((c) => c.mentor_id)).size).toBe(round.contraintes.length);
  });
});

describe('proportions (pilote-2024, seed 11)', () => {
  const round = generateRound('pilote-2024', 11, refs);
  const filiereOf = (d: string): string => refs.diplomas.byCfd.get(d)?.filiere ?? d;

  it('has the preset sizes', () => {
    expect(round.mentores.length).toBe(PRESETS['pilote-2024'].mentees);
    expect(round.mentors.length).toBe(PRESETS['pilote-2024'].mentors);
  });

  it('draws capacities, statuses and eligibility at the documented rates', () => {
    expect(share(round.mentors.map((m) => m.capacite === 1))).toBeCloseTo(0.75, 1);
    expect(share(round.mentors.map((m) => m.capacite >= 2 && m.capacite <= 3))).toBeGreaterThan(0.18);
    expect(share(round.mentors.map((m) => m.statut === 'etudiant'))).toBeCloseTo(0.05, 1);
    // Ineligible: students, and honorability not verified or verified after the round date: 1 − 0.95 × 0.78.
    const ineligible = 1 - round.mentorEligible.reduce((a, b) => a + b, 0) / round.mentors.length;
    expect(Math.abs(ineligible - 0.259)).toBeLessThan(0.035);
    expect(share(round.mentors.map((m) => m.modalite === 'distanciel'))).toBeCloseTo(0.15, 1);
    expect(share(round.mentors.map((m) => m.disponibilites.length === 1))).toBeGreaterThan(0.07);
    expect(round.mentors.some((m) => m.honorabilite_par === 'dsden')).toBe(true);
    expect(round.mentors.some((m) => m.honorabilite === 'verifiee' && m.honorabilite_date! > round.roundDate)).toBe(true);
    const hr = share(round.mentors.map((m) => m.fonction === 'rh'));
    expect(hr).toBeGreaterThan(0.015);
    expect(hr).toBeLessThan(0.06);
  });

  it('draws the filière mix, bare filière names and sensitive flags within tolerance', () => {
    const fil = (f: string): number => share(round.mentores.map((m) => filiereOf(m.diplome) === f));
    expect(Math.abs(fil('mobilite') - 0.42)).toBeLessThan(0.08);
    expect(Math.abs(fil('numerique') - 0.3)).toBeLessThan(0.08);
    expect(Math.abs(fil('energie') - 0.28)).toBeLessThan(0.08);
    expect(share(round.mentores.map((m) => !/\d/.test(m.diplome)))).toBeCloseTo(0.05, 1);
    expect(Math.abs(share(round.mentores.map((m) => m.qpv)) - 0.22)).toBeLessThan(0.03);
    expect(share(round.mentores.map((m) => m.ase))).toBeCloseTo(0.03, 1);
    expect(share(round.mentores.map((m) => m.handicap))).toBeCloseTo(0.05, 1);
  });

  it('covers every académie with at least one school, and a conflict in the policy', () => {
    expect(new Set(round.schoolAcademie).size).toBe(30);
    expect(round.politique.conflits.length).toBeGreaterThanOrEqual(1);
    expect(round.contraintes.some((c) => c.type === 'interdit')).toBe(true);
  });
});

describe('national preset (in memory)', () => {
  it('has 150,000 mentees, 100,000 mentors and every académie', () => {
    const round = generateRound('national', 1, refs);
    expect(round.mentores.length).toBe(150_000);
    expect(round.mentors.length).toBe(100_000);
    const academies = new Set(refs.communes.academie);
    expect(new Set(round.schoolAcademie)).toEqual(academies);
    // Mentees of every académie, not only schools.
    const academieOfUai = new Map(round.etablissements.map((e, i) => [e.uai, round.schoolAcademie[i]]));
    expect(new Set(round.mentores.map((m) => academieOfUai.get(m.uai)))).toEqual(academies);
  });
});
