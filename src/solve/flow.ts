import type { Solver } from './types.js';
/** Exact min-cost flow solver (work in progress). */
export const flowSolver: Solver = {
  name: 'flow',
  description: 'exact min-cost flow (successive shortest paths, lexicographic costs), with dual certificate',
  exact: true,
  maxEdges: Infinity,
  run() {
    throw new Error('not implemented yet');
  },
};
