import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Problem } from '../../src/encode/problem.js';
import { blockingPairs, menteeProposing, mentorProposing } from '../../src/solve/stable.js';
import { smallRandom } from '../../src/solve/random.js';
import { solve } from '../../src/solve/solve.js';

type Lists = Record<string, string[]>;
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/reference/hr_fixtures.json', import.meta.url), 'utf8'));

/** Residents = mentees, hospitals = mentors; every pair on a resident's list is an edge (weight 0). */
function fromLists(residents: Lists, hospitals: Lists, caps: Record<string, number>) {
  const rNames = Object.keys(residents);
  const hNames = Object.keys(hospitals);
  const hIdx = new Map(hNames.map((h, k) => [h, k]));
  const rIdx = new Map(rNames.map((r, k) => [r, k]));
  const offsets = new Int32Array(rNames.length + 1);
  const em: number[] = [];
  rNames.forEach((r, i) => {
    for (const h of residents[r]) em.push(hIdx.get(h)!);
    offsets[i + 1] = em.length;
  });
  const p: Problem = {
    sense: 'max',
    nMentees: rNames.length,
    nMentors: hNames.length,
    capacity: Int32Array.from(hNames.map((h) => caps[h] ?? 1)),
    offsets,
    edgeMentor: Int32Array.from(em),
    edgeWeight: new Float64Array(em.length),
    preferences: {
      mentees: rNames.map((r) => Int32Array.from(residents[r].map((h) => hIdx.get(h)!))),
      mentors: hNames.map((h) => Int32Array.from(hospitals[h].map((r) => rIdx.get(r)!))),
    },
  };
  return { p, rNames, hNames };
}

describe('stable on the published hospitals/residents fixtures', () => {
  for (const c of fixtures.hr) {
    it(`${c.id}: resident-optimal matching`, () => {
      const { p, rNames, hNames } = fromLists(c.residents, c.hospitals, c.capacities);
      const a = menteeProposing(p);
      const got: Record<string, string[]> = Object.fromEntries(hNames.map((h) => [h, [] as string[]]));
      a.forEach((j, i) => j >= 0 && got[hNames[j]].push(rNames[i]));
      for (const h of hNames) expect(got[h].sort()).toEqual([...(c.expected_resident_optimal[h] ?? [])].sort());
      expect(blockingPairs(p, a)).toBe(0);
    });
  }
  for (const c of fixtures.sm) {
    it(`${c.id}: suitor-optimal (and reviewer-optimal when published)`, () => {
      const { p, rNames, hNames } = fromLists(c.suitors, c.reviewers, {});
      const toMap = (a: Int32Array) => Object.fromEntries(Array.from(a, (j, i) => [rNames[i], hNames[j]]));
      expect(toMap(menteeProposing(p))).toEqual(c.expected_suitor_optimal);
      if (c.expected_reviewer_optimal) expect(toMap(mentorProposing(p))).toEqual(c.expected_reviewer_optimal);
    });
  }
});

describe('stable invariants', () => {
  it('both proposing sides give zero blocking pairs on seeded random problems', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const p = smallRandom(seed, { nMentees: 1 + (seed % 9), nMentors: 1 + (seed % 5), maxCapacity: 3, integerWeights: seed % 2 === 0, maxWeight: 3 });
      expect(blockingPairs(p, menteeProposing(p))).toBe(0);
      expect(blockingPairs(p, mentorProposing(p))).toBe(0);
    }
  });
  it('counts blocking pairs of any assignment (hand-checked)', () => {
    // Mentee 0 prefers mentor 0 (9 > 1), mentor 0 prefers mentee 0 (9 > 2) but holds mentee 1.
    const p: Problem = {
      sense: 'max', nMentees: 2, nMentors: 2, capacity: Int32Array.from([1, 1]), offsets: Int32Array.from([0, 2, 3]),
      edgeMentor: Int32Array.from([0, 1, 0]), edgeWeight: Float64Array.from([9, 1, 2]),
    };
    expect(blockingPairs(p, Int32Array.from([1, 0]))).toBe(1);
    expect(blockingPairs(p, Int32Array.from([0, -1]))).toBe(0);
    expect(blockingPairs(p, Int32Array.from([-1, -1]))).toBe(3); // every acceptable pair
  });
  it('the solver reports its blocking pairs and honours proposing: mentor', () => {
    const p = smallRandom(7, { nMentees: 6, nMentors: 3, maxCapacity: 2 });
    const r = solve(p, { solver: 'stable', proposing: 'mentor' });
    expect(Array.from(r.assignment)).toEqual(Array.from(mentorProposing(p)));
    expect(r.notes).toEqual(['blocking pairs: 0']);
  });
});
