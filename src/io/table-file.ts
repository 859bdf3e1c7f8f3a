/**
 * One CSV file of a round, read end to end: located in the folder (file names compared without
 * case or accents), decoded, its delimiter detected, its header mapped to canonical columns, and
 * each data row handed to a `RowReader` that parses cells and collects issues. A file that cannot
 * be read as a table yields exactly one issue and no rows.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoundIssue, IssueCode } from '../schema/issues.js';
import type { InputFile } from '../schema/round.js';
import { binaryKind, decodeSpreadsheetBytes } from './decode.js';
import { CsvSyntaxError, detectDelimiter, parseCsvText } from './csv.js';
import { canonicalHeader, token } from './normalize.js';
import { Invalid, type CellParser } from './cells.js';

/** Longest value echoed in a message: a pasted paragraph must not flood the report. */
const MAX_ECHO = 60;

/** Builds an issue; `value` is dropped for sensitive columns by the caller. */
export function issue(
  code: IssueCode,
  file: string,
  message: string,
  expected: string,
  at: { row?: number; column?: string; value?: string } = {},
): RoundIssue {
  const out: RoundIssue = { code, file, expected, message };
  if (at.row !== undefined) out.row = at.row;
  if (at.column !== undefined) out.column = at.column;
  if (at.value !== undefined) out.value = at.value;
  return out;
}

/** `« valeur »`, shortened. */
export function quote(value: string): string {
  return `« ${value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value} »`;
}

/** Finds a file of the folder by name, ignoring case and accents (`Mentorés.CSV`). */
export async function locate(dir: string, name: string, entries: string[]): Promise<string | null> {
  const want = token(name);
  const hit = entries.find((e) => token(e) === want);
  return hit === undefined ? null : join(dir, hit);
}

/** The folder's entries, or null when it does not exist or is not a folder. */
export async function listDir(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch {
    return null;
  }
}

/** Column layout of one file. */
export interface TableSpec {
  file: string;
  /** Canonical columns that must be present in the header. */
  required: readonly string[];
  /** Canonical columns that may be present. */
  optional: readonly string[];
  /** Columns whose content must never be echoed. */
  sensitive?: readonly string[];
}

/** Cell access and parsing for the current row; issues go to the shared list. */
export class RowReader {
  row = 0;
  /** False once any cell of the current row is invalid. */
  ok = true;
  private cells: string[] = [];

  constructor(
    readonly spec: TableSpec,
    private readonly columnIndex: Map<string, number>,
    readonly issues: RoundIssue[],
  ) {}

