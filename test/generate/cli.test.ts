import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { register } from '../../src/cli/generate.js';
import { EXIT, runCli } from '../../src/cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'mm-gen-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `mentormatch generate …` in-process; returns the exit code and what was printed. */
async function generate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command().name('mentormatch');
  register(program);
  let out = '';
  let err = '';
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(program, ['node', 'mentormatch', 'generate', ...args]);
    return { code, out, err };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

describe('mentormatch generate', () => {
  it('writes the five files of a round and says what it wrote, in French', async () => {
    const out = join(dir, 'sample');
    const r = await generate(['--preset', 'sample', '--seed', '3', '--out', out]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toContain('300 mentorés, 210 mentors');
    expect(readdirSync(out).sort()).toEqual(['contraintes.csv', 'etablissements.csv', 'mentores.csv', 'mentors.csv', 'politique.json']);
  });

  it('refuses an unknown preset, a bad seed, a bad date and a non-empty folder with a French message', async () => {
    expect((await generate(['--preset', 'europe', '--out', join(dir, 'x')])).err).toContain('préréglage inconnu « europe »');
    expect((await generate(['--preset', 'sample', '--seed', '-4', '--out', join(dir, 'x')])).err).toContain('graine invalide');
    expect((await generate(['--preset', 'sample', '--date', '16/11/2026', '--out', join(dir, 'x')])).err).toContain('date invalide');
    const full = mkdtempSync(join(dir, 'full-'));
    writeFileSync(join(full, 'keep.txt'), 'x');
    const r = await generate(['--preset', 'sample', '--out', full]);
    expect(r.code).toBe(EXIT.INVALID);
    expect(r.err).toContain("n'est pas vide");
  });
});
