/**
 * Branch and bound over the 0/1 edge variables of an `LpModel`, with the LP relaxation of each node
 * behind an abstract `relax(lo, hi)` (in the `lp` solver: javascript-lp-solver in its worker thread,
 * see ./lp-node.ts). Pure and deterministic: same model, same relaxation answers → same search.
 *
 * A node is a path of fixings from the root (x_v = 0 or 1, in branching order). Its bound never
 * comes from the library's objective value: it is `dualBoundBox` of the multipliers the relaxation
 * returns (weak duality on the node's box, valid for any multipliers), rounded down when every
 * combined cost is an integer (then so is every integer point's objective). A node is closed as a
 * leaf when that bound is no better than the incumbent, or when a certificate shows it has no point
 * (`dualBoundBox` with zero costs below 0: a single violated row, or the relaxation's Farkas
 * multipliers). Each leaf keeps its path and multipliers, so ./bb-check.ts can re-check the whole
 * proof from the model alone.
 *
 * Search: best bound first, deeper nodes first among equal bounds (a dive, which finds incumbents
 * early), the x_v = 1 child before its sibling. Branching on the most fractional edge (measured on
 * gap1–gap6: fewer nodes than the largest or the smallest fractional value). Incumbents come from integral relaxations and from rounding each node's point (greedy by
 * LP value, then completion by cost, every row respected), then improved by a local search (one
 * mentee moved, or two exchanged) when its value was not seen before. Reduced-cost fixing: when a node's
 * multipliers already show that x_v = 1 (or 0) cannot beat the incumbent, that child is closed at
 * once as a leaf with the same multipliers and the node continues with the other fixing.
 */
import { INT_TOL, dot, integerPoint, worstRow } from './lp-check.js';
import { type LpModel, dualBoundBox } from './lp-model.js';

/** What a node's LP relaxation says (nothing in it is trusted: x is re-checked, y only bounds). */
export interface NodeRelaxation {
  /** `optimal`: x is the point, y its row multipliers; `infeasible`: y, if any, a Farkas candidate. */
  status: 'optimal' | 'infeasible' | 'failed';
  x?: Float64Array;
  y?: Float64Array;
}

/** Solves the LP relaxation of the model restricted to lo ≤ x ≤ hi. */
export type Relax = (lo: Float64Array, hi: Float64Array) => NodeRelaxation;

/**
 * A closed node: its fixings (code 2v + value, in branching order) and the multipliers that close
 * it. `bound`: dualBoundBox ≤ incumbent expected; `infeasible`: dualBoundBox with zero costs < 0;
 * `open`: not closed (time limit: y is then the parent's, still a valid bound; or a relaxation
 * that failed without any usable answer).
 */
export interface BbLeaf {
  path: Int32Array;
  kind: 'bound' | 'infeasible' | 'open';
  y: Float64Array | null;
  /** The leaf's bound as the search computed it (floored when costs are integral); −∞ when infeasible. */
  bound: number;
}

/** Options of `branchAndBound`. */
export interface BbOptions {
  /** Combined costs (objectiveCoef of every variable). */
  costs: Float64Array;
  /** True when every cost is an integer: bounds are rounded down. */
  integral: boolean;
  /** `Date.now()` after which no new node is started (the search then stops, status incomplete). */
  deadline: number;
  /**
   * Node LPs after which the search stops as at the deadline (default: none). Unlike the clock, the
   * same on every machine: a test or benchmark that must not depend on the load sets it.
   */
  maxNodes?: number;
  /**
   * A point to start from (e.g. lagrangien's repaired assignment): offered as an incumbent before the
   * first node if it is an integer point of the model, ignored otherwise.
   */
  initial?: Float64Array;
  /** Called with each new incumbent (a checked integer point) and its objective. */
  onIncumbent?: (x: Float64Array, value: number) => void;
  /** Clock (tests). */
  now?: () => number;
}

