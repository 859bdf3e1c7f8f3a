import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../../src/encode/problem.js';
import { minCostFlow } from '../../src/solve/flow.js';
import { checkCertificate } from '../../src/solve/certificate.js';
import { greedyAssignment } from '../../src/solve/greedy.js';
import { solve } from '../../src/solve/solve.js';
import { mulberry32, nationalLike, smallRandom } from '../../src/solve/random.js';
import { objectiveOf } from '../../src/solve/objective.js';
import { SolverRefusal } from '../../src/solve/types.js';

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

/** OR-Library assignment file: n, then n×n costs (row = agent = mentee, column = job = mentor). */
function readAssign(path: string): Problem {
  const nums = readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
  const n = nums[0];
  const offsets = new Int32Array(n + 1);
  const edgeMentor = new Int32Array(n * n);
  const edgeWeight = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    offsets[i + 1] = (i + 1) * n;
    for (let j = 0; j < n; j++) {
      edgeMentor[i * n + j] = j;
      edgeWeight[i * n + j] = nums[1 + i * n + j];
    }
  }
  return { sense: 'min', nMentees: n, nMentors: n, capacity: new Int32Array(n).fill(1), offsets, edgeMentor, edgeWeight };
}

describe('flow on OR-Library assign100–400 (sense min, full assignment)', () => {
  const optima = JSON.parse(readFileSync(here('../fixtures/reference/assign/optima.json'), 'utf8')).assign;
  for (const name of ['assign100', 'assign200', 'assign300', 'assign400']) {
    const local = here(`../fixtures/reference/assign/${name}.txt`);
    const shared = here(`../../../shared/data/reference/assign/${name}.txt`);
    const path = existsSync(local) ? local : shared;
    it.skipIf(!existsSync(path))(`${name} reaches the published optimum ${optima[name]}`, () => {
      const p = readAssign(path);
      const r = solve(p, { solver: 'flow' });
      expect(r.status).toBe('optimal');
      expect(r.optimal).toBe(true);
      expect(r.objective.covered).toBe(p.nMentees);
      expect(r.objective.weight).toBe(optima[name]);
    });
  }
});

describe('the certificate checker is independent', () => {
  it('accepts flow on a national-like problem and rejects tampered duals', () => {
    const p = nationalLike({ nMentees: 2000, nMentors: 1500, k: 10, seed: 3, slotPenalty: [0, 10, 20] });
    const s = minCostFlow(p);
    expect(checkCertificate(p, s.assignment, s.certificate).ok).toBe(true);
    // Lowering one mentor's dual breaks dual feasibility or the zero gap.
    const bad = { ...s.certificate, mentorS: s.certificate.mentorS.slice() };
    let j = 0;
    while (j < p.nMentors && bad.mentorP[j] === 0 && bad.mentorS[j] === 0) j++;
    bad.mentorS[j] -= 1;
    expect(checkCertificate(p, s.assignment, bad).ok).toBe(false);
  });

  it('rejects a suboptimal assignment with the optimum duals (greedy)', () => {
    let rejected = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const p = smallRandom(seed, { nMentees: 8, nMentors: 5, maxCapacity: 2 });
      const s = minCostFlow(p);
      const g = greedyAssignment(p);
      const og = objectiveOf(p, g);
      const of = objectiveOf(p, s.assignment);
      const same = og.covered === of.covered && Math.abs(og.net - of.net) < 1e-9;
      expect(checkCertificate(p, g, s.certificate).ok).toBe(same);
      if (!same) rejected++;
    }
    expect(rejected).toBeGreaterThan(5);
  });
});

describe('flow edge cases', () => {
  it('imposed pairs over a capacity make the problem infeasible', () => {
    const p: Problem = {
      sense: 'max', nMentees: 2, nMentors: 1, capacity: Int32Array.from([1]), offsets: Int32Array.from([0, 1, 2]),
      edgeMentor: Int32Array.from([0, 0]), edgeWeight: Float64Array.from([1, 1]), edgeImposed: Uint8Array.from([1, 1]),
    };
    expect(solve(p, { solver: 'flow' }).status).toBe('infeasible');
  });
  it('refuses decreasing slot penalties and binding side constraints', () => {
    const base = smallRandom(1, { nMentees: 4, nMentors: 2, density: 1, maxCapacity: 2 });
    expect(() => solve({ ...base, slotPenalty: Float64Array.from([5, 1]) }, { solver: 'flow' })).toThrow(SolverRefusal);
    const side = { mentorEmployer: Int32Array.from([0, 0]), employerMax: Int32Array.from([0]) };
    const covered = solve(base, { solver: 'flow' }).objective.covered;
    if (covered > 0) expect(() => solve({ ...base, side }, { solver: 'flow' })).toThrow(SolverRefusal);
    // Slack side constraints are honoured by the relaxation's optimum: still optimal.
    const slack = { mentorEmployer: Int32Array.from([0, 0]), employerMax: Int32Array.from([100]) };
    expect(solve({ ...base, side: slack }, { solver: 'flow' }).status).toBe('optimal');
  });
  it('is deterministic', () => {
    const p = nationalLike({ nMentees: 1500, nMentors: 1200, k: 10, seed: 9 });
    expect(Array.from(minCostFlow(p).assignment)).toEqual(Array.from(minCostFlow(p).assignment));
  });
});

