/**
 * `mentormatch match <tour> --out <dossier>`: the whole round. Refuses an invalid round (prints the
 * validation report, writes nothing), runs the pipeline, writes the four output files atomically,
 * prints a French summary (or the synthesis as JSON with `--format json`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { readRound } from '../io/round.js';
import { todayIso } from '../io/cells.js';
import { loadCommunes, loadDiplomas } from '../io/reference.js';
import { parsePolicyBytes } from '../io/policy-file.js';
import { checkOutputTarget, OutputFolderError, writeOutputFolder } from '../io/outputs.js';
import type { RoundIssue } from '../schema/issues.js';
import type { Round } from '../schema/round.js';
import { solverNames } from '../solve/registry.js';
import { SolverRefusal } from '../solve/types.js';
import { exportRoundLp } from '../solve/lp-export.js';
import { PAR_MODES, RECONCILIATION_LEVELS, RoundInfeasible, runRound, type ParMode, type ReconciliationLevel } from '../pipeline/run-round.js';
import { renderOutputs } from '../pipeline/render.js';
import { formatRoundSummary } from '../report/terminal.js';
import { formatIssue, formatValidation, dateOption } from './validate.js';
import { CliError, EXIT, setExitCode } from './run.js';
import { phaseDisplay } from './phases.js';

/** Options as commander gives them. */
interface MatchOptions {
  out: string;
  solver: string;
  par: string;
  workers?: string;
  timeout?: string;
  date?: string;
  politique?: string;
  seed: string;
  exportLp?: string;
  format: string;
  quiet?: boolean;
  sansMesurePerte?: boolean;
  reconciliation?: string;
}

/** `--par` accepts the French names and a few obvious spellings. */
const PAR_ALIASES: Record<string, ParMode> = {
  composantes: 'composantes',
  composante: 'composantes',
  academie: 'academie',
  académie: 'academie',
  region: 'region',
  région: 'region',
  aucun: 'aucun',
};

/** `--reconciliation` accepts the French names, with or without accents. */
const RECONCILIATION_ALIASES: Record<string, ReconciliationLevel> = {
  aucune: 'aucune',
  frontaliers: 'frontaliers',
  etendue: 'etendue',
  étendue: 'etendue',
};

function positiveInt(raw: string | undefined, what: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${what} « ${raw} » invalide : attendu un entier ≥ ${min}.`);
  return n;
}

/** Checks the options before anything is read, with French messages. */
function parseOptions(o: MatchOptions) {
  const format = o.format === 'texte' ? 'text' : o.format;
  if (format !== 'text' && format !== 'json') throw new CliError(`format inconnu « ${o.format} » : choisissez text ou json.`);
  if (!solverNames().includes(o.solver)) {
    throw new CliError(`solveur inconnu « ${o.solver} » : choisissez parmi ${solverNames().join(', ')}.`);
  }
  const par = PAR_ALIASES[o.par.toLowerCase()];
  if (!par) throw new CliError(`découpage inconnu « ${o.par} » : choisissez parmi ${PAR_MODES.join(', ')}.`);
  const seed = positiveInt(o.seed, 'graine (--seed)', 0)!;
  const workers = positiveInt(o.workers, 'nombre de workers (--workers)', 1);
  let timeoutMs: number | undefined;
  if (o.timeout !== undefined) {
    const t = Number(o.timeout.replace(',', '.'));
    if (!Number.isFinite(t) || t <= 0) throw new CliError(`délai (--timeout) « ${o.timeout} » invalide : attendu un nombre de secondes > 0.`);
    timeoutMs = Math.round(t * 1000);
  }
  let reconciliation: ReconciliationLevel | undefined;
  if (o.reconciliation !== undefined) {
    reconciliation = RECONCILIATION_ALIASES[o.reconciliation.toLowerCase()];
    if (!reconciliation) throw new CliError(`réconciliation inconnue « ${o.reconciliation} » : choisissez parmi ${RECONCILIATION_LEVELS.join(', ')}.`);
    if (par !== 'academie' && par !== 'region') {
      throw new CliError(`--reconciliation ne s'applique qu'à un découpage régional (--par academie ou --par region) : le découpage ${par} n'a pas de mentors frontaliers.`);
    }
  }
  return { format, par, seed, workers, timeoutMs, reconciliation, date: dateOption(o.date) };
}