  /** Sets the current row. */
  reset(cells: string[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.ok = true;
  }

  /** Whether the header has this column. */
  has(column: string): boolean {
    return this.columnIndex.has(column);
  }

  /** Trimmed raw content of a cell ('' when absent). */
  raw(column: string): string {
    const i = this.columnIndex.get(column);
    if (i === undefined) return '';
    const v = this.cells[i];
    return v === undefined ? '' : v.trim();
  }

  /**
   * Parses a cell. An empty cell gives `fallback` when one is given (an optional value) and a
   * `value_missing` issue otherwise; an invalid one reports what was expected.
   */
  get<T>(column: string, parse: CellParser<T>, fallback?: { value: T | undefined }, expectedIfMissing?: string): T | undefined {
    const raw = this.raw(column);
    if (raw === '') {
      if (fallback) return fallback.value;
      this.fail('value_missing', column, '', expectedIfMissing ?? 'une valeur');
      return undefined;
    }
    const v = parse(raw);
    if (v instanceof Invalid) {
      this.fail(v.code, column, raw, v.expected);
      return undefined;
    }
    return v;
  }

  /** Records an invalid cell. Sensitive columns never carry their value, not even in the message. */
  fail(code: IssueCode, column: string, raw: string, expected: string, what?: string): void {
    this.ok = false;
    const sensitive = this.spec.sensitive?.includes(column) ?? false;
    let message: string;
    if (code === 'value_missing') message = `Cellule vide : attendu ${expected}. Complétez-la.`;
    else if (sensitive) message = `Valeur non reconnue (non affichée : donnée sensible) : attendu ${expected}. Corrigez la cellule.`;
    else message = `${what ?? `Valeur ${quote(raw)} invalide`} : attendu ${expected}. Corrigez la cellule.`;
    this.issues.push(issue(code, this.spec.file, message, expected, { row: this.row, column, value: sensitive || code === 'value_missing' ? undefined : raw }));
  }
}

/** Result of reading one table file. */
export interface TableRead {
  /** The file as read, or null when it is missing or unreadable. */
  input: InputFile | null;
  /** False when the file could not be read as a table (one issue says why). */
  readable: boolean;
  dataRows: number;
}

const NOT_CSV_HINT = 'Enregistrez la feuille au format « CSV (séparateur : point-virgule) » ou « CSV UTF-8 » depuis le tableur.';

/**
 * Reads one CSV file of a round and calls `onRow` for each non-empty data row.
 * @param path absolute path of the file (already located).
 */
export async function readTable(path: string, spec: TableSpec, issues: RoundIssue[], onRow: (r: RowReader) => void): Promise<TableRead> {
  const file = spec.file;
  const unreadable = (code: IssueCode, message: string, expected: string, input: InputFile | null = null): TableRead => {
    issues.push(issue(code, file, message, expected));
    return { input, readable: false, dataRows: 0 };
  };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return unreadable('file_missing', `Le fichier ${file} ne peut pas être lu (droits d'accès ?).`, 'un fichier lisible');
  }
  const kind = binaryKind(bytes);
  if (kind !== null) {
    const what = kind === 'binary' ? "n'est pas un fichier texte CSV" : 'est un classeur (Excel ou LibreOffice), pas un fichier CSV';
    return unreadable('file_not_csv', `Le fichier ${file} ${what}. ${NOT_CSV_HINT}`, 'un fichier CSV');
  }
  const decoded = decodeSpreadsheetBytes(bytes);
  if (decoded.text.trim() === '') return unreadable('file_empty', `Le fichier ${file} est vide. Exportez-y la feuille avec sa ligne d'en-tête.`, 'un en-tête et des lignes');
  const delimiter = detectDelimiter(decoded.text);
  if (delimiter === null) {
    return unreadable(
      'file_not_csv',
      `Le fichier ${file} n'a qu'une colonne (ni « ; » ni « , » dans la ligne d'en-tête) : ce n'est pas un export CSV de la feuille attendue. ${NOT_CSV_HINT}`,
      'des colonnes séparées par « ; » ou « , »',
    );
  }
  const input: InputFile = { name: file, sha256: decoded.sha256, rows: 0, encoding: decoded.encoding, delimiter, kind: 'csv' };
  const known = [...spec.required, ...spec.optional];
  let reader: RowReader | null = null;
  let headerFailed = false;
  let dataRows = 0;
  try {
    parseCsvText(decoded.text, delimiter, (cells, row) => {
      if (headerFailed || isBlank(cells)) return;
      if (reader === null) {
        const index = new Map<string, number>();
        const duplicates: string[] = [];
        cells.forEach((h, i) => {
          const c = canonicalHeader(file, h, known);
          if (c === null) return;
          if (index.has(c)) duplicates.push(c);
          else index.set(c, i);
        });
        const missing = spec.required.filter((c) => !index.has(c));
        if (missing.length > 0) {
          headerFailed = true;
          const found = cells.map((h) => h.trim()).filter((h) => h !== '').slice(0, 20).join(', ');
          issues.push(
            issue(
              'column_missing',
              file,
              `Colonne(s) obligatoire(s) absente(s) de ${file} : ${missing.join(', ')} (en-tête lu ligne ${row} : ${found}). Ajoutez-les ou renommez les colonnes existantes.`,
              `les colonnes ${spec.required.join(', ')}`,
              { row, column: missing.join(', ') },
            ),
          );
          return;
        }
        for (const d of duplicates) {
          issues.push(issue('column_duplicate', file, `La colonne ${d} apparaît deux fois dans l'en-tête : supprimez l'une des deux.`, 'une seule colonne de ce nom', { row, column: d }));
        }
        reader = new RowReader(spec, index, issues);
        return;
      }
      dataRows++;
      reader.reset(cells, row);
      onRow(reader);
    });
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      // The row's content is not echoed: it could hold sensitive cells.
      const what = err.reason === 'unclosed_quote' ? "un guillemet (\") ouvert n'est jamais refermé" : 'du texte suit un guillemet (") fermant';
      issues.push(
        issue('file_not_csv', file, `Le fichier ${file} est mal formé à partir de la ligne ${err.row} : ${what}. Corrigez les guillemets de cette ligne, puis réexportez la feuille.`, 'un fichier CSV bien formé', {
          row: err.row,
        }),
      );
      return { input, readable: false, dataRows: 0 };
    }
    throw err;
  }
  if (headerFailed) return { input, readable: false, dataRows: 0 };
  input.rows = dataRows;
  return { input, readable: true, dataRows };
}

/** A row with no content (spreadsheets export trailing `;;;;` lines). */
function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}
