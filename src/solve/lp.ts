/**
 * The `lp` solver: the only file that imports javascript-lp-solver. It takes what the network
 * solver cannot: loads (generalized assignment, a MIP), group budgets (€), quotas and imposed pairs.
 *
 * The adapter names every variable and row from the library-independent model (./lp-model.ts),
 * reads values back by name (the library omits zero-valued variables: a missing key is 0), and
 * re-checks the point against the model before trusting it. The library's result is never taken
 * on its word for optimality: a second, dual LP is solved and its multipliers turned into an upper
 * bound by `dualBound` (weak duality, valid for any multipliers of the right sign), and `optimal`
 * is only claimed when the assignment reaches that bound (see `boundCertificate`).
 *
 * Lexicographic objective: one solve of `M × coverage + value` with M from `lexicographicWeight`,
 * exact on the priorities' 0.001 grid (coverage first, then weight minus slot penalties).
 */
import jsLpModule from 'javascript-lp-solver';
import type { Model as JsLpModel, SolveResult as JsLpResult, SolverAPI } from 'javascript-lp-solver';
import { type Problem, edgeCount } from '../encode/problem.js';
import { type LpModel, buildLpModel, dualBound, evaluate, maxViolation, objectiveCoef } from './lp-model.js';
import { type BoundCertificate, type Solver, type SolveOptions, type SolverOutput, SolverRefusal } from './types.js';

/**
 * Largest dense tableau javascript-lp-solver is given, in cells ((rows + 1) × (columns + 1)).
 * Measured with benchmarks/lp.bench.ts (see the README): beyond it a solve takes minutes and GiBs.
 */
export const LP_MAX_CELLS = 12_000_000;
/** The registry's edge limit (checked before the model is built; the cell limit is the finer one). */
export const LP_MAX_EDGES = 5_000;

// The package's types are CommonJS-flavoured (default = module namespace) while its ESM build
// exports the solver as default; accept either shape.
const jsLp = ((jsLpModule as unknown as { default?: SolverAPI }).default ?? jsLpModule) as unknown as SolverAPI;

/** Feasibility tolerance when re-checking the library's point, in the rows' units. */
const FEAS_TOL = 1e-6;

/** Options of `solveLp`. */
export interface LpOptions {
  /** Wall-clock limit of the branch and bound, ms (the library checks it between nodes only). */
  timeLimitMs?: number;
  /** Tableau cell limit (default LP_MAX_CELLS). */
  maxCells?: number;
  /** Skip the dual solve (no bound, never `optimal`): benchmarks of the bare library. */
  skipBound?: boolean;
}

/** What `solveLp` returns: the solver output plus the model-level numbers tests and benchmarks use. */
export interface LpOutcome extends SolverOutput {
  /** Combined objective (M × coverage + value) of the returned point. */
  combined: number;
  /** Upper bound on the combined objective of the LP relaxation (dual), NaN when not computed. */
  combinedBound: number;
  /** True when the model needed integer variables (loads or side rows). */
  mip: boolean;
  /** True when the branch and bound ran to completion within the time limit (the library's word). */
  searchComplete: boolean;
  model: LpModel;
}

/** Size of the tableau the library would build for a model: (rows + 1) × (columns + 1). */
export function tableauCells(m: LpModel): number {
  // Bound rows: upper bounds of slot variables and lower bounds of imposed edges become rows.
  let extra = 0;
  for (let v = 0; v < m.nVars; v++) {
    if (v >= m.nEdgeVars && Number.isFinite(m.varUpper[v])) extra++;
    if (m.varLower[v] > 0) extra++;
  }
  return (m.nRows + extra + 1) * (m.nVars + 1);
}

/** The library's JSON model of the primal, maximising the combined objective. */
function primalJson(m: LpModel, integer: boolean, o: LpOptions): JsLpModel {
  const timeLimitMs = o.timeLimitMs;
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JsLpModel['constraints'] = {};
  for (let v = 0; v < m.nVars; v++) variables[m.varName[v]] = { obj: objectiveCoef(m, v) };
  for (let r = 0; r < m.nRows; r++) {
    const s = m.rowSense[r];
    const rhs = m.rowRhs[r];
    constraints[m.rowName[r]] = s === 'le' ? { max: rhs } : s === 'ge' ? { min: rhs } : { equal: rhs };
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) variables[m.varName[m.rowVar[k]]][m.rowName[r]] = m.rowCoef[k];
  }
  for (let v = 0; v < m.nVars; v++) {
    // Edge variables are ≤ 1 through their mentee row already; slot variables need their bound row.
    if (v >= m.nEdgeVars && Number.isFinite(m.varUpper[v])) {
      constraints[`ub_${m.varName[v]}`] = { max: m.varUpper[v] };
      variables[m.varName[v]][`ub_${m.varName[v]}`] = 1;
    }
    if (m.varLower[v] > 0) {
      constraints[`lb_${m.varName[v]}`] = { min: m.varLower[v] };
      variables[m.varName[v]][`lb_${m.varName[v]}`] = 1;
    }
  }
  const json: JsLpModel = { optimize: 'obj', opType: 'max', constraints, variables };
  if (integer) {
    const ints: Record<string, 1> = {};
    for (let v = 0; v < m.nVars; v++) if (m.varInteger[v]) ints[m.varName[v]] = 1;
    json.ints = ints;
  }
  if (timeLimitMs !== undefined && timeLimitMs > 0) json.timeout = timeLimitMs;
  return json;
}

