/**
 * The independent optimality checker. It reads only the Problem, the assignment and the dual
 * values — never solver internals — and accepts when, for the lexicographic LP
 *
 *   max  Σ_e (π_i, s·w_e) x_e − Σ_{j,k} (0, pen_k) y_jk
 *   s.t. Σ_{e∋i} x_e ≤ 1                 (u_i ≥ 0)
 *        Σ_{e∋j} x_e − Σ_k y_jk = 0       (v_j free)
 *        0 ≤ y_jk ≤ 1, k < capacity_j     (z_jk = max(0, v_j − pen_k), implied)
 *        x_e = 1 on imposed edges (fixed: their mentees have no u row)
 *
 * (1) the assignment is feasible, (2) the duals are feasible: u_i ≥ 0 and u_i + v_j ≥ W_e on every
 * free edge, (3) primal value = dual value. Weak duality then proves the assignment optimal: the
 * primary (coverage) level exactly, the secondary (weight) level up to a relative tolerance of 1e-9
 * per constraint. The LP is integral (a bipartite network), so its optimum is the integer optimum.
 * With side constraints, the certificate proves optimality of the relaxation; the checker then also
 * requires the side constraints to hold (a feasible optimum of a relaxation is optimal).
 */
import type { Problem } from '../encode/problem.js';
import type { Certificate } from './types.js';
import { feasibilityErrors, mentorLoads, slotPenaltyAt } from './objective.js';
import { lexGe, primaryOf, secondaryOf, secondaryScale } from './lexicographic.js';
import { sideViolations } from './side-check.js';

/** The checker's verdict; `reasons` (English) say why it refused. */
export interface CertificateVerdict {
  ok: boolean;
  reasons: string[];
  /** Primal and dual values (max form), primary and secondary levels. */
  primal?: { primary: number; secondary: number };
  dual?: { primary: number; secondary: number };
}

/** Checks a certificate against a problem and an assignment. */
export function checkCertificate(p: Problem, assignment: Int32Array, cert: Certificate): CertificateVerdict {
  const reasons = feasibilityErrors(p, assignment, 5);
  if (reasons.length) return { ok: false, reasons };
  if (cert.kind !== 'duals') return { ok: false, reasons: ['only dual certificates prove optimality'] };
  if (p.edgeLoad) return { ok: false, reasons: ['edge loads (integer programming): a dual certificate proves nothing'] };
  const side = sideViolations(p, assignment);
  if (side.length) return { ok: false, reasons: side.slice(0, 5) };
  const { menteeP: uP, menteeS: uS, mentorP: vP, mentorS: vS } = cert;
  if (uP.length !== p.nMentees || uS.length !== p.nMentees || vP.length !== p.nMentors || vS.length !== p.nMentors) {
    return { ok: false, reasons: ['dual vectors have the wrong length'] };
  }
  const tol = 1e-9 * (1 + secondaryScale(p));
  const imposedMentee = new Uint8Array(p.nMentees);
  const imposedAt = new Int32Array(p.nMentors);
  let primP = 0;
  let primS = 0;
  let dualP = 0;
  let dualS = 0;
  let sumAbs = 0;
  for (let i = 0; i < p.nMentees; i++) {
    const a = assignment[i];
    let imposed = false;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      if (p.edgeImposed && p.edgeImposed[e]) {
        imposed = true;
        imposedMentee[i] = 1;
        imposedAt[p.edgeMentor[e]]++;
      }
    }
    if (a >= 0) {
      // The value of the chosen pair: the best edge of that pair (duplicates allowed).
      let best = -Infinity;
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeMentor[e] === a) best = Math.max(best, secondaryOf(p, e));
      primP += primaryOf(p, i);
      primS += best;
      sumAbs += Math.abs(best);
    }
    if (imposed) continue;
    if (!lexGe(uP[i], uS[i], 0, 0, tol)) {
      reasons.push(`u[${i}] < 0`);
      break;
    }
    dualP += uP[i];
    dualS += uS[i];
    sumAbs += Math.abs(uS[i]);
    const pi = primaryOf(p, i);
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      const j = p.edgeMentor[e];
      if (!lexGe(uP[i] + vP[j], uS[i] + vS[j], pi, secondaryOf(p, e), tol)) {
        reasons.push(`edge ${e} (${i}, ${j}): u + v < weight`);
        break;
      }
    }
    if (reasons.length) break;
  }
  if (reasons.length) return { ok: false, reasons };
  // Imposed mentees' values are constants of the LP: they appear on both sides.
  for (let i = 0; i < p.nMentees; i++) {
    if (!imposedMentee[i]) continue;
    // primal already counted them; add the same constant to the dual.
    const a = assignment[i];
    let best = -Infinity;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeMentor[e] === a) best = Math.max(best, secondaryOf(p, e));
    dualP += primaryOf(p, i);
    dualS += best;
  }
  const load = mentorLoads(p, assignment);
  for (let j = 0; j < p.nMentors; j++) {
    for (let k = 0; k < load[j]; k++) {
      primS -= slotPenaltyAt(p, k);
    }
    // z_jk = max(0, v_j − (0, pen_k)), lexicographically, over the mentor's capacity.
    const cap = Math.floor(p.capacity[j]);
    for (let k = 0; k < cap; k++) {
      const pen = slotPenaltyAt(p, k);
      if (vP[j] > 0) {
        dualP += vP[j];
        dualS += vS[j] - pen;
      } else if (vP[j] < 0 || vS[j] <= pen) {
        break; // z = 0 here and for every later (non-decreasing) penalty
      } else {
        dualS += vS[j] - pen;
      }
    }
    dualP -= imposedAt[j] * vP[j];
    dualS -= imposedAt[j] * vS[j];
    sumAbs += Math.abs(vS[j]) * (1 + imposedAt[j] + load[j]);
  }
  const gapTol = 1e-9 * (1 + sumAbs) + tol * (p.nMentees + 1);
  const primal = { primary: primP, secondary: primS };
  const dual = { primary: dualP, secondary: dualS };
  if (primP !== dualP) reasons.push(`coverage gap: primal ${primP}, dual ${dualP}`);
  else if (Math.abs(primS - dualS) > gapTol) reasons.push(`weight gap: primal ${primS}, dual ${dualS}`);
  return { ok: reasons.length === 0, reasons, primal, dual };
}
