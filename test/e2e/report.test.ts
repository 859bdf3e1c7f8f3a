import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATE, SAMPLE, dataRows, mm, tempDir } from './cli.js';
import { atPath, openReport, type ReportView } from '../report/browser.js';

describe('rapport.html of the sample round, in Chromium', () => {
  let tmp: string;
  let view: ReportView;
  let synthese: any;
  beforeAll(async () => {
    tmp = await tempDir();
    const out = join(tmp, 'sample');
    expect(mm(['match', SAMPLE, '--out', out, '--date', DATE]).code).toBe(0);
    synthese = JSON.parse(await readFile(join(out, 'synthese.json'), 'utf8'));
    view = await openReport(join(out, 'rapport.html'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('renders offline, with no console error and no request besides the file', () => {
    expect(view.consoleErrors).toEqual([]);
    expect(view.otherRequests).toEqual([]);
    expect(view.lang).toBe('fr');
  });
  it('shows the headline numbers of synthese.json', () => {
    expect(Object.keys(view.headlines).length).toBeGreaterThanOrEqual(8);
    for (const [path, h] of Object.entries(view.headlines)) expect(Number(h.valeur), path).toBe(atPath(synthese, path));
    expect(view.headlines['comptes.apparies'].texte).toBe(String(synthese.comptes.apparies));
    expect(view.headlines['comptes.mentores'].texte).toBe(String(synthese.comptes.mentores));
  });
  it('has one map mark per school of etablissements.csv', async () => {
    const schools = (await dataRows(join(SAMPLE, 'etablissements.csv'))).map((r) => r[0]);
    expect([...view.schoolMarks].sort()).toEqual([...schools].sort());
    expect(view.mapVisible).toBe(true);
  });
  it('a regional split shows its loss against the whole round, figures equal to synthese.json', async () => {
    const out = join(tmp, 'academie');
    expect(mm(['match', SAMPLE, '--out', out, '--date', DATE, '--par', 'academie', '--quiet']).code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'synthese.json'), 'utf8'));
    const v = await openReport(join(out, 'rapport.html'));
    expect(v.consoleErrors).toEqual([]);
    for (const p of ['decoupage.perte.apparies_decoupage', 'decoupage.perte.apparies_national']) {
      expect(Number(v.headlines[p]?.valeur), p).toBe(atPath(s, p));
      expect(v.headlines[p].texte).toBe(String(s.comptes.apparies));
    }
  });
});
