/**
 * The `lp` solver: the adapter of javascript-lp-solver (the library itself is loaded only by
 * ./lp.worker.ts, which runs its `Solve` in a thread that can be stopped at a deadline). It takes what the network
 * solver cannot: loads (generalized assignment, a MIP), group budgets (€), quotas and imposed pairs.
 *
 * The adapter names every variable and row from the library-independent model (./lp-model.ts),
 * reads values back by name (the library omits zero-valued variables: a missing key is 0), and
 * re-checks the point against the model before trusting it. The library's result is never taken
 * on its word for optimality: for a pure LP a second, dual LP is solved and its multipliers turned
 * into an upper bound by `dualBound` (weak duality, valid for any multipliers of the right sign),
 * and `optimal` is only claimed when the assignment reaches that bound (see `boundCertificate`).
 * A MIP is solved by our branch and bound (./branch-bound.ts, in the library's thread, the library
 * solving node LPs only), and `optimal` is claimed only when ./bb-check.ts accepts its leaves.
 *
 * Lexicographic objective: one solve of `M × coverage + value` with M from `lexicographicWeight`,
 * exact on the priorities' 0.001 grid (coverage first, then weight minus slot penalties).
 *
 * The library runs in a worker thread (./lp-thread.ts, ./lp.worker.ts): the time limit is a hard
 * wall-clock deadline, since the library checks its own limit only between branch-and-bound nodes
 * and, on some degenerate models below the cell limit, pivots without end inside one node.
 * Always the worker, even for tiny models: cycling is a property of the pivoting rule on degenerate
 * vertices, not of the size, so no size can be shown safe; and the cost is small (measured from
 * dist/ on a 20 × 3 problem: the first call +40 ms to start the kept worker, then +0.3 ms a call).
 */
import type { Model as JsLpModel, SolveResult as JsLpResult } from 'javascript-lp-solver';
import { type Problem, edgeCount } from '../encode/problem.js';
import { type LpModel, buildLpModel, dualBound, evaluate, maxViolation, objectiveCoef } from './lp-model.js';
import type { BbResult } from './branch-bound.js';
import { checkBranchAndBound } from './bb-check.js';
import { FEAS_REL_TOL, INT_TOL, dot, fillSlots, integerPoint, worstRow } from './lp-check.js';
import { branchInWorker, prepareWorker, solveInWorker } from './lp-thread.js';
import { type BoundCertificate, type Solver, type SolveOptions, type SolverOutput, SolverRefusal } from './types.js';
import { solveLagrangian } from './lagrangian.js';
import { edgeOf } from './objective.js';

/**
 * Largest dense tableau javascript-lp-solver is given, in cells ((rows + 1) × (columns + 1)), for a
 * pure LP (no loads, no side rows: the assignment LP, integral vertices). Measured with
 * benchmarks/lp.bench.ts (README, "lp"): 10.9 M cells (800 mentees × 5 candidates) solve in ~12 s,
 * 360 MiB; the simplex time grows about as the cube of the size, and the library cannot be stopped
 * inside a simplex, so the limit is what keeps a solve from running for many minutes.
 */
export const LP_MAX_CELLS = 12_000_000;
/**
 * The same limit for a MIP (loads, budgets, quotas, employer maxima). Far lower: the side rows make
 * the library's simplex degenerate (it falls back on Bland's rule), so the root LP relaxation alone
 * takes 0.4 s at 116 k cells (60 mentees × 10 candidates with school budgets), 8 s at 449 k and
 * 58 s at about 0.9 M (180 mentees); that root LP cannot be interrupted (the time limit is only
 * checked between branch-and-bound nodes).
 */
export const LP_MAX_CELLS_MIP = 500_000;
/**
 * Wall-clock limit when the caller gives none, for an LP as for a MIP: no solve runs unbounded (the
 * largest pure LP accepted takes ~12 s). The name is kept from when it applied to MIPs only.
 */
export const LP_DEFAULT_MIP_TIME_MS = 60_000;
/**
 * Part of the time limit kept back from the library's own branch-and-bound limit (10 %, at most
 * 1 s), so that it usually stops between nodes and hands back its incumbent before the hard deadline.
 */
