import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECONCILIATION_LEVELS, runRound } from '../../src/pipeline/run-round.js';
import { renderOutputs } from '../../src/pipeline/render.js';
import { buildCandidates } from '../../src/candidates/build.js';
import { encodeProblem } from '../../src/encode/encode.js';
import type { Round } from '../../src/schema/round.js';
import { communeTable, diplomaTable, makeRound, mentee, mentor, randomRound, rng, SCHOOLS } from '../candidates/fixtures.js';

const communes = communeTable();
const diplomas = diplomaTable();
const DATE = '2025-09-01';
const opts = { communes, diplomas, date: DATE, quiet: true, zeroTimings: true };

describe('runRound on a hand-made round', () => {
  // M0 is a student (ineligible); M1 is pending honorability; M2 (capacity 1) suits E0 and E1;
  // E2 wants energie (a CAP outside any famille) and no mentor has it; M3, M4 (mobilite) suit nobody.
  const round = makeRound({
    etablissements: SCHOOLS.slice(0, 1),
    mentores: [
      mentee({ id: 'E0', diplome: 'N1', disponibilites: ['lun-pm', 'mar-pm'] }),
      mentee({ id: 'E1', diplome: 'N2' }),
      mentee({ id: 'E2', diplome: 'E2' }),
    ],
    mentors: [
      mentor({ id: 'M0', statut: 'etudiant' }),
      mentor({ id: 'M1', honorabilite: 'en_cours', honorabilite_date: '2025-06-15' }),
      mentor({ id: 'M2', metier: ['N1'], disponibilites: ['lun-pm', 'mar-pm'] }),
      mentor({ id: 'M3', filiere: 'mobilite', capacite: 2 }),
      mentor({ id: 'M4', filiere: 'mobilite' }),
    ],
  });

  it('pairs, reasons, ineligible and free mentors', async () => {
    const o = await runRound(round, opts);
    expect(o.pairs.map((p) => [p.menteeId, p.mentorId, p.niveauMetier, p.modalite, p.impose])).toEqual([['E0', 'M2', 'meme_diplome', 'presentiel', false]]);
    const p = o.pairs[0];
    expect(p.score).toBeCloseTo(p.components.metier + p.components.proximite + p.components.disponibilites - p.components.penaliteCapacite, 2);
    expect(p.components.metier).toBe(60);
    expect(p.km).toBe(0);
    expect(p.coutEur).toBe(0);
    expect(o.unmatched.map((u) => [u.id, u.raisonCode, u.candidats])).toEqual([
      ['E1', 'candidats_pris', 1],
      ['E2', 'sans_candidat_metier', 0],
    ]);
    expect(o.unmatched[0].relaxation).toContain('M2');
    expect(o.mentorNotes.map((m) => [m.id, m.type, m.raisonCode, m.capacite - m.utilise])).toEqual([
      ['M0', 'ineligible', 'etudiant', 1],
      ['M1', 'ineligible', 'honorabilite_en_cours', 1],
      ['M3', 'capacite_libre', 'aucun_mentore_compatible', 2],
      ['M4', 'capacite_libre', 'aucun_mentore_compatible', 1],
    ]);
    expect(o.mentorNotes[1].raison).toBe("Vérification d'honorabilité en cours (demandée le 15/06/2025).");
    expect(o.solve).toEqual({ solver: 'flow', status: 'optimal', optimal: true, certificat: 'verifie' });
    expect(o.schools[0]).toMatchObject({ uai: '0690001A', commune: 'Lyon', academie: 'Lyon', mentees: 3, budgetEur: 1500 });
    expect(o.mentorPlaces).toEqual([{ codeCommune: '69123', lat: 45.758, lon: 4.835, eligibles: 3, utilises: 1 }]);
  });

  it('the same pairs whatever the split and the solver route', async () => {
    const a = await runRound(round, { ...opts, par: 'aucun' });
    const b = await runRound(round, { ...opts, par: 'academie' });
    const c = await runRound(round, { ...opts, par: 'composantes' });
    expect(b.pairs).toEqual(a.pairs);
    expect(c.pairs).toEqual(a.pairs);
    expect(b.solve.optimal).toBe(false);
    expect(b.solve.certificat).toBe('verifie_par_lot');
  });

  it('an empty round runs and says so', async () => {
    const o = await runRound(makeRound({ etablissements: SCHOOLS.slice(0, 1) }), opts);
    expect([o.pairs.length, o.unmatched.length, o.mentorNotes.length]).toEqual([0, 0, 0]);
    expect(renderOutputs(o).synthese.comptes.mentores).toBe(0);
  });
});

