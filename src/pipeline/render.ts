/**
 * The four output files of a round, rendered from its outcome (pure: contents only, the CLI
 * writes them atomically with src/io/outputs.ts).
 */
import type { RoundOutcome } from '../report/outcome.js';
import { summarize, type Synthese } from '../report/summary.js';
import { renderReport } from '../report/html.js';
import { binomesCsv, nonAppariesCsv } from '../io/output-tables.js';
import type { OutputFile } from '../io/outputs.js';

/** File names of a round's outputs, in the order they are listed to the coordinator. */
export const OUTPUT_FILES = ['binomes.csv', 'non_apparies.csv', 'synthese.json', 'rapport.html'] as const;

/** Renders binomes.csv, non_apparies.csv, synthese.json and rapport.html. */
export function renderOutputs(o: RoundOutcome): { files: OutputFile[]; synthese: Synthese } {
  const synthese = summarize(o);
  return {
    synthese,
    files: [
      { name: 'binomes.csv', content: binomesCsv(o) },
      { name: 'non_apparies.csv', content: nonAppariesCsv(o) },
      { name: 'synthese.json', content: JSON.stringify(synthese, null, 2) + '\n' },
      { name: 'rapport.html', content: renderReport(o, synthese) },
    ],
  };
}
