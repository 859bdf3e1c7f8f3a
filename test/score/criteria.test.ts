import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { proximity } from '../../src/score/proximity.js';
import { availability, popcount, slotMask } from '../../src/score/availability.js';
import { KM_RATES, kilometricAllowance, travelCost } from '../../src/score/travel.js';
import { slotPenalties } from '../../src/score/capacity.js';
import { menteePriority } from '../../src/score/priority.js';
import { TRADE_CFD, TRADE_FAMILLE, TRADE_FILIERE, TRADE_NONE, TRADE_TRANSVERSE, normaliseFunction, tradeLevel } from '../../src/score/trade.js';
import { PolicySchema, defaultPolicy } from '../../src/schema/policy.js';

describe('proximity', () => {
  it('is 1 at the school, 1/2 at the half distance, 1/3 at twice it', () => {
    expect(proximity(0, 15)).toBe(1);
    expect(proximity(15, 15)).toBe(0.5);
    expect(proximity(30, 15)).toBeCloseTo(1 / 3, 15);
  });
  it('decreases with km', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b) => {
      if (a <= b) expect(proximity(a, 15)).toBeGreaterThanOrEqual(proximity(b, 15));
    }));
  });
});

describe('availability', () => {
  it('masks slots in SLOTS order', () => {
    expect(slotMask(['lun-am'])).toBe(1);
    expect(slotMask(['lun-pm', 'lun-soir'])).toBe(0b110);
    expect(slotMask(['sam-soir'])).toBe(1 << 17);
  });
  it('counts common slots and saturates', () => {
    expect(popcount(slotMask(['lun-am', 'mar-pm', 'jeu-soir']) & slotMask(['mar-pm', 'jeu-soir', 'ven-am']))).toBe(2);
    expect(availability(0, 3)).toBe(0);
    expect(availability(2, 3)).toBeCloseTo(2 / 3, 15);
    expect(availability(3, 3)).toBe(1);
    expect(availability(7, 3)).toBe(1);
  });
  it('popcount equals a naive bit count', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (x) => {
      expect(popcount(x)).toBe(x.toString(2).split('').filter((c) => c === '1').length);
    }));
  });
});

describe('travel cost', () => {
  it('rates equal the copied arrêté table', () => {
    const file = JSON.parse(readFileSync(new URL('../../datasets/ref/indemnites_kilometriques_2022_2024.json', import.meta.url), 'utf8'));
    for (const v of file.voitures) expect(KM_RATES[v.puissanceFiscale as keyof typeof KM_RATES]).toEqual([v.jusqua2000, v.de2001a10000, v.auDela10000]);
  });
  it('applies each band to the km driven within it', () => {
    expect(kilometricAllowance(1000, '<=5 CV')).toBeCloseTo(320, 9);
    expect(kilometricAllowance(3000, '<=5 CV')).toBeCloseTo(2000 * 0.32 + 1000 * 0.4, 9);
    expect(kilometricAllowance(12000, '6-7 CV')).toBeCloseTo(2000 * 0.41 + 8000 * 0.51 + 2000 * 0.3, 9);
  });
  it('costs a 20 km pair 2 × 20 × 10 × 0.32 = 128 € a year by default', () => {
    expect(travelCost(20, 10, '<=5 CV')).toBeCloseTo(128, 9);
    expect(travelCost(0, 10, '<=5 CV')).toBe(0);
  });
});

describe('capacity penalties', () => {
  it('follows the policy, repeats its last value, never decreases', () => {
    expect(Array.from(slotPenalties(defaultPolicy(), 3))).toEqual([0, 10, 20]);
    expect(Array.from(slotPenalties(PolicySchema.parse({ penalites_capacite: [0, 5] }), 4))).toEqual([0, 5, 5, 5]);
    expect(Array.from(slotPenalties(PolicySchema.parse({ penalites_capacite: [0, 8, 3] }), 3))).toEqual([0, 8, 8]);
    expect(slotPenalties(defaultPolicy(), 0).length).toBe(0);
  });
});

describe('priority', () => {
  it('adds the policy weight of each flag set', () => {
    const p = defaultPolicy();
    expect(menteePriority({ qpv: false, ase: false, handicap: false }, p)).toBe(1);
    expect(menteePriority({ qpv: true, ase: false, handicap: true }, p)).toBe(2);
    expect(menteePriority({ qpv: true, ase: true, handicap: true }, PolicySchema.parse({ priorite: { qpv: 1, ase: 2, handicap: 0 } }))).toBe(4);
  });
});

describe('trade level', () => {
  const cfds = Int32Array.from([3, 7]);
  const fams = Int32Array.from([1]);
  const lvl = (cfd: number, fam: number, fil: number, mentorFil: number, transverse: boolean) =>
    tradeLevel(cfd, fam, fil, cfds, 0, 2, fams, 0, 1, mentorFil, transverse);
  it('ranks same CFD > same famille > same filière > transverse > none', () => {
    expect(lvl(7, 1, 0, 2, false)).toBe(TRADE_CFD);
    expect(lvl(5, 1, 0, 2, false)).toBe(TRADE_FAMILLE);
    expect(lvl(5, 4, 0, 0, false)).toBe(TRADE_FILIERE);
    expect(lvl(5, 4, 0, 2, true)).toBe(TRADE_TRANSVERSE);
    expect(lvl(5, 4, 0, 2, false)).toBe(TRADE_NONE);
    expect(lvl(-1, -1, 2, 2, false)).toBe(TRADE_FILIERE);
  });
  it('normalises functions', () => {
    expect(normaliseFunction(' Ressources humaines ')).toBe('ressources_humaines');
    expect(normaliseFunction('DRH')).toBe('drh');
  });
});
