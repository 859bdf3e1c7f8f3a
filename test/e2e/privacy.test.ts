/**
 * Sensitive mentee fields (qpv, ase, handicap) never leave the core: distinctive values planted in
 * those columns must appear in no output file, no stdout and no stderr, whether they are valid
 * (the round runs) or invalid (validation refuses it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATE, copySample, editCsv, mm, tempDir } from './cli.js';

let tmp: string;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Odd but valid spellings of true/false, one per column, that appear nowhere else. */
const VALID = { qpv: ['TRUE', 'FALSE'], ase: ['VRAI', 'FAUX'], handicap: ['Yes', 'No'] } as const;
/** Invalid values, to be reported without being echoed. */
const INVALID = { qpv: 'ZQPV7731', ase: 'ZASE8842', handicap: 'ZHAND9953' } as const;

async function everything(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}

describe('privacy of the sensitive mentee fields', () => {
  it('valid planted values appear in no output, stdout or stderr', async () => {
    const round = await copySample(tmp, 'valide');
    await editCsv(join(round, 'mentores.csv'), (h, r, i) =>
      r.map((c, k) => {
        const col = h[k] as keyof typeof VALID;
        return col in VALID ? VALID[col][i % 3 === 0 ? 1 : 0] : c;
      }),
    );
    const out = join(tmp, 'valide-out');
    const lp = join(tmp, 'modele.lp');
    const runs = [
      mm(['match', round, '--out', out, '--date', DATE, '--export-lp', lp]),
      mm(['validate', round, '--date', DATE]),
      mm(['explain', out, 'E0001']),
    ];
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const text = [await everything(out), ...runs.flatMap((r) => [r.stdout, r.stderr])].join('\n');
    for (const v of Object.values(VALID).flat()) expect(text.includes(v), v).toBe(false);
    // Nor the columns themselves, not even as aggregates.
    expect(text).not.toMatch(/\bqpv\b|\bhandicap\b|\base\b|prioritaire|priorit[ée]/i);
    // The LP export gives every pair the same coverage weight: a pair's coefficient M × priority +
    // score would otherwise tell how many flags its mentee has.
    const model = await readFile(lp, 'utf8');
    const m = Number(/objective = (\d+(?:\.\d+)?) \*/.exec(model)![1]);
    const coefs = [...model.split('Subject To')[0].matchAll(/([\d.e+]+) x_\d+/g)].map((x) => Number(x[1]));
    expect(coefs.length).toBeGreaterThan(100);
    // Coverage weight 1 for every pair: M + a score of at most a few hundred points.
    expect(coefs.filter((c) => Math.abs(c - m) > m / 4)).toEqual([]);
  });

  it('invalid planted values are reported without being echoed, and nothing is written', async () => {
    const round = await copySample(tmp, 'invalide');
    await editCsv(join(round, 'mentores.csv'), (h, r, i) =>
      r.map((c, k) => {
        const col = h[k] as keyof typeof INVALID;
        return col in INVALID && i < 4 ? INVALID[col] : c;
      }),
    );
    const out = join(tmp, 'invalide-out');
    const runs = [mm(['match', round, '--out', out, '--date', DATE]), mm(['validate', round, '--format', 'json'])];
    for (const r of runs) expect(r.code).toBe(1);
    expect(runs[0].stderr).toContain('mentores.csv:2 qpv');
    const text = runs.flatMap((r) => [r.stdout, r.stderr]).join('\n');
    for (const v of Object.values(INVALID)) expect(text.includes(v), v).toBe(false);
    expect((await readdir(tmp)).filter((n) => n.startsWith('invalide-out') || n.startsWith('.invalide-out'))).toEqual([]);
  });
});
