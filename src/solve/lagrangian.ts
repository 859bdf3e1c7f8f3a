/**
 * `lagrangien`: side constraints at national scale. The budget (€ per school), minimum-priority and
 * employer rows are moved into the objective with multipliers, each subproblem is a plain network
 * solved exactly by `flow` on adjusted edge weights, and the multipliers follow a subgradient
 * (Polyak step). Each subproblem's assignment is repaired into a feasible one (drop the costliest
 * pairs of over-budget schools, the weakest of over-quota employers, then refill greedily); the best
 * repaired assignment is returned with the Lagrangian dual bound and the gap.
 *
 * Objective: the same combined `M × coverage + value` as `lp` (./lp-model.ts), so that a budget
 * multiplier can outweigh coverage when a school truly cannot afford a pair. The subproblem gives
 * flow zero priorities (no coverage level) and edge weights M × priority + value − multiplier terms.
 *
 * Bound: L(λ) = max over the network of the adjusted objective + Σ λ·rhs ≥ the optimum for every
 * λ ≥ 0 (weak duality); the best λ is re-solved at the end and its flow certificate checked by the
 * independent checker (./certificate.ts) before the bound is reported.
 */
import type { Problem } from '../encode/problem.js';
import { edgeCount } from '../encode/problem.js';
import { minCostFlow, type FlowSolution } from './flow.js';
import type { PriceStart } from './auction.js';
import { checkCertificate } from './certificate.js';
import { lexicographicWeight, coverageStep, valueRange } from './lp-model.js';
import { primaryOf, secondaryScale } from './lexicographic.js';
import { objectiveOf, slotPenaltyAt } from './objective.js';
import { sideViolations } from './side-check.js';
import { type BoundCertificate, type Solver, type SolveOptions, type SolverOutput, SolverRefusal } from './types.js';

/** Options of `solveLagrangian`. */
export interface LagrangianOptions {
  /** Subgradient iterations (default 60). */
  maxIterations?: number;
  /** Wall-clock limit, ms (checked between iterations). */
  timeLimitMs?: number;
  /** Stop when (bound − best) / max(1, |bound|) falls below this (default 1e-6). */
  gapTolerance?: number;
  /**
   * `auto` (default): each subproblem as a lexicographic flow problem when that is equivalent,
   * folded weights otherwise; `folded`: always folded (tests compare the two).
   */
  subproblem?: 'auto' | 'folded';
}

/** What `solveLagrangian` returns, in the combined objective's units. */
export interface LagrangianOutcome extends SolverOutput {
  /** Combined objective of the best feasible assignment (−Infinity when none was found). */
  combined: number;
  /** Best Lagrangian dual bound on the combined objective (checked). */
  combinedBound: number;
  /** Relative gap (bound − combined) / max(1, |bound|). */
  gap: number;
  iterations: number;
}

/** The relaxed rows, per edge: group and employer row indices (−1 for none). */
interface SideRows {
  nG: number;
  nF: number;
  edgeGroup: Int32Array;
  edgeFirm: Int32Array;
  edgePrio: Uint8Array;
  cost: Float64Array;
  budget: Float64Array;
  minPrio: Float64Array;
  firmMax: Float64Array;
}

function sideRows(p: Problem): SideRows {
  const nE = edgeCount(p);
  const s = p.side ?? {};
  const nG = s.menteeGroup ? Math.max(s.groupBudget?.length ?? 0, s.groupMinPriority?.length ?? 0) : 0;
  const nF = s.mentorEmployer && s.employerMax ? s.employerMax.length : 0;
  const edgeGroup = new Int32Array(nE).fill(-1);
  const edgeFirm = new Int32Array(nE).fill(-1);
  const edgePrio = new Uint8Array(nE);
  const cost = new Float64Array(nE);
  for (let i = 0; i < p.nMentees; i++) {
    const g = s.menteeGroup ? s.menteeGroup[i] : -1;
    const prio = p.priority && p.priority[i] > 1 ? 1 : 0;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      if (g >= 0 && g < nG) edgeGroup[e] = g;
      edgePrio[e] = prio;
      if (s.edgeCost) cost[e] = s.edgeCost[e];
      const f = nF ? s.mentorEmployer![p.edgeMentor[e]] : -1;
      if (f >= 0 && f < nF) edgeFirm[e] = f;
    }
  }
  const budget = Float64Array.from({ length: nG }, (_, g) => (s.groupBudget && s.edgeCost ? s.groupBudget[g] : Infinity));
  const minPrio = Float64Array.from({ length: nG }, (_, g) => (s.groupMinPriority ? s.groupMinPriority[g] : 0));
  const firmMax = Float64Array.from({ length: nF }, (_, f) => s.employerMax![f]);
  return { nG, nF, edgeGroup, edgeFirm, edgePrio, cost, budget, minPrio, firmMax };
}

