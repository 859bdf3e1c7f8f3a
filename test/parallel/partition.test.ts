import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { edgeCount } from '../../src/encode/problem.js';
import { partitionProblem } from '../../src/parallel/partition.js';
import { subProblem } from '../../src/parallel/sub-problem.js';
import { blockUnion, fromEdges } from './helpers.js';

// Mentees 0..4, mentors 0..3. Mentee 3 has no candidate. Mentor 1 is wanted by mentees 0, 1 (region 0) and 2 (region 1).
const tiny = () =>
  fromEdges(5, 4, [
    [0, 0, 5],
    [0, 1, 3],
    [1, 1, 4],
    [2, 1, 9],
    [2, 2, 1],
    [4, 3, 2],
  ]);

describe('partitionProblem: components', () => {
  it('finds the components, in order of their first mentee, one batch each when batches are tiny', () => {
    const p = fromEdges(5, 4, [
      [0, 0, 5],
      [0, 1, 3],
      [1, 1, 4],
      [2, 2, 1],
      [4, 3, 2],
    ]);
    const part = partitionProblem(p, null, 'components', { batchEdges: 1 });
    expect(part.nParts).toBe(3);
    expect(Array.from(part.menteePart)).toEqual([0, 0, 1, -1, 2]);
    expect(Array.from(part.mentorPart)).toEqual([0, 0, 1, 2]);
    expect(Array.from(part.partEdges)).toEqual([3, 1, 1]);
    expect(part.droppedEdges).toBe(0);
    expect(part.borderMentors.length).toBe(0);
  });

  it('packs consecutive components until a batch reaches batchEdges (edges + mentees)', () => {
    const p = fromEdges(5, 4, [
      [0, 0, 5],
      [0, 1, 3],
      [1, 1, 4],
      [2, 2, 1],
      [4, 3, 2],
    ]);
    // Component sizes 5, 2, 2: the first closes a batch, the next two share one.
    const part = partitionProblem(p, null, 'components', { batchEdges: 3 });
    expect(part.nParts).toBe(2);
    expect(Array.from(part.menteePart)).toEqual([0, 0, 1, -1, 1]);
    expect(Array.from(part.partMentees)).toEqual([0, 1, 2, 4]);
    expect(Array.from(part.partMenteeStart)).toEqual([0, 2, 4]);
    expect(Array.from(part.partMentors)).toEqual([0, 1, 2, 3]);
  });

  it('keeps a school with a budget in one part even when its mentees share no mentor', () => {
    const p = fromEdges(2, 2, [
      [0, 0, 1],
      [1, 1, 1],
    ]);
    p.side = { menteeGroup: Int32Array.from([0, 0]), groupBudget: Float64Array.from([100]), edgeCost: new Float64Array(2) };
    expect(partitionProblem(p, null, 'components', { batchEdges: 1 }).nParts).toBe(1);
    p.side.groupBudget = Float64Array.from([Infinity]);
    expect(partitionProblem(p, null, 'components', { batchEdges: 1 }).nParts).toBe(2);
  });

  it('handles empty problems', () => {
    const p = fromEdges(3, 2, []);
    for (const mode of ['components', 'single'] as const) {
      const part = partitionProblem(p, null, mode);
      expect(part.nParts).toBe(0);
      expect(Array.from(part.menteePart)).toEqual([-1, -1, -1]);
    }
  });
});

describe('partitionProblem: regions and border mentors', () => {
  it('gives a border mentor to the part holding most of its edges, and drops its other edges', () => {
    const part = partitionProblem(tiny(), Int32Array.from([0, 0, 1, 1, 1]), 'regions');
    expect(part.nParts).toBe(2);
    expect(Array.from(part.mentorPart)).toEqual([0, 0, 1, 1]);
    expect(Array.from(part.borderMentors)).toEqual([1]);
    expect(part.droppedEdges).toBe(1);
    expect(Array.from(part.partEdges)).toEqual([3, 2]);
    const sub = subProblem(tiny(), part, 1);
    expect(sub.nMentees).toBe(2);
    expect(sub.nMentors).toBe(2);
    expect(Array.from(sub.offsets)).toEqual([0, 1, 2]);
    expect(Array.from(sub.edgeMentor)).toEqual([0, 1]);
    expect(Array.from(sub.edgeWeight)).toEqual([1, 2]);
  });

  it('breaks a tie in edge counts by the best edge, and an imposed pair pins the mentor', () => {
    const p = fromEdges(3, 2, [
      [0, 0, 3],
      [1, 0, 9],
      [2, 1, 1],
    ]);
    const region = Int32Array.from([0, 1, 1]);
    expect(partitionProblem(p, region, 'regions').mentorPart[0]).toBe(1);
    p.edgeImposed = Uint8Array.from([1, 0, 0]);
    expect(partitionProblem(p, region, 'regions').mentorPart[0]).toBe(0);
  });

  it('renumbers sparse region labels densely and keeps the labels', () => {
    const part = partitionProblem(tiny(), Int32Array.from([7, 7, 3, 3, 3]), 'regions');
    expect(Array.from(part.partLabel)).toEqual([3, 7]);
    expect(Array.from(part.menteePart)).toEqual([1, 1, 0, -1, 0]);
  });

  it('rejects a missing or negative region', () => {
    expect(() => partitionProblem(tiny(), null, 'regions')).toThrow(RangeError);
    expect(() => partitionProblem(tiny(), Int32Array.from([0, 0, -1, 0, 0]), 'regions')).toThrow(RangeError);
  });
});

