import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countBlockingPairs, policyMetrics, quantile, type MetricCands } from '../../benchmarks/metrics.js';
import { createRng } from '../../src/generate/rng.js';

/** CSR candidates from per-mentee lists of [mentor, score]. */
function cands(rows: Array<Array<[number, number]>>, extra: Partial<Record<'km' | 'cost', number[]>> = {}): MetricCands {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
  const m = offsets[rows.length];
  const flat = rows.flat();
  return {
    offsets,
    mentor: Int32Array.from(flat.map((x) => x[0])),
    score: Float64Array.from(flat.map((x) => x[1])),
    km: Float64Array.from(extra.km ?? new Array(m).fill(10)),
    cost: Float64Array.from(extra.cost ?? new Array(m).fill(0)),
    modality: new Uint8Array(m),
    tradeLevel: new Uint8Array(m),
  };
}

/** Brute-force blocking pairs: every (i, j) candidate pair checked against the definition. */
function bruteBlocking(c: MetricCands, cap: number[], a: Int32Array): number {
  const scoreOf = (i: number, j: number): number => {
    for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) if (c.mentor[e] === j) return c.score[e];
    return -Infinity;
  };
  let count = 0;
  for (let i = 0; i < a.length; i++)
    for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) {
      const j = c.mentor[e];
      if (a[i] === j) continue;
      const s = c.score[e];
      const mine = a[i] < 0 ? -Infinity : scoreOf(i, a[i]);
      const theirs: number[] = [];
      for (let k = 0; k < a.length; k++) if (a[k] === j) theirs.push(scoreOf(k, j));
      if ((a[i] < 0 || s > mine) && (theirs.length < cap[j] || theirs.some((t) => s > t))) count++;
    }
  return count;
}

describe('quantile', () => {
  it('takes the nearest rank', () => {
    expect(quantile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('countBlockingPairs', () => {
  it('finds the one blocking pair of a hand-made case', () => {
    // Mentee 0 prefers mentor 1 (score 9) and mentor 1 prefers mentee 0 to its mentee 1 (score 2).
    const c = cands([[[0, 5], [1, 9]], [[1, 2]]]);
    expect(countBlockingPairs(c, [1, 1], Int32Array.from([0, 1]))).toBe(1);
    expect(countBlockingPairs(c, [1, 1], Int32Array.from([1, -1]))).toBe(0);
  });

  it('agrees with brute force on seeded random instances', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const rng = createRng(seed);
        const nMentees = 1 + rng.int(6);
        const nMentors = 1 + rng.int(4);
        const cap = Array.from({ length: nMentors }, () => 1 + rng.int(2));
        const rows = Array.from({ length: nMentees }, () => {
          const r: Array<[number, number]> = [];
          for (let j = 0; j < nMentors; j++) if (rng.chance(0.6)) r.push([j, rng.int(5)]);
          return r;
        });
        const c = cands(rows);
        // A feasible random assignment.
        const load = new Array(nMentors).fill(0);
        const a = Int32Array.from(rows.map((r) => {
          const options = r.filter(([j]) => load[j] < cap[j]);
          if (options.length === 0 || rng.chance(0.3)) return -1;
          const j = rng.pick(options)[0];
          load[j]++;
          return j;
        }));
        return countBlockingPairs(c, cap, a) === bruteBlocking(c, cap, a);
      }),
      { numRuns: 300 },
    );
  });
});

describe('policyMetrics', () => {
  it('computes coverage, budgets and the worst school exactly', () => {
    // Two schools: mentees 0, 1 at school 0 (budget 100 €), mentee 2 at school 1 (budget 0 €).
    const c = cands([[[0, 10]], [[0, 4], [1, 6]], [[1, 8]]], { km: [10, 20, 30, 40], cost: [60, 0, 70, 5] });
    c.tradeLevel.set([0, 2, 1, 3]);
    const m = policyMetrics(c, [1, 1], Int32Array.from([0, 1, -1]), Int32Array.from([0, 0, 1]), Float64Array.from([100, 0]), [1, 1.5, 2]);
    expect(m.covered).toBe(2);
    expect(m.coverage).toBeCloseTo(2 / 3, 12);
    expect(m.priorityCoverage).toBe(0.5);
    expect(m.meanScore).toBe(8);
    expect(m.sameTrade).toBe(0.5);
    expect(m.sameFamille).toBe(0.5);
    expect(m.kmMean).toBe(20);
    expect(m.travelEur).toBe(130);
    expect(m.schoolsOverBudget).toBe(1);
    expect(m.overBudgetEur).toBe(30);
    expect(m.worstSchoolCoverage).toBe(0);
    // Mentee 2 (unmatched) and mentor 1 (taken by mentee 1 at 6 < 8): blocking.
    expect(m.blockingPairs).toBe(1);
  });
});
