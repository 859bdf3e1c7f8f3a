/**
 * `mentormatch generate --preset … --seed N --out <dossier>`: writes a synthetic but realistic
 * round folder (seeded: the same seed gives the same bytes).
 */
import type { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { CliError } from './run.js';
import { PRESET_NAMES, isPresetName } from '../generate/presets.js';
import { generateRound } from '../generate/round.js';
import { writeRound } from '../io/round-writer.js';
import { loadCommunes, loadDiplomas } from '../io/reference.js';

/** Registers the `generate` command. */
export function register(program: Command): void {
  program
    .command('generate')
    .description("Génère une campagne d'appariement fictive mais réaliste (géographie réelle, tirage reproductible).")
    .requiredOption('--preset <nom>', `taille de la campagne : ${PRESET_NAMES.join(', ')}`)
    .option('--seed <n>', 'graine du tirage (entier)', '1')
    .requiredOption('--out <dossier>', 'dossier où écrire la campagne')
    .option('--date <aaaa-mm-jj>', "date de référence de la campagne (honorabilité vérifiée avant cette date)")
    .option('--force', 'écrire même si le dossier contient déjà des fichiers')
    .action((opts: { preset: string; seed: string; out: string; date?: string; force?: boolean }) => {
      if (!isPresetName(opts.preset)) {
        throw new CliError(`préréglage inconnu « ${opts.preset} » : choisir parmi ${PRESET_NAMES.join(', ')}.`);
      }
      if (!/^\d{1,15}$/.test(opts.seed)) throw new CliError(`graine invalide « ${opts.seed} » : un entier positif est attendu.`);
      if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
        throw new CliError(`date invalide « ${opts.date} » : le format attendu est aaaa-mm-jj.`);
      }
      if (!opts.force && existsSync(opts.out) && readdirSync(opts.out).length > 0) {
        throw new CliError(`le dossier « ${opts.out} » n'est pas vide : choisir un autre dossier ou ajouter --force.`);
      }
      const seed = Number(opts.seed);
      const round = generateRound(opts.preset, seed, { communes: loadCommunes(), diplomas: loadDiplomas() }, {
        roundDate: opts.date,
      });
      writeRound(opts.out, round);
      process.stdout.write(
        `Campagne « ${opts.preset} » (graine ${seed}) écrite dans ${opts.out} : ` +
          `${round.etablissements.length} établissements, ${round.mentores.length} mentorés, ` +
          `${round.mentors.length} mentors, ${round.contraintes.length} contraintes.\n` +
          `Date de référence : ${round.roundDate} (à passer à match avec --date pour la reproduire).\n`,
      );
    });
}
