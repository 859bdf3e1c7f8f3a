/**
 * `readRound`: a round folder → a validated `Round`, or every issue found. Reads only (never
 * writes), streams each CSV once, row by row; reference tables are loaded once per process.
 */
import { readFile } from 'node:fs/promises';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import type { RoundIssue } from '../schema/issues.js';
import type { InputFile, Round, RoundReadResult } from '../schema/round.js';
import type { Contrainte, Etablissement, Mentor, Mentore } from '../schema/records.js';
import { defaultPolicy, type Policy } from '../schema/policy.js';
import { parseDate, todayIso } from './cells.js';
import { loadCommunes, loadDiplomas } from './reference.js';
import { issue, listDir, locate, readTable, type TableSpec, type RowReader } from './table-file.js';
import {
  collected,
  CONTRAINTES,
  ETABLISSEMENTS,
  MENTORES,
  MENTORS,
  readContrainte,
  readEtablissement,
  readMentor,
  readMentore,
  type Collected,
} from './records-read.js';
import { parsePolicyBytes, POLICY_FILE } from './policy-file.js';
import { checkConstraints, checkMenteeSchools, checkPolicySchools } from './cross-checks.js';
import { checkImposedPairsHook } from './imposed-hook.js';

/** Options of `readRound`. */
export interface ReadRoundOptions {
  /** Date of the round, `jj/mm/aaaa` or `YYYY-MM-DD`; default today (local time). */
  date?: string;
  /** Reference tables; default the bundled ones (tests pass tiny tables). */
  communes?: CommuneTable;
  diplomas?: DiplomaTable;
}

/**
 * Reads and validates a round folder (etablissements.csv, mentores.csv, mentors.csv, optional
 * contraintes.csv and politique.json). Every problem is collected as a `RoundIssue`; nothing is
 * written. Ineligible mentors are kept (eligibility is the scoring step's, not an input error).
 * @throws RangeError when `options.date` is not a date (a programming error, not a round error).
 */
export async function readRound(dir: string, options: ReadRoundOptions = {}): Promise<RoundReadResult> {
  const date = options.date === undefined ? todayIso() : parseDate(options.date);
  if (date === null) throw new RangeError(`readRound: invalid date ${JSON.stringify(options.date)} (expected jj/mm/aaaa or YYYY-MM-DD)`);
  const communes = options.communes ?? loadCommunes();
  const diplomas = options.diplomas ?? loadDiplomas();
  const issues: RoundIssue[] = [];

  const entries = await listDir(dir);
  if (entries === null) {
    issues.push(issue('file_missing', '.', `Le dossier du tour ${JSON.stringify(dir)} n'existe pas ou n'est pas un dossier.`, 'un dossier contenant les fichiers du tour'));
    return { ok: false, issues };
  }
  const files: InputFile[] = [];
  const read = async <T>(spec: TableSpec, required: boolean, onRow: (r: RowReader, out: Collected<T>) => void): Promise<{ out: Collected<T>; readable: boolean }> => {
    const out = collected<T>();
    const path = await locate(dir, spec.file, entries);
    if (path === null) {
      if (required) issues.push(issue('file_missing', spec.file, `Fichier obligatoire ${spec.file} absent du dossier du tour : ajoutez-le (voir le format dans la documentation).`, 'un fichier CSV'));
      return { out, readable: !required };
    }
    const res = await readTable(path, spec, issues, (r) => onRow(r, out));
    if (res.input) files.push(res.input);
    if (res.readable && res.dataRows === 0 && required) {
      issues.push(issue('file_empty', spec.file, `Le fichier ${spec.file} n'a aucune ligne de données sous l'en-tête.`, 'au moins une ligne'));
      return { out, readable: false };
    }
    return { out, readable: res.readable };
  };

  const etab = await read<Etablissement>(ETABLISSEMENTS, true, (r, out) => readEtablissement(r, out, communes));
  const mentees = await read<Mentore>(MENTORES, true, (r, out) => readMentore(r, out, diplomas));
  const mentors = await read<Mentor>(MENTORS, true, (r, out) => readMentor(r, out, communes, diplomas));
  const constraints = await read<Contrainte>(CONTRAINTES, false, (r, out) => readContrainte(r, out));

  let policy: Policy | null = defaultPolicy();
  const policyPath = await locate(dir, POLICY_FILE, entries);
  if (policyPath !== null) {
    const res = parsePolicyBytes(await readFile(policyPath), issues);
    files.push(res.input);
    policy = res.policy;
  }

  // Cross-file checks only where both sides were readable, so one broken file gives one issue.
  if (etab.readable && mentees.readable) checkMenteeSchools(mentees.out, etab.out, issues);
  if (etab.readable && policy !== null) checkPolicySchools(policy, etab.out, issues);
  let contraintes: { records: Contrainte[]; rows: number[] } = { records: [], rows: [] };
  if (constraints.readable && mentees.readable && mentors.readable) contraintes = checkConstraints(constraints.out, mentees.out, mentors.out, issues);

  if (issues.length > 0 || policy === null) return { ok: false, issues, files };
  const round: Round = {
    dir,
    date,
    etablissements: etab.out.records,
    mentores: mentees.out.records,
    mentors: mentors.out.records,
    contraintes: contraintes.records,
    politique: policy,
    files,
    rowOf: { mentores: mentees.out.rows, mentors: mentors.out.rows, etablissements: etab.out.rows, contraintes: contraintes.rows },
  };
  // Imposed pairs against the hard rules (eligibility, filière, radius, modality, slots): the
  // candidates step owns those rules; they are checked only on an otherwise valid round.
  const imposed = checkImposedPairsHook(round, { communes, diplomas, date, policy });
  if (imposed.length > 0) return { ok: false, issues: imposed, files };
  return { ok: true, round };
}

export { CONTRAINTES, ETABLISSEMENTS, MENTORES, MENTORS, POLICY_FILE };
