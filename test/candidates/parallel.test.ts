import { describe, expect, it } from 'vitest';
import { buildCandidates } from '../../src/candidates/build.js';
import { buildCandidatesParallel, type ParallelCandidateStats } from '../../src/candidates/parallel.js';
import type { CandidateSet } from '../../src/candidates/set.js';
import { loadCommunes, loadDiplomas } from '../../src/io/reference.js';
import { readRound } from '../../src/io/round.js';
import { SAMPLE } from '../io/helpers.js';
import { communeTable, diplomaTable, randomRound } from './fixtures.js';

/** Every column, the diagnostics and the ineligible mentors, as plain values. */
function plain(set: CandidateSet) {
  const cols = ['offsets', 'mentor', 'score', 'trade', 'proximity', 'availability', 'km', 'cost', 'modality', 'imposed', 'tradeLevel', 'commonSlots'] as const;
  return { ...Object.fromEntries(cols.map((c) => [c, Array.from(set[c])])), diagnostics: set.diagnostics, ineligible: set.ineligible };
}

describe('candidates on several threads equal the single-thread ones', () => {
  const communes = communeTable();
  const diplomas = diplomaTable();
  for (const seed of [3, 17, 29]) {
    it(`random round ${seed}, 2 and 3 threads`, async () => {
      const round = randomRound(seed, 120, 90);
      const ctx = { communes, diplomas, date: '2024-10-01', policy: round.politique };
      const serial = plain(buildCandidates(round, ctx));
      for (const workers of [2, 3]) {
        const stats = {} as ParallelCandidateStats;
        const par = await buildCandidatesParallel(round, ctx, { workers, minMentees: 0 }, stats);
        expect(stats.threads).toBe(workers);
        expect(plain(par)).toEqual(serial);
      }
    });
  }

  it('the bundled sample (imposed and forbidden pairs, conflicts), 2 threads', async () => {
    const res = await readRound(SAMPLE, { date: '2026-11-16' });
    if (!res.ok) throw new Error('sample does not read');
    const ctx = { communes: loadCommunes(), diplomas: loadDiplomas(), date: '2026-11-16', policy: res.round.politique };
    const stats = {} as ParallelCandidateStats;
    const par = await buildCandidatesParallel(res.round, ctx, { workers: 2, minMentees: 0 }, stats);
    expect(stats).toEqual({ threads: 2, rescanned: 0 });
    expect(plain(par)).toEqual(plain(buildCandidates(res.round, ctx)));
  });

  it('a failing worker costs time, not rows: its range is scanned again in the calling thread', async () => {
    const round = randomRound(41, 100, 80);
    const ctx = { communes, diplomas, date: '2024-10-01', policy: round.politique };
    const stats = {} as ParallelCandidateStats;
    const par = await buildCandidatesParallel(round, ctx, { workers: 2, minMentees: 0, failRange: 1 }, stats);
    expect(stats).toEqual({ threads: 2, rescanned: 1 });
    expect(plain(par)).toEqual(plain(buildCandidates(round, ctx)));
  });

  it('uses at most MAX_THREADS threads, whatever the worker count', async () => {
    const { MAX_THREADS } = await import('../../src/candidates/parallel.js');
    // The sample has 15 schools: 16 workers would otherwise make 15 ranges.
    const res = await readRound(SAMPLE, { date: '2026-11-16' });
    if (!res.ok) throw new Error('sample does not read');
    const ctx = { communes: loadCommunes(), diplomas: loadDiplomas(), date: '2026-11-16', policy: res.round.politique };
    const stats = {} as ParallelCandidateStats;
    const par = await buildCandidatesParallel(res.round, ctx, { workers: 16, minMentees: 0 }, stats);
    expect(stats.threads).toBe(MAX_THREADS);
    expect(plain(par)).toEqual(plain(buildCandidates(res.round, ctx)));
  });

  it('a small round stays in the calling thread', async () => {
    const round = randomRound(5, 60, 40);
    const ctx = { communes, diplomas, date: '2024-10-01', policy: round.politique };
    const stats = {} as ParallelCandidateStats;
    await buildCandidatesParallel(round, ctx, { workers: 2 }, stats);
    expect(stats.threads).toBe(1);
  });
});
