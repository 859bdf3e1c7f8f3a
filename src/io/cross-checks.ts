/**
 * Checks across files, once every file is read: mentees' schools exist, constraints name known
 * people and do not contradict each other, the policy's conflicts name known schools.
 * Rows whose own cells were invalid still count as "known" ids (their row already has an issue).
 */
import type { Contrainte, Etablissement, Mentor, Mentore } from '../schema/records.js';
import type { Policy } from '../schema/policy.js';
import type { RoundIssue } from '../schema/issues.js';
import { issue, quote } from './table-file.js';
import { CONTRAINTES, MENTORES, type Collected } from './records-read.js';
import { POLICY_FILE } from './policy-file.js';

/** Every mentee's `uai` must be a school of etablissements.csv. */
export function checkMenteeSchools(mentores: Collected<Mentore>, etablissements: Collected<Etablissement>, issues: RoundIssue[]): void {
  mentores.records.forEach((m, i) => {
    if (etablissements.idRow.has(m.uai)) return;
    issues.push(
      issue('unknown_uai', MENTORES.file, `L'établissement ${quote(m.uai)} n'est pas dans etablissements.csv : ajoutez-le ou corrigez l'UAI du mentoré.`, 'un UAI de etablissements.csv', {
        row: mentores.rows[i],
        column: 'uai',
        value: m.uai,
      }),
    );
  });
}

/** The policy's conflicts of interest must name schools of the round. */
export function checkPolicySchools(policy: Policy, etablissements: Collected<Etablissement>, issues: RoundIssue[]): void {
  policy.conflits.forEach((c, i) => {
    if (etablissements.idRow.has(c.uai.trim().toUpperCase())) return;
    issues.push(
      issue('unknown_uai', POLICY_FILE, `Le conflit d'intérêts n° ${i + 1} vise l'établissement ${quote(c.uai)}, absent de etablissements.csv : corrigez l'UAI.`, 'un UAI de etablissements.csv', {
        column: `conflits.${i}.uai`,
        value: c.uai,
      }),
    );
  });
}

/**
 * Constraints: known ids; no pair both imposed and forbidden; at most one imposed mentor per
 * mentee; no more imposed mentees than a mentor's capacity. Exact duplicate rows are dropped.
 * @returns the constraints without duplicates, in file order.
 */
export function checkConstraints(
  contraintes: Collected<Contrainte>,
  mentores: Collected<Mentore>,
  mentors: Collected<Mentor>,
  issues: RoundIssue[],
): { records: Contrainte[]; rows: number[] } {
  const file = CONTRAINTES.file;
  const capacity = new Map<string, number>();
  for (const m of mentors.records) capacity.set(m.id, m.capacite);
  const pairRow = new Map<string, { type: Contrainte['type']; row: number }>();
  const imposedOf = new Map<string, { mentor: string; row: number }>();
  const imposedCount = new Map<string, number>();
  const records: Contrainte[] = [];
  const rows: number[] = [];
  contraintes.records.forEach((c, i) => {
    const row = contraintes.rows[i];
    let known = true;
    if (!mentores.idRow.has(c.mentore_id)) {
      known = false;
      issues.push(
        issue('unknown_mentee', file, `Le mentoré ${quote(c.mentore_id)} n'existe pas dans mentores.csv : corrigez l'identifiant ou supprimez la ligne.`, 'un id de mentores.csv', {
          row,
          column: 'mentore_id',
          value: c.mentore_id,
        }),
      );
    }
    if (!mentors.idRow.has(c.mentor_id)) {
      known = false;
      issues.push(
        issue('unknown_mentor', file, `Le mentor ${quote(c.mentor_id)} n'existe pas dans mentors.csv : corrigez l'identifiant ou supprimez la ligne.`, 'un id de mentors.csv', {
          row,
          column: 'mentor_id',
          value: c.mentor_id,
        }),
      );
    }
    if (!known) return;
    const key = `${c.mentore_id}\u0000${c.mentor_id}`;
    const previous = pairRow.get(key);
    if (previous !== undefined) {
      if (previous.type !== c.type) {
        issues.push(
          issue(
            'constraint_contradiction',
            file,
            `La paire ${quote(c.mentore_id)} – ${quote(c.mentor_id)} est à la fois imposée et interdite (voir aussi la ligne ${previous.row}) : gardez une seule des deux lignes.`,
            'une seule contrainte par paire',
            { row, column: 'type', value: c.type },
          ),
        );
      }
      return; // an exact duplicate is harmless: kept once
    }
    pairRow.set(key, { type: c.type, row });
    records.push(c);
    rows.push(row);
    if (c.type !== 'impose') return;
    const other = imposedOf.get(c.mentore_id);
    if (other !== undefined) {
      issues.push(
        issue(
          'constraint_contradiction',
          file,
          `Le mentoré ${quote(c.mentore_id)} a déjà un mentor imposé (${quote(other.mentor)}, ligne ${other.row}) : un mentoré ne peut avoir qu'un mentor imposé. Supprimez l'une des deux lignes.`,
          'au plus un mentor imposé par mentoré',
          { row, column: 'mentor_id', value: c.mentor_id },
        ),
      );
    } else imposedOf.set(c.mentore_id, { mentor: c.mentor_id, row });
    const count = (imposedCount.get(c.mentor_id) ?? 0) + 1;
    imposedCount.set(c.mentor_id, count);
    const cap = capacity.get(c.mentor_id);
    if (cap !== undefined && count === cap + 1) {
      issues.push(
        issue(
          'constraint_contradiction',
          file,
          `Le mentor ${quote(c.mentor_id)} reçoit plus de mentorés imposés que sa capacité (${cap}) : augmentez sa capacité dans mentors.csv ou retirez une contrainte « impose ».`,
          `au plus ${cap} mentoré(s) imposé(s) pour ce mentor`,
          { row, column: 'mentor_id', value: c.mentor_id },
        ),
      );
    }
  });
  return { records, rows };
}
