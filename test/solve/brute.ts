/**
 * Brute-force reference for tiny problems: enumerates every feasible assignment and returns the
 * lexicographic optimum (priority coverage, then net weight), in max form.
 */
import type { Problem } from '../../src/encode/problem.js';
import { primaryOf, secondaryOf } from '../../src/solve/lexicographic.js';
import { slotPenaltyAt } from '../../src/solve/objective.js';

export interface BruteOptimum {
  primary: number;
  /** Net weight in max form (for `min` problems: minus the net cost). */
  secondary: number;
  count: number;
}

export function bruteForce(p: Problem): BruteOptimum | null {
  const n = p.nMentees;
  const load = new Float64Array(p.nMentors);
  let best: BruteOptimum | null = null;
  const rec = (i: number, prim: number, sec: number, cnt: number): void => {
    if (i === n) {
      let s = sec;
      for (let j = 0; j < p.nMentors; j++) {
        if (p.edgeLoad) continue;
        for (let k = 0; k < load[j]; k++) s -= slotPenaltyAt(p, k);
      }
      if (!best || prim > best.primary || (prim === best.primary && s > best.secondary + 1e-9)) best = { primary: prim, secondary: s, count: cnt };
      return;
    }
    let imposed = -1;
    if (p.edgeImposed) for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeImposed[e]) imposed = e;
    if (imposed < 0) rec(i + 1, prim, sec, cnt);
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      if (imposed >= 0 && e !== imposed) continue;
      const j = p.edgeMentor[e];
      const l = p.edgeLoad ? p.edgeLoad[e] : 1;
      if (load[j] + l > p.capacity[j] + 1e-9) continue;
      load[j] += l;
      rec(i + 1, prim + primaryOf(p, i), sec + secondaryOf(p, e), cnt + 1);
      load[j] -= l;
    }
  };
  rec(0, 0, 0, 0);
  return best;
}