/** Lexicographic optimum by exhaustive search: max Σ priority of covered mentees, then max Σ score − slot penalties. */
function bruteForce(round: Round): { priority: number; net: number } {
  const cs = buildCandidates(round, { communes, diplomas, date: DATE, policy: round.politique });
  const { problem: p } = encodeProblem(round, cs, round.politique);
  const load = new Int32Array(p.nMentors);
  let best = { priority: -1, net: -Infinity };
  const sp = p.slotPenalty!;
  const rec = (i: number, prio: number, net: number): void => {
    if (i === p.nMentees) {
      if (prio > best.priority + 1e-9 || (Math.abs(prio - best.priority) <= 1e-9 && net > best.net + 1e-9)) best = { priority: prio, net };
      return;
    }
    let imposed = false;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeImposed?.[e]) imposed = true;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      const j = p.edgeMentor[e];
      if (imposed && !p.edgeImposed![e]) continue;
      if (load[j] >= p.capacity[j]) continue;
      const pen = sp[Math.min(load[j], sp.length - 1)];
      load[j]++;
      rec(i + 1, prio + p.priority![i], net + p.edgeWeight[e] - pen);
      load[j]--;
    }
    if (!imposed) rec(i + 1, prio, net);
  };
  rec(0, 0, 0);
  return best;
}

describe('runRound against brute force on seeded random rounds', () => {
  it('reaches the lexicographic optimum, and its outputs account for everyone (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }), async (seed, n, m) => {
        const r0 = randomRound(seed, n, m, { frais: { autoriser_depassement: false } });
        // Random imposed pairs may contradict each other; validation refuses those rounds upstream.
        const round = { ...r0, contraintes: r0.contraintes.filter((c) => c.type === 'interdit') };
        const o = await runRound(round, opts);
        const prio = new Map(round.mentores.map((x) => [x.id, 1 + (x.qpv ? round.politique.priorite.qpv : 0)]));
        const gotPriority = o.pairs.reduce((s, p) => s + prio.get(p.menteeId)!, 0);
        const gotNet = o.pairs.reduce((s, p) => s + p.score, 0);
        const ref = bruteForce(round);
        expect(o.solve.optimal).toBe(true);
        expect(gotPriority).toBeCloseTo(Math.max(ref.priority, 0), 6);
        // Pair scores are rounded to 0.01 each.
        expect(Math.abs(gotNet - (ref.priority > 0 ? ref.net : 0))).toBeLessThanOrEqual(0.01 * o.pairs.length + 1e-9);
        // Everyone accounted for, once.
        const ids = [...o.pairs.map((p) => p.menteeId), ...o.unmatched.map((u) => u.id)].sort();
        expect(ids).toEqual(round.mentores.map((x) => x.id).sort());
        // Capacities, eligibility.
        const used = new Map<string, number>();
        for (const p of o.pairs) used.set(p.mentorId, (used.get(p.mentorId) ?? 0) + 1);
        for (const x of round.mentors) expect(used.get(x.id) ?? 0).toBeLessThanOrEqual(x.capacite);
        for (const note of o.mentorNotes.filter((x) => x.type === 'ineligible')) expect(used.has(note.id)).toBe(false);
        const s = renderOutputs(o).synthese;
        expect(s.comptabilite.mentors.utilises + s.comptabilite.mentors.non_utilises + s.comptabilite.mentors.ineligibles).toBe(m);
      }),
      { numRuns: 150 },
    );
  });
});

