import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/encode/problem.js';
import { LP_MAX_CELLS, LP_MAX_CELLS_MIP, interpretResult, solveLp, tableauCells } from '../../src/solve/lp.js';
import { buildLpModel } from '../../src/solve/lp-model.js';
import { feasibilityErrors } from '../../src/solve/objective.js';
import { sideViolations } from '../../src/solve/side-check.js';
import { solve } from '../../src/solve/solve.js';
import { prng, refusal } from './lp-helpers.js';

/**
 * A national-like problem (as in benchmarks/lp.bench.ts): n mentees, n/1.5 mentors of capacity 1–3,
 * k candidates each, scores 0–100, slot penalties, schools of 30 mentees; with `budget`, every school
 * may spend that many € of travel (0–400 € per pair), which makes the model a MIP.
 */
function national(n: number, k: number, seed: number, budget?: number): Problem {
  const r = prng(seed);
  const nMentors = Math.ceil(n / 1.5);
  const offsets = new Int32Array(n + 1);
  const em: number[] = [];
  const ew: number[] = [];
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(k, nMentors)) seen.add(Math.floor(r() * nMentors));
    for (const j of [...seen].sort((a, b) => a - b)) {
      em.push(j);
      ew.push(Math.round(r() * 100));
      cost.push(Math.round(r() * 400));
    }
    offsets[i + 1] = em.length;
  }
  const nG = Math.ceil(n / 30);
  return {
    sense: 'max', nMentees: n, nMentors, offsets,
    capacity: Int32Array.from({ length: nMentors }, () => 1 + Math.floor(r() * 3)),
    edgeMentor: Int32Array.from(em), edgeWeight: Float64Array.from(ew), slotPenalty: Float64Array.from([0, 10, 20]),
    side: budget === undefined ? undefined : {
      menteeGroup: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 30)),
      edgeCost: Float64Array.from(cost),
      groupBudget: new Float64Array(nG).fill(budget),
    },
  };
}

describe('lp size limits: a clear too-large refusal, before any solve', () => {
  it('refuses a MIP (school budgets) above LP_MAX_CELLS_MIP at once', () => {
    const p = national(200, 10, 3, 2000);
    const cells = tableauCells(buildLpModel(p));
    expect(cells).toBeGreaterThan(LP_MAX_CELLS_MIP);
    expect(cells).toBeLessThan(LP_MAX_CELLS);
    const t0 = performance.now();
    const e = refusal(() => solveLp(p));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.code).toBe('too-large');
    expect(e.detail).toMatchObject({ solver: 'lp', cells, cellLimit: LP_MAX_CELLS_MIP, mip: 1 });
    expect(e.message).toMatch(/integer program .* cells .* use flow, or lagrangien/);
    // The same refusal through the registry (the CLI turns it into French).
    expect(refusal(() => solve(p, { solver: 'lp' })).code).toBe('too-large');
  });

  it('refuses a pure LP above LP_MAX_CELLS at once (1,000 mentees × 5 candidates: 17 M cells)', () => {
    const p = national(1000, 5, 4);
    const t0 = performance.now();
    const e = refusal(() => solve(p, { solver: 'lp' }));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(e.code).toBe('too-large');
    expect(e.detail).toMatchObject({ cellLimit: LP_MAX_CELLS, mip: 0 });
    expect(Number(e.detail.cells)).toBeGreaterThan(LP_MAX_CELLS);
  });
});

describe('lp never reports a point the library got wrong', () => {
  it('a MIP stopped at its time limit before any integer point is a timeout, not a crash', () => {
    // javascript-lp-solver then still says `feasible` and returns the fractional LP point of the last
    // node it solved (the benchmark's crash: rounding it broke a budget by 153 €).
    const p = national(60, 10, 5, 1500);
    const r = solveLp(p, { timeLimitMs: 1 });
    expect(r.status).toBe('timeout');
    expect(r.searchComplete).toBe(false);
    expect(feasibilityErrors(p, r.assignment)).toEqual([]);
    expect(sideViolations(p, r.assignment)).toEqual([]);
    const s = solve(p, { solver: 'lp', timeLimitMs: 1 });
    expect(s.status).toBe('timeout');
    expect(s.optimal).toBe(false);
  });

  it('keeps the imposed pairs when a timeout leaves no integer point', () => {
    const p = national(60, 10, 6, 1500);
    const imposed = new Uint8Array(p.edgeMentor.length);
    imposed[p.offsets[7]] = 1;
    const r = solveLp({ ...p, edgeImposed: imposed }, { timeLimitMs: 1 });
    expect(r.status).toBe('timeout');
    expect(r.assignment[7]).toBe(p.edgeMentor[p.offsets[7]]);
  });

  it('interpretResult: only an `isIntegral` answer is a MIP incumbent; fractional or violating points are rejected', () => {
    // Two mentees, mentor 0 takes two (the second costs 5), a school budget of 120 € for both.
    const p: Problem = {
      sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([2, 1]),
      offsets: Int32Array.from([0, 2, 4]), edgeMentor: Int32Array.from([0, 1, 0, 1]),
      edgeWeight: Float64Array.from([10, 8, 10, 3]), slotPenalty: Float64Array.from([0, 5]),
      side: { menteeGroup: Int32Array.from([0, 0]), edgeCost: Float64Array.from([80, 30, 80, 30]), groupBudget: Float64Array.from([120]) },
    };
    const m = buildLpModel(p);
    expect(m.integer).toBe(true);
    // The library's answer at a time limit: feasible, fractional, no isIntegral flag.
    expect(interpretResult(m, { feasible: true, result: 0, x_0: 0.5, x_3: 1 }).kind).toBe('no-integer-point');
    // Flagged integral but over the budget (80 + 80 > 120): named row, amount.
    expect(interpretResult(m, { feasible: true, result: 0, isIntegral: true, x_0: 1, x_2: 1 })).toMatchObject({ kind: 'bad-point', row: 'budget_0', violation: 40 });
    // A good incumbent; slot variables are recomputed from the edges (the library omitted them).
    const ok = interpretResult(m, { feasible: true, result: 0, isIntegral: true, x_0: 1 + 1e-9, x_3: 1 - 1e-9 });
    expect(ok.kind).toBe('point');
    if (ok.kind === 'point') expect(Array.from(ok.x.subarray(0, 4))).toEqual([1, 0, 0, 1]);
    // The pure assignment LP has integral vertices: a fractional answer is a library failure.
    const lp = buildLpModel({ ...p, side: undefined });
    expect(interpretResult(lp, { feasible: true, result: 0, x_0: 0.5, x_1: 0.5 })).toMatchObject({ kind: 'bad-point', fractional: true });
  });
});
