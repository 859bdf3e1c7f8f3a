import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRound } from '../../src/io/round.js';
import type { RoundIssue } from '../../src/schema/issues.js';
import { GOOD_MENTOR, MENTORES_HEADER, MENTORS_HEADER, cleanRounds, roundWith } from './helpers.js';

afterAll(cleanRounds);

async function issuesOf(files: Record<string, string | Uint8Array | null>): Promise<RoundIssue[]> {
  const res = await readRound(roundWith(files), { date: '2024-11-01' });
  if (res.ok) throw new Error('expected an invalid round');
  return res.issues;
}

/** The issues reduced to what the tests assert: code, file, row, column, value. */
const where = (is: RoundIssue[]) => is.map((i) => ({ code: i.code, file: i.file, row: i.row, column: i.column, value: i.value }));

const MENTEES_OK = ['E1;0690001A;40025519R;1;lun-pm|mer-am;presentiel;oui;non;', 'E2;0690001A;numerique;2;jeu-soir;distanciel;;;oui', 'E3;0420002B;40025520P;3;mar-am;mixte;non;oui;non'];
const MENTORS_OK = [GOOD_MENTOR, 'M2;etudiant;energie;;;42218;;;indifferent;mar-am;en_cours;;;', 'M3;retraite;mobilite;;rh;01004;1;30;distanciel;jeu-soir;verifiee;2024-10-15;dsden;'];
const mentees = (...extra: string[]) => [MENTORES_HEADER, ...MENTEES_OK, ...extra].join('\n') + '\n';
const mentors = (...extra: string[]) => [MENTORS_HEADER, ...MENTORS_OK, ...extra].join('\n') + '\n';

