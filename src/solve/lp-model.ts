/**
 * A library-independent linear model of a `Problem`: variables, two objective vectors (coverage and
 * value, combined lexicographically) and sparse rows. Built once, read by the javascript-lp-solver
 * adapter (`lp.ts`), the CPLEX LP writer (`lp-export.ts`) and the feasibility checks, so the three
 * can never disagree on what the model is.
 *
 * Variables, in this order:
 * - `x_e` for every edge e (0..nEdges-1): 1 when the pair is chosen. Binary when the problem has
 *   loads (generalized assignment: integer programming), continuous in [0, 1] otherwise, where the
 *   assignment LP without side rows has integral vertices.
 * - `y_j_g` slot-group variables of mentor j, only when its slots carry distinct penalties: the
 *   number of the mentor's mentees that fall in the g-th run of equal marginal penalties. Penalties
 *   are non-decreasing (convex), so the optimum fills the cheapest runs first and y needs no
 *   integrality even in the MIP.
 */
import { type Problem, edgeCount } from '../encode/problem.js';
import { PRIORITY_QUANTUM, primaryOf } from './lexicographic.js';
import { slotPenaltyAt } from './objective.js';

/** Row sense: `<=`, `>=` or `=`. */
export type RowSense = 'le' | 'ge' | 'eq';

/** A sparse linear model, maximised: objective = `bigM` × coverage + value. */
export interface LpModel {
  nVars: number;
  /** Number of edge variables; they come first, variable e is edge e. */
  nEdgeVars: number;
  /** Valid CPLEX LP names (letters, digits, `_`; never starting with a digit or `e`). */
  varName: string[];
  /** Lower and upper bounds (upper may be Infinity). */
  varLower: Float64Array;
  varUpper: Float64Array;
  /** 1 for integer (binary) variables. */
  varInteger: Uint8Array;
  /** Primary objective: priority-weighted coverage (maximised first). */
  coverage: Float64Array;
  /** Secondary objective: weight (negated for `min` problems) minus slot penalties (maximised second). */
  value: Float64Array;
  /** Weight of coverage in the single combined objective, large enough to make it lexicographic. */
  bigM: number;
  /** |value| ≤ valueRange for any assignment; coverage totals differ by multiples of coverageStep. */
  valueRange: number;
  coverageStep: number;
  /** Rows in CSR form: the terms of row r are rowStart[r] .. rowStart[r+1]-1. */
  nRows: number;
  rowName: string[];
  rowSense: RowSense[];
  rowRhs: Float64Array;
  rowStart: Int32Array;
  rowVar: Int32Array;
  rowCoef: Float64Array;
  /** True when the model has rows beyond mentee/mentor/slot rows (budgets, quotas) or loads. */
  hasSideRows: boolean;
  integer: boolean;
}

/** Priority weight of mentee i in the coverage objective: 1 by default, rounded to 1/64 like flow's. */
export function priorityOf(p: Problem, i: number): number {
  return primaryOf(p, i);
}

/**
 * The coverage weight M making `M × coverage + value` lexicographic: M × (smallest coverage step)
 * exceeds twice the range of the value objective (|value| ≤ range for any assignment), so one more
 * step of coverage always outweighs any change of value. Exact, not a heuristic big M.
 */
export function lexicographicWeight(p: Problem): number {
  return Math.max(1, Math.ceil((2 * valueRange(p)) / coverageStep(p) + 1));
}

/** Bound on |value| of any assignment: best |weight| per mentee plus the largest penalty per mentee. */
export function valueRange(p: Problem): number {
  const n = p.nMentees;
  let range = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) best = Math.max(best, Math.abs(p.edgeWeight[e]));
    range += best;
  }
  // Slot penalties can cost at most the largest penalty per matched mentee.
  const s = p.slotPenalty;
  let maxPen = 0;
  if (s) for (let k = 0; k < s.length; k++) maxPen = Math.max(maxPen, Math.abs(s[k]));
  range += maxPen * n;
  return range;
}

