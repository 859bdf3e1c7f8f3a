import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/report/summary.js';
import { renderReport, recruitmentGaps } from '../../src/report/html.js';
import { binValues, makeProjection } from '../../src/report/svg.js';
import { frNumber, frPercent, esc } from '../../src/report/format.js';
import { tinyOutcome } from './fixture.js';

describe('summarize', () => {
  const s = summarize(tinyOutcome());
  it('counts pairs, unmatched by reason and mentors', () => {
    expect(s.comptes).toEqual({
      mentores: 5,
      apparies: 3,
      non_apparies: 2,
      non_apparies_par_raison: { sans_candidat_rayon: 1, candidats_pris: 1 },
      mentors: 4,
      mentors_ineligibles: 1,
      mentors_ineligibles_par_raison: { etudiant: 1 },
      mentors_utilises: 2,
      mentors_capacite_libre: 2,
      places_libres: 3,
      binomes_imposes: 1,
      km_total: 30,
      cout_total_eur: 300,
      budget_total_eur: 2500,
    });
    expect(s.couverture).toBe(0.6);
    expect(s.objectif).toEqual({ apparies: 3, score_total: 170.46, borne: 170.46 });
  });
  it('accounts for every row', () => {
    const m = s.comptabilite.mentores;
    expect(m.apparies + m.non_apparies + m.rejetes).toBe(m.lignes_lues);
    const t = s.comptabilite.mentors;
    expect(t).toEqual({ lignes_lues: 4, utilises: 2, non_utilises: 1, ineligibles: 1, rejetes: 0 });
  });
  it('computes per-school, per-filière and per-académie statistics', () => {
    expect(s.par_etablissement).toEqual([
      { cle: '0690001A', libelle: 'LP Alpha', mentores: 2, apparies: 2, couverture: 1, score_moyen: 70, km_moyen: 15, cout_eur: 300, budget_eur: 1000, part_budget: 0.3 },
      { cle: '0690002B', libelle: 'LP Bêta; "Sud"', mentores: 3, apparies: 1, couverture: 0.3333, score_moyen: 30.46, km_moyen: 0, cout_eur: 0, budget_eur: 1500, part_budget: 0 },
    ]);
    expect(s.par_filiere.map((g) => [g.cle, g.mentores, g.apparies])).toEqual([
      ['energie', 3, 1],
      ['numerique', 2, 2],
    ]);
    expect(s.par_academie).toEqual([
      { cle: 'Lyon', libelle: 'Lyon', mentores: 5, apparies: 3, couverture: 0.6, score_moyen: 56.82, km_moyen: 10, cout_eur: 300, budget_eur: 2500, part_budget: 0.12 },
    ]);
  });
  it('records solver, seed, policy hash, inputs and timings', () => {
    expect([s.solveur, s.graine, s.statut, s.optimal, s.certificat]).toEqual(['flow', 7, 'optimal', true, 'verifie']);
    expect(s.entrees[1]).toEqual({ fichier: 'mentores.csv', sha256: '22'.repeat(32), lignes: 5 });
    expect(s.durees_ms).toEqual({ total: 13 });
  });
  it('is deterministic', () => {
    expect(JSON.stringify(summarize(tinyOutcome()))).toBe(JSON.stringify(s));
  });
  it('handles an empty round', () => {
    const o = { ...tinyOutcome(), pairs: [], unmatched: [], mentorNotes: [], schools: [], mentorPlaces: [], menteesTotal: 0, mentorsTotal: 0 };
    const e = summarize(o);
    expect(e.couverture).toBe(0);
    expect(e.par_etablissement).toEqual([]);
    expect(renderReport(o, e)).toContain('Tous les mentorés ont un mentor.');
  });
});

describe('HTML report (string level; the browser test is report.browser.test.ts)', () => {
  const o = tinyOutcome();
  const s = summarize(o);
  const html = renderReport(o, s);
  it('is French, self-contained and script-free', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).not.toMatch(/<script|https?:\/\/|<link|<img|@import|url\(/i);
  });
  it('escapes names', () => {
    expect(html).toContain('LP Bêta; &quot;Sud&quot;');
    expect(html).not.toContain('"Sud"');
  });
  it('has one map mark per school', () => {
    expect(html.match(/class="ecole /g)).toHaveLength(2);
  });
  it('shows the headline figures with their synthese paths', () => {
    expect(html).toContain('data-chiffre="comptes.apparies" data-valeur="3">3<');
    expect(html).toContain('data-chiffre="couverture" data-valeur="0.6">60\u00A0%<');
  });
  it('is deterministic and carries no timing', () => {
    const t = { ...o, timingsMs: { total: 99999 } };
    expect(renderReport(t, summarize(t))).toBe(html);
  });
  it('lists recruitment gaps by school and filière', () => {
    expect(recruitmentGaps(o.unmatched)).toEqual([
      { academie: 'Lyon', uai: '0690002B', etablissement: 'LP Bêta; "Sud"', filiere: 'energie', manquants: 2, relaxation: 'Un rayon de 45 km ajouterait 2 candidats.' },
    ]);
  });
});

describe('report helpers', () => {
  it('formats French numbers', () => {
    expect(frNumber(1234567.891, 2)).toBe('1\u202F234\u202F567,89');
    expect(frNumber(-0.01, 1)).toBe('0');
    expect(frNumber(12, 1)).toBe('12');
    expect(frPercent(0.8766)).toBe('87,7\u00A0%');
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });
  it('bins values with an open last bin', () => {
    expect(binValues([0, 4.9, 5, 100], [0, 5, 10], 'km').map((b) => b.count)).toEqual([2, 1, 1]);
  });
  it('projects inside the map and keeps north up', () => {
    const p = makeProjection([{ lat: 45, lon: 4 }, { lat: 46, lon: 5 }]);
    const [x1, y1] = p(45, 4);
    const [x2, y2] = p(46, 5);
    expect(x2).toBeGreaterThan(x1);
    expect(y2).toBeLessThan(y1);
    for (const v of [x1, x2]) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(640);
    expect(makeProjection([{ lat: 45, lon: 4 }])(45, 4)).toEqual([320, 260]);
  });
});