function libraryMargin(remainingMs: number): number {
  return Math.min(0.1 * remainingMs, 1000);
}
/** The registry's edge limit (checked before the model is built; the cell limits are the finer ones). */
export const LP_MAX_EDGES = 5_000;

/** Options of `solveLp`. */
export interface LpOptions {
  /**
   * Wall-clock limit of the whole solve, ms (default LP_DEFAULT_MIP_TIME_MS), a hard deadline: the
   * library runs in a worker thread that is abandoned when it passes (status `timeout`).
   */
  timeLimitMs?: number;
  /** Tableau cell limit (default LP_MAX_CELLS, or LP_MAX_CELLS_MIP for a model with integer variables). */
  maxCells?: number;
  /** Skip the dual solve (no bound, never `optimal`): benchmarks of the bare library. */
  skipBound?: boolean;
  /**
   * MIP only: node LPs after which the branch and bound stops as at its time limit (`timeout` with
   * its best incumbent). The clock's limit depends on the machine's load; this one does not.
   */
  maxNodes?: number;
}

/** What `solveLp` returns: the solver output plus the model-level numbers tests and benchmarks use. */
export interface LpOutcome extends SolverOutput {
  /** Combined objective (M × coverage + value) of the returned point. */
  combined: number;
  /**
   * Verified upper bound on the combined objective, NaN when not computed: the LP's dual bound for a
   * pure LP; for a MIP, the branch and bound's bound as recomputed by ./bb-check.ts (equal to
   * `combined` when `optimal`).
   */
  combinedBound: number;
  /** MIP: the LP relaxation's bound at the root (from the search's multipliers); NaN otherwise. */
  rootBound: number;
  /** MIP: LP relaxations solved by the branch and bound (0 for a pure LP). */
  nodes: number;
  /** True when the model needed integer variables (loads or side rows). */
  mip: boolean;
  /** True when the branch and bound closed every node within the time limit. */
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

/** What the adapter makes of the library's answer (see `interpretResult`). */
export type LibraryPoint =
  | { kind: 'point'; x: Float64Array }
  | { kind: 'no-integer-point' }
  | { kind: 'bad-point'; row: string; violation: number; fractional: boolean };

/**
 * Turns the library's answer into a point of the model, or says why there is none. Never trusts
 * it: 0/1 variables must be within INT_TOL of an integer (then rounded), slot variables are
 * recomputed from the edges, and the point must satisfy every bound and row (relative tolerance
 * FEAS_REL_TOL). For a MIP only an answer flagged `isIntegral` is an incumbent: when the branch and
 * bound stops at its time limit before finding one, javascript-lp-solver still says `feasible` and
 * returns the fractional LP point of the last node it solved; that is `no-integer-point`, not a
 * solution. Exported for the tests (which feed it fabricated answers).
 */
export function interpretResult(m: LpModel, res: JsLpResult): LibraryPoint {
  if (m.integer && res.isIntegral !== true) return { kind: 'no-integer-point' };
  const x = readPoint(m, res);
  let fractional = false;
  for (let e = 0; e < m.nEdgeVars; e++) {
    const r = Math.round(x[e]);
    if (Math.abs(x[e] - r) > INT_TOL) fractional = true;
    else x[e] = r;
  }
  if (fractional) {
    // The assignment LP has integral vertices, and a MIP incumbent is integral: a library failure.
    const w = worstRow(m, x);
    return { kind: 'bad-point', row: w.row, violation: w.violation, fractional: true };
  }
  fillSlots(m, x);
  const w = worstRow(m, x);
  if (w.scaled > FEAS_REL_TOL) return { kind: 'bad-point', row: w.row, violation: w.violation, fractional: false };
  return { kind: 'point', x };
}

/** Mentor of each mentee from the imposed pairs alone (−1 elsewhere): what a timeout without a point returns. */
function imposedOnly(p: Problem): Int32Array {
  const a = new Int32Array(p.nMentees).fill(-1);
  if (!p.edgeImposed) return a;
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeImposed[e]) a[i] = p.edgeMentor[e];
  }
  return a;
}

