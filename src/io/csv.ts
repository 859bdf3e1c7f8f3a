/**
 * Text of a CSV export → rows of raw cells, streamed through fast-csv. The delimiter (`;` from
 * Excel FR, `,` elsewhere) is detected on the header line; rows are numbered as the spreadsheet
 * numbers them (the header is row 1; a quoted cell spanning lines is still one row).
 */
import { parse } from 'fast-csv';

export type Delimiter = ';' | ',';

/**
 * The delimiter of a CSV text, from its first non-empty line (quoted parts ignored): the more
 * frequent of `;` and `,`, or null when the line has neither (a single column is not one of ours).
 */
export function detectDelimiter(text: string): Delimiter | null {
  let start = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted && c === 59 /* ; */) semi++;
    else if (!quoted && c === 44 /* , */) comma++;
  }
  if (semi === 0 && comma === 0) return null;
  return semi >= comma ? ';' : ',';
}

/** Receives each row's raw cells (untrimmed) and its spreadsheet row number (1 = first line). */
export type RowSink = (cells: string[], row: number) => void;

/** A parse failure of fast-csv (e.g. an unclosed quote), with the row where it happened. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'CsvSyntaxError';
  }
}

// Text is fed to the parser in slices so a large file is parsed as it goes, not copied at once.
const SLICE = 1 << 20;

/** Streams the rows of a CSV text to `sink`. Rejects with a `CsvSyntaxError` on malformed quoting. */
export function parseCsvText(text: string, delimiter: Delimiter, sink: RowSink): Promise<number> {
  return new Promise((resolve, reject) => {
    let row = 0;
    const parser = parse({ delimiter, quote: '"', ignoreEmpty: false, trim: false });
    parser.on('data', (cells: string[]) => {
      row++;
      sink(cells, row);
    });
    parser.on('error', (err: Error) => reject(new CsvSyntaxError(row + 1, err.message)));
    parser.on('end', () => resolve(row));
    for (let i = 0; i < text.length; i += SLICE) parser.write(text.slice(i, i + SLICE));
    parser.end();
  });
}