/**
 * Smallest positive difference between two coverage totals: the gcd of the priorities, which are
 * multiples of 1/64 (./lexicographic.ts), so the step is at least 1/64 (1, 1.5, 2 … give 0.5).
 */
export function coverageStep(p: Problem): number {
  if (!p.priority) return 1;
  let g = 0;
  for (let i = 0; i < p.nMentees; i++) {
    const scaled = Math.round(primaryOf(p, i) * PRIORITY_QUANTUM);
    if (scaled > 0) g = gcd(g, scaled);
  }
  return g === 0 ? 1 : g / PRIORITY_QUANTUM;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Slot runs of mentor j: [penalty, size] pairs of consecutive equal marginal penalties. */
function slotRuns(p: Problem, j: number, nSlots: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let k = 0; k < nSlots; k++) {
    const pen = slotPenaltyAt(p, k);
    const last = runs[runs.length - 1];
    if (last && last[0] === pen) last[1]++;
    else runs.push([pen, 1]);
  }
  return runs;
}

/** Options of buildLpModel. */
export interface LpModelOptions {
  /** Keep integrality of edge variables when the problem has loads or side rows (default true). */
  integer?: boolean;
}

/**
 * Builds the model of a problem: mentee rows (at most one mentor), mentor rows (capacity in mentees,
 * or in load units with `edgeLoad`), slot rows for penalties, then the side rows of `problem.side`
 * (group budget €, group minimum of priority mentees, employer maximum) and imposed edges (lower
 * bound 1). Pure; O(edges + rows).
 */
