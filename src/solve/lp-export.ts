/**
 * CPLEX LP format writer: the model `lp` solves (./lp-model.ts), for any external solver (glpsol
 * --lp, HiGHS, CBC, CPLEX, Gurobi). Pure: returns the text; the CLI writes the file.
 *
 * The single objective is `M × coverage + value` (coverage first, lexicographically exact for the
 * M written in the header comment); integer edge variables are listed under `Binaries` when the
 * problem has loads or side constraints.
 */
import type { Problem } from '../encode/problem.js';
import { type LpModel, buildLpModel, objectiveCoef } from './lp-model.js';

/** Options of `exportLp`. */
export interface ExportLpOptions {
  /** Write the LP relaxation (no `Binaries` section). Default false. */
  relax?: boolean;
  /** Terms per line: the LP format allows long lines, but short ones diff and read better. */
  termsPerLine?: number;
}

/** Shortest exact decimal of a coefficient (the LP format reads 1e-7 style exponents). */
function num(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

/** ` + 3 x_1 - 2 y_0_1 …` wrapped over lines; `first` terms get no leading `+`. */
function terms(vars: ArrayLike<number>, coefs: ArrayLike<number>, names: string[], perLine: number): string {
  let out = '';
  let n = 0;
  for (let k = 0; k < vars.length; k++) {
    const c = coefs[k];
    if (c === 0) continue;
    const sign = c < 0 ? '-' : '+';
    const abs = Math.abs(c);
    const coef = abs === 1 ? '' : `${num(abs)} `;
    if (n > 0 && n % perLine === 0) out += '\n   ';
    out += n === 0 && sign === '+' ? ` ${coef}${names[vars[k]]}` : ` ${sign} ${coef}${names[vars[k]]}`;
    n++;
  }
  return n === 0 ? ` 0 ${names[vars[0] ?? 0] ?? 'x_none'}` : out;
}

/**
 * Writes a problem's model in CPLEX LP format: `Maximize`, `Subject To` (mentee, mentor, load, slot,
 * budget, quota and employer rows), `Bounds`, `Binaries`, `End`. Variable and row names are those of
 * the model (`x_<edge>`, `y_<mentor>_<run>`, `mentee_<i>`, `budget_<group>` …).
 */
export function exportLp(problem: Problem, options: ExportLpOptions = {}): string {
  return writeLp(buildLpModel(problem), options);
}

/** Writes an already built model (see `exportLp`). */
export function writeLp(m: LpModel, options: ExportLpOptions = {}): string {
  const perLine = Math.max(1, options.termsPerLine ?? 8);
  // A model without variables still needs one for a valid file: a fixed, zero-cost placeholder.
  const names = m.nVars > 0 ? m.varName : ['x_none'];
  const lines: string[] = [];
  lines.push(`\\ mentormatch assignment model: ${m.nEdgeVars} pairs, ${m.nVars} variables, ${m.nRows} rows`);
  lines.push(`\\ objective = ${num(m.bigM)} * (priority-weighted coverage) + (weight - slot penalties)`);
  lines.push('Maximize');
  const all = Int32Array.from({ length: m.nVars }, (_, v) => v);
  const c = Float64Array.from({ length: m.nVars }, (_, v) => objectiveCoef(m, v));
  lines.push(` obj:${terms(all, c, names, perLine)}`);
  lines.push('Subject To');
  for (let r = 0; r < m.nRows; r++) {
    const a = m.rowStart[r];
    const b = m.rowStart[r + 1];
    const op = m.rowSense[r] === 'le' ? '<=' : m.rowSense[r] === 'ge' ? '>=' : '=';
    lines.push(` ${m.rowName[r]}:${terms(m.rowVar.subarray(a, b), m.rowCoef.subarray(a, b), names, perLine)} ${op} ${num(m.rowRhs[r])}`);
  }
  lines.push('Bounds');
  if (m.nVars === 0) lines.push(' x_none = 0');
  for (let v = 0; v < m.nVars; v++) {
    const lo = m.varLower[v];
    const up = m.varUpper[v];
    if (lo === up) lines.push(` ${names[v]} = ${num(lo)}`);
    else if (Number.isFinite(up)) lines.push(` ${num(lo)} <= ${names[v]} <= ${num(up)}`);
    else lines.push(` ${names[v]} >= ${num(lo)}`);
  }
  if (m.integer && !options.relax) {
    const ints: string[] = [];
    // Fixed (imposed) variables stay out: a `Binaries` entry resets bounds to [0, 1] in some readers.
    for (let v = 0; v < m.nVars; v++) if (m.varInteger[v] && m.varLower[v] !== m.varUpper[v]) ints.push(names[v]);
    if (ints.length) {
      lines.push('Binaries');
      for (let k = 0; k < ints.length; k += perLine) lines.push(` ${ints.slice(k, k + perLine).join(' ')}`);
    }
  }
  lines.push('End');
  return lines.join('\n') + '\n';
}

/**
 * The model of a coordinator's round, for `match --export-lp`: `exportLp` without the mentees'
 * priorities. They derive from protected fields (QPV, ASE, handicap), and a pair's objective
 * coefficient (M × priority + score) would tell, mentee by mentee, how many flags are set; so
 * coverage counts every mentee 1 here (and a minimum-priority quota, which needs them, is left
 * out). The header says so. When no mentee has a priority above 1 the model is `exportLp`'s.
 */
export function exportRoundLp(problem: Problem, options: ExportLpOptions = {}): string {
  const prio = problem.priority;
  const uniform = !prio || prio.every((x) => x === 1);
  const side = problem.side && { ...problem.side, groupMinPriority: undefined };
  const text = exportLp(uniform ? problem : { ...problem, priority: undefined, side }, options);
  if (uniform) return text;
  return (
    '\\ Priorities are not exported: they derive from protected fields (QPV, ASE, handicap).\n' +
    '\\ Coverage counts every mentee 1 here, so this optimum may differ from the round\'s.\n' +
    text
  );
}
