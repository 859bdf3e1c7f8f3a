/**
 * `solve(problem, options)`: the one entry point. Looks the solver up in the registry, enforces its
 * size limit, runs it, recomputes the objective from the Problem, and runs the independent
 * certificate checker: `optimal` is true only when the checker accepts.
 */
import type { Problem } from '../encode/problem.js';
import { edgeCount } from '../encode/problem.js';
import { getSolver, solverNames } from './registry.js';
import { checkCertificate } from './certificate.js';
import { feasibilityErrors, objectiveOf } from './objective.js';
import { SolverRefusal, type SolveOptions, type SolveResult } from './types.js';

/** Solves a problem with the named solver (default `flow`). Throws `SolverRefusal` when it cannot. */
export function solve(problem: Problem, options: SolveOptions = {}): SolveResult {
  const name = options.solver ?? 'flow';
  const solver = getSolver(name);
  if (!solver) {
    throw new SolverRefusal('unknown-solver', `unknown solver "${name}" (known: ${solverNames().join(', ')})`, {
      solver: name,
      known: solverNames().join(', '),
    });
  }
  const m = edgeCount(problem);
  if (m > solver.maxEdges) {
    throw new SolverRefusal('too-large', `${name} takes at most ${solver.maxEdges} edges, this problem has ${m}`, {
      solver: name,
      limit: solver.maxEdges,
      edges: m,
    });
  }
  const t0 = performance.now();
  const out = solver.run(problem, options);
  const t1 = performance.now();
  const notes = out.notes ? [...out.notes] : [];
  let status = out.status;
  let optimal = false;
  if (status !== 'infeasible') {
    const errs = feasibilityErrors(problem, out.assignment);
    if (errs.length > 0) throw new Error(`solver ${name} returned an infeasible assignment: ${errs.join('; ')}`);
    if (out.certificate && !options.skipCheck) {
      const verdict = checkCertificate(problem, out.assignment, out.certificate);
      optimal = verdict.ok;
      if (!verdict.ok) notes.push(`certificate rejected: ${verdict.reasons.join('; ')}`);
    }
    // A solver may only say `optimal` when the checker agrees.
    if (status === 'optimal' && !optimal) status = 'feasible';
  }
  const t2 = performance.now();
  return {
    status,
    assignment: out.assignment,
    objective: objectiveOf(problem, out.assignment),
    solver: name,
    timings: { solveMs: t1 - t0, checkMs: t2 - t1 },
    certificate: out.certificate,
    bound: out.bound,
    optimal,
    notes: notes.length ? notes : undefined,
  };
}
