import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distance } from 'geokdbush';
import { buildCandidates } from '../../src/candidates/build.js';
import { buildCandidatesReference } from '../../src/candidates/reference.js';
import { mentorEligibility } from '../../src/candidates/eligibility.js';
import { checkImposedPairs } from '../../src/candidates/imposed.js';
import { prepareRound } from '../../src/candidates/prepare.js';
import { evaluatePair, newPairEval } from '../../src/candidates/pair.js';
import { EFF_DISTANCIEL, EFF_MIXTE, EFF_PRESENTIEL } from '../../src/candidates/modality.js';
import { TRADE_CFD, TRADE_FAMILLE, TRADE_FILIERE, TRADE_TRANSVERSE } from '../../src/score/trade.js';
import { defaultPolicy } from '../../src/schema/policy.js';
import type { Mentor, Mentore, Contrainte } from '../../src/schema/records.js';
import { SCHOOLS, communeTable, defaultPolicyWith, diplomaTable, makeRound, mentee, mentor, randomRound } from './fixtures.js';

const communes = communeTable();
const diplomas = diplomaTable();
const DATE = '2024-10-01';

function run(mentores: Mentore[], mentors: Mentor[], policyOver: Record<string, unknown> = {}, contraintes: Contrainte[] = []) {
  const policy = defaultPolicyWith(policyOver);
  const round = makeRound({ etablissements: SCHOOLS, mentores, mentors, contraintes }, policy);
  return { round, set: buildCandidates(round, { communes, diplomas, date: DATE, policy }) };
}
const row = (set: ReturnType<typeof run>['set'], i: number) => Array.from(set.mentor.subarray(set.offsets[i], set.offsets[i + 1]));

describe('eligibility', () => {
  const ok = mentor({ id: 'M' });
  it('accepts a verified mentor verified before the round by a partner or the DSDEN', () => {
    expect(mentorEligibility(ok, DATE)).toEqual({ eligible: true });
    expect(mentorEligibility({ ...ok, honorabilite_date: DATE, honorabilite_par: 'dsden' }, DATE)).toEqual({ eligible: true });
  });
  it.each([
    [{ statut: 'etudiant' as const }, 'etudiant'],
    [{ honorabilite: 'en_cours' as const }, 'honorabilite_en_cours'],
    [{ honorabilite: 'non_verifiee' as const }, 'honorabilite_non_verifiee'],
    [{ honorabilite_date: undefined }, 'honorabilite_sans_date'],
    [{ honorabilite_date: '2024-10-02' }, 'honorabilite_posterieure'],
    [{ honorabilite_par: undefined }, 'honorabilite_sans_verificateur'],
  ])('rejects %o as %s', (over, reason) => {
    expect(mentorEligibility({ ...ok, ...over }, DATE)).toEqual({ eligible: false, reason });
  });
  it('lists ineligible mentors and never pairs them', () => {
    const { set } = run([mentee({ id: 'E' })], [mentor({ id: 'A', statut: 'etudiant' }), mentor({ id: 'B' })]);
    expect(set.ineligible).toEqual([{ mentor: 0, id: 'A', reason: 'etudiant' }]);
    expect(row(set, 0)).toEqual([1]);
  });
});

describe('score of a pair, exact', () => {
  it('same CFD, same commune, one common slot: 60 + 25 + 5', () => {
    const { set } = run([mentee({ id: 'E', diplome: 'N1' })], [mentor({ id: 'M', metier: ['N1'] })]);
    expect(set.score[0]).toBe(90);
    expect([set.trade[0], set.proximity[0], set.availability[0], set.km[0], set.cost[0]]).toEqual([60, 25, 5, 0, 0]);
    expect(set.modality[0]).toBe(EFF_PRESENTIEL);
    expect(set.tradeLevel[0]).toBe(TRADE_CFD);
  });
  it('Lyon school, Villeurbanne mentor: km, proximity and cost from the formula', () => {
    const { set } = run([mentee({ id: 'E', diplome: 'N1', disponibilites: ['lun-pm', 'mar-am', 'mer-am'] })], [
      mentor({ id: 'M', code_commune: '69266', filiere: 'numerique', disponibilites: ['lun-pm', 'mar-am', 'mer-am', 'jeu-am'] }),
    ]);
    const km = distance(4.835, 45.758, 4.8803, 45.7667) * 1.3;
    expect(set.km[0]).toBe(km);
    expect(set.proximity[0]).toBe(Math.fround(25 / (1 + km / 15)));
    expect(set.trade[0]).toBe(Math.fround(24));
    expect(set.availability[0]).toBe(15);
    expect(set.cost[0]).toBeCloseTo(2 * km * 10 * 0.32, 9);
    expect(set.tradeLevel[0]).toBe(TRADE_FILIERE);
  });
  it('same famille across filières; transverse function with a low score', () => {
    const { set } = run([mentee({ id: 'E', diplome: 'N1' })], [
      mentor({ id: 'F', filiere: 'energie', metier: ['E1'] }),
      mentor({ id: 'T', filiere: 'mobilite', fonction: 'RH' }),
      mentor({ id: 'X', filiere: 'mobilite' }),
    ]);
    expect(row(set, 0)).toEqual([0, 1]);
    expect([set.tradeLevel[0], set.trade[0]]).toEqual([TRADE_FAMILLE, 42]);
    expect([set.tradeLevel[1], set.trade[1]]).toEqual([TRADE_TRANSVERSE, 9]);
  });
});

