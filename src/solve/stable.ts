import type { Solver } from './types.js';
/** Stable matching (work in progress). */
export const stableSolver: Solver = {
  name: 'stable',
  description: 'capacitated deferred acceptance (mentee- or mentor-proposing)',
  exact: false,
  maxEdges: Infinity,
  run() {
    throw new Error('not implemented yet');
  },
};
