import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readRound } from '../../src/io/round.js';
import { boolParser, dateParser, decimalParser, Invalid, parseDate, slotsParser, intParser, communeShapeParser } from '../../src/io/cells.js';
import { detectDelimiter } from '../../src/io/csv.js';
import { decodeSpreadsheetBytes } from '../../src/io/decode.js';
import { token, canonicalHeader } from '../../src/io/normalize.js';
import type { Round } from '../../src/schema/round.js';
import { FIXTURES, MENTORES_HEADER, cleanRounds, roundWith } from './helpers.js';

afterAll(cleanRounds);

async function valid(dir: string): Promise<Round> {
  const res = await readRound(dir, { date: '2024-11-01' });
  if (!res.ok) throw new Error(JSON.stringify(res.issues, null, 1));
  return res.round;
}

const records = (r: Round) => ({ e: r.etablissements, m: r.mentores, t: r.mentors, c: r.contraintes, p: r.politique, rows: r.rowOf });

describe('accepted conventions give the same round', () => {
  it('mini (canonical) reads to the exact expected records', async () => {
    const r = await valid(join(FIXTURES, 'mini'));
    expect(r.date).toBe('2024-11-01');
    expect(r.etablissements).toEqual([
      { uai: '0690001A', nom: 'LP Jacquard', code_commune: '69387', budget_eur: 1500.5 },
      { uai: '0420002B', nom: 'LP Fourneyron', code_commune: '42218' },
    ]);
    expect(r.mentores).toEqual([
      { id: 'E1', uai: '0690001A', diplome: '40025519R', annee: 1, disponibilites: ['lun-pm', 'mer-am'], modalite: 'presentiel', qpv: true, ase: false, handicap: false },
      { id: 'E2', uai: '0690001A', diplome: 'numerique', annee: 2, disponibilites: ['jeu-soir'], modalite: 'distanciel', qpv: false, ase: false, handicap: true },
      { id: 'E3', uai: '0420002B', diplome: '40025520P', annee: 3, disponibilites: ['mar-am'], modalite: 'mixte', qpv: false, ase: true, handicap: false },
    ]);
    expect(r.mentors[0]).toEqual({
      id: 'M1', statut: 'salarie', filiere: 'numerique', metier: ['40025519R'], code_commune: '69123', capacite: 2, rayon_km: 12.5,
      modalite: 'presentiel', disponibilites: ['lun-pm'], honorabilite: 'verifiee', honorabilite_date: '2024-09-01', honorabilite_par: 'partenaire', employeur: 'Orange',
    });
    // Defaults: capacity 1, radius 30 km; an ineligible student is kept.
    expect(r.mentors[1]).toMatchObject({ id: 'M2', statut: 'etudiant', capacite: 1, rayon_km: 30, metier: [], honorabilite: 'en_cours' });
    expect(r.mentors[2]).toMatchObject({ fonction: 'rh', code_commune: '01004', honorabilite_par: 'dsden' });
    expect(r.contraintes).toEqual([
      { mentore_id: 'E1', mentor_id: 'M1', type: 'impose' },
      { mentore_id: 'E2', mentor_id: 'M3', type: 'interdit' },
    ]);
    expect(r.politique.conflits).toEqual([{ employeur: 'Orange', uai: '0420002B' }]);
    expect(r.rowOf).toEqual({ mentores: [2, 3, 4], mentors: [2, 3, 4], etablissements: [2, 3], contraintes: [2, 3] });
  });

  it('Excel FR export (BOM, CRLF, aliases, accents, spaces, decimal comma, jj/mm/aaaa, trailing empty rows, cp1252) = mini', async () => {
    const mini = await valid(join(FIXTURES, 'mini'));
    const excel = await valid(join(FIXTURES, 'excel-fr'));
    expect(records(excel)).toEqual(records(mini));
    const enc = Object.fromEntries(excel.files.map((f) => [f.name, f.encoding]));
    expect(enc).toEqual({ 'etablissements.csv': 'utf-8', 'mentores.csv': 'utf-8', 'mentors.csv': 'windows-1252', 'contraintes.csv': 'utf-8', 'politique.json': 'utf-8' });
    // Trailing `;;;` rows are not data rows.
    expect(excel.files.find((f) => f.name === 'etablissements.csv')!.rows).toBe(2);
  });

  it('`,`-separated with quoted decimal comma = mini', async () => {
    const comma = await valid(join(FIXTURES, 'comma'));
    expect(records(comma)).toEqual(records(await valid(join(FIXTURES, 'mini'))));
    expect(comma.files.every((f) => f.kind === 'json' || f.delimiter === ',')).toBe(true);
  });

  it('a blank row in the middle is skipped but keeps spreadsheet row numbers', async () => {
    const dir = roundWith({ 'mentores.csv': `${MENTORES_HEADER}\nE1;0690001A;40025519R;1;lun-pm;presentiel;;;\n;;;;;;;;\n\nE2;0690001A;numerique;2;jeu-soir;distanciel;;;\n` });
    const r = await valid(dir);
    expect(r.rowOf.mentores).toEqual([2, 5]);
  });

  it('file names are matched without case or accents', async () => {
    const dir = roundWith({ 'mentores.csv': null, 'Mentorés.CSV': `${MENTORES_HEADER}\nE1;0690001A;40025519R;1;lun-pm;presentiel;;;\nE2;0690001A;numerique;2;jeu-soir;distanciel;;;\n` });
    const r = await valid(dir);
    expect(r.mentores.map((m) => m.id)).toEqual(['E1', 'E2']);
  });

  it('cp1252 bytes are detected and decoded (é = 0xE9)', () => {
    const bytes = iconv.encode('Filière;Modalité\nÉnergie;présentiel\n', 'win1252');
    expect(bytes.includes(0xe9)).toBe(true);
    const d = decodeSpreadsheetBytes(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('Filière;Modalité\nÉnergie;présentiel\n');
    const u = decodeSpreadsheetBytes(Buffer.from('\ufeffFilière;x\n', 'utf8'));
    expect(u).toMatchObject({ encoding: 'utf-8', text: 'Filière;x\n' });
  });
});

describe('cell conventions', () => {
  it('dates: jj/mm/aaaa and ISO to ISO; impossible dates rejected', () => {
    expect(parseDate('01/09/2024')).toBe('2024-09-01');
    expect(parseDate('1/9/2024')).toBe('2024-09-01');
    expect(parseDate('2024-09-01')).toBe('2024-09-01');
    expect(parseDate('2024-09-01T00:00:00')).toBe('2024-09-01');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('31/04/2024')).toBeNull();
    expect(parseDate('09/2024')).toBeNull();
    expect(dateParser('13/13/2024')).toBeInstanceOf(Invalid);
  });
  it('decimal comma, thousands spaces and units', () => {
    const p = decimalParser(0, false, 'x', /(€|eur)$/i);
    expect(p('1 500,50 €')).toBe(1500.5);
    expect(p('1\u00a0500,5')).toBe(1500.5);
    expect(p('12.5')).toBe(12.5);
    expect(p('0')).toBe(0);
    expect(p('-1')).toBeInstanceOf(Invalid);
    expect(p('douze')).toBeInstanceOf(Invalid);
    expect(decimalParser(0, true, 'x')('0')).toBeInstanceOf(Invalid);
  });
  it('booleans', () => {
    for (const t of ['oui', 'OUI', 'Vrai', 'true', '1', 'x', 'X']) expect(boolParser(t)).toBe(true);
    for (const f of ['non', 'Non', 'faux', 'false', '0']) expect(boolParser(f)).toBe(false);
    expect(boolParser('peut-être')).toBeInstanceOf(Invalid);
  });
  it('slots: separators, case, full names, duplicates; unknown slot is unknown_slot', () => {
    expect(slotsParser('Lun-PM | mer_am ,jeudi soir|lun-pm')).toEqual(['lun-pm', 'mer-am', 'jeu-soir']);
    expect(slotsParser('mardi après-midi/ven-matin')).toEqual(['mar-pm', 'ven-am']);
    const bad = slotsParser('lun-pm|dim-am');
    expect(bad).toBeInstanceOf(Invalid);
    expect((bad as Invalid).code).toBe('unknown_slot');
  });
  it('integers, school years and commune codes', () => {
    const an = intParser(1, 3);
    expect([an('1'), an('2ème'), an('1re'), an('3,0')]).toEqual([1, 2, 1, 3]);
    expect(an('4')).toBeInstanceOf(Invalid);
    expect(communeShapeParser('1004')).toBe('01004');
    expect(communeShapeParser('2a004')).toBe('2A004');
    expect(communeShapeParser('690')).toBeInstanceOf(Invalid);
  });
  it('headers: accents, case, spaces, hyphens and aliases', () => {
    expect(token('  Disponibilités ')).toBe('disponibilites');
    expect(token('Code-Commune')).toBe('code_commune');
    const cols = ['id', 'code_commune', 'rayon_km', 'honorabilite_date', 'annee', 'diplome'];
    expect(canonicalHeader('mentors.csv', 'Rayon (km)', cols)).toBe('rayon_km');
    expect(canonicalHeader('mentors.csv', 'Code INSEE', cols)).toBe('code_commune');
    expect(canonicalHeader('mentors.csv', 'Date honorabilité', cols)).toBe('honorabilite_date');
    expect(canonicalHeader('mentores.csv', 'Année', cols)).toBe('annee');
    expect(canonicalHeader('mentores.csv', 'Diplôme', cols)).toBe('diplome');
    expect(canonicalHeader('mentores.csv', 'Couleur', cols)).toBeNull();
  });
  it('delimiter detection ignores quoted parts', () => {
    expect(detectDelimiter('a;b;c\n1,2;3;4')).toBe(';');
    expect(detectDelimiter('\r\n"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('just one column\n1\n')).toBeNull();
  });
});