/**
 * Solves a problem with javascript-lp-solver. Throws `SolverRefusal('too-large')` above the cell
 * limit (LP_MAX_CELLS, or LP_MAX_CELLS_MIP for a MIP), before anything is allocated, and
 * `SolverRefusal('numerical')` when the library returns a point that is not a solution of the model
 * (fractional where it cannot be, or violating a row) without having run out of time: such a point
 * is never reported, let alone as `optimal`. A MIP stopped at its time limit (default
 * LP_DEFAULT_MIP_TIME_MS) is a `timeout` with the best incumbent, or with the imposed pairs only
 * when the library found none.
 */
export function solveLp(p: Problem, options: LpOptions = {}): LpOutcome {
  const t0 = Date.now();
  const m = buildLpModel(p);
  const limit = options.maxCells ?? (m.integer ? LP_MAX_CELLS_MIP : LP_MAX_CELLS);
  const cells = tableauCells(m);
  if (cells > limit) {
    const kind = m.integer ? 'integer program (loads or side constraints)' : 'linear program';
    throw new SolverRefusal(
      'too-large',
      `lp: this ${kind} would need a dense tableau of ${cells} cells (${m.nRows} rows × ${m.nVars} variables), ` +
        `above the limit of ${limit}; ` +
        (p.edgeLoad ? 'no other solver takes loads: split the problem' : 'use flow, or lagrangien for budgets and quotas'),
      { solver: 'lp', limit: LP_MAX_EDGES, edges: edgeCount(p), cells, cellLimit: limit, rows: m.nRows, variables: m.nVars, mip: m.integer ? 1 : 0, loads: p.edgeLoad ? 1 : 0 },
    );
  }
  const notes: string[] = [];
  const base = { combined: 0, combinedBound: NaN, rootBound: NaN, nodes: 0, mip: m.integer, searchComplete: true, model: m };
  // An empty ≥ row (a quota with no eligible pair) is infeasible before any solve.
  for (let r = 0; r < m.nRows; r++) {
    if (m.rowStart[r] === m.rowStart[r + 1] && m.rowSense[r] !== 'le' && m.rowRhs[r] > 0) {
      return { ...base, status: 'infeasible', assignment: new Int32Array(p.nMentees).fill(-1), notes: [`row ${m.rowName[r]} has no candidate pair`] };
    }
  }
  if (m.nVars === 0) return { ...base, combinedBound: 0, status: 'optimal', assignment: new Int32Array(p.nMentees).fill(-1), certificate: zeroBound(), bound: 0 };

  const timeLimitMs = options.timeLimitMs !== undefined && options.timeLimitMs > 0 ? options.timeLimitMs : LP_DEFAULT_MIP_TIME_MS;
  const deadline = t0 + timeLimitMs;
  prepareWorker(); // the thread starts while the model is written out
  const noPoint = (why: string): LpOutcome => ({ ...base, status: 'timeout', assignment: imposedOnly(p), searchComplete: false, notes: [why] });
  if (m.integer) return solveMip(p, m, deadline, timeLimitMs, base, noPoint, options.maxNodes);
  const remaining = deadline - Date.now();
  // The library's own limit (checked between nodes) comes a little before the hard deadline.
  const softMs = Math.max(1, Math.floor(remaining - libraryMargin(remaining)));
  const primal = solveInWorker(primalJson(m, m.integer, { ...options, timeLimitMs: softMs }), deadline);
  if (primal.kind === 'deadline') {
    return noPoint(`javascript-lp-solver did not answer within the time limit of ${timeLimitMs} ms (its thread was stopped)`);
  }
  if (primal.kind === 'error') throw new Error(`javascript-lp-solver failed: ${primal.message}`);
  const res = primal.result as unknown as JsLpResult;
  const timedOut = m.integer && primal.ms >= softMs;
  if (!res.feasible) {
    // The library gives no proof of infeasibility; with a timeout we cannot even say that much.
    if (timedOut) return noPoint(`no integer point found within ${timeLimitMs} ms`);
    return { ...base, status: 'infeasible', assignment: new Int32Array(p.nMentees).fill(-1), notes: ['javascript-lp-solver found no feasible point (its word: not proven)'] };
  }
  const point = interpretResult(m, res);
  if (point.kind === 'no-integer-point') {
    if (timedOut) return noPoint(`no integer point found within ${timeLimitMs} ms (branch and bound stopped at the time limit)`);
    throw numericalRefusal(p, 'the branch and bound ended without an integer point', '', 0);
  }
  if (point.kind === 'bad-point') {
    const what = point.fractional ? 'a fractional 0/1 variable' : 'a point violating the model';
    if (timedOut) return noPoint(`the library returned ${what} at the time limit (${point.row}, ${point.violation}): discarded`);
    throw numericalRefusal(p, `javascript-lp-solver returned ${what}`, point.row, point.violation);
  }
  const x = point.x;
  const assignment = new Int32Array(p.nMentees).fill(-1);
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (x[e] > 0.5) assignment[i] = p.edgeMentor[e];
  }
  const { coverage, value } = evaluate(m, x);
  const combined = m.bigM * coverage + value;
  const out: LpOutcome = { ...base, status: timedOut ? 'timeout' : 'feasible', assignment, combined, searchComplete: !timedOut };
  if (timedOut) {
    // No dual solve after the time limit: it is one more uninterruptible LP of the same size.
    notes.push('branch and bound stopped at the time limit: best incumbent, no bound');
    return { ...out, notes };
  }
  if (options.skipBound) return { ...out, notes };

  const dualRun = solveInWorker(dualJson(m), deadline);
  if (dualRun.kind === 'deadline') {
    notes.push(`the dual (bound) solve did not answer within the time limit of ${timeLimitMs} ms: assignment without a bound`);
    return { ...out, status: 'timeout', notes };
  }
  if (dualRun.kind === 'error') throw new Error(`javascript-lp-solver failed: ${dualRun.message}`);
  const dual = dualRun.result as unknown as JsLpResult;
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
  if (proven) out.status = 'optimal';
  else if (m.integer) notes.push(`branch and bound complete (solver's word); LP-relaxation bound ${ubInt} vs ${combined}: not proven by the checker`);
  if (notes.length) out.notes = notes;
  return out;
}

