import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATE, SAMPLE, copySample, dataRows, editCsv, mm, tempDir } from './cli.js';

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = await tempDir();
  // A round whose ids and school name start with formula characters (CSV injection).
  const round = await copySample(tmp, 'tour');
  // The mentee renamed is the first one with an imposed pair, so the explanation says so.
  const [header, ...rows] = await dataRows(join(round, 'contraintes.csv'), true);
  const imposed = rows.find((r) => r[header.indexOf('type')] === 'impose')![header.indexOf('mentore_id')];
  const rename = (h: string[], r: string[], col: string) => r.map((c, k) => (h[k] === col && c === imposed ? '=HYPERLINK("x")' : c));
  await editCsv(join(round, 'mentores.csv'), (h, r) => rename(h, r, 'id'));
  await editCsv(join(round, 'contraintes.csv'), (h, r) => rename(h, r, 'mentore_id'));
  const [mh, ...mentees] = await dataRows(join(round, 'mentores.csv'), true);
  const uai = mentees.find((r) => r[mh.indexOf('id')] === '=HYPERLINK("x")')![mh.indexOf('uai')];
  await editCsv(join(round, 'etablissements.csv'), (h, r) => (r[h.indexOf('uai')] === uai ? r.map((c, k) => (h[k] === 'nom' ? '@SOMME(A1)' : c)) : r));
  out = join(tmp, 'out');
  const r = mm(['match', round, '--out', out, '--date', DATE]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('CSV injection in the outputs of a real round', () => {
  it('neutralises cells starting with a formula character', async () => {
    const pairs = await dataRows(join(out, 'binomes.csv'));
    const first = pairs.find((r) => r[0].includes('HYPERLINK'))!;
    expect(first[0]).toBe(`"'=HYPERLINK(""x"")"`);
    expect(first[3]).toBe("'@SOMME(A1)");
    for (const r of pairs) for (const c of r) expect(c).not.toMatch(/^"?[=+\-@\t\r]/);
    for (const r of await dataRows(join(out, 'non_apparies.csv'))) for (const c of r) expect(c).not.toMatch(/^"?[=+\-@\t\r]/);
  });
});

describe('mentormatch explain', () => {
  it('explains a pair (score components, km, €, modality, imposed)', () => {
    const r = mm(['explain', out, '=HYPERLINK("x")']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Mentoré =HYPERLINK\("x"\) — @SOMME\(A1\) \(\d{7}[A-Z]\), académie de Lyon/);
    expect(r.stdout).toMatch(/Mentor attribué : M\d+/);
    expect(r.stdout).toMatch(/Score du binôme : [\d,]+ points = métier [\d,]+ \+ proximité [\d,]+ \+ disponibilités [\d,]+ − pénalité de capacité [\d,]+/);
    expect(r.stdout).toMatch(/frais de déplacement estimés : [\d,]+ € par an/);
    expect(r.stdout).toContain('Binôme imposé par contraintes.csv.');
  });
  it('explains an unmatched mentee (reason and what would help)', async () => {
    const rest = (await dataRows(join(out, 'non_apparies.csv'))).filter((x) => x[0] === 'mentore');
    for (const code of ['candidats_pris', 'sans_candidat']) {
      const row = rest.find((x) => x[2].startsWith(code))!;
      const r = mm(['explain', out, row[1]]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Aucun mentor attribué.');
      expect(r.stdout).toContain(`Raison (${row[2]}) : `);
      expect(r.stdout).toContain('Ce qui aiderait : ');
    }
  });
  it('--format json gives the same facts as data', () => {
    const r = mm(['explain', out, '=HYPERLINK("x")', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('apparie');
    expect(j.binome.impose).toBe('oui');
  });
  it('an unknown id or a folder without outputs: exit 1 and a French message', () => {
    const r = mm(['explain', out, 'E9999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('aucun mentoré ni mentor « E9999 »');
    const r2 = mm(['explain', SAMPLE, 'E0001']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('ne contient pas binomes.csv');
  });
});
