/**
 * Reads a round's output tables back (for `mentormatch explain`): binomes.csv and
 * non_apparies.csv as rows of named cells, BOM stripped, CSV-injection neutralisation undone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { BOM, unneutraliseCell } from './output-csv.js';
import { OutputFolderError } from './outputs.js';

/** One CSV row, column name → cell text (numbers keep their decimal comma). */
export type OutputRow = Record<string, string>;

/** The two tables of an output folder. */
export interface OutputTables {
  binomes: OutputRow[];
  nonApparies: OutputRow[];
}

/** Parses one of our CSV files (`;`, header row). */
export function parseOutputCsv(text: string): Promise<OutputRow[]> {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  return new Promise((resolve, reject) => {
    const rows: OutputRow[] = [];
    parseString<OutputRow, OutputRow>(body, { delimiter: ';', headers: true })
      .on('data', (r: OutputRow) => {
        const clean: OutputRow = {};
        for (const [k, v] of Object.entries(r)) clean[k] = unneutraliseCell(v);
        rows.push(clean);
      })
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

async function readTable(dir: string, name: string): Promise<OutputRow[]> {
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch {
    throw new OutputFolderError(
      `le dossier « ${dir} » ne contient pas ${name} : indiquez le dossier de sortie d'un tour (option --out de « mentormatch match »).`,
    );
  }
  try {
    return await parseOutputCsv(text);
  } catch {
    throw new OutputFolderError(`le fichier ${name} de « ${dir} » est illisible : relancez « mentormatch match » pour le régénérer.`);
  }
}

/** Reads binomes.csv and non_apparies.csv of an output folder. */
export async function readOutputTables(dir: string): Promise<OutputTables> {
  return { binomes: await readTable(dir, 'binomes.csv'), nonApparies: await readTable(dir, 'non_apparies.csv') };
}
