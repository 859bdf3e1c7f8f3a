/**
 * Capacity criterion: one-to-one is preferred (FAQ: « la relation individuelle mentor/mentoré
 * doit être privilégiée »), so a mentor's 2nd, 3rd … mentee costs a marginal penalty, in score
 * points. The solvers take it as `Problem.slotPenalty`: the k-th mentee of a mentor is worth its
 * edge weight minus `slotPenalty[k]`, i.e. separate capacity slots of decreasing value.
 */
import type { Policy } from '../schema/policy.js';

/**
 * Marginal penalty of a mentor's k-th mentee (k = 0 is the first), for k < `maxCapacity`.
 * Missing entries repeat the policy's last value; the sequence is made non-decreasing (running
 * maximum) so it stays a convex cost that a min-cost flow can express as parallel unit arcs.
 */
export function slotPenalties(policy: Policy, maxCapacity: number): Float64Array {
  const given = policy.penalites_capacite;
  const out = new Float64Array(Math.max(0, maxCapacity));
  let run = 0;
  for (let k = 0; k < out.length; k++) {
    const v = given.length === 0 ? 0 : given[Math.min(k, given.length - 1)];
    run = Math.max(run, v);
    out[k] = run;
  }
  return out;
}