/** Replaces the round's policy by the file given with --politique (validated like politique.json). */
async function applyPolicyFile(round: Round, path: string): Promise<RoundIssue[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new CliError(`fichier de politique « ${path} » introuvable ou illisible.`);
  }
  const issues: RoundIssue[] = [];
  const { policy, input } = parsePolicyBytes(bytes, issues);
  for (const i of issues) i.file = basename(path);
  if (policy === null) return issues;
  round.politique = policy;
  // The hash list names the file actually used.
  round.files = [...round.files.filter((f) => f.kind !== 'json'), { ...input, name: basename(path) }];
  return [];
}

async function writeLpFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch {
    throw new CliError(`impossible d'écrire le modèle LP dans « ${path} » (dossier absent ou protégé).`);
  }
}

/** A count the French way with plain spaces (500 000): greppable, whatever the terminal. */
function frNumber(x: number | string): string {
  return Number(x).toLocaleString('fr-FR').replace(/\s/g, ' ');
}

function refusedSolver(e: SolverRefusal): string {
  return String(e.detail.solver ?? 'choisi');
}

function refusalMessage(e: SolverRefusal): string {
  switch (e.code) {
    case 'too-large':
      if (e.detail.cells !== undefined) {
        return `le solveur ${e.detail.solver} est limité à ${frNumber(e.detail.cellLimit)} cellules de tableau (${e.detail.mip ? 'programme en nombres entiers : budgets, quotas ou plafonds par employeur' : 'programme linéaire'}), ce tour en demanderait ${frNumber(e.detail.cells)} : utilisez --solver lagrangien (budgets et quotas) ou --solver flow, ou un découpage (--par).`;
      }
      return `le solveur ${e.detail.solver} ne peut traiter que ${e.detail.limit} binômes candidats, ce tour en a ${e.detail.edges} : utilisez --solver flow, ou un découpage (--par).`;
    case 'numerical':
      return `le solveur ${refusedSolver(e)} (javascript-lp-solver) a renvoyé un point qui n'est pas une solution du modèle${e.detail.row ? ` (${e.detail.row}, écart ${e.detail.violation})` : ''} : résultat écarté. Utilisez --solver lagrangien, ou --export-lp pour résoudre le modèle avec glpsol ou HiGHS.`;
    case 'side-constraints':
      return `le solveur ${refusedSolver(e)} ne peut pas respecter les budgets d'établissement (budget_eur) ou les quotas (politique.json, quotas) de ce tour : utilisez --solver lagrangien (grands tours) ou --solver lp (petits tours), ou relevez les budgets ou les quotas.`;
    case 'loads':
      return `ce solveur ne traite pas les charges horaires : utilisez --solver lp.`;
    case 'unknown-solver':
      return `solveur inconnu : choisissez parmi ${solverNames().join(', ')}.`;
    default:
      return `le solveur a refusé le problème (${e.message}).`;
  }
}

