/**
 * `mentormatch explain <dir> <id>`: why a mentee got its mentor, or none, from a round's outputs.
 */
import type { Command } from 'commander';
import { readOutputTables } from '../io/output-read.js';
import { OutputFolderError } from '../io/outputs.js';
import { explain, formatExplanation } from '../report/explain.js';
import { CliError } from './run.js';

/** Registers the `explain` command. */
export function register(program: Command): void {
  program
    .command('explain')
    .description("Explique l'appariement d'un mentoré (ou d'un mentor) à partir du dossier de sortie d'un tour.")
    .argument('<dossier>', 'dossier de sortie de « mentormatch match » (option --out)')
    .argument('<id>', 'identifiant du mentoré (ou du mentor)')
    .option('--format <format>', 'text (défaut) ou json', 'text')
    .action(async (dir: string, id: string, opts: { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'texte' && opts.format !== 'json') {
        throw new CliError(`format inconnu « ${opts.format} » : choisissez text ou json.`);
      }
      let tables;
      try {
        tables = await readOutputTables(dir);
      } catch (err) {
        if (err instanceof OutputFolderError) throw new CliError(err.message);
        throw err;
      }
      const e = explain(id, tables);
      if (!e) {
        throw new CliError(`aucun mentoré ni mentor « ${id} » dans les résultats de « ${dir} » (binomes.csv, non_apparies.csv).`);
      }
      process.stdout.write(opts.format === 'json' ? JSON.stringify(e, null, 2) + '\n' : formatExplanation(e));
    });
}