describe('modality table and radius', () => {
  const far = { code_commune: '38185' }; // Grenoble, ~100 km from Lyon
  it.each([
    ['presentiel', 'presentiel', {}, EFF_PRESENTIEL],
    ['mixte', 'indifferent', {}, EFF_MIXTE],
    ['indifferent', 'indifferent', {}, EFF_PRESENTIEL],
    ['presentiel', 'mixte', {}, EFF_PRESENTIEL],
    ['distanciel', 'mixte', {}, EFF_DISTANCIEL],
    ['indifferent', 'indifferent', far, EFF_DISTANCIEL],
    ['presentiel', 'distanciel', {}, -1],
    ['presentiel', 'indifferent', far, -1],
  ] as const)('mentee %s × mentor %s %o → %i', (ee, or, where, eff) => {
    const { set } = run([mentee({ id: 'E', modalite: ee })], [mentor({ id: 'M', modalite: or, ...where })]);
    if (eff < 0) expect(set.offsets[1]).toBe(0);
    else {
      expect(set.modality[0]).toBe(eff);
      if (eff === EFF_DISTANCIEL) expect([set.cost[0], set.proximity[0]]).toEqual([0, 0]);
    }
  });
  it('a wide radius admits the far school; the cost ceiling then applies', () => {
    const m = mentor({ id: 'M', modalite: 'presentiel', code_commune: '38185', rayon_km: 200 });
    expect(run([mentee({ id: 'E' })], [m]).set.offsets[1]).toBe(0); // ~130 road km × 2 × 10 × 0.32 € > 500 €
    const { set } = run([mentee({ id: 'E' })], [m], { frais: { autoriser_depassement: true } });
    expect(set.offsets[1]).toBe(1);
    expect(set.cost[0]).toBeGreaterThan(500);
  });
  it('needs a common slot, except distanciel when the policy allows it', () => {
    const e = mentee({ id: 'E', disponibilites: ['lun-am'] });
    const m = mentor({ id: 'M', modalite: 'distanciel', disponibilites: ['ven-soir'] });
    expect(run([e], [m]).set.offsets[1]).toBe(0);
    expect(run([e], [m], { distanciel_sans_creneau_commun: true }).set.offsets[1]).toBe(1);
  });
});

describe('constraints and conflicts', () => {
  it('interdit never, impose always (even beyond K), conflicts exclude the employer', () => {
    const mentors = [0, 1, 2, 3].map((k) => mentor({ id: `M${k}`, employeur: k === 3 ? 'Orange ' : undefined }));
    const { set } = run([mentee({ id: 'E' })], mentors, { k_candidats: 1, conflits: [{ employeur: 'orange', uai: '0690001A' }] }, [
      { mentore_id: 'E', mentor_id: 'M0', type: 'interdit' },
      { mentore_id: 'E', mentor_id: 'M2', type: 'impose' },
    ]);
    expect(row(set, 0)).toEqual([1, 2]);
    expect(Array.from(set.imposed.subarray(0, 2))).toEqual([0, 1]);
  });
  it('checkImposedPairs reports an imposed pair that breaks a rule, in French, with its row', () => {
    const round = makeRound(
      { etablissements: SCHOOLS, mentores: [mentee({ id: 'E' })], mentors: [mentor({ id: 'A', statut: 'etudiant' }), mentor({ id: 'B' })], contraintes: [
        { mentore_id: 'E', mentor_id: 'B', type: 'impose' },
        { mentore_id: 'E', mentor_id: 'A', type: 'impose' },
      ] },
      defaultPolicy(),
    );
    const issues = checkImposedPairs(round, { communes, diplomas, date: DATE, policy: defaultPolicy() });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'imposed_pair_invalid', file: 'contraintes.csv', row: 3 });
    expect(issues[0].message).toContain('les étudiants ne peuvent pas être mentors');
  });
  it('checkImposedPairs, which prepares only the records its pairs name, agrees with the whole round prepared (seeded random rounds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const round = randomRound(seed, 40, 30);
        const ctx = { communes, diplomas, date: DATE, policy: round.politique };
        const p = prepareRound(round, ctx);
        const ev = newPairEval();
        const first = (ids: string[]) => (id: string) => ids.indexOf(id);
        const mi = first(round.mentores.map((e) => e.id));
        const mj = first(round.mentors.map((r) => r.id));
        const expected = round.contraintes.flatMap((c, row) => (c.type === 'impose' && !evaluatePair(p, mi(c.mentore_id), mj(c.mentor_id), ev) ? [row + 2] : []));
        expect(checkImposedPairs(round, ctx).map((i) => i.row)).toEqual(expected);
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});

