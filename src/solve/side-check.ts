/**
 * Side-constraint feasibility of an assignment (budgets and quotas of `Problem.side`), computed
 * from the Problem. Used by solvers that cannot honour side constraints (flow, greedy, stable) to
 * say whether their answer happens to satisfy them.
 */
import type { Problem } from '../encode/problem.js';
import { edgeOf } from './objective.js';

/** Violated side constraints (English, for developers), empty when all hold or there are none. */
export function sideViolations(p: Problem, assignment: Int32Array): string[] {
  const s = p.side;
  if (!s) return [];
  const out: string[] = [];
  if (s.menteeGroup && (s.groupBudget || s.groupMinPriority)) {
    const nGroups = Math.max(s.groupBudget?.length ?? 0, s.groupMinPriority?.length ?? 0);
    const spent = new Float64Array(nGroups);
    const prio = new Int32Array(nGroups);
    for (let i = 0; i < p.nMentees; i++) {
      const g = s.menteeGroup[i];
      const j = assignment[i];
      if (g < 0 || j < 0) continue;
      const e = edgeOf(p, i, j);
      if (s.edgeCost && e >= 0) spent[g] += s.edgeCost[e];
      if (p.priority && p.priority[i] > 1) prio[g]++;
    }
    for (let g = 0; g < nGroups; g++) {
      const b = s.groupBudget?.[g] ?? Infinity;
      if (spent[g] > b * (1 + 1e-12) + 1e-9) out.push(`group ${g}: cost ${spent[g]} over budget ${b}`);
      const q = s.groupMinPriority?.[g] ?? 0;
      if (prio[g] < q) out.push(`group ${g}: ${prio[g]} priority mentees matched, minimum ${q}`);
    }
  }
  if (s.mentorEmployer && s.employerMax) {
    const used = new Int32Array(s.employerMax.length);
    for (let i = 0; i < p.nMentees; i++) {
      const j = assignment[i];
      if (j >= 0 && s.mentorEmployer[j] >= 0) used[s.mentorEmployer[j]]++;
    }
    for (let k = 0; k < used.length; k++) if (used[k] > s.employerMax[k]) out.push(`employer ${k}: ${used[k]} mentees, maximum ${s.employerMax[k]}`);
  }
  return out;
}