describe('each error is reported with file, row and column', () => {
  it('duplicate ids (at the second row, naming the first)', async () => {
    const is = await issuesOf({ 'mentores.csv': mentees('E2;0690001A;numerique;1;lun-pm;presentiel;;;'), 'mentors.csv': mentors(GOOD_MENTOR) });
    expect(where(is)).toEqual([
      { code: 'duplicate_id', file: 'mentores.csv', row: 5, column: 'id', value: 'E2' },
      { code: 'duplicate_id', file: 'mentors.csv', row: 5, column: 'id', value: 'M1' },
    ]);
    expect(is[0].message).toContain('ligne 3');
  });

  it('duplicate school UAI', async () => {
    const is = await issuesOf({ 'etablissements.csv': 'uai;nom;code_commune\n0690001A;A;69387\n0420002B;B;42218\n0690001A;C;69387\n' });
    expect(where(is)).toEqual([{ code: 'duplicate_id', file: 'etablissements.csv', row: 4, column: 'uai', value: '0690001A' }]);
  });

  it('unknown UAI (school absent from etablissements.csv)', async () => {
    const is = await issuesOf({ 'mentores.csv': mentees('E4;0699999Z;numerique;1;lun-pm;presentiel;;;') });
    expect(where(is)).toEqual([{ code: 'unknown_uai', file: 'mentores.csv', row: 5, column: 'uai', value: '0699999Z' }]);
  });

  it('malformed UAI', async () => {
    const is = await issuesOf({ 'mentores.csv': mentees('E4;069001;numerique;1;lun-pm;presentiel;;;') });
    expect(where(is)).toEqual([{ code: 'value_invalid', file: 'mentores.csv', row: 5, column: 'uai', value: '069001' }]);
  });

  it('unknown commune code (well-formed but absent) and malformed one', async () => {
    const is = await issuesOf({
      'etablissements.csv': 'uai;nom;code_commune\n0690001A;A;69387\n0420002B;B;99999\n',
      'mentors.csv': mentors('M4;salarie;energie;;;69OO1;;;presentiel;lun-am;verifiee;01/01/2024;dsden;'),
    });
    expect(where(is)).toEqual([
      { code: 'unknown_commune', file: 'etablissements.csv', row: 3, column: 'code_commune', value: '99999' },
      { code: 'value_invalid', file: 'mentors.csv', row: 5, column: 'code_commune', value: '69OO1' },
    ]);
  });

  it('unknown diploma (mentee) and unknown metier CFD (mentor); CFD with spaces accepted', async () => {
    const is = await issuesOf({
      'mentores.csv': mentees('E4;0690001A;400-25519 R;1;lun-pm;presentiel;;;', 'E5;0690001A;boulangerie;1;lun-pm;presentiel;;;'),
      'mentors.csv': mentors('M4;salarie;energie;40025520P|12345678X;;69387;;;presentiel;lun-am;verifiee;01/01/2024;dsden;'),
    });
    expect(where(is)).toEqual([
      { code: 'unknown_diploma', file: 'mentores.csv', row: 6, column: 'diplome', value: 'boulangerie' },
      { code: 'unknown_diploma', file: 'mentors.csv', row: 5, column: 'metier', value: '12345678X' },
    ]);
  });

  it('bad slot names', async () => {
    const is = await issuesOf({ 'mentores.csv': mentees('E4;0690001A;numerique;1;lun-pm|dim-am;presentiel;;;') });
    expect(where(is)).toEqual([{ code: 'unknown_slot', file: 'mentores.csv', row: 5, column: 'disponibilites', value: 'lun-pm|dim-am' }]);
    expect(is[0].message).toContain('lun-pm|mer-am');
  });

  it('capacity out of range, bad radius, bad year, bad enum, bad date, missing required cell', async () => {
    const is = await issuesOf({
      'mentors.csv': mentors(
        'M4;salarie;energie;;;69387;6;;presentiel;lun-am;verifiee;01/01/2024;dsden;',
        'M5;salarie;energie;;;69387;0;-3;teletravail;lun-am;verifiee;31/02/2024;police;',
        'M6;;energie;;;69387;;;presentiel;lun-am;verifiee;;;',
      ),
      'mentores.csv': mentees('E4;0690001A;numerique;4;lun-pm;presentiel;;;'),
    });
    expect(where(is)).toEqual([
      { code: 'value_invalid', file: 'mentores.csv', row: 5, column: 'annee', value: '4' },
      { code: 'value_invalid', file: 'mentors.csv', row: 5, column: 'capacite', value: '6' },
      { code: 'value_invalid', file: 'mentors.csv', row: 6, column: 'capacite', value: '0' },
      { code: 'value_invalid', file: 'mentors.csv', row: 6, column: 'rayon_km', value: '-3' },
      { code: 'value_invalid', file: 'mentors.csv', row: 6, column: 'modalite', value: 'teletravail' },
      { code: 'value_invalid', file: 'mentors.csv', row: 6, column: 'honorabilite_date', value: '31/02/2024' },
      { code: 'value_invalid', file: 'mentors.csv', row: 6, column: 'honorabilite_par', value: 'police' },
      { code: 'value_missing', file: 'mentors.csv', row: 7, column: 'statut', value: undefined },
    ]);
    expect(is[1].expected).toBe('un entier de 1 à 5');
  });

  it('constraints naming unknown ids', async () => {
    const is = await issuesOf({ 'contraintes.csv': 'mentore_id;mentor_id;type\nE9;M1;impose\nE1;M9;interdit\nE1;M1;obligé\n' });
    expect(where(is)).toEqual([
      { code: 'value_invalid', file: 'contraintes.csv', row: 4, column: 'type', value: 'obligé' },
      { code: 'unknown_mentee', file: 'contraintes.csv', row: 2, column: 'mentore_id', value: 'E9' },
      { code: 'unknown_mentor', file: 'contraintes.csv', row: 3, column: 'mentor_id', value: 'M9' },
    ]);
  });

  it('contradictory constraints: imposed and forbidden, two imposed mentors, more imposed than capacity', async () => {
    const is = await issuesOf({
      'contraintes.csv': 'mentore_id;mentor_id;type\nE1;M1;impose\nE1;M1;interdit\nE1;M3;impose\nE2;M1;impose\nE3;M1;impose\nE1;M1;impose\n',
    });
    expect(where(is)).toEqual([
      { code: 'constraint_contradiction', file: 'contraintes.csv', row: 3, column: 'type', value: 'interdit' },
      { code: 'constraint_contradiction', file: 'contraintes.csv', row: 4, column: 'mentor_id', value: 'M3' },
      // M1 has capacity 2: E1, E2 imposed fit, E3 is one too many.
      { code: 'constraint_contradiction', file: 'contraintes.csv', row: 6, column: 'mentor_id', value: 'M1' },
    ]);
    expect(is[0].message).toContain('ligne 2');
  });

  it('an imposed pair that breaks a hard rule (student mentor, other filière) is an error', async () => {
    const is = await issuesOf({ 'contraintes.csv': 'mentore_id;mentor_id;type\nE1;M1;impose\nE3;M2;impose\n' });
    expect(where(is)).toEqual([{ code: 'imposed_pair_invalid', file: 'contraintes.csv', row: 3, column: undefined, value: undefined }]);
    expect(is[0].message).toContain('étudiant');
  });

  it('invalid politique.json: zod issues with the JSON path as column; syntax errors with a line', async () => {
    const is = await issuesOf({ 'politique.json': JSON.stringify({ poids: { metier: -1 }, k_candidats: 'trente', inconnu: 1, conflits: [{ employeur: 'X', uai: '0000000Z' }] }) });
    expect(where(is).map((i) => [i.code, i.file, i.column])).toEqual([
      ['policy_invalid', 'politique.json', 'poids.metier'],
      ['policy_invalid', 'politique.json', 'k_candidats'],
      ['policy_invalid', 'politique.json', '(racine)'],
    ]);
    expect(is[2].message).toContain('inconnu');
    const syntax = await issuesOf({ 'politique.json': '{\n  "frais": {\n    "plafond_eur": 400,\n  }\n}\n' });
    expect(where(syntax)).toEqual([{ code: 'policy_invalid', file: 'politique.json', row: 4, column: undefined, value: undefined }]);
    const school = await issuesOf({ 'politique.json': '{"conflits":[{"employeur":"X","uai":"0000000Z"}]}' });
    expect(where(school)).toEqual([{ code: 'unknown_uai', file: 'politique.json', row: undefined, column: 'conflits.0.uai', value: '0000000Z' }]);
  });

  it('collects every error of every file at once', async () => {
    const is = await issuesOf({
      'etablissements.csv': 'uai;nom;code_commune\n0690001A;A;69387\n0420002B;B;99999\n',
      'mentores.csv': mentees('E4;0690001A;numerique;9;dim-am;presentiel;;;', 'E1;0690001A;numerique;1;lun-am;presentiel;;;'),
      'mentors.csv': mentors('M4;salarie;energie;;;69387;9;;presentiel;lun-am;verifiee;01/01/2024;dsden;'),
      'contraintes.csv': 'mentore_id;mentor_id;type\nE1;M1;impose\nE1;M1;interdit\n',
      'politique.json': '{"poids":{"metier":"x"}}',
    });
    expect(is.map((i) => `${i.file}:${i.row ?? ''}:${i.column}:${i.code}`)).toEqual([
      'etablissements.csv:3:code_commune:unknown_commune',
      'mentores.csv:5:annee:value_invalid',
      'mentores.csv:5:disponibilites:unknown_slot',
      'mentores.csv:6:id:duplicate_id',
      'mentors.csv:5:capacite:value_invalid',
      'politique.json::poids.metier:policy_invalid',
      'contraintes.csv:3:type:constraint_contradiction',
    ]);
  });
});