/**
 * A MIP (loads or side rows): our branch and bound (./branch-bound.ts) in the library's thread, the
 * library solving each node's LP relaxation. The incumbent is re-checked here against the model,
 * and `optimal` is claimed only when ./bb-check.ts accepts the search's leaves as a proof.
 */
function solveMip(
  p: Problem,
  m: LpModel,
  deadline: number,
  timeLimitMs: number,
  base: Omit<LpOutcome, 'status' | 'assignment'>,
  noPoint: (why: string) => LpOutcome,
  maxNodes?: number,
): LpOutcome {
  const c = combinedCosts(m);
  const integral = integralCosts(c);
  const remaining = deadline - Date.now();
  // The search's own limit (checked between nodes) comes a little before the hard deadline.
  const softDeadline = Date.now() + Math.max(1, Math.floor(remaining - libraryMargin(remaining)));
  const initial = lagrangianSeed(p, m, Math.min(2_000, 0.1 * remaining));
  const run = branchInWorker({ model: m, costs: c, integral, softDeadline, maxNodes, initial }, deadline);
  if (run.kind === 'error') throw new Error(`javascript-lp-solver failed: ${run.message}`);
  if (run.kind === 'deadline') {
    const why = `javascript-lp-solver did not answer within the time limit of ${timeLimitMs} ms (its thread was stopped)`;
    const x = run.partial?.x instanceof Float64Array ? integerPoint(m, run.partial.x) : null;
    if (!x) return noPoint(why);
    return { ...pointOutcome(p, m, x, base), status: 'timeout', searchComplete: false, notes: [`${why}: best incumbent of the branch and bound, no bound`] };
  }
  const r = run.result as unknown as BbResult & { stats: { dualSolves: number; farkasSolves: number; failures: number } };
  const stats = `${r.nodes} nodes, ${r.leaves.length} leaves`;
  const x = r.x ? integerPoint(m, r.x) : null;
  if (r.x && !x) {
    const w = worstRow(m, r.x);
    throw numericalRefusal(p, 'the branch and bound returned a point that is not a solution of the model', w.row, w.violation);
  }
  const more = { rootBound: r.rootBound, nodes: r.nodes };
  const combined = x ? dot(c, x) : -Infinity;
  if (!r.complete) {
    if (!x) return { ...noPoint(`no integer point found within ${timeLimitMs} ms (${stats})`), ...more };
    // The open nodes keep their parent's multipliers: the checker's bound holds for them too. It
    // is only computed while the time limit allows (a second or two for tens of thousands of leaves).
    const bound = Date.now() < deadline ? checkBranchAndBound(m, c, integral, r.leaves, combined).bound : NaN;
    const why = Number.isNaN(bound) ? 'no time left to check a bound' : `bound ${bound}`;
    return { ...pointOutcome(p, m, x, base), ...more, combinedBound: bound, status: 'timeout', searchComplete: false, notes: [`branch and bound stopped at its ${maxNodes !== undefined && r.nodes >= maxNodes ? `node limit (${maxNodes})` : 'time limit'} (${stats}): best incumbent, ${why}`] };
  }
  const verdict = checkBranchAndBound(m, c, integral, r.leaves, combined);
  if (!x) {
    const proven = verdict.ok ? 'proven by the checker (every leaf has a Farkas certificate)' : `the library's word, not proven: ${verdict.reason}`;
    return { ...base, ...more, status: 'infeasible', assignment: new Int32Array(p.nMentees).fill(-1), notes: [`no integer point (${stats}): ${proven}`] };
  }
  const out: LpOutcome = { ...pointOutcome(p, m, x, base), ...more, status: verdict.ok ? 'optimal' : 'feasible', combinedBound: verdict.ok ? combined : verdict.bound };
  const { coverage, value } = evaluate(m, x);
  const cert = Number.isFinite(verdict.bound) ? boundCertificate(m, coverage, value, verdict.ok ? combined : verdict.bound) : undefined;
  if (cert) {
    out.certificate = cert;
    out.bound = p.sense === 'max' ? cert.net : -cert.net;
  }
  out.notes = [verdict.ok ? `branch and bound complete (${stats}), proof checked` : `branch and bound complete (${stats}); proof not accepted by the checker: ${verdict.reason}`];
  return out;
}

