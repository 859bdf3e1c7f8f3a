/**
 * The LP relaxation of a branch-and-bound node (./branch-bound.ts) through javascript-lp-solver,
 * without the library itself: the caller (./lp.worker.ts, the only file that loads it) passes its
 * solve function. A node is the model with some variables fixed (lo = hi); fixed variables are
 * substituted into the right-hand sides, so the library sees a smaller LP without integer variables
 * and without bound rows for the fixings.
 *
 * Multipliers: the library does not return duals, but its final tableau holds them (the cost-row
 * entry of each constraint's slack column). Read from there they are only a candidate: the branch
 * and bound bounds a node by `dualBoundBox` of whatever multipliers it gets (valid for any). When
 * the candidate does not reach the node's LP value (a slack that is basic, a changed layout in a
 * new library version), the dual LP of the node is solved instead, like lp.ts does at the root.
 * An infeasible node gets Farkas multipliers from a normalised dual LP with zero costs.
 */
import type { Model as JsLpModel } from 'javascript-lp-solver';
import type { NodeRelaxation, Relax } from './branch-bound.js';
import { dot } from './lp-check.js';
import { type LpModel, dualBoundBox } from './lp-model.js';

/** What the worker's library call returns for one JSON model. */
export interface LibraryAnswer {
  feasible: boolean;
  bounded: boolean;
  /** Variable values by name (a missing name is 0). */
  values: Record<string, unknown>;
  /**
   * Per constraint of the JSON model, in insertion order: the tableau's cost-row entry of its slack
   * (0 when the slack is basic), and whether the library stored it as a ≤ row; null if unavailable.
   */
  slack: { cost: Float64Array; upper: Uint8Array } | null;
}

/** The library call: solves a JSON model, or throws. */
export type LibrarySolve = (json: JsLpModel) => LibraryAnswer;

/** Counters of the relaxation (for notes and benchmarks). */
export interface RelaxStats {
  /** Nodes whose multipliers came from a dual LP because the tableau's did not reach the LP value. */
  dualSolves: number;
  /** Farkas solves of infeasible nodes. */
  farkasSolves: number;
  /** Library calls that threw or answered nonsense (the node is then left without a point). */
  failures: number;
}

/**
 * A `Relax` function for a model: builds each node's JSON model, solves it with `solve`, reads the
 * point back by name and the multipliers from the tableau (or from the dual LP).
 */
export function makeRelax(m: LpModel, costs: Float64Array, solve: LibrarySolve, stats: RelaxStats): Relax {
  return (lo, hi) => {
    try {
      return relaxNode(m, costs, solve, stats, lo, hi);
    } catch {
      stats.failures++;
      return { status: 'failed' };
    }
  };
}

function relaxNode(m: LpModel, c: Float64Array, solve: LibrarySolve, stats: RelaxStats, lo: Float64Array, hi: Float64Array): NodeRelaxation {
  const rhs = restrictedRhs(m, lo, hi);
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JsLpModel['constraints'] = {};
  const rowOf: number[] = []; // JSON constraint k → model row (−1: a bound row)
  for (let v = 0; v < m.nVars; v++) if (lo[v] !== hi[v]) variables[m.varName[v]] = { obj: c[v] };
  for (let r = 0; r < m.nRows; r++) {
    if (!rhs.live[r]) continue;
    const s = m.rowSense[r];
    constraints[m.rowName[r]] = s === 'le' ? { max: rhs.value[r] } : s === 'ge' ? { min: rhs.value[r] } : { equal: rhs.value[r] };
    rowOf.push(s === 'eq' ? -1 : r); // an equality becomes two library rows: not read (the dual LP then)
    if (s === 'eq') rowOf.push(-1);
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (lo[v] !== hi[v]) variables[m.varName[v]][m.rowName[r]] = m.rowCoef[k];
    }
  }
  for (let v = m.nEdgeVars; v < m.nVars; v++) {
    if (lo[v] === hi[v] || !Number.isFinite(hi[v])) continue;
    constraints[`ub_${m.varName[v]}`] = { max: hi[v] };
    variables[m.varName[v]][`ub_${m.varName[v]}`] = 1;
    rowOf.push(-1);
  }
  const ans = solve({ optimize: 'obj', opType: 'max', constraints, variables, options: { presolve: false } } as JsLpModel);
  if (!ans.feasible) return { status: 'infeasible', y: farkas(m, solve, stats, lo, hi, rhs) ?? undefined };
  // `bounded` is not read: the library says false on some of these (bounded) models; the point is
  // re-checked by the branch and bound and the bound comes from the multipliers anyway.
  const x = new Float64Array(m.nVars);
  for (let v = 0; v < m.nVars; v++) {
    if (lo[v] === hi[v]) x[v] = lo[v];
    else {
      const val = ans.values[m.varName[v]];
      x[v] = typeof val === 'number' ? val : 0;
    }
  }
  const value = dot(c, x);
  let y: Float64Array | null = null;
  if (ans.slack && ans.slack.cost.length === rowOf.length) {
    y = new Float64Array(m.nRows);
    for (let k = 0; k < rowOf.length; k++) {
      const r = rowOf[k];
      if (r < 0) continue;
      // Maximising: the library's ≤ rows carry −y in the cost row, its ≥ rows (stored negated) +y.
      y[r] = ans.slack.upper[k] ? -ans.slack.cost[k] : ans.slack.cost[k];
    }
  }
  if (!y || dualBoundBox(m, c, y, lo, hi) - value > 1e-7 * Math.max(1, Math.abs(value))) {
    stats.dualSolves++;
    y = dualMultipliers(m, solve, lo, hi, rhs, c, false) ?? y;
  }
  return { status: 'optimal', x, y: y ?? undefined };
}