/**
 * The dual of the LP relaxation: min bᵀy + uᵀp − lᵀq subject to Aᵀy + p − q ≥ c, with y ≥ 0 on ≤
 * rows, y ≤ 0 on ≥ rows (variable w = −y), free on = rows; p for finite upper bounds of slot
 * variables, q for positive lower bounds (imposed edges).
 */
function dualJson(m: LpModel): JsLpModel {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JsLpModel['constraints'] = {};
  const unrestricted: Record<string, 1> = {};
  for (let v = 0; v < m.nVars; v++) constraints[`c_${m.varName[v]}`] = { min: objectiveCoef(m, v) };
  for (let r = 0; r < m.nRows; r++) {
    const s = m.rowSense[r];
    const flip = s === 'ge' ? -1 : 1;
    const col: Record<string, number> = { obj: flip * m.rowRhs[r] };
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) col[`c_${m.varName[m.rowVar[k]]}`] = flip * m.rowCoef[k];
    variables[`w_${m.rowName[r]}`] = col;
    if (s === 'eq') unrestricted[`w_${m.rowName[r]}`] = 1;
  }
  for (let v = 0; v < m.nVars; v++) {
    const c = `c_${m.varName[v]}`;
    if (v >= m.nEdgeVars && Number.isFinite(m.varUpper[v])) variables[`p_${m.varName[v]}`] = { obj: m.varUpper[v], [c]: 1 };
    if (m.varLower[v] > 0) variables[`q_${m.varName[v]}`] = { obj: -m.varLower[v], [c]: -1 };
  }
  return { optimize: 'obj', opType: 'min', constraints, variables, unrestricted };
}

/** Values of the model's variables in a library result; a missing key is 0. */
function readPoint(m: LpModel, res: JsLpResult): Float64Array {
  const x = new Float64Array(m.nVars);
  for (let v = 0; v < m.nVars; v++) {
    const val = res[m.varName[v]];
    x[v] = typeof val === 'number' ? val : 0;
  }
  return x;
}

/** Row multipliers y (primal sign convention) from a dual result. */
function readMultipliers(m: LpModel, res: JsLpResult): Float64Array {
  const y = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    const val = res[`w_${m.rowName[r]}`];
    const w = typeof val === 'number' ? val : 0;
    y[r] = m.rowSense[r] === 'ge' ? -w : w;
  }
  return y;
}

function combinedCosts(m: LpModel): Float64Array {
  const c = new Float64Array(m.nVars);
  for (let v = 0; v < m.nVars; v++) c[v] = objectiveCoef(m, v);
  return c;
}

/** True when every combined objective coefficient is an integer (then the MIP optimum is too). */
function integralCosts(c: Float64Array): boolean {
  for (let v = 0; v < c.length; v++) if (!Number.isInteger(c[v])) return false;
  return true;
}

/**
 * Solves a problem with javascript-lp-solver. Throws `SolverRefusal('too-large')` above the cell
 * limit, before anything is allocated.
 */
