import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { renderReport } from '../../src/report/html.js';
import { summarize } from '../../src/report/summary.js';
import { atPath, openReport, type ReportView } from './browser.js';
import { tinyOutcome } from './fixture.js';

describe('rapport.html in Chromium', () => {
  let dir: string;
  let view: ReportView;
  const o = tinyOutcome();
  const s = summarize(o);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-html-'));
    const file = join(dir, 'rapport.html');
    await writeFile(file, renderReport(o, s));
    view = await openReport(file);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders without console error and without any other request', () => {
    expect(view.consoleErrors).toEqual([]);
    expect(view.otherRequests).toEqual([]);
    expect(view.lang).toBe('fr');
    expect(view.title).toBe("Rapport d'appariement du 01/09/2025");
  });
  it('shows headline figures equal to the synthesis', () => {
    const paths = Object.keys(view.headlines);
    expect(paths).toContain('comptes.apparies');
    expect(paths.length).toBeGreaterThanOrEqual(8);
    for (const p of paths) expect(Number(view.headlines[p].valeur), p).toBe(atPath(s, p));
    expect(view.headlines['comptes.apparies'].texte).toBe('3');
    expect(view.headlines['couverture'].texte).toBe('60\u00A0%');
  });
  it('draws one map mark per school', () => {
    expect(view.schoolMarks.sort()).toEqual(o.schools.map((x) => x.uai).sort());
    expect(view.mapVisible).toBe(true);
  });
});

describe('the Chromium harness itself', () => {
  it('does see a request to the network and a console error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-html-'));
    try {
      const file = join(dir, 'x.html');
      await writeFile(file, '<!DOCTYPE html><html lang="fr"><body><img src="http://example.invalid/a.png"><script>console.error("boom")</script></body></html>');
      const v = await openReport(file);
      expect(v.otherRequests).toEqual(['http://example.invalid/a.png']);
      expect(v.consoleErrors.some((e) => e.includes('boom'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