/** What `branchAndBound` returns. */
export interface BbResult {
  /** Best integer point found (checked against the model), or null. */
  x: Float64Array | null;
  /** Its combined objective, −∞ without one. */
  value: number;
  /** True when no node was left open (every leaf is `bound` or `infeasible`). */
  complete: boolean;
  /** Upper bound on the optimum: max of the incumbent and every leaf's bound (+∞ if a leaf is open without one). */
  bound: number;
  /** The root's bound (LP relaxation by its multipliers, not rounded); NaN when the root has none. */
  rootBound: number;
  /** LP relaxations solved. */
  nodes: number;
  leaves: BbLeaf[];
}

interface QueueNode {
  path: number[];
  /** The parent's bound (rounded) and multipliers: they close the node if the incumbent reaches it. */
  bound: number;
  y: Float64Array | null;
  seq: number;
}

/** Min-heap order: higher bound first, then deeper, then earlier created. */
function before(a: QueueNode, b: QueueNode): boolean {
  if (a.bound !== b.bound) return a.bound > b.bound;
  if (a.path.length !== b.path.length) return a.path.length > b.path.length;
  return a.seq < b.seq;
}

function heapPush(h: QueueNode[], n: QueueNode): void {
  h.push(n);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

function heapPop(h: QueueNode[]): QueueNode | undefined {
  const top = h[0];
  const last = h.pop();
  if (h.length > 0 && last) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
  return top;
}

/** The box of a path: the model's bounds with the path's fixings. */
export function boxOf(m: LpModel, path: ArrayLike<number>): { lo: Float64Array; hi: Float64Array } {
  const lo = Float64Array.from(m.varLower);
  const hi = Float64Array.from(m.varUpper);
  for (let k = 0; k < path.length; k++) {
    const v = path[k] >> 1;
    lo[v] = hi[v] = path[k] & 1;
  }
  return { lo, hi };
}

/** Tolerance added before rounding a bound down, or allowed above the incumbent (relative). */
export function boundTol(b: number): number {
  return 1e-9 * Math.max(1, Math.abs(b));
}

/** A bound as used for pruning: rounded down (after a small tolerance) when costs are integral. */
export function roundBound(b: number, integral: boolean): number {
  return integral && Number.isFinite(b) ? Math.floor(b + boundTol(b)) : b;
}

/** True when multipliers y prove that the box has no point (Farkas: dualBoundBox with zero costs < 0). */
export function provesEmpty(m: LpModel, y: Float64Array, lo: Float64Array, hi: Float64Array): boolean {
  let scale = 0;
  for (let r = 0; r < m.nRows; r++) if (Number.isFinite(y[r])) scale += Math.abs(y[r]) * Math.max(1, Math.abs(m.rowRhs[r]));
  if (!(scale > 0)) return false;
  return dualBoundBox(m, new Float64Array(m.nVars), y, lo, hi) < -1e-7 * scale;
}

/** A row that no point of the box can satisfy, as a one-row Farkas certificate, or null. */
function emptyRow(m: LpModel, lo: Float64Array, hi: Float64Array): Float64Array | null {
  for (let r = 0; r < m.nRows; r++) {
    let minAct = 0;
    let maxAct = 0;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const a = m.rowCoef[k];
      const v = m.rowVar[k];
      minAct += Math.min(a * lo[v], a * hi[v]);
      maxAct += Math.max(a * lo[v], a * hi[v]);
    }
    const s = m.rowSense[r];
    const tol = 1e-6 * Math.max(1, Math.abs(m.rowRhs[r]));
    const sign = s !== 'ge' && minAct > m.rowRhs[r] + tol ? 1 : s !== 'le' && maxAct < m.rowRhs[r] - tol ? -1 : 0;
    if (sign === 0) continue;
    const y = new Float64Array(m.nRows);
    y[r] = sign;
    if (provesEmpty(m, y, lo, hi)) return y;
  }
  return null;
}

/** Column view of the rows (variable → its row terms), for the rounding heuristic. */
interface Columns {
  start: Int32Array;
  row: Int32Array;
  coef: Float64Array;
}

function columnsOf(m: LpModel): Columns {
  const start = new Int32Array(m.nVars + 1);
  for (let k = 0; k < m.rowVar.length; k++) start[m.rowVar[k] + 1]++;
  for (let v = 0; v < m.nVars; v++) start[v + 1] += start[v];
  const fill = start.slice(0, m.nVars);
  const row = new Int32Array(m.rowVar.length);
  const coef = new Float64Array(m.rowVar.length);
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const at = fill[m.rowVar[k]]++;
      row[at] = r;
      coef[at] = m.rowCoef[k];
    }
  }
  return { start, row, coef };
}

