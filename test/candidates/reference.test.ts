import { describe, expect, it } from 'vitest';
import { buildCandidates } from '../../src/candidates/build.js';
import { buildCandidatesReference } from '../../src/candidates/reference.js';
import type { CandidateSet } from '../../src/candidates/set.js';
import { communeTable, diplomaTable, randomRound } from './fixtures.js';

const communes = communeTable();
const diplomas = diplomaTable();

function plain(set: CandidateSet) {
  return {
    offsets: Array.from(set.offsets),
    mentor: Array.from(set.mentor),
    score: Array.from(set.score),
    trade: Array.from(set.trade),
    proximity: Array.from(set.proximity),
    availability: Array.from(set.availability),
    km: Array.from(set.km),
    cost: Array.from(set.cost),
    modality: Array.from(set.modality),
    imposed: Array.from(set.imposed),
    tradeLevel: Array.from(set.tradeLevel),
    commonSlots: Array.from(set.commonSlots),
    diagnostics: set.diagnostics,
    ineligible: set.ineligible,
  };
}

describe('indexed generator agrees with the brute-force reference', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const round = randomRound(seed, 30 + (seed % 7) * 10, 40 + (seed % 5) * 15);
      const ctx = { communes, diplomas, date: '2024-10-01', policy: round.politique };
      const fast = buildCandidates(round, ctx);
      const ref = buildCandidatesReference(round, ctx);
      expect(plain(fast)).toEqual(plain(ref));
      expect(fast.mentor.length).toBeGreaterThan(0);
    });
  }
});

describe('indexed generator agrees with the reference under other saturations', () => {
  for (const [seed, saturation] of [
    [101, 1],
    [102, 2],
    [103, 4],
    [104, 6],
  ]) {
    it(`seed ${seed}, saturation ${saturation}`, () => {
      const round = randomRound(seed, 80, 120, { disponibilites_saturation: saturation });
      const ctx = { communes, diplomas, date: '2024-10-01', policy: round.politique };
      expect(plain(buildCandidates(round, ctx))).toEqual(plain(buildCandidatesReference(round, ctx)));
    });
  }
});
