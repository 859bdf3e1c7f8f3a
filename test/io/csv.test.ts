import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSyntaxError, parseCsvText, type Delimiter } from '../../src/io/csv.js';

function rows(text: string, d: Delimiter = ';'): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  parseCsvText(text, d, (cells, row) => out.push([row, cells]));
  return out;
}

describe('parseCsvText', () => {
  it('splits rows and cells, CRLF and LF, empty lines kept as [] with their row number', () => {
    expect(rows('a;b;c\r\n1;;3\r\n\r\n;;\n4;5;6')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '', '3']],
      [3, []],
      [4, ['', '', '']],
      [5, ['4', '5', '6']],
    ]);
  });
  it('quoted cells: delimiters, doubled quotes, newlines inside (still one row)', () => {
    expect(rows('id,note\n1,"a, ""b"""\n2,"multi\r\nline"\n3,x"y\n', ',')).toEqual([
      [1, ['id', 'note']],
      [2, ['1', 'a, "b"']],
      [3, ['2', 'multi\r\nline']],
      [4, ['3', 'x"y']],
    ]);
  });
  it('malformed quoting throws with the row', () => {
    expect(() => rows('a;b\n1;2\n3;"open\n4;5\n')).toThrowError(CsvSyntaxError);
    try {
      rows('a;b\n1;"x"y\n');
    } catch (e) {
      expect(e).toMatchObject({ row: 2, reason: 'text_after_quote' });
    }
    try {
      rows('a;b\n1;2\n3;"open\n4;5\n');
    } catch (e) {
      expect(e).toMatchObject({ row: 3, reason: 'unclosed_quote' });
    }
  });
  it('property: any table written with RFC 4180 quoting reads back identically', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ';', ',', '"', '\n', '\r\n', '1') , maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom<Delimiter>(';', ','), fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (d, table, crlf) => {
        const q = (s: string) => (/[;,"\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
        const text = table.map((r) => r.map(q).join(d)).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
        expect(rows(text, d).map(([, c]) => c)).toEqual(table);
        expect(rows(text, d).map(([r]) => r)).toEqual(table.map((_, i) => i + 1));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