/** Combined objective of an assignment: M × priority coverage + net in max form. */
function combinedOf(p: Problem, M: number, a: Int32Array): number {
  const o = objectiveOf(p, a);
  return M * o.priorityCovered + (p.sense === 'max' ? o.net : -o.net);
}

/**
 * Repairs a subproblem assignment into a feasible one: drops, in over-budget groups, the pairs of
 * highest cost per unit of combined value, and in over-quota employers the weakest pairs (never an
 * imposed pair); then refills unassigned mentees greedily (best combined value that fits every row).
 * Returns null when a minimum-priority quota still fails.
 */
function repair(p: Problem, rows: SideRows, M: number, base: Int32Array, edgeOfMentee: Int32Array): Int32Array | null {
  const a = base.slice();
  const ae = edgeOfMentee.slice();
  const value = (e: number, i: number): number => M * primaryOf(p, i) + (p.sense === 'max' ? p.edgeWeight[e] : -p.edgeWeight[e]);
  const spent = new Float64Array(rows.nG);
  const firmUse = new Float64Array(rows.nF);
  const load = new Int32Array(p.nMentors);
  const mentee = new Int32Array(edgeCount(p));
  for (let i = 0; i < p.nMentees; i++) for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) mentee[e] = i;
  const chosen: number[] = [];
  for (let i = 0; i < p.nMentees; i++) {
    const e = ae[i];
    if (e < 0) continue;
    chosen.push(e);
    if (rows.edgeGroup[e] >= 0) spent[rows.edgeGroup[e]] += rows.cost[e];
    if (rows.edgeFirm[e] >= 0) firmUse[rows.edgeFirm[e]]++;
    load[p.edgeMentor[e]]++;
  }
  const drop = (e: number): void => {
    const i = mentee[e];
    a[i] = -1;
    ae[i] = -1;
    if (rows.edgeGroup[e] >= 0) spent[rows.edgeGroup[e]] -= rows.cost[e];
    if (rows.edgeFirm[e] >= 0) firmUse[rows.edgeFirm[e]]--;
    load[p.edgeMentor[e]]--;
  };
  const imposed = (e: number): boolean => Boolean(p.edgeImposed && p.edgeImposed[e]);
  // Costliest per unit of value first; ties by edge index (determinism).
  chosen.sort((x, y) => rows.cost[y] / Math.max(1e-9, value(y, mentee[y])) - rows.cost[x] / Math.max(1e-9, value(x, mentee[x])) || x - y);
  for (const e of chosen) {
    const g = rows.edgeGroup[e];
    if (g >= 0 && spent[g] > rows.budget[g] + 1e-9 && rows.cost[e] > 0 && !imposed(e)) drop(e);
  }
  chosen.sort((x, y) => value(x, mentee[x]) - value(y, mentee[y]) || x - y);
  for (const e of chosen) {
    const f = rows.edgeFirm[e];
    if (f >= 0 && ae[mentee[e]] === e && firmUse[f] > rows.firmMax[f] && !imposed(e)) drop(e);
  }
  // Greedy refill: mentees in index order, their best fitting pair (value minus the slot penalty).
  for (let i = 0; i < p.nMentees; i++) {
    if (ae[i] >= 0) continue;
    let best = -1;
    let bestV = 0;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      const j = p.edgeMentor[e];
      if (load[j] >= p.capacity[j]) continue;
      const g = rows.edgeGroup[e];
      if (g >= 0 && spent[g] + rows.cost[e] > rows.budget[g] + 1e-9) continue;
      const f = rows.edgeFirm[e];
      if (f >= 0 && firmUse[f] + 1 > rows.firmMax[f]) continue;
      const v = value(e, i) - slotPenaltyAt(p, load[j]);
      if (v > bestV) {
        bestV = v;
        best = e;
      }
    }
    if (best < 0) continue;
    a[i] = p.edgeMentor[best];
    ae[i] = best;
    if (rows.edgeGroup[best] >= 0) spent[rows.edgeGroup[best]] += rows.cost[best];
    if (rows.edgeFirm[best] >= 0) firmUse[rows.edgeFirm[best]]++;
    load[p.edgeMentor[best]]++;
  }
  return sideViolations(p, a).length === 0 ? a : null;
}

