/**
 * Writes a round folder: CSV files as a French spreadsheet exports them (UTF-8 with BOM, `;`,
 * CRLF line ends, `"`-quoting only where needed) and JSON files. A plain string builder rather
 * than a streaming formatter: a national round (250,000 rows, ~20 MB) fits in memory and the bytes
 * are then exactly determined by the cells, which the determinism tests hash.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CsvTable, type RoundTables, renderRound } from '../generate/render.js';
import type { GeneratedRound } from '../generate/round.js';

const BOM = '\ufeff';
const EOL = '\r\n';
const NEEDS_QUOTES = /[;"\r\n]/;

/** One cell, quoted when it contains the delimiter, a quote or a line break. */
function cell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A table as the text of a `;`-separated CSV file with a UTF-8 BOM. */
export function formatCsv(table: CsvTable): string {
  const parts: string[] = [BOM, table.header.map(cell).join(';'), EOL];
  for (const row of table.rows) {
    parts.push(row.map(cell).join(';'), EOL);
  }
  return parts.join('');
}

/** Writes tables and JSON documents into `dir` (created if needed); returns the paths written. */
export function writeRoundTables(dir: string, tables: RoundTables): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const t of tables.csv) {
    const path = join(dir, t.name);
    writeFileSync(path, formatCsv(t), 'utf8');
    written.push(path);
  }
  for (const j of tables.json) {
    const path = join(dir, j.name);
    writeFileSync(path, `${JSON.stringify(j.value, null, 2)}\n`, 'utf8');
    written.push(path);
  }
  return written;
}

/** Renders a generated round and writes its folder; returns the paths written. */
export function writeRound(dir: string, round: GeneratedRound): string[] {
  return writeRoundTables(dir, renderRound(round));
}
