/**
 * Independent check of a branch-and-bound proof (./branch-bound.ts), from the model alone: nothing
 * the library or the search computed is taken on its word.
 *
 * 1. The leaves cover the whole 0/1 space: their paths (fixings in branching order) form a full
 *    binary tree, each inner node branching on one variable into its 0 and its 1 child.
 * 2. Every leaf is closed by its own multipliers, recomputed here with `dualBoundBox` on the leaf's
 *    box (weak duality, valid for any multipliers): a `bound` leaf's bound, rounded down when all
 *    costs are integers, is at most the incumbent's objective; an `infeasible` leaf's bound with
 *    zero costs is negative (a Farkas certificate: no point of the model lies in its box).
 * Then every integer point of the model lies in some leaf and is worth at most the incumbent: the
 * incumbent is optimal (or, without incumbent, the model has no integer point).
 */
import { type BbLeaf, provesEmpty, roundBound } from './branch-bound.js';
import { type LpModel, dualBoundBox } from './lp-model.js';

/**
 * The checker's verdict: `ok` when the leaves prove the incumbent optimal. `bound` is a verified
 * upper bound on the optimum whenever the leaves cover the whole space (max of the incumbent and
 * the leaves' recomputed bounds, +∞ if some leaf is not closed), +∞ otherwise.
 */
export interface BbVerdict {
  ok: boolean;
  bound: number;
  reason?: string;
}

/** Checks that `leaves` prove `incumbent` (combined objective; −∞ for none) optimal for the model. */
export function checkBranchAndBound(m: LpModel, costs: Float64Array, integral: boolean, leaves: readonly BbLeaf[], incumbent: number): BbVerdict {
  const no = (reason: string): BbVerdict => ({ ok: false, bound: Infinity, reason });
  if (integral) {
    for (let v = 0; v < m.nVars; v++) if (!Number.isInteger(costs[v])) return no(`cost of ${m.varName[v]} is not an integer`);
  }
  for (let i = 0; i < leaves.length; i++) {
    for (let k = 0; k < leaves[i].path.length; k++) {
      const v = leaves[i].path[k] >> 1;
      if (v < 0 || v >= m.nEdgeVars || !m.varInteger[v]) return no(`leaf ${i} fixes a variable that is not 0/1`);
    }
  }
  const tree = coversAll(m, leaves);
  if (tree) return no(tree);
  let bound = incumbent;
  let reason: string | undefined;
  const tol = !Number.isFinite(incumbent) ? 0 : integral ? 1e-6 : 1e-9 * Math.max(1, Math.abs(incumbent));
  const lo = new Float64Array(m.nVars);
  const hi = new Float64Array(m.nVars);
  const scratch = new Float64Array(m.nVars);
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    const y = leaf.y && leaf.y.length === m.nRows ? leaf.y : null;
    // The leaf's box: the model's bounds with its fixings (as `boxOf`, without allocating).
    lo.set(m.varLower);
    hi.set(m.varUpper);
    for (let k = 0; k < leaf.path.length; k++) lo[leaf.path[k] >> 1] = hi[leaf.path[k] >> 1] = leaf.path[k] & 1;
    let b = Infinity;
    if (y && leaf.kind === 'infeasible' && provesEmpty(m, y, lo, hi)) b = -Infinity;
    else if (y) b = roundBound(dualBoundBox(m, costs, y, lo, hi, scratch), integral);
    if (!(b <= incumbent + tol)) reason ??= `leaf ${i} (${leaf.kind}): bound ${b} above the incumbent ${incumbent}`;
    if (b > bound) bound = b;
  }
  return reason ? { ok: false, bound, reason } : { ok: true, bound };
}

/**
 * Null when the paths form a full binary tree; else why not. Recursive over the tree: at depth d the
 * leaves of a subtree either are one leaf ending there, or all continue with the same variable and
 * split into a non-empty 0 side and a non-empty 1 side. O(total path length), iterative.
 */
function coversAll(m: LpModel, leaves: readonly BbLeaf[]): string | null {
  if (leaves.length === 0) return 'no leaves';
  const stack: Array<{ ids: number[]; depth: number }> = [{ ids: leaves.map((_, i) => i), depth: 0 }];
  while (stack.length > 0) {
    const { ids, depth } = stack.pop()!;
    const first = leaves[ids[0]].path;
    if (first.length === depth) {
      if (ids.length !== 1) return `a leaf at depth ${depth} overlaps ${ids.length - 1} other(s)`;
      continue;
    }
    const v = first[depth] >> 1;
    const zero: number[] = [];
    const one: number[] = [];
    for (const i of ids) {
      const p = leaves[i].path;
      if (p.length <= depth || p[depth] >> 1 !== v) return `leaves disagree on the branching variable at depth ${depth} (${m.varName[v]})`;
      (p[depth] & 1 ? one : zero).push(i);
    }
    if (zero.length === 0 || one.length === 0) return `the branch on ${m.varName[v]} at depth ${depth} misses its ${zero.length ? 1 : 0} side`;
    stack.push({ ids: zero, depth: depth + 1 }, { ids: one, depth: depth + 1 });
  }
  return null;
}