/** Solves a problem with side constraints by Lagrangian relaxation over `flow`. */
export function solveLagrangian(p: Problem, options: LagrangianOptions = {}): LagrangianOutcome {
  if (p.edgeLoad) throw new SolverRefusal('loads', 'lagrangien relaxes budgets and quotas over flow, which takes no edge loads: use lp');
  const t0 = Date.now();
  const maxIt = options.maxIterations ?? 60;
  const tolGap = options.gapTolerance ?? 1e-6;
  const nE = edgeCount(p);
  const M = lexicographicWeight(p);
  const rows = sideRows(p);
  const lamB = new Float64Array(rows.nG); // budget rows (≤), € multipliers
  const lamQ = new Float64Array(rows.nG); // minimum-priority rows (≥)
  const lamF = new Float64Array(rows.nF); // employer rows (≤)
  const base = new Float64Array(nE);
  const prim = new Float64Array(p.nMentees);
  for (let i = 0; i < p.nMentees; i++) {
    prim[i] = primaryOf(p, i);
    const pr = M * prim[i];
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) base[e] = pr + (p.sense === 'max' ? p.edgeWeight[e] : -p.edgeWeight[e]);
  }
  // The subproblem: no coverage level (zero priorities), adjusted weights, no side rows.
  const adj = new Float64Array(nE);
  const sub: Problem = { ...p, sense: 'max', priority: new Float64Array(p.nMentees), edgeWeight: adj, side: undefined };
  // The same subproblem as a lexicographic one (coverage level kept, value − multiplier terms as
  // weights): when the value part cannot outweigh one coverage step (M × step > 2 V, V bounding
  // |value − λ terms − penalties| of any assignment), both have the same optimum, and flow's own
  // lexicographic auction solves it as fast as a plain round. At λ = 0 this always holds (M is
  // chosen so); large multipliers fall back to the folded weights above.
  const lexW = new Float64Array(nE);
  const lex: Problem = { ...p, sense: 'max', priority: prim, edgeWeight: lexW, side: undefined };
  let maxPen = 0;
  if (p.slotPenalty) for (const x of p.slotPenalty) maxPen = Math.max(maxPen, Math.abs(x));
  const covStep = coverageStep(p);
  let useLex = true;
  const edgeOfMentee = new Int32Array(p.nMentees);
  const fillAdjusted = (): number => {
    let constant = 0;
    for (let g = 0; g < rows.nG; g++) {
      if (Number.isFinite(rows.budget[g])) constant += lamB[g] * rows.budget[g];
      constant -= lamQ[g] * rows.minPrio[g];
    }
    for (let f = 0; f < rows.nF; f++) constant += lamF[f] * rows.firmMax[f];
    let v = 0;
    for (let i = 0; i < p.nMentees; i++) {
      const pr = M * prim[i];
      let worst = 0;
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
        let w = base[e];
        const g = rows.edgeGroup[e];
        if (g >= 0) w += -lamB[g] * rows.cost[e] + lamQ[g] * rows.edgePrio[e];
        const f = rows.edgeFirm[e];
        if (f >= 0) w -= lamF[f];
        adj[e] = w;
        lexW[e] = w - pr;
        worst = Math.max(worst, Math.abs(lexW[e]));
      }
      if (p.offsets[i + 1] > p.offsets[i]) v += worst + maxPen;
    }
    useLex = options.subproblem !== 'folded' && M * covStep > 2 * v * (1 + 1e-9);
    return constant;
  };
  // Each subproblem starts from the previous one's optimum and duals: the multipliers move the
  // weights of a few schools' edges, so most mentees stay complementary-slack and the exact phase
  // routes only the others (flow's `start`; the result is exact whatever the start).
  let prev: PriceStart | undefined;
  let prevLex: PriceStart | undefined;
  // The auction's final ε is relative to the largest |weight|, here M × priority: far too coarse
  // for the value part that tells pairs apart, and most mentees would be left to the exact phase.
  // Relative to the original weights instead (national-like 10,000 mentees, 60 iterations: 8.7 s
  // with the default, 2.1 s with this).
  // (Floored: at national scale M is ~10⁸ and a finer ε exhausts the auction's bid budget.)
  let epsilon = 0;
  /** The subproblem at the current multipliers (lexicographic when equivalent) and its solution. */
  const solveFlow = (): { sol: FlowSolution; prob: Problem } => {
    if (useLex) {
      const sol = minCostFlow(lex, Infinity, prevLex ? { start: prevLex } : {});
      if (sol.feasible) prevLex = { assignment: sol.assignment, mentorP: sol.certificate.mentorP, mentorS: sol.certificate.mentorS };
      return { sol, prob: lex };
    }
    epsilon ||= Math.max(1e-7, (1e-3 * Math.max(secondaryScale(p), 1e-9)) / Math.max(secondaryScale(sub), 1e-9));
    const sol = minCostFlow(sub, Infinity, prev ? { start: prev, epsilon } : { epsilon });
    if (sol.feasible) prev = { assignment: sol.assignment, mentorP: sol.certificate.mentorP, mentorS: sol.certificate.mentorS };
    return { sol, prob: sub };
  };
  /** L(λ) − constant for an optimum of `prob`: the folded objective, whichever form was solved. */
  const foldedValue = (prob: Problem, a: Int32Array): number => {
    const o = objectiveOf(prob, a);
    return prob === lex ? M * o.priorityCovered + o.net : o.net;
  };
  const solveSub = (): { a: Int32Array; value: number; ok: boolean } => {
    const constant = fillAdjusted();
    const { sol, prob } = solveFlow();
    if (!sol.feasible) return { a: sol.assignment, value: -Infinity, ok: false };
    return { a: sol.assignment, value: foldedValue(prob, sol.assignment) + constant, ok: true };
  };

  let best: Int32Array | null = null;
  let bestVal = -Infinity;
  let bound = Infinity;
  const bestLam = { b: lamB.slice(), q: lamQ.slice(), f: lamF.slice() };
  let theta = 2;
  let stall = 0;
  let it = 0;
  const gB = new Float64Array(rows.nG);
  const gQ = new Float64Array(rows.nG);
  const gF = new Float64Array(rows.nF);
  for (; it < maxIt; it++) {
    const r = solveSub();
    if (!r.ok) {
      return { status: 'infeasible', assignment: r.a, combined: -Infinity, combinedBound: -Infinity, gap: Infinity, iterations: it, notes: ['imposed pairs conflict'] };
    }
    if (r.value < bound) {
      bound = r.value;
      bestLam.b.set(lamB);
      bestLam.q.set(lamQ);
      bestLam.f.set(lamF);
      stall = 0;
    } else if (++stall >= 5) {
      theta /= 2;
      stall = 0;
    }
    // Subgradient: row activity minus right-hand side (sign so that a positive step tightens).
    gB.fill(0);
    gQ.fill(0);
    gF.fill(0);
    for (let i = 0; i < p.nMentees; i++) {
      edgeOfMentee[i] = -1;
      const j = r.a[i];
      if (j < 0) continue;
      let e = -1;
      for (let k = p.offsets[i]; k < p.offsets[i + 1]; k++) if (p.edgeMentor[k] === j && (e < 0 || adj[k] > adj[e])) e = k;
      edgeOfMentee[i] = e;
      const g = rows.edgeGroup[e];
      if (g >= 0) {
        gB[g] += rows.cost[e];
        gQ[g] -= rows.edgePrio[e];
      }
      if (rows.edgeFirm[e] >= 0) gF[rows.edgeFirm[e]]++;
    }
    let norm = 0;
    for (let g = 0; g < rows.nG; g++) {
      gB[g] = Number.isFinite(rows.budget[g]) ? gB[g] - rows.budget[g] : 0;
      gQ[g] += rows.minPrio[g];
      // Projected: a zero multiplier with a slack row does not move.
      if (lamB[g] === 0 && gB[g] < 0) gB[g] = 0;
      if (lamQ[g] === 0 && gQ[g] < 0) gQ[g] = 0;
      norm += gB[g] * gB[g] + gQ[g] * gQ[g];
    }
    for (let f = 0; f < rows.nF; f++) {
      gF[f] -= rows.firmMax[f];
      if (lamF[f] === 0 && gF[f] < 0) gF[f] = 0;
      norm += gF[f] * gF[f];
    }
    const fixed = repair(p, rows, M, r.a, edgeOfMentee);
    if (fixed) {
      const v = combinedOf(p, M, fixed);
      if (v > bestVal) {
        bestVal = v;
        best = fixed;
      }
    }
    if (norm === 0) break; // the subproblem's optimum is feasible and complementary: optimal
    if (bound - bestVal <= tolGap * Math.max(1, Math.abs(bound))) break;
    if (options.timeLimitMs !== undefined && Date.now() - t0 >= options.timeLimitMs) break;
    // Polyak step towards the best feasible value (or a 1% guess while none is known).
    const target = Number.isFinite(bestVal) ? bestVal : bound - 0.01 * Math.max(1, Math.abs(bound));
    const step = (theta * Math.max(r.value - target, 1e-9 * Math.max(1, Math.abs(bound)))) / norm;
    for (let g = 0; g < rows.nG; g++) {
      lamB[g] = Math.max(0, lamB[g] + step * gB[g]);
      lamQ[g] = Math.max(0, lamQ[g] + step * gQ[g]);
    }
    for (let f = 0; f < rows.nF; f++) lamF[f] = Math.max(0, lamF[f] + step * gF[f]);
  }

  // Re-solve at the best multipliers and let the independent checker certify that subproblem.
  lamB.set(bestLam.b);
  lamQ.set(bestLam.q);
  lamF.set(bestLam.f);
  const constant = fillAdjusted();
  const { sol, prob } = solveFlow();
  // A lexicographic certificate proves the folded optimum too: useLex held (see above).
  const verdict = checkCertificate(prob, sol.assignment, sol.certificate);
  const notes: string[] = [];
  let checkedBound = foldedValue(prob, sol.assignment) + constant;
  if (!verdict.ok) {
    notes.push(`subproblem certificate rejected (${verdict.reasons[0]}): no bound reported`);
    checkedBound = Infinity;
  }
  const timedOut = options.timeLimitMs !== undefined && Date.now() - t0 >= options.timeLimitMs;
  if (!best) {
    notes.push('no feasible assignment found by repair');
    return { status: timedOut ? 'timeout' : 'infeasible', assignment: new Int32Array(p.nMentees).fill(-1), combined: -Infinity, combinedBound: checkedBound, gap: Infinity, iterations: it, notes };
  }
  const gap = (checkedBound - bestVal) / Math.max(1, Math.abs(checkedBound));
  const o = objectiveOf(p, best);
  const cov = o.priorityCovered;
  const net = p.sense === 'max' ? o.net : -o.net;
  const cert = boundPair(checkedBound, M, valueRange(p), coverageStep(p), cov, net);
  notes.push(`Lagrangian bound ${checkedBound}, best ${bestVal}, gap ${gap.toExponential(2)} after ${it + 1} iterations`);
  return {
    status: timedOut ? 'timeout' : 'feasible',
    assignment: best,
    certificate: cert,
    bound: p.sense === 'max' ? cert.net : -cert.net,
    combined: bestVal,
    combinedBound: checkedBound,
    gap,
    iterations: it + 1,
    notes,
  };
}