export function buildLpModel(p: Problem, options: LpModelOptions = {}): LpModel {
  const nE = edgeCount(p);
  const sign = p.sense === 'max' ? 1 : -1;
  const loads = p.edgeLoad;

  const varName: string[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const isInt: number[] = [];
  const cov: number[] = [];
  const val: number[] = [];
  const edgeMentee = new Int32Array(nE);
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      edgeMentee[e] = i;
      varName.push(`x_${e}`);
      lower.push(p.edgeImposed && p.edgeImposed[e] ? 1 : 0);
      upper.push(1);
      isInt.push(0); // set below once we know whether the model has side rows
      cov.push(priorityOf(p, i));
      val.push(sign * p.edgeWeight[e]);
    }
  }

  const rowName: string[] = [];
  const rowSense: RowSense[] = [];
  const rhs: number[] = [];
  const start: number[] = [0];
  const rv: number[] = [];
  const rc: number[] = [];
  const push = (name: string, sense: RowSense, r: number, vars: number[], coefs: number[]): void => {
    if (vars.length === 0) return; // an empty row constrains nothing, or is infeasible (checked below)
    rowName.push(name);
    rowSense.push(sense);
    rhs.push(r);
    for (let k = 0; k < vars.length; k++) {
      rv.push(vars[k]);
      rc.push(coefs[k]);
    }
    start.push(rv.length);
  };

  for (let i = 0; i < p.nMentees; i++) {
    const vars: number[] = [];
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) vars.push(e);
    push(`mentee_${i}`, 'le', 1, vars, vars.map(() => 1));
  }

  const byMentor: number[][] = Array.from({ length: p.nMentors }, () => []);
  for (let e = 0; e < nE; e++) byMentor[p.edgeMentor[e]].push(e);
  for (let j = 0; j < p.nMentors; j++) {
    const es = byMentor[j];
    if (es.length === 0) continue;
    const cap = p.capacity[j];
    if (loads) push(`load_${j}`, 'le', cap, es, es.map((e) => loads[e]));
    // Mentees a mentor can take: its capacity, or with loads as many as it has edges.
    const nSlots = loads ? es.length : Math.min(es.length, Math.max(0, Math.floor(cap)));
    const runs = slotRuns(p, j, nSlots);
    if (runs.length <= 1 && (runs.length === 0 || runs[0][0] === 0)) {
      // No distinct penalties: the count row is the capacity row (redundant with loads).
      if (!loads) push(`mentor_${j}`, 'le', nSlots, es, es.map(() => 1));
      continue;
    }
    const vars = es.slice();
    const coefs = es.map(() => 1);
    for (let g = 0; g < runs.length; g++) {
      const idx = varName.length;
      varName.push(`y_${j}_${g}`);
      lower.push(0);
      upper.push(runs[g][1]);
      isInt.push(0);
      cov.push(0);
      val.push(-runs[g][0]);
      vars.push(idx);
      coefs.push(-1);
    }
    // Every chosen mentee occupies one slot: sum x <= sum y, and the run sizes cap the count. An
    // inequality, not an equality: y only costs, so the optimum never leaves a slot paid and empty,
    // and javascript-lp-solver would split an equality into two rows.
    push(`mentor_${j}`, 'le', 0, vars, coefs);
  }

  let hasSide = loads !== undefined;
  const side = p.side;
  if (side?.menteeGroup) {
    const nG = Math.max(
      side.groupBudget?.length ?? 0,
      side.groupMinPriority?.length ?? 0,
    );
    const byGroup: number[][] = Array.from({ length: nG }, () => []);
    for (let e = 0; e < nE; e++) {
      const g = side.menteeGroup[edgeMentee[e]];
      if (g >= 0 && g < nG) byGroup[g].push(e);
    }
    for (let g = 0; g < nG; g++) {
      const budget = side.groupBudget ? side.groupBudget[g] : Infinity;
      if (side.edgeCost && Number.isFinite(budget)) {
        const cost = side.edgeCost;
        const es = byGroup[g].filter((e) => cost[e] !== 0);
        if (es.length) hasSide = true;
        push(`budget_${g}`, 'le', budget, es, es.map((e) => cost[e]));
      }
      const minPrio = side.groupMinPriority ? side.groupMinPriority[g] : 0;
      if (minPrio > 0) {
        // Same definition as the checker (./side-check.ts): a priority mentee has priority > 1.
        const prio = p.priority;
        const es = prio ? byGroup[g].filter((e) => prio[edgeMentee[e]] > 1) : [];
        hasSide = true;
        if (es.length === 0) {
          // Keep the impossible row visible to the solvers: 0 >= minPrio.
          rowName.push(`minprio_${g}`);
          rowSense.push('ge');
          rhs.push(minPrio);
          start.push(rv.length);
        } else push(`minprio_${g}`, 'ge', minPrio, es, es.map(() => 1));
      }
    }
  }
  if (side?.mentorEmployer && side.employerMax) {
    const nF = side.employerMax.length;
    const byFirm: number[][] = Array.from({ length: nF }, () => []);
    for (let e = 0; e < nE; e++) {
      const f = side.mentorEmployer[p.edgeMentor[e]];
      if (f >= 0 && f < nF) byFirm[f].push(e);
    }
    for (let f = 0; f < nF; f++) {
      if (byFirm[f].length <= side.employerMax[f]) continue; // cannot bind
      hasSide = true;
      push(`firm_${f}`, 'le', side.employerMax[f], byFirm[f], byFirm[f].map(() => 1));
    }
  }

  // Loads and side rows break the network structure: the edge variables must then be binary.
  const integer = hasSide && options.integer !== false;
  if (integer) for (let e = 0; e < nE; e++) isInt[e] = 1;
  const model: LpModel = {
    nVars: varName.length,
    nEdgeVars: nE,
    varName,
    varLower: Float64Array.from(lower),
    varUpper: Float64Array.from(upper),
    varInteger: Uint8Array.from(isInt),
    coverage: Float64Array.from(cov),
    value: Float64Array.from(val),
    bigM: lexicographicWeight(p),
    valueRange: valueRange(p),
    coverageStep: coverageStep(p),
    nRows: rowName.length,
    rowName,
    rowSense,
    rowRhs: Float64Array.from(rhs),
    rowStart: Int32Array.from(start),
    rowVar: Int32Array.from(rv),
    rowCoef: Float64Array.from(rc),
    hasSideRows: hasSide,
    integer,
  };
  return model;
}

