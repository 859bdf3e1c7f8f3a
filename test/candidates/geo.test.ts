import { describe, expect, it } from 'vitest';
import { sortByKey } from '../../src/candidates/geo.js';
import { rng } from './fixtures.js';

describe('sortByKey', () => {
  it('sorts a permutation by its keys, ties and all sizes', () => {
    const r = rng(7);
    for (const n of [0, 1, 2, 5, 16, 17, 18, 40, 333, 2000]) {
      for (const distinct of [3, 1000]) {
        const key = Float64Array.from({ length: n }, () => Math.floor(r() * distinct) / 7);
        const perm = Int32Array.from({ length: n }, (_, t) => t);
        sortByKey(perm, key, 0, n - 1);
        expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, t) => t));
        for (let t = 1; t < n; t++) expect(key[perm[t - 1]]).toBeLessThanOrEqual(key[perm[t]]);
      }
    }
  });
});