describe('runRound, regional split with imposed pairs (property)', () => {
  // The fixture puts every commune in the académie de Lyon; here Grenoble is its own académie, as
  // in reality, so that `--par academie` has two lots and mentors serving both.
  const twoAcademies = communeTable();
  twoAcademies.academie[twoAcademies.index.get('38185')!] = 'Grenoble';
  const opts = { communes: twoAcademies, diplomas, date: DATE, quiet: true, zeroTimings: true };
  // Imposed pairs drawn from a whole-round solution (so they hold together): whatever the split and
  // the reconciliation level, each holds, and every mentee is accounted for once.
  it('every imposed pair holds at every reconciliation level, par academie and region', async () => {
    let split = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 4, max: 24 }), fc.integer({ min: 2, max: 14 }), async (seed, n, m) => {
        // Budgets out of the way (flow refuses a round whose budgets bind; tested elsewhere).
        const r0 = randomRound(seed, n, m, { frais: { plafond_eur: 1_000_000 } });
        const free = { ...r0, contraintes: r0.contraintes.filter((c) => c.type === 'interdit') };
        const whole = await runRound(free, { ...opts, par: 'aucun' });
        const pick = rng(seed ^ 0x1234);
        // Every pair of a mentor serving two académies (the hard case: one académie owns it), and others at random.
        const academies = new Map<string, Set<string>>();
        for (const p of whole.pairs) academies.set(p.mentorId, (academies.get(p.mentorId) ?? new Set()).add(p.academie));
        const imposed = whole.pairs.filter((p) => academies.get(p.mentorId)!.size > 1 || pick() < 0.3);
        const round = { ...free, contraintes: [...free.contraintes, ...imposed.map((p) => ({ mentore_id: p.menteeId, mentor_id: p.mentorId, type: 'impose' as const }))] };
        for (const par of ['academie', 'region'] as const) {
          for (const reconciliation of RECONCILIATION_LEVELS) {
            const o = await runRound(round, { ...opts, par, reconciliation, measureLoss: false });
            if (par === 'academie' && (o.split?.lots ?? 0) > 1) split++;
            const got = new Map(o.pairs.map((p) => [p.menteeId, p]));
            for (const p of imposed) expect(got.get(p.menteeId), `${par} ${reconciliation} ${p.menteeId}`).toMatchObject({ mentorId: p.mentorId, impose: true });
            const ids = [...o.pairs.map((p) => p.menteeId), ...o.unmatched.map((u) => u.id)].sort();
            expect(ids).toEqual(round.mentores.map((x) => x.id).sort());
            const used = new Map<string, number>();
            for (const p of o.pairs) used.set(p.mentorId, (used.get(p.mentorId) ?? 0) + 1);
            for (const x of round.mentors) expect(used.get(x.id) ?? 0).toBeLessThanOrEqual(x.capacite);
          }
        }
      }),
      { numRuns: 60 },
    );
    // The two académies were really split (runs × levels with two lots).
    expect(split).toBeGreaterThan(60);
  });

  it('with budgets and employer caps (lagrangien): imposed pairs, budgets and caps hold at every level', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 4, max: 20 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 3 }), async (seed, n, m, cap) => {
        const r0 = randomRound(seed, n, m, { frais: { plafond_eur: 150 }, quotas: { max_par_employeur: cap } });
        const free = { ...r0, contraintes: r0.contraintes.filter((c) => c.type === 'interdit') };
        const whole = await runRound(free, { ...opts, par: 'aucun', solver: 'lagrangien' });
        const pick = rng(seed ^ 0x77);
        const imposed = whole.pairs.filter(() => pick() < 0.5);
        const round = { ...free, contraintes: [...free.contraintes, ...imposed.map((p) => ({ mentore_id: p.menteeId, mentor_id: p.mentorId, type: 'impose' as const }))] };
        const employerOf = new Map(round.mentors.map((x) => [x.id, x.employeur?.trim().toLowerCase()]));
        const menteesOf = new Map<string, number>();
        for (const x of round.mentores) menteesOf.set(x.uai, (menteesOf.get(x.uai) ?? 0) + 1);
        for (const reconciliation of RECONCILIATION_LEVELS) {
          const o = await runRound(round, { ...opts, par: 'academie', solver: 'lagrangien', reconciliation, measureLoss: false });
          const got = new Map(o.pairs.map((p) => [p.menteeId, p]));
          for (const p of imposed) expect(got.get(p.menteeId), `${reconciliation} ${p.menteeId}`).toMatchObject({ mentorId: p.mentorId, impose: true });
          const perEmployer = new Map<string, number>();
          const spend = new Map<string, number>();
          for (const p of o.pairs) {
            const e = employerOf.get(p.mentorId);
            if (e) perEmployer.set(e, (perEmployer.get(e) ?? 0) + 1);
            spend.set(p.uai, (spend.get(p.uai) ?? 0) + p.coutEur);
          }
          for (const [, k] of perEmployer) expect(k).toBeLessThanOrEqual(cap);
          for (const [uai, eur] of spend) expect(eur).toBeLessThanOrEqual(150 * menteesOf.get(uai)! + 0.01 * n);
        }
      }),
      { numRuns: 40 },
    );
  });
});