/** Registers the `match` command. */
export function register(program: Command): void {
  program
    .command('match')
    .description("Apparie un tour complet et écrit binomes.csv, non_apparies.csv, synthese.json et rapport.html.")
    .argument('<tour>', 'dossier du tour (etablissements.csv, mentores.csv, mentors.csv, contraintes.csv, politique.json)')
    .requiredOption('--out <dossier>', 'dossier de sortie (créé ou remplacé d’un bloc ; jamais à moitié écrit)')
    .option('--solver <nom>', `solveur : ${solverNames().join(', ')}`, 'flow')
    .option('--par <découpage>', `découpage du calcul : ${PAR_MODES.join(', ')} (composantes : exact, sans perte)`, 'composantes')
    .option('--workers <n>', 'nombre de threads de calcul (défaut : nombre de cœurs)')
    .option('--sans-mesure-perte', "découpage academie ou region : ne pas résoudre aussi le tour entier pour mesurer ce que le découpage perd (plus rapide)")
    .option(
      '--reconciliation <niveau>',
      "découpage academie ou region, mentors frontaliers : aucune (chacun reste dans le lot où il a le plus de candidats), frontaliers (re-traités avec les mentorés qui peuvent les prendre) ou etendue (défaut : aussi les autres mentors de ces mentorés)",
    )
    .option('--timeout <secondes>', "délai maximal d'un lot ; un lot qui le dépasse est réessayé une fois puis signalé en échec")
    .option('--date <date>', "date du tour, jj/mm/aaaa ou aaaa-mm-jj (défaut : aujourd'hui)")
    .option('--politique <fichier>', 'politique JSON à utiliser à la place du politique.json du tour')
    .option('--seed <n>', 'graine des départages (enregistrée dans synthese.json)', '1')
    .option('--export-lp <fichier>', 'écrit aussi le modèle au format CPLEX LP (pour glpsol, HiGHS, CBC …)')
    .option('--format <format>', 'text (défaut) : résumé en français ; json : synthese.json sur la sortie standard', 'text')
    .option('--quiet', "ni l'étape en cours ni la barre de progression sur la sortie d'erreur")
    .action(async (dir: string, opts: MatchOptions) => {
      const o = parseOptions(opts);
      const phases = phaseDisplay(opts.quiet ?? false);
      // Whatever happens, the step line is cleared before anything else is printed.
      try {
        phases.show('lecture');
        const res = await readRound(dir, { date: o.date });
        if (!res.ok) {
          phases.done();
          process.stderr.write(formatValidation(dir, res, o.date ?? todayIso()));
          throw new CliError(`tour invalide : ${res.issues.length} problème(s) à corriger ; aucun fichier n'a été écrit.`);
        }
        const round = res.round;
        if (opts.politique) {
          const issues = await applyPolicyFile(round, opts.politique);
          if (issues.length > 0) {
            phases.done();
            process.stderr.write(issues.map(formatIssue).join('\n') + '\n');
            throw new CliError(`politique « ${opts.politique} » invalide : aucun fichier n'a été écrit.`);
          }
        }
        try {
          await checkOutputTarget(opts.out);
        } catch (err) {
          if (err instanceof OutputFolderError) throw new CliError(err.message);
          throw err;
        }
        let outcome;
        try {
          outcome = await runRound(round, {
            communes: loadCommunes(),
            diplomas: loadDiplomas(),
            solver: opts.solver,
            par: o.par,
            workers: o.workers,
            timeoutMs: o.timeoutMs,
            quiet: opts.quiet,
            seed: o.seed,
            measureLoss: !opts.sansMesurePerte,
            reconciliation: o.reconciliation,
            zeroTimings: process.env.MENTORMATCH_DETERMINISTE === '1',
            onPhase: (p) => phases.show(p),
            onProblem: opts.exportLp ? (p) => writeLpFile(opts.exportLp!, exportRoundLp(p)) : undefined,
          });
        } catch (err) {
          if (err instanceof SolverRefusal) throw new CliError(refusalMessage(err));
          if (err instanceof RoundInfeasible) {
            throw new CliError(
              "aucune affectation ne respecte à la fois les binômes imposés (contraintes.csv), les capacités des mentors, les budgets des établissements (budget_eur) et les quotas (politique.json) : " +
                "vérifiez qu'un mentor n'a pas plus de binômes imposés que sa capacité et que les frais des binômes imposés tiennent dans le budget de leur établissement. Aucun fichier n'a été écrit.",
            );
          }
          throw err;
        }
        phases.show('ecriture');
        const { files, synthese } = renderOutputs(outcome);
        try {
          await writeOutputFolder(opts.out, files);
        } catch (err) {
          if (err instanceof OutputFolderError) throw new CliError(err.message);
          throw err;
        }
        phases.done();
        if (o.format === 'json') process.stdout.write(JSON.stringify(synthese, null, 2) + '\n');
        else process.stdout.write(formatRoundSummary(synthese, dir, opts.out));
        if (synthese.statut === 'incomplete') {
          const failed = synthese.regions.filter((r) => r.statut === 'failed').map((r) => r.region);
          process.stderr.write(
            `Attention : tour incomplet, ${failed.length} lot(s) en échec (${failed.join(', ')}) ; leurs mentorés sont dans non_apparies.csv (raison lot_en_echec).\n`,
          );
          setExitCode(EXIT.INCOMPLETE);
        }
      } finally {
        phases.done();
      }
    });
}
