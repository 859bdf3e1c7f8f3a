import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/encode/problem.js';
import { minCostFlow } from '../../src/solve/flow.js';
import { auctionWarmStart, mentorEdges, warmStateHolds, type WarmTarget } from '../../src/solve/auction.js';
import { checkCertificate } from '../../src/solve/certificate.js';
import { objectiveOf } from '../../src/solve/objective.js';
import { primaryOf } from '../../src/solve/lexicographic.js';
import { nationalLike, smallRandom } from '../../src/solve/random.js';

/** The warm-started solver against the cold exact path (plain successive shortest paths). */
function sameOptimum(p: Problem, options = {}): void {
  const warm = minCostFlow(p, Infinity, options);
  const cold = minCostFlow(p, Infinity, { warmStart: false });
  expect(warm.stats.warm).toBe(true);
  const verdict = checkCertificate(p, warm.assignment, warm.certificate);
  expect(verdict.reasons).toEqual([]);
  const ow = objectiveOf(p, warm.assignment);
  const oc = objectiveOf(p, cold.assignment);
  expect(ow.priorityCovered).toBe(oc.priorityCovered);
  expect(Math.abs(ow.net - oc.net)).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(oc.net)));
}

describe('ε-scaling auction warm start + exact phase vs the cold exact path', () => {
  it('small problems with priorities, slot penalties and imposed pairs', () => {
    for (let seed = 1; seed <= 150; seed++) {
      sameOptimum(smallRandom(seed, { nMentees: 12, nMentors: 6, maxCapacity: 2, withPriority: true, withSlotPenalty: true, imposedRate: 0.2 }));
      sameOptimum(smallRandom(seed, { nMentees: 30, nMentors: 10, maxCapacity: 3, integerWeights: true, maxWeight: 3, withPriority: true }));
      sameOptimum(smallRandom(seed, { nMentees: 20, nMentors: 20, maxCapacity: 1, sense: 'min', density: 0.3 }));
    }
  });
  it('national-like problems, tight (fewer slots than mentees) and loose, with penalties', () => {
    for (let seed = 1; seed <= 40; seed++) {
      sameOptimum(nationalLike({ nMentees: 300, nMentors: 200, k: 8, seed, slotPenalty: seed % 2 ? [0, 5, 12] : undefined }));
      sameOptimum(nationalLike({ nMentees: 300, nMentors: 300, k: 8, seed, priorityShare: 0.3 }));
      sameOptimum(nationalLike({ nMentees: 400, nMentors: 150, k: 12, seed, priorityShare: 0.5, slotPenalty: [0, 20] }));
    }
  });
  it('the ε-scaling path alone (no zero-increment first try), loose and tight', () => {
    for (let seed = 1; seed <= 20; seed++) {
      sameOptimum(nationalLike({ nMentees: 300, nMentors: 300, k: 8, seed, priorityShare: 0.3 }), { zeroBidsPerMentee: 0 });
      sameOptimum(nationalLike({ nMentees: 300, nMentors: 200, k: 8, seed, slotPenalty: [0, 5, 12] }), { zeroBidsPerMentee: 0 });
    }
  });
  it('the zero-increment first try is kept when slots are plentiful, and ends exact', () => {
    let kept = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const p = nationalLike({ nMentees: 600, nMentors: 600, k: 10, seed, slotPenalty: seed % 2 ? [0, 5] : undefined });
      sameOptimum(p);
      sameOptimum(p, { zeroBidsPerMentee: 0.3 }); // budget runs out: the ε-scaling auction takes over
      if (minCostFlow(p).stats.deficits === 0) kept++;
    }
    expect(kept).toBeGreaterThan(10);
  });
  it('imposed pairs on national-like problems', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = nationalLike({ nMentees: 300, nMentors: 200, k: 8, seed, slotPenalty: [0, 3, 9] });
      const used = new Int32Array(p.nMentors);
      const imposed = new Uint8Array(p.edgeMentor.length);
      for (let i = 0; i < p.nMentees; i += 7) {
        const e = p.offsets[i];
        const j = p.edgeMentor[e];
        if (e < p.offsets[i + 1] && used[j] < p.capacity[j]) {
          imposed[e] = 1;
          used[j]++;
        }
      }
      sameOptimum({ ...p, edgeImposed: imposed });
    }
  });
  it('a coarse final ε leaves more to the exact phase (forward and reverse searches), same optimum', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = nationalLike({ nMentees: 400, nMentors: 270, k: 10, seed, slotPenalty: [0, 4] });
      sameOptimum(p, { epsilon: 0.05 });
      sameOptimum(p, { epsilon: 1e-7 });
    }
    const s = minCostFlow(nationalLike({ nMentees: 400, nMentors: 400, k: 10, seed: 5 }), Infinity, { epsilon: 0.05, zeroBidsPerMentee: 0 });
    expect(s.stats.reverse).toBeGreaterThan(0);
  });
  it('a bid budget that stops the auction early still ends exact', () => {
    const p = nationalLike({ nMentees: 500, nMentors: 330, k: 10, seed: 11 });
    const s = minCostFlow(p, Infinity, { bidsPerMentee: 0.5 });
    expect(s.stats.free).toBeGreaterThan(0);
    sameOptimum(p, { bidsPerMentee: 0.5 });
  });
  it('the converted state satisfies the invariant the exact phase needs', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = nationalLike({ nMentees: 300, nMentors: 200, k: 8, seed, slotPenalty: [0, 5, 12] });
      const n = p.nMentees;
      const m = p.nMentors;
      const prio = new Float64Array(n);
      for (let i = 0; i < n; i++) prio[i] = primaryOf(p, i);
      const t: WarmTarget = {
        assignment: new Int32Array(n).fill(-1),
        assignEdge: new Int32Array(n).fill(-1),
        load: new Int32Array(m),
        sat: new Int32Array(m),
        cap: Int32Array.from(p.capacity),
        fixed: new Uint8Array(n),
        prio,
        processed: new Uint8Array(n),
        pP: new Float64Array(n + m + 1),
        pS: new Float64Array(n + m + 1),
        mentorEdges: mentorEdges(p),
      };
      const a = auctionWarmStart(p, t);
      expect(warmStateHolds(p, t, new Int32Array(m), 1e-9)).toBe(true);
      for (let j = 0; j < m; j++) {
        expect(t.sat[j]).toBeGreaterThanOrEqual(t.load[j]);
        expect(t.sat[j]).toBeLessThanOrEqual(t.cap[j]);
      }
      expect(a.free).toBeLessThan(n);
    }
  });
  it('is deterministic', () => {
    const p = nationalLike({ nMentees: 2000, nMentors: 1300, k: 12, seed: 4 });
    expect(Array.from(minCostFlow(p).assignment)).toEqual(Array.from(minCostFlow(p).assignment));
    const q = nationalLike({ nMentees: 2000, nMentors: 2000, k: 12, seed: 4 }); // zero-increment path
    expect(minCostFlow(q).stats.deficits).toBe(0);
    expect(Array.from(minCostFlow(q).assignment)).toEqual(Array.from(minCostFlow(q).assignment));
  });
});