/**
 * Rounding heuristic: edges taken greedily by decreasing LP value, then the rest by decreasing cost,
 * each only if every ≤ row still holds (slot variables counted at their most favourable value);
 * imposed edges first. The result is re-checked in full (≥ rows too) by `integerPoint`.
 */
function roundPoint(m: LpModel, cols: Columns, costs: Float64Array, x: Float64Array): Float64Array | null {
  const nE = m.nEdgeVars;
  // Room of each ≤ row for edge variables once its other variables give all they can.
  const room = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    let other = 0;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (v >= nE) other += Math.min(m.rowCoef[k] * m.varLower[v], m.rowCoef[k] * m.varUpper[v]);
    }
    room[r] = m.rowSense[r] === 'ge' ? Infinity : m.rowRhs[r] - other;
  }
  const order = Array.from({ length: nE }, (_, e) => e);
  const key = (e: number): number => (m.varLower[e] > 0 ? 2 : x[e] > INT_TOL ? x[e] : 0);
  order.sort((a, b) => key(b) - key(a) || costs[b] - costs[a] || a - b);
  const z = new Float64Array(m.nVars);
  const fits = (e: number): boolean => {
    for (let k = cols.start[e]; k < cols.start[e + 1]; k++) {
      const r = cols.row[k];
      if (cols.coef[k] > 0 && cols.coef[k] > room[r] + 1e-9 * Math.max(1, Math.abs(m.rowRhs[r]))) return false;
    }
    return true;
  };
  for (const e of order) {
    if (m.varUpper[e] < 1 || (key(e) === 0 && costs[e] <= 0)) continue;
    if (!fits(e)) continue;
    z[e] = 1;
    for (let k = cols.start[e]; k < cols.start[e + 1]; k++) room[cols.row[k]] -= cols.coef[k];
  }
  return integerPoint(m, z);
}

/** Edges of each mentee row (the `mentee_i` rows: every edge variable lies in exactly one). */
function menteeEdges(m: LpModel): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.nRows; r++) {
    if (!m.rowName[r].startsWith('mentee_')) continue;
    const es: number[] = [];
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) if (m.rowVar[k] < m.nEdgeVars) es.push(m.rowVar[k]);
    out.push(es);
  }
  return out;
}

/**
 * Local search on an integer point: moves of one mentee to a better edge (or from none), then
 * exchanges between two mentees, first improvement, until none improves; imposed edges stay. Each
 * move keeps every row (slot variables counted at their most favourable value); the result is
 * re-checked in full by `integerPoint`, and returned only if it is one.
 */
