/**
 * Checks of a point against an `LpModel` (./lp-model.ts), shared by the `lp` adapter (./lp.ts) and
 * its branch and bound (./branch-bound.ts, run in the library's thread): every point that comes
 * from javascript-lp-solver, or from rounding one, is re-checked here before it is used.
 */
import type { LpModel } from './lp-model.js';

/** Distance to the nearest integer under which the library's value of a 0/1 variable is rounded. */
export const INT_TOL = 1e-6;
/** Relative feasibility tolerance of the re-check (per row: × max(1, |rhs|, Σ|coef|)). */
export const FEAS_REL_TOL = 1e-9;

/** Row of the first largest violation of x, with its scaled size (violation / max(1, |rhs|, Σ|coef|)). */
export function worstRow(m: LpModel, x: Float64Array, lo: Float64Array = m.varLower, hi: Float64Array = m.varUpper): { row: string; violation: number; scaled: number } {
  let worst = { row: '', violation: 0, scaled: 0 };
  for (let v = 0; v < m.nVars; v++) {
    const d = Math.max(lo[v] - x[v], x[v] - hi[v]);
    if (d > worst.scaled) worst = { row: `bounds of ${m.varName[v]}`, violation: d, scaled: d / Math.max(1, Math.abs(hi[v])) };
  }
  for (let r = 0; r < m.nRows; r++) {
    let lhs = 0;
    let scale = Math.max(1, Math.abs(m.rowRhs[r]));
    let norm = 0;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      lhs += m.rowCoef[k] * x[m.rowVar[k]];
      norm += Math.abs(m.rowCoef[k]);
    }
    scale = Math.max(scale, norm);
    const d = lhs - m.rowRhs[r];
    const s = m.rowSense[r];
    const viol = s === 'le' ? d : s === 'ge' ? -d : Math.abs(d);
    if (viol / scale > worst.scaled) worst = { row: m.rowName[r], violation: viol, scaled: viol / scale };
  }
  return worst;
}

/**
 * Sets the slot variables of every mentor from its edge variables: the mentor's count of chosen
 * pairs fills its slot runs cheapest first (the runs come in that order in its `mentor_j` row), so
 * the point's objective is exactly the penalties of the assignment, whatever the library returned.
 */
export function fillSlots(m: LpModel, x: Float64Array): void {
  for (let r = 0; r < m.nRows; r++) {
    let count = 0;
    let hasSlots = false;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (v < m.nEdgeVars) count += x[v];
      else hasSlots = true;
    }
    if (!hasSlots) continue;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (v < m.nEdgeVars) continue;
      x[v] = Math.min(count, m.varUpper[v]);
      count -= x[v];
    }
  }
}

/**
 * The integer point next to x, or null: every edge variable within INT_TOL of 0 or 1 (then
 * rounded), slot variables recomputed, and every bound and row satisfied (FEAS_REL_TOL). A copy.
 */
export function integerPoint(m: LpModel, x: Float64Array): Float64Array | null {
  const z = Float64Array.from(x);
  for (let e = 0; e < m.nEdgeVars; e++) {
    const r = Math.round(z[e]);
    if (Math.abs(z[e] - r) > INT_TOL) return null;
    z[e] = r;
  }
  fillSlots(m, z);
  return worstRow(m, z).scaled > FEAS_REL_TOL ? null : z;
}

/** Combined objective cᵀx. */
export function dot(c: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let v = 0; v < c.length; v++) s += c[v] * x[v];
  return s;
}
