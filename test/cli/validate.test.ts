import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE, cleanRounds, roundWith } from '../io/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli/index.ts');

afterAll(cleanRounds);

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** Every path under `dir` with its size and mtime: proof that nothing was written. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.push(`${p} ${s.size} ${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

describe('mentormatch validate', () => {
  it('valid sample: exit 0, counts per file, ineligible mentors as information', async () => {
    const { code, stdout } = await run(['validate', SAMPLE, '--date', '25/11/2026'], ROOT);
    expect(code).toBe(0);
    expect(stdout).toContain('date du tour : 25/11/2026');
    expect(stdout).toContain('mentores.csv : 300 lignes (UTF-8, séparateur « ; »)');
    expect(stdout).toContain('Tour valide : 15 établissements, 300 mentorés, 210 mentors');
    expect(stdout).toMatch(/Information : \d+ mentors inéligibles/);
    expect(stdout).toContain('les étudiants ne peuvent pas être mentors : 8');
  });

  it('invalid round: exit 1, one line per issue `fichier:ligne colonne — message`, nothing written, no secret echoed', async () => {
    const dir = roundWith({
      'mentors.csv':
        'id;statut;filiere;code_commune;capacite;modalite;disponibilites;honorabilite\nM1;salarie;numerique;69123;9;presentiel;lun-pm;verifiee\nM3;salarie;mobilite;99999;1;distanciel;jeu-soir;verifiee\n',
      'mentores.csv':
        'id;uai;diplome;annee;disponibilites;modalite;qpv\nE1;0690001A;40025519R;1;lun-pm;presentiel;SECRETVALUE\nE2;0690001A;numerique;2;jeu-soir;distanciel;\n',
      'contraintes.csv': null,
    });
    const cwd = mkdtempSync(join(tmpdir(), 'mm-cwd-'));
    const before = [...snapshot(dir), ...snapshot(cwd)];
    const { code, stdout, stderr } = await run(['validate', dir, '--date', '2024-11-01'], cwd);
    expect([...snapshot(dir), ...snapshot(cwd)]).toEqual(before);
    rmSync(cwd, { recursive: true });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines).toContain('Tour invalide : 3 problèmes à corriger.');
    expect(lines.filter((l) => / — /.test(l)).map((l) => l.split(' — ')[0])).toEqual(['mentores.csv:2 qpv', 'mentors.csv:2 capacite', 'mentors.csv:3 code_commune']);
    expect(stdout).not.toContain('SECRETVALUE');
  });

  it('--format json prints the structured issues', async () => {
    const dir = roundWith({ 'contraintes.csv': 'mentore_id;mentor_id;type\nE1;M1;impose\nE1;M1;interdit\n' });
    const { code, stdout } = await run(['validate', dir, '--format', 'json', '--date', '2024-11-01'], ROOT);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.valid).toBe(false);
    expect(out.issues).toEqual([
      expect.objectContaining({ code: 'constraint_contradiction', file: 'contraintes.csv', row: 3, column: 'type' }),
    ]);
  });

  it('bad --date and missing folder: exit 1 with a French message, no stack trace', async () => {
    const bad = await run(['validate', SAMPLE, '--date', '31/02/2024'], ROOT);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('date « 31/02/2024 » invalide');
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const missing = await run(['validate', '/nonexistent/tour'], ROOT);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("n'existe pas");
  });
});