describe('school without a known commune', () => {
  it('a conflict of interest still excludes the distanciel mentor (as the reference does)', () => {
    const policy = defaultPolicyWith({ conflits: [{ employeur: 'Orange', uai: '0990001Z' }] });
    const school = { uai: '0990001Z', nom: 'LP inconnu', code_commune: '99999' };
    const round = makeRound(
      {
        etablissements: [school],
        mentores: [mentee({ id: 'E', uai: school.uai, modalite: 'distanciel' })],
        mentors: [
          mentor({ id: 'A', modalite: 'distanciel', employeur: 'Orange', metier: ['N1'] }),
          mentor({ id: 'B', modalite: 'distanciel', metier: ['N1'] }),
        ],
      },
      policy,
    );
    const ctx = { communes, diplomas, date: DATE, policy };
    const set = buildCandidates(round, ctx);
    expect(row(set, 0)).toEqual([1]);
    expect(Array.from(set.mentor)).toEqual(Array.from(buildCandidatesReference(round, ctx).mentor));
  });
});

describe('no-candidate diagnostics', () => {
  it('names the nearest radius that would help', () => {
    const { set } = run([mentee({ id: 'E', modalite: 'presentiel' })], [
      mentor({ id: 'A', code_commune: '69264', rayon_km: 20 }), // Villefranche, ~36 road km
      mentor({ id: 'B', code_commune: '42218', rayon_km: 20 }), // Saint-Étienne, ~64 road km
    ]);
    expect(set.offsets[1]).toBe(0);
    const d = set.diagnostics[0];
    expect(d.reason).toBe('rayon');
    expect(d.rejections.rayon).toBe(2);
    const road = distance(4.835, 45.758, 4.7194, 45.9897) * 1.3; // 35.6 km
    expect(Math.ceil(road / 5) * 5).toBe(40);
    expect(d.nearest).toEqual({ kind: 'rayon', km: 40, added: 1, message: 'un rayon de 40 km ajouterait 1 candidat' });
  });
  it('says when no mentor is within reach', () => {
    const { set } = run([mentee({ id: 'E', modalite: 'presentiel' })], []);
    expect(set.diagnostics).toEqual([expect.objectContaining({ mentee: 0, reason: 'aucun_mentor', examined: 0, nearest: null })]);
  });
});

describe('properties on seeded random rounds', () => {
  it('no ineligible mentor, K respected, impose kept, interdit never, rows sorted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const round = randomRound(seed, 25, 30);
        const policy = round.politique;
        const set = buildCandidates(round, { communes, diplomas, date: DATE, policy });
        const inel = new Set(set.ineligible.map((x) => x.mentor));
        const idx = new Map(round.mentors.map((m, j) => [m.id, j]));
        for (let i = 0; i < set.nMentees; i++) {
          const mine = row(set, i);
          const imposed = round.contraintes.filter((c) => c.type === 'impose' && c.mentore_id === round.mentores[i].id).map((c) => idx.get(c.mentor_id)!);
          const forbidden = round.contraintes.filter((c) => c.type === 'interdit' && c.mentore_id === round.mentores[i].id).map((c) => idx.get(c.mentor_id)!);
          for (const j of imposed) expect(mine).toContain(j);
          const natural = mine.filter((j, k) => !set.imposed[set.offsets[i] + k]);
          expect(natural.length).toBeLessThanOrEqual(policy.k_candidats);
          for (const j of natural) {
            expect(inel.has(j)).toBe(false);
            expect(forbidden).not.toContain(j);
          }
          for (let e = set.offsets[i] + 1; e < set.offsets[i + 1]; e++) expect(set.score[e - 1]).toBeGreaterThanOrEqual(set.score[e]);
          expect(new Set(mine).size).toBe(mine.length);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('distance is symmetric', () => {
    const pt = fc.record({ lat: fc.double({ min: 41, max: 51, noNaN: true }), lon: fc.double({ min: -5, max: 9, noNaN: true }) });
    fc.assert(fc.property(pt, pt, (a, b) => {
      expect(distance(a.lon, a.lat, b.lon, b.lat)).toBeCloseTo(distance(b.lon, b.lat, a.lon, a.lat), 9);
    }));
  });
});
