/**
 * The loss of a split against one national solve of the same problem: coverage, priority coverage
 * and net weight, in the objective's direction (positive = the split is worse).
 */
import type { Problem } from '../encode/problem.js';
import { solve } from '../solve/solve.js';
import type { ObjectiveParts, SolveOptions } from '../solve/types.js';
import type { SplitLoss } from './types.js';

/** Compares two values of the same problem; `national` is the reference. */
export function lossOf(sense: Problem['sense'], national: ObjectiveParts, split: ObjectiveParts, nationalSeconds = 0): SplitLoss {
  const weightLoss = sense === 'max' ? national.net - split.net : split.net - national.net;
  return {
    national,
    split,
    coverageLoss: national.covered - split.covered,
    priorityLoss: national.priorityCovered - split.priorityCovered,
    weightLoss,
    weightLossRatio: national.net === 0 ? 0 : weightLoss / Math.abs(national.net),
    nationalSeconds,
  };
}

/** Solves `problem` whole in the calling thread and compares `split` with it. */
export function measureLoss(problem: Problem, split: ObjectiveParts, options: SolveOptions): SplitLoss {
  const t0 = performance.now();
  const national = solve(problem, options);
  return lossOf(problem.sense, national.objective, split, (performance.now() - t0) / 1000);
}