/** The lexicographic bound pair of a combined bound (same reasoning as lp's boundCertificate). */
function boundPair(ub: number, M: number, range: number, step: number, cov: number, net: number): BoundCertificate {
  if (!Number.isFinite(ub)) return { kind: 'bound', priorityCovered: Infinity, net: Infinity };
  if (ub <= M * cov + net + 1e-9 * Math.max(1, Math.abs(ub))) return { kind: 'bound', priorityCovered: cov, net };
  const covBound = (ub + range) / M;
  return { kind: 'bound', priorityCovered: covBound < cov + step - 1e-9 ? cov : covBound, net: ub - M * cov };
}

/** The `lagrangien` solver of the registry. */
export const lagrangianSolver: Solver = {
  name: 'lagrangien',
  description: 'Lagrangian relaxation of budgets and quotas over flow: feasible assignment, dual bound and gap, national scale',
  exact: false,
  maxEdges: Infinity,
  run(problem: Problem, options: SolveOptions): SolverOutput {
    const r = solveLagrangian(problem, { timeLimitMs: options.timeLimitMs });
    // The bound pair stays out of `certificate`: the registry's checker only verifies network duals,
    // and the Lagrangian bound was already checked here (the best subproblem's flow certificate).
    return { status: r.status, assignment: r.assignment, bound: r.bound, notes: r.notes };
  },
};