/** Combined objective coefficient of variable v: bigM × coverage + value. */
export function objectiveCoef(m: LpModel, v: number): number {
  return m.bigM * m.coverage[v] + m.value[v];
}

/**
 * Largest violation of a point x (one value per variable) over bounds and rows, in the rows' units;
 * 0 for a feasible point. Used to re-check every solution a third-party solver returns.
 */
export function maxViolation(m: LpModel, x: Float64Array): number {
  let worst = 0;
  for (let v = 0; v < m.nVars; v++) {
    worst = Math.max(worst, m.varLower[v] - x[v], x[v] - m.varUpper[v]);
    if (m.varInteger[v]) worst = Math.max(worst, Math.abs(x[v] - Math.round(x[v])));
  }
  for (let r = 0; r < m.nRows; r++) {
    let lhs = 0;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) lhs += m.rowCoef[k] * x[m.rowVar[k]];
    const d = lhs - m.rowRhs[r];
    const s = m.rowSense[r];
    if (s === 'le') worst = Math.max(worst, d);
    else if (s === 'ge') worst = Math.max(worst, -d);
    else worst = Math.max(worst, Math.abs(d));
  }
  return worst;
}

/** Coverage and value of a point x. */
export function evaluate(m: LpModel, x: Float64Array): { coverage: number; value: number } {
  let coverage = 0;
  let value = 0;
  for (let v = 0; v < m.nVars; v++) {
    coverage += m.coverage[v] * x[v];
    value += m.value[v] * x[v];
  }
  return { coverage, value };
}

/**
 * Weak-duality upper bound on max cᵀx over the model's LP relaxation, for row multipliers y:
 * bᵀy + Σ_v max over x_v ∈ [lower, upper] of (c − Aᵀy)_v x_v. Valid for ANY y once its signs are
 * forced (≥ 0 on ≤ rows, ≤ 0 on ≥ rows, free on = rows), because every variable is bounded (edge
 * variables in [0, 1], slot variables by their run size). So a sloppy or wrong dual only weakens
 * the bound, never makes it false: this is the check that backs `optimal` for the `lp` solver and
 * the dual bound of the Lagrangian solver.
 */
export function dualBound(m: LpModel, c: Float64Array, y: Float64Array): number {
  return dualBoundBox(m, c, y, m.varLower, m.varUpper);
}

/**
 * `dualBound` over a smaller box: the model with variable v restricted to [lo[v], hi[v]] (a
 * branch-and-bound node's fixings set lo = hi). Weak duality again: for any multipliers y (signs
 * forced as in `dualBound`), max cᵀx over {rows, lo ≤ x ≤ hi} ≤ bᵀy + Σ_v max((c − Aᵀy)_v lo_v,
 * (c − Aᵀy)_v hi_v). With c = 0 a negative value proves that the node has no point at all (a
 * Farkas certificate). The bounds must be finite.
 */
export function dualBoundBox(m: LpModel, c: Float64Array, y: Float64Array, lo: Float64Array, hi: Float64Array, scratch?: Float64Array): number {
  // `scratch` (nVars long) spares an allocation per call in the proof checker's loop over leaves.
  const reduced = scratch ?? new Float64Array(m.nVars);
  reduced.set(c);
  let bound = 0;
  for (let r = 0; r < m.nRows; r++) {
    let yr = y[r];
    if (m.rowSense[r] === 'le') yr = Math.max(0, yr);
    else if (m.rowSense[r] === 'ge') yr = Math.min(0, yr);
    if (yr === 0 || !Number.isFinite(yr)) continue;
    bound += m.rowRhs[r] * yr;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) reduced[m.rowVar[k]] -= m.rowCoef[k] * yr;
  }
  for (let v = 0; v < m.nVars; v++) {
    const d = reduced[v];
    bound += d > 0 ? d * hi[v] : d * lo[v];
  }
  return bound;
}