describe('files that cannot be read as tables get one clear issue', () => {
  const one = async (files: Record<string, string | Uint8Array | null>) => where(await issuesOf(files));
  it('missing required file, and missing folder', async () => {
    expect(await one({ 'mentors.csv': null })).toEqual([{ code: 'file_missing', file: 'mentors.csv', row: undefined, column: undefined, value: undefined }]);
    const res = await readRound('/nonexistent/round/folder', { date: '2024-11-01' });
    expect(res.ok ? [] : res.issues.map((i) => i.code)).toEqual(['file_missing']);
  });
  it('optional files may be absent', async () => {
    const res = await readRound(roundWith({ 'contraintes.csv': null, 'politique.json': null }), { date: '2024-11-01' });
    expect(res.ok && res.round.contraintes.length === 0 && res.round.politique.conflits.length === 0).toBe(true);
  });
  it('empty file, whitespace-only file, header without rows', async () => {
    expect((await one({ 'mentores.csv': '' })).map((i) => i.code)).toEqual(['file_empty']);
    expect((await one({ 'mentores.csv': '\r\n  \r\n' })).map((i) => i.code)).toEqual(['file_empty']);
    expect(await one({ 'mentors.csv': `${MENTORS_HEADER}\n;;;;\n` })).toEqual([{ code: 'file_empty', file: 'mentors.csv', row: undefined, column: undefined, value: undefined }]);
  });
  it('binary, workbook (xlsx zip), single column, broken quotes', async () => {
    expect((await one({ 'mentors.csv': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).map((i) => i.code)).toEqual(['file_not_csv']);
    expect((await one({ 'mentors.csv': new Uint8Array([1, 0, 2, 0, 255, 254]) })).map((i) => i.code)).toEqual(['file_not_csv']);
    expect((await one({ 'mentors.csv': 'id\nM1\nM2\n' })).map((i) => i.code)).toEqual(['file_not_csv']);
    expect((await one({ 'etablissements.csv': 'uai;nom;code_commune\n0690001A;"LP "x;69387\n' })).map((i) => i.code)).toEqual(['file_not_csv']);
  });
  it('required columns missing: one issue naming them all', async () => {
    const is = await issuesOf({ 'mentors.csv': 'id;statut;code_commune;capacite\nM1;salarie;69387;1\n' });
    expect(where(is)).toEqual([{ code: 'column_missing', file: 'mentors.csv', row: 1, column: 'filiere, modalite, disponibilites, honorabilite', value: undefined }]);
    expect(is[0].message).toContain('filiere, modalite, disponibilites, honorabilite');
  });
  it('duplicate column', async () => {
    const is = await issuesOf({ 'contraintes.csv': 'mentore_id;mentor_id;type;Type\nE1;M1;impose;impose\n' });
    expect(where(is)).toEqual([{ code: 'column_duplicate', file: 'contraintes.csv', row: 1, column: 'type', value: undefined }]);
  });
});

describe('sensitive fields never leave the core', () => {
  it('a bad qpv/ase/handicap value is reported without the value', async () => {
    const is = await issuesOf({
      'mentores.csv': mentees('E4;0690001A;numerique;1;lun-pm;presentiel;SECRET-QPV;SECRET-ASE;SECRET-HANDICAP'),
    });
    expect(where(is)).toEqual(
      ['qpv', 'ase', 'handicap'].map((column) => ({ code: 'value_invalid', file: 'mentores.csv', row: 5, column, value: undefined })),
    );
    expect(JSON.stringify(is)).not.toContain('SECRET');
  });
  it('property: no planted sensitive value appears in any issue, whatever it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('qpv', 'ase', 'handicap'), fc.stringMatching(/^[A-Za-z]{3}[A-Za-z0-9 "'|,-]{0,12}[A-Za-z]$/), async (column, secret) => {
        fc.pre(!/^(oui|non|vrai|faux|true|false|yes|no|x|o|n|y)$/i.test(secret.trim()));
        const cells: Record<string, string> = { qpv: '', ase: '', handicap: '' };
        cells[column] = `Z${secret}Z`;
        const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const row = `E4;0690001A;numerique;1;lun-pm;presentiel;${cell(cells.qpv)};${cell(cells.ase)};${cell(cells.handicap)}`;
        const is = await issuesOf({ 'mentores.csv': mentees(row) });
        expect(is.map((i) => i.column)).toEqual([column]);
        expect(JSON.stringify(is)).not.toContain(`Z${secret}Z`.replace(/"/g, '\\"'));
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});
