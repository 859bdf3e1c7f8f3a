import { describe, expect, it } from 'vitest';
import { readRound } from '../../src/io/round.js';
import { ContrainteSchema, EtablissementSchema, MentorSchema, MentoreSchema } from '../../src/schema/records.js';
import { mentorEligibility } from '../../src/candidates/eligibility.js';
import { loadCommunes, loadDiplomas } from '../../src/io/reference.js';
import { join } from 'node:path';
import { FIXTURES, SAMPLE } from './helpers.js';

// The bundled sample (generated) and the hand-made round it replaced (kept as a fixture: its
// cases were chosen one by one) must both validate and contain every case of a real round.
describe.each([
  ['datasets/sample', SAMPLE],
  ['test/fixtures/rounds/lyon-cas', join(FIXTURES, 'lyon-cas')],
])('%s', async (_name, dir) => {
  const res = await readRound(dir, { date: '2026-11-25' });
  it('validates clean', () => {
    expect(res.ok ? [] : res.issues).toEqual([]);
  });
  if (!res.ok) return;
  const r = res.round;
  it('every record is exactly what the zod schemas accept (cell parsers = schemas)', () => {
    for (const e of r.etablissements) expect(EtablissementSchema.parse(e)).toEqual(e);
    for (const m of r.mentores) expect(MentoreSchema.parse(m)).toEqual(m);
    for (const m of r.mentors) expect(MentorSchema.parse(m)).toEqual(m);
    for (const c of r.contraintes) expect(ContrainteSchema.parse(c)).toEqual(c);
  });
  it('is an Excel FR export: UTF-8 with BOM, `;`', () => {
    expect(r.files.filter((f) => f.kind === 'csv').every((f) => f.encoding === 'utf-8' && f.delimiter === ';')).toBe(true);
  });
  it('represents every case', () => {
    const diplomas = loadDiplomas();
    const communes = loadCommunes();
    expect(r.mentores.length).toBeGreaterThanOrEqual(250);
    expect(r.mentors.length).toBeLessThan(r.mentores.length);
    expect(new Set(r.etablissements.map((e) => communes.academie[communes.index.get(e.code_commune)!]))).toEqual(new Set(['Lyon']));
    const filiereOf = (d: string) => diplomas.byCfd.get(d)?.filiere ?? d;
    expect(new Set(r.mentores.map((m) => filiereOf(m.diplome)))).toEqual(new Set(['numerique', 'mobilite', 'energie']));
    expect(r.mentores.some((m) => m.diplome === 'energie')).toBe(true);
    expect(r.mentors.some((m) => m.fonction === 'rh')).toBe(true);
    expect(r.mentors.some((m) => m.statut === 'retraite')).toBe(true);
    expect(r.mentors.some((m) => m.modalite === 'distanciel')).toBe(true);
    expect(r.mentors.some((m) => m.disponibilites.length === 1)).toBe(true);
    expect(r.mentors.some((m) => m.capacite >= 2)).toBe(true);
    expect(r.mentors.some((m) => m.honorabilite_par === 'dsden')).toBe(true);
    const reasons = new Set(r.mentors.map((m) => mentorEligibility(m, r.date!)).map((e) => (e.eligible ? 'ok' : e.reason)));
    for (const reason of ['ok', 'etudiant', 'honorabilite_en_cours', 'honorabilite_non_verifiee', 'honorabilite_posterieure']) expect(reasons).toContain(reason);
    expect(new Set(r.contraintes.map((c) => c.type))).toEqual(new Set(['impose', 'interdit']));
    expect(r.politique.conflits.length).toBe(1);
    // A same-famille profile: a mentor whose trade shares the famille de métiers of a mentee's different diploma.
    const famille = (cfd: string) => diplomas.byCfd.get(cfd)?.familleDeMetiers ?? null;
    const sameFamille = r.mentors.some((t) =>
      t.metier.some((c) => famille(c) !== null && r.mentores.some((m) => m.diplome !== c && famille(m.diplome) === famille(c))),
    );
    expect(sameFamille).toBe(true);
    // Imposed pairs use eligible mentors of the mentee's filière.
    for (const c of r.contraintes.filter((x) => x.type === 'impose')) {
      const t = r.mentors.find((m) => m.id === c.mentor_id)!;
      const m = r.mentores.find((x) => x.id === c.mentore_id)!;
      expect(mentorEligibility(t, r.date!).eligible).toBe(true);
      expect(filiereOf(m.diplome)).toBe(t.filiere);
      expect(t.disponibilites.some((s) => m.disponibilites.includes(s))).toBe(true);
    }
  });
});