function improvePoint(m: LpModel, cols: Columns, costs: Float64Array, groups: number[][], z0: Float64Array): Float64Array | null {
  const nE = m.nEdgeVars;
  const z = Float64Array.from(z0);
  // Activity of the edges in each row, against the room left by the other variables.
  const act = new Float64Array(m.nRows);
  const cap = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    let other = 0;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const v = m.rowVar[k];
      if (v >= nE) other += m.rowSense[r] === 'ge' ? Math.max(m.rowCoef[k] * m.varLower[v], m.rowCoef[k] * m.varUpper[v]) : Math.min(m.rowCoef[k] * m.varLower[v], m.rowCoef[k] * m.varUpper[v]);
      else act[r] += m.rowCoef[k] * z[v];
    }
    cap[r] = m.rowRhs[r] - other;
  }
  const chosen = groups.map((es) => es.find((e) => z[e] > 0.5) ?? -1);
  const touched: number[] = [];
  const apply = (e: number, sign: number): void => {
    for (let k = cols.start[e]; k < cols.start[e + 1]; k++) {
      act[cols.row[k]] += sign * cols.coef[k];
      touched.push(cols.row[k]);
    }
  };
  const ok = (): boolean => {
    for (const r of touched) {
      const tol = 1e-9 * Math.max(1, Math.abs(m.rowRhs[r]));
      if (m.rowSense[r] !== 'ge' && act[r] > cap[r] + tol) return false;
      if (m.rowSense[r] !== 'le' && act[r] < cap[r] - tol) return false;
    }
    return true;
  };
  /** Tries to replace the chosen edges `from` (−1: none) by `to`, all at once; keeps it if feasible. */
  const tryMove = (from: number[], to: number[]): boolean => {
    touched.length = 0;
    for (const e of from) if (e >= 0) apply(e, -1);
    for (const e of to) apply(e, 1);
    if (ok()) return true;
    for (const e of to) apply(e, -1);
    for (const e of from) if (e >= 0) apply(e, 1);
    return false;
  };
  const gain = (from: number, to: number): number => costs[to] - (from >= 0 ? costs[from] : 0);
  const fixed = (e: number): boolean => e >= 0 && m.varLower[e] > 0;
  for (let round = 0, better = true; better && round < 50; round++) {
    better = false;
    for (let i = 0; i < groups.length; i++) {
      const e = chosen[i];
      if (fixed(e)) continue;
      for (const f of groups[i]) {
        if (f === e || m.varUpper[f] < 1 || gain(e, f) <= 0) continue;
        if (tryMove([e], [f])) {
          if (e >= 0) z[e] = 0;
          z[f] = 1;
          chosen[i] = f;
          better = true;
          break;
        }
      }
    }
    if (better) continue;
    for (let i = 0; i < groups.length && !better; i++) {
      const ei = chosen[i];
      if (ei < 0 || fixed(ei)) continue;
      for (let k = i + 1; k < groups.length && !better; k++) {
        const ek = chosen[k];
        if (ek < 0 || fixed(ek)) continue;
        for (const fi of groups[i]) {
          if (fi === ei || m.varUpper[fi] < 1) continue;
          for (const fk of groups[k]) {
            if (fk === ek || m.varUpper[fk] < 1 || gain(ei, fi) + gain(ek, fk) <= 0) continue;
            if (tryMove([ei, ek], [fi, fk])) {
              z[ei] = z[ek] = 0;
              z[fi] = z[fk] = 1;
              chosen[i] = fi;
              chosen[k] = fk;
              better = true;
              break;
            }
          }
          if (better) break;
        }
      }
    }
  }
  return integerPoint(m, z);
}

/**
 * Runs the branch and bound. Stops at `deadline` or after `maxNodes` node LPs (between nodes) with the best incumbent and the
 * open nodes as `open` leaves. The result's leaves and incumbent are what ./bb-check.ts verifies.
 */
