import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseString } from 'fast-csv';
import { BOM, formatNumber, neutraliseCell, renderCell, toCsv, unneutraliseCell } from '../../src/io/output-csv.js';
import { binomesCsv, nonAppariesCsv, BINOMES_COLUMNS, NON_APPARIES_COLUMNS } from '../../src/io/output-tables.js';
import { tinyOutcome } from './fixture.js';

/** Parses our CSV back with fast-csv (`;`, after the BOM). */
function parse(csv: string): Promise<string[][]> {
  return new Promise((res, rej) => {
    const rows: string[][] = [];
    parseString(csv.slice(BOM.length), { delimiter: ';' })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', rej)
      .on('end', () => res(rows));
  });
}

describe('CSV injection neutralisation', () => {
  it('prefixes every dangerous first character with a quote', () => {
    for (const s of ['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', '\rx', "'déjà"]) {
      expect(neutraliseCell(s)).toBe(`'${s}`);
    }
    for (const s of ['abc', '1=1', ' =x', '', 'É=']) expect(neutraliseCell(s)).toBe(s);
  });
  it('is exactly inverted by unneutraliseCell (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => unneutraliseCell(neutraliseCell(s)) === s));
  });
  it('never lets a text cell start with a formula character once rendered (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = renderCell(s);
        const first = out.startsWith('"') ? out[1] : out[0];
        return first === undefined || !'=+-@\t\r'.includes(first);
      }),
    );
  });
  it('writes a formula id neutralised and quoted where needed in binomes.csv', async () => {
    const csv = binomesCsv(tinyOutcome());
    expect(csv).toContain("\r\n'=E3;M2;0690002B;\"LP Bêta; \"\"Sud\"\"\";Lyon;energie;30,46;30;meme_filiere;0;0,46;1;0;0;distanciel;0;non\r\n");
    const rows = await parse(csv);
    expect(rows[3][0]).toBe("'=E3");
    expect(unneutraliseCell(rows[3][0])).toBe('=E3');
    expect(rows[3][3]).toBe('LP Bêta; "Sud"');
  });
});

describe('CSV format', () => {
  it('starts with a BOM, uses ; and CRLF, decimal comma', () => {
    const csv = toCsv(['a', 'b', 'c'], [['x', 1.5, true], [null, -0.001, false]]);
    expect(csv).toBe('\uFEFFa;b;c\r\nx;1,5;oui\r\n;0;non\r\n');
  });
  it('formats numbers for French Excel', () => {
    expect(formatNumber(1234.5678)).toBe('1234,57');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(-0.004)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('');
  });
  it('refuses a row of the wrong width', () => {
    expect(() => toCsv(['a'], [['x', 'y']])).toThrow();
  });
  it('round-trips arbitrary text cells through fast-csv (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string(), fc.string()), { minLength: 1, maxLength: 5 }), async (rows) => {
        const parsed = await parse(toCsv(['a', 'b'], rows));
        expect(parsed.slice(1).map((r) => r.map(unneutraliseCell))).toEqual(rows.map((r) => [...r]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('binomes.csv and non_apparies.csv', () => {
  it('binomes.csv has the documented header and one row per pair', async () => {
    const rows = await parse(binomesCsv(tinyOutcome()));
    expect(rows[0]).toEqual([...BINOMES_COLUMNS]);
    expect(rows[0].slice(0, 3)).toEqual(['mentore_id', 'mentor_id', 'uai']);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual(['E1', 'M1', '0690001A', 'LP Alpha', 'Lyon', 'numerique', '90', '60', 'meme_diplome', '20', '10', '2', '0', '10', 'presentiel', '100', 'non']);
    expect(rows[2][16]).toBe('oui');
  });
  it('non_apparies.csv lists unmatched mentees, then ineligible and free mentors', async () => {
    const rows = await parse(nonAppariesCsv(tinyOutcome()));
    expect(rows[0]).toEqual([...NON_APPARIES_COLUMNS]);
    expect(rows[0].slice(0, 4)).toEqual(['type', 'id', 'raison_code', 'raison']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['mentore', 'E4', 'sans_candidat_rayon'],
      ['mentore', 'E5', 'candidats_pris'],
      ['mentor', 'M3', 'etudiant'],
      ['mentor', 'M2', 'capacite_libre'],
      ['mentor', 'M4', 'capacite_libre'],
    ]);
    expect(rows[1][4]).toBe('Un rayon de 45 km ajouterait 2 candidats.');
    expect(rows[3][11]).toBe('');
    expect(rows[4][11]).toBe('2');
  });
});
