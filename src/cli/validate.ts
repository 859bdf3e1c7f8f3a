/**
 * `mentormatch validate <round>`: reads a round folder and prints every problem, in French, one
 * per line (`fichier:ligne colonne — message`), plus the ineligible mentors as information.
 * Exit 0 when the round is valid, EXIT.INVALID otherwise. Never writes a file.
 */
import type { Command } from 'commander';
import type { RoundIssue } from '../schema/issues.js';
import type { InputFile, RoundReadResult } from '../schema/round.js';
import type { Mentor } from '../schema/records.js';
import { readRound } from '../io/round.js';
import { parseDate, todayIso } from '../io/cells.js';
import { INELIGIBILITY_LABELS, mentorEligibility, type IneligibilityReason } from '../candidates/eligibility.js';
import { CliError, EXIT, setExitCode } from './run.js';

/** One issue as a report line: `fichier:ligne colonne — message`. */
export function formatIssue(i: RoundIssue): string {
  const where = `${i.file}${i.row !== undefined ? `:${i.row}` : ''}${i.column !== undefined ? ` ${i.column}` : ''}`;
  return `${where} — ${i.message}`;
}

/** Parses a `--date` option (jj/mm/aaaa or ISO) or throws a French CliError. */
export function dateOption(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const iso = parseDate(raw);
  if (iso === null) throw new CliError(`date « ${raw} » invalide : attendu jj/mm/aaaa ou aaaa-mm-jj.`);
  return iso;
}

/** Count of ineligible mentors by reason (a coordinator's to-do list, not an error). */
export function ineligibleCounts(mentors: readonly Mentor[], date: string): Partial<Record<IneligibilityReason, number>> {
  const out: Partial<Record<IneligibilityReason, number>> = {};
  for (const m of mentors) {
    const e = mentorEligibility(m, date);
    if (!e.eligible) out[e.reason] = (out[e.reason] ?? 0) + 1;
  }
  return out;
}

function frDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function fileLine(f: InputFile): string {
  if (f.kind === 'json') return `  ${f.name} : lu`;
  const enc = f.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252';
  return `  ${f.name} : ${f.rows} ligne${f.rows > 1 ? 's' : ''} (${enc}, séparateur « ${f.delimiter} »)`;
}

/** The French text report of a validation. */
export function formatValidation(dir: string, res: RoundReadResult, date: string): string {
  const lines: string[] = [`Tour « ${dir} », date du tour : ${frDate(date)}`];
  const files = res.ok ? res.round.files : (res.files ?? []);
  if (files.length > 0) lines.push('Fichiers lus :', ...files.map(fileLine));
  if (!res.ok) {
    lines.push(`Tour invalide : ${res.issues.length} problème${res.issues.length > 1 ? 's' : ''} à corriger.`);
    for (const i of res.issues) lines.push(formatIssue(i));
    return lines.join('\n') + '\n';
  }
  const r = res.round;
  lines.push(`Tour valide : ${r.etablissements.length} établissements, ${r.mentores.length} mentorés, ${r.mentors.length} mentors, ${r.contraintes.length} contraintes.`);
  const counts = ineligibleCounts(r.mentors, date);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  if (total > 0) {
    lines.push(`Information : ${total} mentor${total > 1 ? 's' : ''} inéligible${total > 1 ? 's' : ''} pour ce tour (gardés dans le tour, à régulariser) :`);
    // Fixed order (the labels' order), so the report is byte-identical for the same input.
    for (const reason of Object.keys(INELIGIBILITY_LABELS) as IneligibilityReason[]) {
      if (counts[reason]) lines.push(`  ${INELIGIBILITY_LABELS[reason]} : ${counts[reason]}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Registers the `validate` command. */
export function register(program: Command): void {
  program
    .command('validate')
    .description("Vérifie un dossier de tour (fichiers CSV et politique.json) sans rien écrire, et liste tous les problèmes.")
    .argument('<tour>', 'dossier du tour (etablissements.csv, mentores.csv, mentors.csv, contraintes.csv, politique.json)')
    .option('--date <date>', "date du tour, jj/mm/aaaa ou aaaa-mm-jj (défaut : aujourd'hui)")
    .option('--format <format>', 'text (défaut) ou json', 'text')
    .action(async (dir: string, opts: { date?: string; format: string }) => {
      const format = opts.format === 'texte' ? 'text' : opts.format;
      if (format !== 'text' && format !== 'json') throw new CliError(`format inconnu « ${opts.format} » : choisissez text ou json.`);
      const iso = dateOption(opts.date);
      const res = await readRound(dir, { date: iso });
      const date = res.ok ? (res.round.date ?? iso!) : (iso ?? todayIso());
      if (format === 'json') {
        const out = res.ok
          ? { valid: true, date, files: res.round.files, issues: [], ineligible: ineligibleCounts(res.round.mentors, date) }
          : { valid: false, date, files: res.files ?? [], issues: res.issues };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        process.stdout.write(formatValidation(dir, res, date));
      }
      if (!res.ok) setExitCode(EXIT.INVALID);
    });
}
