import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRound, runRound, renderOutputs, writeOutputFolder, loadCommunes, loadDiplomas } from '../../src/index.js';

// The README's "Running a whole round" snippet, through the package's entry point, so that the
// example a developer copies keeps working (same calls, same options; only the paths are the test's).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mm-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('README: running a whole round from code', () => {
  it('the snippet is in the README and runs as written', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.split('### Running a whole round')[1]?.split('```')[1] ?? '';
    for (const call of ["readRound('datasets/sample', { date: '2026-11-16' })", 'runRound(res.round, {', "par: 'academie'", "reconciliation: 'etendue'", 'renderOutputs(outcome)', 'writeOutputFolder(']) {
      expect(block).toContain(call);
    }

    const res = await readRound(join(ROOT, 'datasets/sample'), { date: '2026-11-16' });
    if (!res.ok) throw new Error(res.issues.map((i) => `${i.file}:${i.row ?? ''} ${i.message}`).join('\n'));
    const outcome = await runRound(res.round, {
      communes: loadCommunes(),
      diplomas: loadDiplomas(),
      par: 'academie',
      reconciliation: 'etendue',
      measureLoss: true,
      workers: 2,
      seed: 1,
      quiet: true,
    });
    // Everyone is accounted for: a pair or an unmatched row with its reason.
    expect(outcome.pairs.length + outcome.unmatched.length).toBe(res.round.mentores.length);
    expect(outcome.unmatched.every((u) => u.raison.length > 0 && u.raisonCode.length > 0)).toBe(true);
    expect(outcome.split).toMatchObject({ mode: 'academie', lots: 1, perte: { mentoresPerdus: 0 } });
    const { files, synthese } = renderOutputs(outcome);
    await writeOutputFolder(join(tmp, 'sample-api'), files);
    expect(readdirSync(join(tmp, 'sample-api')).sort()).toEqual(['binomes.csv', 'non_apparies.csv', 'rapport.html', 'synthese.json']);
    expect(synthese.comptes.apparies).toBe(outcome.pairs.length);
  });
});
