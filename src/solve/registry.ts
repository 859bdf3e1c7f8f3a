/**
 * The solver registry: name → Solver. The CLI's `--solver` choices are its keys.
 * Adding a solver is one import and one entry.
 */
import type { Solver } from './types.js';
import { flowSolver } from './flow.js';
import { greedySolver } from './greedy.js';
import { stableSolver } from './stable.js';
import { lpSolver } from './lp.js';
import { lagrangianSolver } from './lagrangian.js';

/** Registered solvers, by name. */
export const SOLVERS: Record<string, Solver> = {
  flow: flowSolver,
  greedy: greedySolver,
  stable: stableSolver,
  lp: lpSolver,
  lagrangien: lagrangianSolver,
};

/** Names of the registered solvers, in registration order. */
export function solverNames(): string[] {
  return Object.keys(SOLVERS);
}

/** The solver of that name, or undefined. */
export function getSolver(name: string): Solver | undefined {
  return Object.prototype.hasOwnProperty.call(SOLVERS, name) ? SOLVERS[name] : undefined;
}
