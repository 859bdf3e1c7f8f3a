/**
 * `mentormatch solve --problem p.json [--solver …] [--out result.json]`: solves a problem in the
 * interchange format (see src/solve/interchange.ts) and writes the result JSON (stdout without
 * --out). An invalid file gives a French message naming what is wrong, and exit code 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { problemFromJson, resultToJson } from '../solve/interchange.js';
import { solverNames } from '../solve/registry.js';
import { solve } from '../solve/solve.js';
import { SolverRefusal } from '../solve/types.js';
import { CliError } from './run.js';

interface SolveCliOptions {
  problem: string;
  solver: string;
  out?: string;
  proposing: string;
  timeout?: string;
}

/** A count the French way with plain spaces (500 000): greppable, whatever the terminal. */
function frNumber(x: number | string): string {
  return Number(x).toLocaleString('fr-FR').replace(/\s/g, ' ');
}

/** French message of a solver refusal. */
function refusal(e: SolverRefusal, solver: string): string {
  switch (e.code) {
    case 'too-large':
      if (e.detail.cells !== undefined) {
        return `le solveur ${solver} est limité à ${frNumber(e.detail.cellLimit)} cellules de tableau (${e.detail.mip ? 'programme en nombres entiers : charges ou contraintes annexes' : 'programme linéaire'}), ce problème en demanderait ${frNumber(e.detail.cells)} (${frNumber(e.detail.rows)} lignes × ${frNumber(e.detail.variables)} variables) : ${e.detail.loads ? 'aucun autre solveur ne traite les charges, découpez le problème' : 'utilisez --solver flow, ou --solver lagrangien pour les budgets et quotas'}.`;
      }
      return `le solveur ${solver} accepte au plus ${e.detail.limit} arêtes, ce problème en a ${e.detail.edges} : utilisez --solver flow.`;
    case 'numerical':
      return `le solveur ${solver} (javascript-lp-solver) a renvoyé un point qui n'est pas une solution du modèle${e.detail.row ? ` (${e.detail.row}, écart ${e.detail.violation})` : ''} : résultat écarté. Utilisez --solver lagrangien, ou exportez le modèle en format LP pour glpsol ou HiGHS.`;
    case 'loads':
      return `le solveur ${solver} ne traite pas les charges (4e valeur des arêtes) : utilisez --solver lp.`;
    case 'side-constraints':
      return `le solveur ${solver} ne peut pas respecter les contraintes annexes de ce problème : utilisez --solver lp ou lagrangien.`;
    case 'unknown-solver':
      return `solveur inconnu « ${solver} » : choisissez parmi ${solverNames().join(', ')}.`;
    default:
      return `le solveur ${solver} a refusé le problème (${e.message}).`;
  }
}

/** Registers the `solve` command. */
export function register(program: Command): void {
  program
    .command('solve')
    .description("Résout un problème d'affectation au format d'échange JSON et écrit le résultat en JSON.")
    .requiredOption('--problem <fichier>', 'problème au format JSON (voir le README, « format d’échange »)')
    .option('--solver <nom>', `solveur : ${solverNames().join(', ')}`, 'flow')
    .option('--out <fichier>', 'écrit le résultat dans ce fichier (sinon sur la sortie standard)')
    .option('--proposing <côté>', 'solveur stable : côté qui propose (mentee ou mentor)', 'mentee')
    .option('--timeout <secondes>', 'temps maximal de résolution, en secondes')
    .action(async (opts: SolveCliOptions) => {
      let text: string;
      try {
        text = await readFile(opts.problem, 'utf8');
      } catch {
        throw new CliError(`impossible de lire le fichier « ${opts.problem} ».`);
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        const why = err instanceof SyntaxError ? err.message : String(err);
        throw new CliError(`le fichier « ${opts.problem} » n'est pas un JSON valide (${why}).`);
      }
      const parsed = problemFromJson(data);
      if (!parsed.ok) {
        const lines = parsed.issues.map((i) => `  - ${i.path} : ${i.message}`).join('\n');
        throw new CliError(`le problème « ${opts.problem} » est invalide :\n${lines}`);
      }
      if (opts.proposing !== 'mentee' && opts.proposing !== 'mentor') {
        throw new CliError(`--proposing attend « mentee » ou « mentor », pas « ${opts.proposing} ».`);
      }
      let timeLimitMs: number | undefined;
      if (opts.timeout !== undefined) {
        const s = Number(opts.timeout);
        if (!(s > 0)) throw new CliError(`--timeout attend un nombre de secondes positif, pas « ${opts.timeout} ».`);
        timeLimitMs = s * 1000;
      }
      let result;
      try {
        result = solve(parsed.problem, { solver: opts.solver, proposing: opts.proposing, timeLimitMs });
      } catch (err) {
        if (err instanceof SolverRefusal) throw new CliError(refusal(err, opts.solver));
        throw err;
      }
      const json = JSON.stringify(resultToJson(result)) + '\n';
      if (opts.out) {
        try {
          await writeFile(opts.out, json);
        } catch {
          throw new CliError(`impossible d'écrire le fichier « ${opts.out} ».`);
        }
      } else {
        process.stdout.write(json);
      }
      if (result.status === 'timeout') {
        // Exit 0: the result is written (best known assignment, status `timeout` in the JSON).
        const limit = opts.timeout !== undefined ? `délai de ${opts.timeout} s (--timeout)` : 'délai par défaut du solveur';
        process.stderr.write(
          `Attention : ${limit} atteint, calcul arrêté ; le résultat (statut « timeout ») est la meilleure affectation connue, sans preuve d'optimalité${result.assignment.some((j) => j >= 0) ? '' : ' (aucune affectation trouvée à temps hors paires imposées)'}.\n`,
        );
      }
    });
}