describe('partition invariants (seeded random unions of blocks)', () => {
  it('every kept edge is in exactly one sub-problem, with its weight, and maps back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('components', 'regions', 'single'), (seed, blocks, mode) => {
        const { problem, block } = blockUnion(seed, blocks, { nMentees: 5, nMentors: 4, density: 0.3 });
        // Regions unrelated to the blocks, so that mentors do cross borders.
        const region = Int32Array.from(block, (_, i) => (i * 7 + seed) % 3);
        const part = partitionProblem(problem, region, mode, { batchEdges: 4 });
        const seen = new Set<string>();
        for (let k = 0; k < part.nParts; k++) {
          const sub = subProblem(problem, part, k);
          const mentees = part.partMentees.subarray(part.partMenteeStart[k], part.partMenteeStart[k + 1]);
          const mentors = part.partMentors.subarray(part.partMentorStart[k], part.partMentorStart[k + 1]);
          expect(edgeCount(sub)).toBe(part.partEdges[k]);
          for (let a = 0; a < sub.nMentees; a++) {
            for (let e = sub.offsets[a]; e < sub.offsets[a + 1]; e++) seen.add(`${mentees[a]}-${mentors[sub.edgeMentor[e]]}-${sub.edgeWeight[e]}`);
          }
          for (let b = 0; b < mentors.length; b++) expect(sub.capacity[b]).toBe(problem.capacity[mentors[b]]);
        }
        expect(seen.size + part.droppedEdges).toBe(edgeCount(problem));
        for (let i = 0; i < problem.nMentees; i++) {
          for (let e = problem.offsets[i]; e < problem.offsets[i + 1]; e++) {
            const kept = seen.has(`${i}-${problem.edgeMentor[e]}-${problem.edgeWeight[e]}`);
            expect(kept).toBe(part.mentorPart[problem.edgeMentor[e]] === part.menteePart[i]);
          }
        }
        if (mode !== 'regions') expect(part.droppedEdges).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('border mentor ownership: the one-pass table and the transpose agree', () => {
  it('on seeded random problems with ties, imposed pairs and both senses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('max', 'min') as fc.Arbitrary<'max' | 'min'>, (seed, sense) => {
        const { problem, block } = blockUnion(seed, 3, { nMentees: 6, nMentors: 4, density: 0.5, sense });
        // Few distinct weights (ties on count and best edge), a few imposed edges.
        problem.edgeWeight = problem.edgeWeight.map((w) => Math.round(w) % 3);
        problem.edgeImposed = Uint8Array.from(problem.edgeMentor, (_, e) => ((e * 13 + seed) % 17 === 0 ? 1 : 0));
        const region = Int32Array.from(block, (_, i) => (i * 5 + seed) % 4);
        const table = partitionProblem(problem, region, 'regions');
        const transpose = partitionProblem(problem, region, 'regions', { ownerTableCells: 0 });
        expect(Array.from(table.mentorPart)).toEqual(Array.from(transpose.mentorPart));
        expect(Array.from(table.borderMentors)).toEqual(Array.from(transpose.borderMentors));
        expect(table.droppedEdges).toBe(transpose.droppedEdges);
      }),
      { numRuns: 200 },
    );
  });
});

describe('subProblem: side rows of a group wholly in one part', () => {
  it('keep their full budget and cap when some members are in no part (no candidate, unreachable)', () => {
    // Mentees 0, 1 and 2 of school 0 (mentee 2 has no candidate); mentors 0, 1, 2 of employer 0
    // (mentor 2 has no edge); budget 300 €, cap 2.
    const base = fromEdges(3, 3, [
      [0, 0, 5],
      [1, 1, 4],
    ]);
    const problem = {
      ...base,
      side: {
        menteeGroup: Int32Array.from([0, 0, 0]),
        edgeCost: Float64Array.from([100, 100]),
        groupBudget: Float64Array.from([300]),
        mentorEmployer: Int32Array.from([0, 0, 0]),
        employerMax: Int32Array.from([2]),
      },
    };
    const partition = partitionProblem(problem, null, 'components');
    expect(partition.nParts).toBe(1);
    const sub = subProblem(problem, partition, 0);
    expect(Array.from(sub.side!.groupBudget!)).toEqual([300]);
    expect(Array.from(sub.side!.employerMax!)).toEqual([2]);
  });
});
