import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATE, SAMPLE, copySample, dataRows, editCsv, mm, tempDir, type Run } from './cli.js';

const FILES = ['binomes.csv', 'non_apparies.csv', 'rapport.html', 'synthese.json'];

let tmp: string;
let out: string;
let run: Run;
let synthese: any;
beforeAll(async () => {
  tmp = await tempDir();
  out = join(tmp, 'resultats', 'sample');
  run = mm(['match', SAMPLE, '--out', out, '--date', DATE]);
  synthese = JSON.parse(await readFile(join(out, 'synthese.json'), 'utf8'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('mentormatch match on the sample round', () => {
  it('exits 0, prints a French summary and where the outputs are', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Résultats écrits dans ${out} :`);
    expect(run.stdout).toMatch(/Mentorés : 300 ; appariés : \d+/);
    expect(run.stdout).toContain(`appariés : ${synthese.comptes.apparies} `);
  });
  it('writes exactly the four files, and nothing beside them', async () => {
    expect((await readdir(out)).sort()).toEqual(FILES);
    expect(await readdir(join(tmp, 'resultats'))).toEqual(['sample']);
  });
  it('binomes.csv: BOM, the fixed first columns, one row per pair', async () => {
    const text = await readFile(join(out, 'binomes.csv'), 'utf8');
    expect(text.startsWith('\uFEFFmentore_id;mentor_id;uai;etablissement;academie;filiere;score;')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + synthese.comptes.apparies);
  });
  it('accounts for every input row: matched + unmatched + rejected = rows read', async () => {
    const mentees = await dataRows(join(SAMPLE, 'mentores.csv'));
    const mentors = await dataRows(join(SAMPLE, 'mentors.csv'));
    const m = synthese.comptabilite.mentores;
    expect(m.lignes_lues).toBe(mentees.length);
    expect(m.apparies + m.non_apparies + m.rejetes).toBe(mentees.length);
    const t = synthese.comptabilite.mentors;
    expect(t.lignes_lues).toBe(mentors.length);
    expect(t.utilises + t.non_utilises + t.ineligibles + t.rejetes).toBe(mentors.length);
    // And id by id: each mentee is in exactly one of binomes.csv and the mentee rows of non_apparies.csv.
    const pairs = await dataRows(join(out, 'binomes.csv'));
    const rest = (await dataRows(join(out, 'non_apparies.csv'))).filter((r) => r[0] === 'mentore');
    const seen = [...pairs.map((r) => r[0]), ...rest.map((r) => r[1])].sort();
    // Input ids may carry a spreadsheet's stray spaces, which ingestion trims.
    expect(seen).toEqual(mentees.map((r) => r[0].trim()).sort());
    expect(pairs).toHaveLength(m.apparies);
    expect(rest).toHaveLength(m.non_apparies);
    // Mentors: no mentor above its capacity, ineligible mentors never paired.
    const used = new Map<string, number>();
    for (const r of pairs) used.set(r[1], (used.get(r[1]) ?? 0) + 1);
    const mentorRows = (await dataRows(join(out, 'non_apparies.csv'))).filter((r) => r[0] === 'mentor');
    const ineligible = mentorRows.filter((r) => r[2] !== 'capacite_libre' && r[2] !== 'aucun_mentore_compatible');
    expect(ineligible).toHaveLength(t.ineligibles);
    for (const r of ineligible) expect(used.has(r[1])).toBe(false);
    expect(used.size).toBe(t.utilises);
  });
  it('gives every unmatched mentee a reason code and a French sentence', async () => {
    const rest = (await dataRows(join(out, 'non_apparies.csv'))).filter((r) => r[0] === 'mentore');
    for (const r of rest) {
      expect(r[2]).toMatch(/^(candidats_pris|sans_candidat_\w+|lot_en_echec)$/);
      expect(r[3].length).toBeGreaterThan(20);
    }
    const byReason: Record<string, number> = {};
    for (const r of rest) byReason[r[2]] = (byReason[r[2]] ?? 0) + 1;
    expect(byReason).toEqual(synthese.comptes.non_apparies_par_raison);
  });
  it('records solver, seed, certificate, policy hash and input hashes', () => {
    expect(synthese.solveur).toBe('flow');
    expect(synthese.graine).toBe(1);
    expect(synthese.optimal).toBe(true);
    expect(synthese.certificat).toBe('verifie');
    expect(synthese.politique_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(synthese.entrees.map((e: any) => e.fichier).sort()).toEqual(['contraintes.csv', 'etablissements.csv', 'mentores.csv', 'mentors.csv', 'politique.json']);
    expect(Object.values(synthese.durees_ms).every((v) => v === 0)).toBe(true);
  });
  it('is byte-identical run to run (--format json printing the synthesis), and across worker counts and splits', async () => {
    const again = join(tmp, 'encore');
    const r = mm(['match', SAMPLE, '--out', again, '--date', DATE, '--workers', '1', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(synthese);
    for (const f of FILES) expect(await readFile(join(again, f), 'utf8'), f).toBe(await readFile(join(out, f), 'utf8'));
    const split = join(tmp, 'academie');
    expect(mm(['match', SAMPLE, '--out', split, '--date', DATE, '--workers', '2', '--par', 'academie', '--quiet']).code).toBe(0);
    expect(await readFile(join(split, 'binomes.csv'), 'utf8')).toBe(await readFile(join(out, 'binomes.csv'), 'utf8'));
  });
  it('a regional split reports what it lost against the whole round; --sans-mesure-perte skips that solve', async () => {
    const split = join(tmp, 'academie-perte');
    const r = mm(['match', SAMPLE, '--out', split, '--date', DATE, '--par', 'academie', '--quiet']);
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(split, 'synthese.json'), 'utf8'));
    // The sample is one académie: one lot, no border, nothing lost.
    expect(s.decoupage).toEqual({
      mode: 'academie',
      lots: 1,
      exact: false,
      mentors_frontaliers: 0,
      candidats_hors_region: 0,
      reconciliation: { mentors: 0, mentores: 0, statut: 'non_faite', niveau: 'etendue' },
      perte: {
        statut_reference: 'optimal',
        apparies_national: synthese.comptes.apparies,
        apparies_decoupage: synthese.comptes.apparies,
        mentores_perdus: 0,
        score_net_national: s.decoupage?.perte?.score_net_national,
        score_net_decoupage: s.decoupage?.perte?.score_net_national,
        score_net_perdu: 0,
        part_score_perdue: 0,
      },
      perte_non_mesuree: null,
    });
    expect(s.decoupage.perte.score_net_national).toBeCloseTo(synthese.objectif.score_total, 1);
    expect(r.stdout).toContain("Découpage par académie : 1 lot, 0 mentor frontalier ; écart avec une résolution d'ensemble : autant de binômes, score net 0\u00A0%");
    expect(await readFile(join(split, 'rapport.html'), 'utf8')).toContain('<section id="decoupage"><h2>Découpage régional</h2>');
    expect(synthese.decoupage).toMatchObject({ mode: 'composantes', exact: true, perte: null });
    const fast = join(tmp, 'academie-sans-perte');
    const q = mm(['match', SAMPLE, '--out', fast, '--date', DATE, '--par', 'academie', '--sans-mesure-perte', '--quiet']);
    expect(q.code).toBe(0);
    const t = JSON.parse(await readFile(join(fast, 'synthese.json'), 'utf8'));
    expect(t.decoupage.perte).toBeNull();
    expect(t.decoupage.perte_non_mesuree).toBe('mesure non demandée (--sans-mesure-perte)');
    expect(q.stdout).toContain('perte non mesurée (mesure non demandée (--sans-mesure-perte))');
    // Every académie on its own: said in the three places the coordinator reads.
    const alone = join(tmp, 'academie-seule');
    const a = mm(['match', SAMPLE, '--out', alone, '--date', DATE, '--par', 'académie', '--reconciliation', 'aucune', '--quiet']);
    expect(a.code).toBe(0);
    const u = JSON.parse(await readFile(join(alone, 'synthese.json'), 'utf8'));
    expect(u.decoupage.reconciliation).toEqual({ mentors: 0, mentores: 0, statut: 'non_demandee', niveau: 'aucune' });
    expect(a.stdout).toContain('(sans réconciliation : chaque mentor frontalier reste dans le lot où il a le plus de candidats)');
    expect(await readFile(join(alone, 'rapport.html'), 'utf8')).toContain('Sans réconciliation, comme demandé : chaque mentor frontalier');
  });
  it('only timings differ when they are not zeroed', async () => {
    const timed = join(tmp, 'chrono');
    expect(mm(['match', SAMPLE, '--out', timed, '--date', DATE], { MENTORMATCH_DETERMINISTE: '0' }).code).toBe(0);
    for (const f of ['binomes.csv', 'non_apparies.csv', 'rapport.html']) {
      expect(await readFile(join(timed, f), 'utf8')).toBe(await readFile(join(out, f), 'utf8'));
    }
    const s = JSON.parse(await readFile(join(timed, 'synthese.json'), 'utf8'));
    expect(s.durees_ms.total).toBeGreaterThan(0);
    expect({ ...s, durees_ms: null }).toEqual({ ...synthese, durees_ms: null });
  });
  it('replaces a previous output folder; --export-lp writes the model in CPLEX LP format', async () => {
    const lp = join(tmp, 'modele.lp');
    const r = mm(['match', SAMPLE, '--out', out, '--date', DATE, '--seed', '5', '--export-lp', lp]);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(FILES);
    expect(JSON.parse(await readFile(join(out, 'synthese.json'), 'utf8')).graine).toBe(5);
    const text = await readFile(lp, 'utf8');
    expect(text).toMatch(/^\\ mentormatch/m);
    // The sample has priority mentees: their priorities stay out of the file (privacy test).
    expect(text.startsWith('\\ Priorities are not exported')).toBe(true);
    expect(text).toContain('Maximize');
    expect(text.trimEnd().endsWith('End')).toBe(true);
  });
});

describe('mentormatch match refuses what it cannot run, and writes nothing', () => {
  it('an invalid round: exit 1, the validation report in French, no output folder', async () => {
    const dir = await copySample(tmp, 'casse');
    await editCsv(join(dir, 'mentores.csv'), (h, r, i) => (i === 2 ? r.map((c, k) => (h[k] === 'annee' ? '7' : c)) : r));
    const o = join(tmp, 'casse-out');
    const r = mm(['match', dir, '--out', o, '--date', DATE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mentores.csv:4 annee');
    expect(r.stderr).toContain("Erreur : tour invalide : 1 problème(s) à corriger ; aucun fichier n'a été écrit.");
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(o)).toBe(false);
    expect((await readdir(tmp)).filter((n) => n.includes('casse-out'))).toEqual([]);
  });
  it('a solver refusing a batch (lp above its tableau limit): exit 1, its French refusal, no output folder', async () => {
    // 120 mentees: under lp's 5,000 candidate pairs (no up-front refusal), over its 500,000 cells.
    const dir = await copySample(tmp, 'petit');
    const lines = (await readFile(join(dir, 'mentores.csv'), 'utf8')).split('\r\n');
    await writeFile(join(dir, 'mentores.csv'), lines.slice(0, 121).join('\r\n') + '\r\n');
    const kept = new Set(lines.slice(1, 121).map((l) => l.split(';')[0].trim()));
    const c = (await readFile(join(dir, 'contraintes.csv'), 'utf8')).split('\r\n');
    await writeFile(join(dir, 'contraintes.csv'), [c[0], ...c.slice(1).filter((l) => kept.has(l.split(';')[0]))].join('\r\n') + '\r\n');
    const o = join(tmp, 'petit-out');
    const r = mm(['match', dir, '--out', o, '--date', DATE, '--solver', 'lp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Erreur : le solveur lp est limité à 500 000 cellules de tableau');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(o)).toBe(false);
  });
  it('quotas of politique.json: flow refuses a round its optimum breaks them on; lagrangien respects them', async () => {
    const p = join(tmp, 'quotas.json');
    await writeFile(p, '{"quotas": {"max_par_employeur": 2}}');
    const refused = mm(['match', SAMPLE, '--out', join(tmp, 'quotas-flow'), '--date', DATE, '--politique', p]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ou les quotas (politique.json, quotas)');
    expect(existsSync(join(tmp, 'quotas-flow'))).toBe(false);
    const o = join(tmp, 'quotas-lagrangien');
    const r = mm(['match', SAMPLE, '--out', o, '--date', DATE, '--politique', p, '--solver', 'lagrangien']);
    expect(r.code, r.stderr).toBe(0);
    // Employers read independently of the app (the column is unquoted in the sample but one).
    const text = (await readFile(join(SAMPLE, 'mentors.csv'), 'utf8')).replace(/^\uFEFF/, '');
    const employerOf = new Map<string, string>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      const id = line.split(';')[0].trim();
      const m = /;([^;]*|"[^"]*")$/.exec(line);
      const employer = (m?.[1] ?? '').replace(/^"|"$/g, '').trim().toLowerCase();
      if (id && employer) employerOf.set(id, employer);
    }
    const perEmployer = new Map<string, number>();
    for (const row of await dataRows(join(o, 'binomes.csv'))) {
      const e = employerOf.get(row[1]);
      if (e) perEmployer.set(e, (perEmployer.get(e) ?? 0) + 1);
    }
    expect(perEmployer.size).toBeGreaterThan(10);
    expect(Math.max(...perEmployer.values())).toBeLessThanOrEqual(2);
    // Mentees left out with a candidate that still has room say which quota binds; none is left
    // out for no reason (the split keeps each employer's whole cap in its part).
    const rest = (await dataRows(join(o, 'non_apparies.csv'))).filter((x) => x[0] === 'mentore');
    const quota = rest.filter((x) => x[2] === 'quota_employeur');
    expect(quota.length).toBeGreaterThan(0);
    expect(quota[0][3]).toMatch(/^Son mentor candidat M\d+ a encore une place, mais son employeur a déjà 2 mentorés/);
    expect(rest.filter((x) => x[2] === 'non_retenu')).toEqual([]);
  });
  it('a missing file: exit 1, no output folder', async () => {
    const dir = await copySample(tmp, 'incomplet');
    await rm(join(dir, 'mentors.csv'));
    const o = join(tmp, 'incomplet-out');
    const r = mm(['match', dir, '--out', o, '--date', DATE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mentors.csv');
    expect(existsSync(o)).toBe(false);
  });
  it('a folder that does not exist', () => {
    const o = join(tmp, 'rien-out');
    const r = mm(['match', join(tmp, 'pas-de-tour'), '--out', o]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("n'existe pas");
    expect(existsSync(o)).toBe(false);
  });
  it('an invalid --politique file', async () => {
    const p = join(tmp, 'pol.json');
    await writeFile(p, '{"poids": {"metier": -3}}');
    const o = join(tmp, 'pol-out');
    const r = mm(['match', SAMPLE, '--out', o, '--date', DATE, '--politique', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pol.json');
    expect(r.stderr).toContain('poids.metier');
    expect(existsSync(o)).toBe(false);
  });
  it('a valid --politique file is used and its hash recorded', async () => {
    const p = join(tmp, 'pol2.json');
    await writeFile(p, '{"poids": {"metier": 50, "proximite": 30, "disponibilites": 20}}');
    const o = join(tmp, 'pol2-out');
    const r = mm(['match', SAMPLE, '--out', o, '--date', DATE, '--politique', p]);
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(o, 'synthese.json'), 'utf8'));
    expect(s.politique_sha256).not.toBe(synthese.politique_sha256);
    expect(s.entrees.map((e: any) => e.fichier)).toContain('pol2.json');
    expect(s.entrees.map((e: any) => e.fichier)).not.toContain('politique.json');
  });
  it('an output folder that is not ours is left untouched', async () => {
    const o = join(tmp, 'mes-documents');
    await mkdir(o);
    await writeFile(join(o, 'notes.txt'), 'à garder');
    const r = mm(['match', SAMPLE, '--out', o, '--date', DATE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ne contient pas de résultats de mentormatch');
    expect(await readdir(o)).toEqual(['notes.txt']);
  });
  it('bad options get French messages', () => {
    const o = join(tmp, 'opt-out');
    for (const [args, msg] of [
      [['--solver', 'magique'], 'solveur inconnu « magique »'],
      [['--par', 'departement'], 'découpage inconnu « departement »'],
      [['--workers', '0'], 'nombre de workers (--workers) « 0 » invalide'],
      [['--date', '31/02/2026'], 'date « 31/02/2026 » invalide'],
      [['--format', 'xml'], 'format inconnu « xml »'],
      [['--par', 'academie', '--reconciliation', 'partielle'], 'réconciliation inconnue « partielle » : choisissez parmi aucune, frontaliers, etendue.'],
      [['--reconciliation', 'aucune'], "--reconciliation ne s'applique qu'à un découpage régional (--par academie ou --par region)"],
    ] as const) {
      const r = mm(['match', SAMPLE, '--out', o, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(msg);
    }
    expect(existsSync(o)).toBe(false);
  });
});

describe('a failed region', () => {
  it('keeps the other pairs, lists its mentees with the reason, and exits 3', async () => {
    const o = join(tmp, 'echec');
    const r = mm(['match', SAMPLE, '--out', o, '--date', DATE, '--par', 'academie'], { MENTORMATCH_TEST_FAIL: '0:throw' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('tour incomplet');
    const s = JSON.parse(await readFile(join(o, 'synthese.json'), 'utf8'));
    expect(s.statut).toBe('incomplete');
    expect(s.optimal).toBe(false);
    expect(s.regions.filter((x: any) => x.statut === 'failed')).toHaveLength(1);
    // No loss figure against the whole round when a lot is missing: it would count the failure.
    expect(s.decoupage.perte).toBeNull();
    expect(s.decoupage.perte_non_mesuree).toBe('tour incomplet : un lot a échoué');
    expect(r.stdout).toContain('perte non mesurée (tour incomplet : un lot a échoué)');
    const rest = (await dataRows(join(o, 'non_apparies.csv'))).filter((x) => x[0] === 'mentore');
    const failed = rest.filter((x) => x[2] === 'lot_en_echec');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0][3]).toContain('après une nouvelle tentative');
    expect(s.comptabilite.mentores.apparies + s.comptabilite.mentores.non_apparies).toBe(300);
  });
});
