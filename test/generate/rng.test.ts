import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WeightedSampler, createRng, pickWeighted } from '../../src/generate/rng.js';

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('forks stable, label-dependent sub-streams', () => {
    const x = createRng(7).fork('a').next();
    expect(createRng(7).fork('a').next()).toBe(x);
    expect(createRng(7).fork('b').next()).not.toBe(x);
  });

  it('draws int(n) in [0, n) with near-uniform frequencies', () => {
    const rng = createRng(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(300);
  });

  it('keeps next() in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.next();
          if (!(x >= 0 && x < 1)) return false;
        }
        return true;
      }),
    );
  });
});

describe('WeightedSampler', () => {
  it('matches the weights (brute-force frequencies) and never draws a zero weight', () => {
    const weights = [0, 1, 3, 0, 6];
    const sampler = new WeightedSampler(weights);
    const rng = createRng(3);
    const counts = new Array(weights.length).fill(0);
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[sampler.sample(rng)]++;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(Math.abs(counts[1] / n - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(counts[2] / n - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(counts[4] / n - 0.6)).toBeLessThan(0.015);
  });

  it('returns only indices of positive weights, for any weights', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 20 }), fc.nat(), (weights, seed) => {
        fc.pre(weights.some((w) => w > 0));
        const sampler = new WeightedSampler(weights);
        const rng = createRng(seed);
        for (let i = 0; i < 30; i++) if (weights[sampler.sample(rng)] <= 0) return false;
        return true;
      }),
    );
  });

  it('refuses all-zero weights instead of looping', () => {
    expect(() => new WeightedSampler([0, 0])).toThrow();
  });
});

describe('pickWeighted', () => {
  it('never picks a zero-weight key', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) expect(pickWeighted(rng, [['a', 0], ['b', 1], ['c', 0]] as const)).toBe('b');
  });
});
