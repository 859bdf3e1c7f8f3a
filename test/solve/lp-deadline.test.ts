/**
 * lp's hard deadline: javascript-lp-solver runs in a worker thread (src/solve/lp-thread.ts) that is
 * abandoned at the time limit, because a simplex cannot be interrupted and, on some degenerate
 * models below the cell limit, the library pivots without end. The branch and bound runs in that
 * thread too: it stops itself between nodes, and at the hard deadline its last incumbent survives.
 */
import { describe, expect, it } from 'vitest';
import { problemFromJson } from '../../src/solve/interchange.js';
import { LP_MAX_CELLS_MIP, solveLp, tableauCells } from '../../src/solve/lp.js';
import { integerPoint } from '../../src/solve/lp-check.js';
import { buildLpModel, objectiveCoef } from '../../src/solve/lp-model.js';
import { branchInWorker } from '../../src/solve/lp-thread.js';
import { feasibilityErrors } from '../../src/solve/objective.js';
import { solve } from '../../src/solve/solve.js';
import { hangingJson } from './lp-helpers.js';

function parse(json: object) {
  const r = problemFromJson(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.problem;
}

/** A small loads problem the library solves at once (the GAP-like example of the CLI test, smaller). */
function small() {
  const edges: number[][] = [];
  for (let i = 0; i < 12; i++) for (let c = 0; c < 3; c++) edges.push([i, (i * 5 + c * 3) % 7, 10 + ((i * 13 + c * 7) % 50), 1 + c]);
  return parse({ sense: 'max', mentees: 12, mentors: 7, capacity: Array(7).fill(4), edges });
}

describe('lp: the time limit is a hard deadline', () => {
  it('a MIP on which the library cycles returns `timeout` at the limit (2 s) with its best incumbent', () => {
    // The library's own branch and bound pivoted for minutes in one node here; ours solves node LPs
    // of its own (fixings substituted) and stops itself at the soft limit, between nodes.
    const p = parse(hangingJson());
    expect(tableauCells(buildLpModel(p))).toBeLessThan(LP_MAX_CELLS_MIP);
    const t0 = Date.now();
    const r = solveLp(p, { timeLimitMs: 2000 });
    const ms = Date.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(1500);
    expect(ms).toBeLessThan(10_000);
    expect(r.status).toBe('timeout');
    expect(r.searchComplete).toBe(false);
    expect(r.notes?.join(' ')).toMatch(/time limit|within 2000 ms/);
    expect(feasibilityErrors(p, r.assignment)).toEqual([]);
    expect(r.combinedBound).toBeGreaterThanOrEqual(r.combined);
  });

  it('at the hard deadline the search thread is stopped and its last incumbent handed back', () => {
    const p = parse(hangingJson());
    const m = buildLpModel(p);
    const costs = Float64Array.from({ length: m.nVars }, (_, v) => objectiveCoef(m, v));
    const t0 = Date.now();
    // A soft limit far away: only the hard deadline can stop this search.
    const out = branchInWorker({ model: m, costs, integral: true, softDeadline: t0 + 600_000 }, t0 + 1500);
    const ms = Date.now() - t0;
    expect(out.kind).toBe('deadline');
    expect(ms).toBeGreaterThanOrEqual(1500);
    expect(ms).toBeLessThan(5000);
    const x = out.kind === 'deadline' ? out.partial?.x : undefined;
    expect(x).toBeInstanceOf(Float64Array);
    expect(integerPoint(m, x as Float64Array)).not.toBeNull();
    // The abandoned worker is replaced: the next solve works.
    expect(solveLp(small()).status).not.toBe('timeout');
  });

  it('below the deadline the result is deterministic and the same through the registry', () => {
    const a = solveLp(small());
    const b = solveLp(small());
    expect(a.status).toBe(b.status);
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(a.combined).toBe(b.combined);
    expect(a.combinedBound).toBe(b.combinedBound);
    const s = solve(small(), { solver: 'lp' });
    expect(Array.from(s.assignment)).toEqual(Array.from(a.assignment));
  });
});