export function branchAndBound(m: LpModel, relax: Relax, o: BbOptions): BbResult {
  const now = o.now ?? Date.now;
  const c = o.costs;
  const cols = columnsOf(m);
  const leaves: BbLeaf[] = [];
  let best: Float64Array | null = null;
  let bestValue = -Infinity;
  let nodes = 0;
  let rootBound = NaN;
  let seq = 0;
  const queue: QueueNode[] = [];
  heapPush(queue, { path: [], bound: Infinity, y: null, seq: seq++ });

  const groups = menteeEdges(m);
  const seen = new Set<number>();
  const offer = (z0: Float64Array | null): void => {
    if (!z0) return;
    // The local search costs about one node LP: only for a rounded point not seen before.
    const raw = dot(c, z0);
    if (seen.has(raw) && raw <= bestValue) return;
    seen.add(raw);
    // The local search ranks moves by edge costs alone; with slot penalties a move can lower the
    // whole objective, so its result is kept only when it is better (measured: a seed of 797,856
    // came back as 797,841).
    const improved = improvePoint(m, cols, c, groups, z0);
    const z = improved && dot(c, improved) > raw ? improved : z0;
    const v = dot(c, z);
    if (v > bestValue + boundTol(v) * (o.integral ? 0 : 1)) {
      best = z;
      bestValue = v;
      o.onIncumbent?.(z, v);
    }
  };
  if (o.initial) offer(integerPoint(m, o.initial));

  const pruned = (b: number): boolean => best !== null && roundBound(b, o.integral) <= bestValue + (o.integral ? 1e-6 : boundTol(bestValue));
  const close = (path: number[], kind: BbLeaf['kind'], y: Float64Array | null, bound: number): void => {
    leaves.push({ path: Int32Array.from(path), kind, y, bound: kind === 'infeasible' ? -Infinity : roundBound(bound, o.integral) });
  };

  while (queue.length > 0) {
    if (now() >= o.deadline || (o.maxNodes !== undefined && nodes >= o.maxNodes)) {
      for (let n = heapPop(queue); n; n = heapPop(queue)) close(n.path, 'open', n.y, n.bound);
      break;
    }
    const node = heapPop(queue)!;
    const path = node.path;
    const { lo, hi } = boxOf(m, path);
    if (node.y && pruned(node.bound)) {
      // The parent's multipliers already close this child (the incumbent improved since).
      close(path, 'bound', node.y, dualBoundBox(m, c, node.y, lo, hi));
      continue;
    }
    const rowCert = emptyRow(m, lo, hi);
    if (rowCert) {
      close(path, 'infeasible', rowCert, -Infinity);
      continue;
    }
    nodes++;
    const rel = relax(lo, hi);
    if (rel.status === 'infeasible') {
      if (rel.y && provesEmpty(m, rel.y, lo, hi)) close(path, 'infeasible', rel.y, -Infinity);
      else close(path, 'open', null, Infinity);
      continue;
    }
    const y = rel.status === 'optimal' && rel.y ? rel.y : null;
    let bound = y ? dualBoundBox(m, c, y, lo, hi) : Infinity;
    if (path.length === 0) rootBound = y ? bound : NaN;
    // The library's point, if it is one of the node's box (else it only guides nothing).
    let x = rel.status === 'optimal' && rel.x && worstRow(m, rel.x, lo, hi).scaled <= 1e-6 ? rel.x : null;
    if (x) {
      const z = integerPoint(m, x);
      offer(z);
      if (!z) offer(roundPoint(m, cols, c, x));
    } else if (best === null) offer(roundPoint(m, cols, c, new Float64Array(m.nVars))); // greedy by cost alone
    if (pruned(bound)) {
      close(path, 'bound', y, bound);
      continue;
    }
    if (y && best !== null) {
      // Reduced-cost fixing with the node's own multipliers, each child verified like a leaf.
      for (let v = 0; v < m.nEdgeVars; v++) {
        if (lo[v] !== 0 || hi[v] !== 1) continue;
        for (const val of [1, 0]) {
          lo[v] = hi[v] = val;
          const b = dualBoundBox(m, c, y, lo, hi);
          lo[v] = 0;
          hi[v] = 1;
          if (!pruned(b)) continue;
          close([...path, 2 * v + val], 'bound', y, b);
          path.push(2 * v + (1 - val));
          lo[v] = hi[v] = 1 - val;
          break;
        }
      }
      bound = dualBoundBox(m, c, y, lo, hi);
      if (x && worstRow(m, x, lo, hi).scaled > 1e-6) x = null;
    }
    // Branch on the most fractional edge; without a point, on the free edge of largest value.
    let branch = -1;
    let bestScore = -Infinity;
    for (let v = 0; v < m.nEdgeVars; v++) {
      if (lo[v] === hi[v]) continue;
      const val = x ? x[v] : 0.5;
      const frac = val > INT_TOL && val < 1 - INT_TOL;
      const score = x ? (frac ? 2 + Math.min(val, 1 - val) : val) : 0;
      if (branch < 0 || score > bestScore) {
        branch = v;
        bestScore = score;
      }
    }
    if (branch < 0) {
      // Every edge fixed and still above the incumbent: the multipliers were poor (or the point
      // fails a row); the bound stands, unproven against the incumbent.
      close(path, 'bound', y, bound);
      continue;
    }
    const nb = roundBound(bound, o.integral);
    heapPush(queue, { path: [...path, 2 * branch + 1], bound: nb, y, seq: seq++ });
    heapPush(queue, { path: [...path, 2 * branch], bound: nb, y, seq: seq++ });
  }

  let bound = bestValue;
  let complete = true;
  for (const l of leaves) {
    if (l.kind === 'open') complete = false;
    if (l.bound > bound) bound = l.bound;
  }
  return { x: best, value: bestValue, complete, bound, rootBound, nodes, leaves };
}