/** The outcome fields of an integer point x of the model. */
function pointOutcome(p: Problem, m: LpModel, x: Float64Array, base: Omit<LpOutcome, 'status' | 'assignment'>): Omit<LpOutcome, 'status'> {
  const assignment = new Int32Array(p.nMentees).fill(-1);
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (x[e] > 0.5) assignment[i] = p.edgeMentor[e];
  }
  return { ...base, assignment, combined: dot(combinedCosts(m), x) };
}

/**
 * A first incumbent for a MIP with side rows (budgets, quotas, caps) and no loads: `lagrangien`'s
 * repaired assignment, as a point of the model (edge variables; slots are filled by the search's
 * check). Cheap next to the node LPs (60 iterations of flow on a few hundred mentees: ~60 ms) and
 * far better than rounding the root LP: on the 60-mentee budget benchmark the search alone ended
 * at 797,841 after 20 s, the seed gives 797,856 at once. Null when lagrangien finds nothing.
 */
function lagrangianSeed(p: Problem, m: LpModel, timeLimitMs: number): Float64Array | undefined {
  if (!p.side || p.edgeLoad || timeLimitMs < 1) return undefined;
  let r;
  try {
    r = solveLagrangian(p, { timeLimitMs });
  } catch {
    return undefined; // a refusal or a failure of the heuristic only costs the seed
  }
  if (!Number.isFinite(r.combined)) return undefined;
  const x = new Float64Array(m.nVars);
  for (let i = 0; i < p.nMentees; i++) {
    const j = r.assignment[i];
    if (j < 0) continue;
    const e = edgeOf(p, i, j);
    if (e >= 0) x[e] = 1;
  }
  return x;
}

/** The refusal for a library answer that is not a solution of the model (never reported as one). */
function numericalRefusal(p: Problem, what: string, row: string, violation: number): SolverRefusal {
  const where = row ? ` (${row}, off by ${Number(violation.toPrecision(6))})` : '';
  return new SolverRefusal(
    'numerical',
    `lp: ${what}${where}; the answer is discarded (javascript-lp-solver is numerically fragile on this model): ` +
      'use lagrangien, flow without side constraints, or export the model (--export-lp) for glpsol or HiGHS',
    { solver: 'lp', row, violation, edges: edgeCount(p) },
  );
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