describe('flow from a given start (lagrangien: the previous subproblem’s optimum and duals)', () => {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

  it('a start pricing a mentor below zero that no search reaches: still a valid certificate', () => {
    // Mentor 1 is wanted only by mentee 0, imposed on it: no search ever reaches mentor 1, so its
    // start price is its final dual. A capacity's dual is never negative (found by the property
    // below, seed 594929): the start's −1 must be raised, not kept.
    const p = smallRandom(1, { nMentees: 2, nMentors: 2, density: 1 });
    const q = { ...p, offsets: Int32Array.from([0, 1, 2]), edgeMentor: Int32Array.from([1, 0]), edgeWeight: Float64Array.from([3, 5]), capacity: Int32Array.from([1, 2]), edgeImposed: Uint8Array.from([1, 0]), priority: undefined, slotPenalty: undefined };
    const start = { assignment: Int32Array.from([1, 0]), mentorP: Float64Array.from([0, -1]), mentorS: Float64Array.from([0, 0]) };
    const warm = minCostFlow(q, Infinity, { start, startMaxFree: 1 });
    expect(Array.from(warm.assignment)).toEqual([1, 0]);
    expect(checkCertificate(q, warm.assignment, warm.certificate).ok).toBe(true);
    expect(warm.certificate.mentorP[1]).toBeGreaterThanOrEqual(0);
  });

  it('from a nearby problem’s optimum, or from any start at all: the same optimum, certified', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), fc.boolean(), (seed, garbage, imposed) => {
        const p = smallRandom(seed, { nMentees: 14, nMentors: 7, density: 0.4, maxCapacity: 3, withPriority: true, withSlotPenalty: true });
        if (imposed && p.offsets[1] > p.offsets[0]) p.edgeImposed = Uint8Array.from(p.edgeMentor, (_, e) => (e === p.offsets[0] ? 1 : 0));
        const cold = minCostFlow(p);
        let start;
        if (garbage) {
          // Any assignment and any prices: off-row, overfull, priced anyhow.
          const rnd = mulberry32(seed);
          start = {
            assignment: Int32Array.from({ length: p.nMentees }, () => Math.floor(rnd() * (p.nMentors + 1)) - 1),
            mentorP: Float64Array.from({ length: p.nMentors }, () => Math.floor(rnd() * 3) - 1),
            mentorS: Float64Array.from({ length: p.nMentors }, () => rnd() * 200 - 50),
          };
        } else {
          // The optimum of the same problem with weights moved a little (a multiplier step).
          const near = { ...p, edgeWeight: p.edgeWeight.map((w, e) => w + ((e * 7 + seed) % 5) - 2) };
          const s = minCostFlow(near);
          start = { assignment: s.assignment, mentorP: s.certificate.mentorP, mentorS: s.certificate.mentorS };
        }
        const warm = minCostFlow(p, Infinity, { start, startMaxFree: 1 });
        expect(warm.feasible).toBe(cold.feasible);
        if (!cold.feasible) return;
        expect(checkCertificate(p, warm.assignment, warm.certificate).ok).toBe(true);
        const a = objectiveOf(p, warm.assignment);
        const b = objectiveOf(p, cold.assignment);
        expect(a.covered).toBe(b.covered);
        expect(close(a.priorityCovered, b.priorityCovered)).toBe(true);
        expect(close(a.net, b.net)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a start that leaves more than startMaxFree of the mentees free gives way to the auction', () => {
    const p = nationalLike({ nMentees: 2000, nMentors: 1400, k: 10, seed: 3 });
    const none = { assignment: new Int32Array(p.nMentees).fill(-1), mentorP: new Float64Array(p.nMentors), mentorS: new Float64Array(p.nMentors) };
    const viaAuction = minCostFlow(p, Infinity, { start: none });
    expect(viaAuction.stats.bids).toBeGreaterThan(0);
    const forced = minCostFlow(p, Infinity, { start: none, startMaxFree: 1 });
    expect(forced.stats.bids).toBe(0);
    expect(objectiveOf(p, forced.assignment).net).toBeCloseTo(objectiveOf(p, viaAuction.assignment).net, 6);
  });
});
