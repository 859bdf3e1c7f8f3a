import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECONCILIATION_LEVELS, runRound } from '../../src/pipeline/run-round.js';
import type { PairOutcome } from '../../src/report/outcome.js';
import { renderOutputs } from '../../src/pipeline/render.js';
import { summarize } from '../../src/report/summary.js';
import { splitLine } from '../../src/report/terminal.js';
import { generateRound } from '../../src/generate/round.js';
import { PRESETS } from '../../src/generate/presets.js';
import { writeRound } from '../../src/io/round-writer.js';
import { readRound } from '../../src/io/round.js';
import { loadCommunes, loadDiplomas } from '../../src/io/reference.js';
import type { Round } from '../../src/schema/round.js';

// The regional split's loss, as a coordinator reads it in synthese.json: measured against one solve
// of the whole round, on the 2024-25 pilot (30 académies, mentors near borders).
const communes = loadCommunes();
const diplomas = loadDiplomas();
const date = PRESETS['pilote-2024'].roundDate;
const base = { communes, diplomas, date, quiet: true, zeroTimings: true, workers: 1 };

describe('regional split: the loss against the whole round', () => {
  let dir: string;
  let round: Round;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-loss-'));
    writeRound(dir, generateRound('pilote-2024', 3, { communes, diplomas }));
    const r = await readRound(dir, { date, communes, diplomas });
    if (!r.ok) throw new Error('generated round invalid');
    round = r.round;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the pairs and the net score of both solves, and their difference', async () => {
    const whole = await runRound(round, { ...base, par: 'aucun' });
    const split = await runRound(round, { ...base, par: 'academie' });
    const d = split.split!;
    expect(d.mode).toBe('academie');
    expect(d.exact).toBe(false);
    expect(d.lots).toBe(new Set(split.schools.map((s) => s.academie)).size);
    expect(d.mentorsFrontaliers).toBeGreaterThan(0);
    expect(d.reconciliation?.statut).toBe('optimal');
    const l = d.perte!;
    expect(l.statutReference).toBe('optimal');
    // The reference is the whole-round solve a coordinator gets with --par aucun.
    expect(l.appariesNational).toBe(whole.pairs.length);
    expect(l.appariesDecoupage).toBe(split.pairs.length);
    expect(l.mentoresPerdus).toBe(whole.pairs.length - split.pairs.length);
    expect(l.scoreNetPerdu).toBeCloseTo(l.scoreNetNational - l.scoreNetDecoupage, 6);
    // Not signed: the solve maximises the priority-weighted coverage first, so a split can cover
    // fewer mentees with a higher score (here: one pair fewer, +8 points).
    expect(l.partScorePerdue).toBeCloseTo(l.scoreNetPerdu / l.scoreNetNational, 9);
    // Net score = the pairs' scores (capacity penalties included in each pair's score).
    expect(l.scoreNetNational).toBeCloseTo(whole.pairs.reduce((s, p) => s + p.score, 0), 1);
    expect(l.scoreNetDecoupage).toBeCloseTo(split.pairs.reduce((s, p) => s + p.score, 0), 1);
    const s = renderOutputs(split).synthese;
    expect(s.decoupage).toMatchObject({ mode: 'academie', exact: false, perte: { apparies_national: whole.pairs.length, mentores_perdus: l.mentoresPerdus }, perte_non_mesuree: null });
    expect(renderOutputs(whole).synthese.decoupage).toBeNull();
  });

  it('reconciliation aucune: every académie keeps its mentors; each level says what it re-solved', async () => {
    const none = await runRound(round, { ...base, par: 'academie', reconciliation: 'aucune' });
    expect(none.split?.reconciliation).toEqual({ mentors: 0, mentores: 0, statut: 'non_demandee', niveau: 'aucune' });
    // What a coordinator is promised: no mentor takes mentees of two académies.
    const academies = new Map<string, Set<string>>();
    for (const p of none.pairs) academies.set(p.mentorId, (academies.get(p.mentorId) ?? new Set()).add(p.academie));
    expect([...academies.values()].every((a) => a.size === 1)).toBe(true);
    expect(none.split?.perte?.appariesDecoupage).toBe(none.pairs.length);
    // A mentee left out while a candidate still has a place is told which lot holds that mentor.
    const outOfLot = none.unmatched.filter((u) => u.raisonCode === 'non_retenu');
    expect(outOfLot.length).toBeGreaterThan(0);
    for (const u of outOfLot) {
      const lot = /rattaché au lot « ([^»]+) » du découpage par académie, sans réconciliation/.exec(u.raison)?.[1];
      expect(lot, u.raison).toBeDefined();
      expect(lot).not.toBe(u.academie);
      expect(u.relaxation).toBe('Relancer avec --reconciliation etendue, ou --par composantes (sans perte).');
    }
    expect(splitLine(summarize(none))).toContain('sans réconciliation : chaque mentor frontalier reste dans le lot où il a le plus de candidats');

    const border = await runRound(round, { ...base, par: 'academie', reconciliation: 'frontaliers' });
    const wide = await runRound(round, { ...base, par: 'academie' });
    expect(border.split?.reconciliation?.niveau).toBe('frontaliers');
    expect(wide.split?.reconciliation?.niveau).toBe('etendue');
    expect(wide.split!.reconciliation!.mentores).toBeGreaterThan(border.split!.reconciliation!.mentores);
    expect(splitLine(summarize(border))).toContain('réconciliation des seuls mentors frontaliers : ');
  });

  it('imposed pairs hold at every reconciliation level, for a mentor imposed in two académies', async () => {
    // A mentor the whole-round solve gives mentees of two académies (distanciel), imposed on both:
    // only the académie that owns the mentor sees it, so the other imposed pair must come back.
    const whole = await runRound(round, { ...base, par: 'aucun' });
    const byMentor = new Map<string, PairOutcome[]>();
    for (const p of whole.pairs) if (!p.impose) byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p]);
    const shared = [...byMentor.values()].find((ps) => new Set(ps.map((p) => p.academie)).size >= 2)!;
    expect(shared).toBeDefined();
    const a = shared[0];
    const b = shared.find((p) => p.academie !== a.academie)!;
    const ids = new Set([a.menteeId, b.menteeId]);
    const imposed: Round = {
      ...round,
      contraintes: [
        ...round.contraintes.filter((c) => !ids.has(c.mentore_id)),
        { mentore_id: a.menteeId, mentor_id: a.mentorId, type: 'impose' },
        { mentore_id: b.menteeId, mentor_id: b.mentorId, type: 'impose' },
      ],
    };
    for (const reconciliation of RECONCILIATION_LEVELS) {
      const o = await runRound(imposed, { ...base, par: 'academie', reconciliation, measureLoss: false });
      for (const p of [a, b]) {
        expect(o.pairs.find((q) => q.menteeId === p.menteeId), `${reconciliation} ${p.menteeId}`).toMatchObject({ mentorId: p.mentorId, impose: true });
      }
      if (reconciliation === 'aucune') expect(o.split?.reconciliation).toMatchObject({ niveau: 'aucune', statut: 'optimal' });
    }
  });

  it('the reference solve on its own worker, alongside the regional solve, gives the same outputs to the byte', async () => {
    const inThread = await runRound(round, { ...base, par: 'academie', lossReference: 'in-thread' });
    const alongside = await runRound(round, { ...base, par: 'academie', lossReference: 'worker', workers: 2 });
    expect(alongside.split?.perte).toEqual(inThread.split?.perte);
    const bytes = (o: typeof inThread) => renderOutputs(o).files.map((f) => f.content);
    expect(bytes(alongside)).toEqual(bytes(inThread));
    // Its time is its own: measured on the worker, not taken out of the regional solve's.
    const timed = await runRound(round, { ...base, par: 'academie', lossReference: 'worker', workers: 2, zeroTimings: false });
    expect(timed.timingsMs.mesure_perte).toBeGreaterThan(0);
  });

  it('skips the reference solve when asked, and says why', async () => {
    const o = await runRound(round, { ...base, par: 'region', measureLoss: false });
    expect(o.split?.perte).toBeUndefined();
    expect(o.split?.nonMesuree).toContain('--sans-mesure-perte');
    expect(renderOutputs(o).synthese.decoupage?.perte).toBeNull();
    // No reference solve ran: no timing for it either (the keys of durees_ms do not depend on the clock).
    const timed = await runRound(round, { ...base, par: 'region', measureLoss: false, zeroTimings: false });
    expect(Object.keys(timed.timingsMs)).toEqual(['candidats', 'resolution', 'decodage', 'total']);
  });

  it('an exact split has nothing to measure; the timing of the measure is its own', async () => {
    const c = await runRound(round, { ...base, par: 'composantes' });
    expect(c.split).toMatchObject({ mode: 'composantes', exact: true, mentorsFrontaliers: 0, candidatsHorsRegion: 0 });
    expect(c.split?.perte).toBeUndefined();
    const timed = await runRound(round, { ...base, par: 'academie', zeroTimings: false });
    expect(Object.keys(timed.timingsMs)).toEqual(['candidats', 'resolution', 'mesure_perte', 'decodage', 'total']);
    expect(timed.timingsMs.mesure_perte).toBeGreaterThan(0);
  });
});