/** Right-hand sides once the fixed variables are moved over; `live` rows still have a free variable. */
function restrictedRhs(m: LpModel, lo: Float64Array, hi: Float64Array): { value: Float64Array; live: Uint8Array } {
  const value = Float64Array.from(m.rowRhs);
  const live = new Uint8Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (lo[v] === hi[v]) value[r] -= m.rowCoef[k] * lo[v];
      else live[r] = 1;
    }
  }
  return { value, live };
}

/**
 * Multipliers from the dual LP of the node: min Σ rhs'·y + Σ hi·p subject to (Aᵀy)_v + p_v ≥ c_v
 * over the free variables (p ≥ 0; y ≥ 0 on ≤ rows, ≤ 0 on ≥ rows, solved as w = ±y ≥ 0). With
 * `normalise` (Farkas) c = 0 and Σ w ≤ 1 keeps it bounded. Null when the library gives no answer.
 */
function dualMultipliers(m: LpModel, solve: LibrarySolve, lo: Float64Array, hi: Float64Array, rhs: { value: Float64Array; live: Uint8Array }, c: Float64Array | null, normalise: boolean): Float64Array | null {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JsLpModel['constraints'] = {};
  for (let v = 0; v < m.nVars; v++) {
    if (lo[v] === hi[v]) continue;
    constraints[`c_${m.varName[v]}`] = { min: c ? c[v] : 0 };
    if (Number.isFinite(hi[v])) variables[`p_${m.varName[v]}`] = { obj: hi[v], [`c_${m.varName[v]}`]: 1 };
  }
  if (normalise) constraints.norm = { max: 1 };
  for (let r = 0; r < m.nRows; r++) {
    if (!rhs.live[r] || m.rowSense[r] === 'eq') continue;
    const flip = m.rowSense[r] === 'ge' ? -1 : 1;
    const col: Record<string, number> = { obj: flip * rhs.value[r] };
    if (normalise) col.norm = 1;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (lo[v] !== hi[v]) col[`c_${m.varName[v]}`] = flip * m.rowCoef[k];
    }
    variables[`w_${m.rowName[r]}`] = col;
  }
  const ans = solve({ optimize: 'obj', opType: 'min', constraints, variables, options: { presolve: false } } as JsLpModel);
  if (!ans.feasible) return null;
  const y = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    const w = ans.values[`w_${m.rowName[r]}`];
    if (typeof w === 'number') y[r] = m.rowSense[r] === 'ge' ? -w : w;
  }
  return y;
}

function farkas(m: LpModel, solve: LibrarySolve, stats: RelaxStats, lo: Float64Array, hi: Float64Array, rhs: { value: Float64Array; live: Uint8Array }): Float64Array | null {
  stats.farkasSolves++;
  return dualMultipliers(m, solve, lo, hi, rhs, null, true);
}