export function solveLp(p: Problem, options: LpOptions = {}): LpOutcome {
  const m = buildLpModel(p);
  const limit = options.maxCells ?? LP_MAX_CELLS;
  const cells = tableauCells(m);
  if (cells > limit) {
    throw new SolverRefusal(
      'too-large',
      `lp: the dense tableau would have ${cells} cells (limit ${limit}); use flow or the Lagrangian solver`,
      { solver: 'lp', limit: LP_MAX_EDGES, edges: edgeCount(p), cells, cellLimit: limit },
    );
  }
  const assignment = new Int32Array(p.nMentees).fill(-1);
  const notes: string[] = [];
  const base = { combined: 0, combinedBound: NaN, mip: m.integer, searchComplete: true, model: m };
  // An empty ≥ row (a quota with no eligible pair) is infeasible before any solve.
  for (let r = 0; r < m.nRows; r++) {
    if (m.rowStart[r] === m.rowStart[r + 1] && m.rowSense[r] !== 'le' && m.rowRhs[r] > 0) {
      return { ...base, status: 'infeasible', assignment, notes: [`row ${m.rowName[r]} has no candidate pair`] };
    }
  }
  if (m.nVars === 0) return { ...base, combinedBound: 0, status: 'optimal', assignment, certificate: zeroBound(), bound: 0 };

  const t0 = Date.now();
  const res = jsLp.Solve(primalJson(m, m.integer, options)) as JsLpResult;
  const elapsed = Date.now() - t0;
  const timedOut = options.timeLimitMs !== undefined && options.timeLimitMs > 0 && m.integer && elapsed >= options.timeLimitMs;
  if (!res.feasible) {
    // The library gives no proof of infeasibility; with a timeout we cannot even say that much.
    if (timedOut) return { ...base, status: 'timeout', assignment, searchComplete: false, notes: ['no integer point found in time'] };
    return { ...base, status: 'infeasible', assignment, notes: ['javascript-lp-solver found no feasible point'] };
  }
  const x = readPoint(m, res);
  if (m.integer) for (let e = 0; e < m.nEdgeVars; e++) x[e] = Math.round(x[e]);
  const violation = maxViolation(m, x);
  if (violation > FEAS_TOL) {
    // Seen with the library's optional 'hybrid'/'pseudocost' branch and bound (not used here).
    throw new Error(`javascript-lp-solver returned a point violating the model by ${violation}`);
  }
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (x[e] > 0.5) assignment[i] = p.edgeMentor[e];
  }
  let fractional = false;
  for (let e = 0; e < m.nEdgeVars; e++) if (Math.abs(x[e] - Math.round(x[e])) > FEAS_TOL) fractional = true;
  if (fractional) {
    // The assignment LP has integral vertices; a fractional answer is a library failure, not ours.
    throw new Error('javascript-lp-solver returned a fractional point of an integral LP');
  }
  const { coverage, value } = evaluate(m, x);
  const combined = m.bigM * coverage + value;
  const out: LpOutcome = { ...base, status: timedOut ? 'timeout' : 'feasible', assignment, combined, searchComplete: !timedOut };
  if (timedOut) notes.push('branch and bound stopped at the time limit');
  if (options.skipBound) return { ...out, notes };

  const dual = jsLp.Solve(dualJson(m)) as JsLpResult;
  const c = combinedCosts(m);
  // Weak duality holds for any multipliers of the right sign, whatever the library's accuracy.
  const ub = dual.feasible ? dualBound(m, c, readMultipliers(m, dual)) : Infinity;
  out.combinedBound = ub;
  const tol = 1e-9 * Math.max(1, Math.abs(ub));
  // With integer costs the MIP optimum is an integer: rounding the bound down is still a bound.
  const ubInt = m.integer && integralCosts(c) ? Math.floor(ub + tol) : ub;
  const proven = combined >= ubInt - tol;
  const cert = boundCertificate(m, coverage, value, proven ? combined : ubInt);
  out.certificate = cert;
  out.bound = p.sense === 'max' ? cert.net : -cert.net;
  if (proven && !timedOut) out.status = 'optimal';
  else if (m.integer && !timedOut) notes.push(`branch and bound complete (solver's word); LP-relaxation bound ${ubInt} vs ${combined}: not proven by the checker`);
  if (notes.length) out.notes = notes;
  return out;
}

function zeroBound(): BoundCertificate {
  return { kind: 'bound', priorityCovered: 0, net: 0 };
}

/**
 * Turns a bound UB on the combined objective into the lexicographic pair of `BoundCertificate`.
 * Any assignment has value ≥ −valueRange, so its coverage is ≤ (UB + valueRange) / M; coverage
 * totals lie on a lattice of `coverageStep`, so when that is below ours + one step, no assignment
 * covers more than ours, and the best net among those covering as much is ≤ UB − M × coverage.
 */
function boundCertificate(m: LpModel, coverage: number, value: number, ub: number): BoundCertificate {
  const tol = 1e-9 * Math.max(1, Math.abs(ub));
  if (ub <= m.bigM * coverage + value + tol) return { kind: 'bound', priorityCovered: coverage, net: value };
  const covBound = (ub + m.valueRange) / m.bigM;
  const priorityCovered = covBound < coverage + m.coverageStep - 1e-9 ? coverage : covBound;
  return { kind: 'bound', priorityCovered, net: ub - m.bigM * coverage };
}

/** The `lp` solver of the registry. */
export const lpSolver: Solver = {
  name: 'lp',
  description:
    'LP/MIP through javascript-lp-solver: loads (GAP), budgets, quotas, imposed pairs; dense tableau, small problems only',
  exact: true,
  maxEdges: LP_MAX_EDGES,
  run(problem: Problem, options: SolveOptions): SolverOutput {
    const r = solveLp(problem, { timeLimitMs: options.timeLimitMs, skipBound: options.skipCheck });
    // The registry's checker only verifies network duals; lp's proof is its own dual-bound check
    // (lp-model.ts `dualBound`), reported in the notes, so `solve()` says `feasible` at most.
    const notes = [...(r.notes ?? [])];
    if (r.status === 'optimal') notes.push(`optimal by lp's dual-bound check (combined objective ${r.combined} = bound)`);
    return { status: r.status, assignment: r.assignment, bound: r.bound, notes };
  },
};
