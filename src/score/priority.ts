/**
 * Priority criterion: the policy may raise the weight of a mentee in the coverage objective per
 * sensitive flag (QPV, ASE, handicap). The flags are read here and nowhere else downstream: the
 * result is one number per mentee, which does not tell which flag raised it.
 */
import type { Mentore } from '../schema/records.js';
import type { Policy } from '../schema/policy.js';

/** `1 + Σ policy.priorite[flag]` over the mentee's sensitive flags that are set. */
export function menteePriority(mentee: Pick<Mentore, 'qpv' | 'ase' | 'handicap'>, policy: Policy): number {
  let p = 1;
  if (mentee.qpv) p += policy.priorite.qpv;
  if (mentee.ase) p += policy.priorite.ase;
  if (mentee.handicap) p += policy.priorite.handicap;
  return p;
}
