/**
 * CSV serialisation for the coordinator's outputs: `;`-separated, UTF-8 with a BOM and CRLF line
 * ends so that Excel (French locale) opens the file directly, decimal comma for the same reason,
 * and CSV-injection neutralisation of text cells. Pure: returns a string; writing is outputs.ts's job.
 */

/** A cell: text (neutralised if needed), a number (written with a decimal comma) or a flag (`oui`/`non`). */
export type CsvCell = string | number | boolean | null | undefined;

/** Byte-order mark: Excel uses it to recognise UTF-8. */
export const BOM = '\uFEFF';

/**
 * Characters a spreadsheet may read as the start of a formula (OWASP CSV injection): `=`, `+`,
 * `-`, `@`, tab and carriage return. A leading `'` is escaped too, so that `unneutraliseCell` is an
 * exact inverse (an id genuinely starting with `'` keeps it).
 */
const DANGEROUS_START = /^[=+\-@\t\r']/;

/** Prefixes a text cell with `'` when a spreadsheet could take it for a formula. */
export function neutraliseCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** Inverse of `neutraliseCell`, for reading our own outputs back (the `explain` command). */
export function unneutraliseCell(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

/**
 * Formats a number the way French Excel reads it: decimal comma, at most `decimals` digits, no
 * trailing zeros, no thousands separator, never `-0`. Non-finite numbers become an empty cell.
 */
export function formatNumber(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return '';
  const scale = 10 ** decimals;
  let r = Math.round(x * scale) / scale;
  if (Object.is(r, -0)) r = 0;
  return String(r).replace('.', ',');
}

/** Quotes a cell when it holds the separator, a quote or a line break (RFC 4180, `;` variant). */
function quote(text: string): string {
  // Leading or trailing spaces are quoted too: some readers trim unquoted cells.
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders one cell. Numbers and booleans are produced by us and never neutralised. */
export function renderCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  return quote(neutraliseCell(cell));
}

/** A whole CSV file: BOM, header, rows, CRLF after every line. Header cells are ours (never neutralised). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines: string[] = [header.join(';')];
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`CSV row has ${row.length} cells, header has ${header.length}`);
    }
    lines.push(row.map(renderCell).join(';'));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
