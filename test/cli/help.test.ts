import { describe, expect, it } from 'vitest';
import { mm } from '../e2e/cli.js';

describe('--help of match and explain', () => {
  it('match documents every option in French and exits 0', () => {
    const r = mm(['match', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--out', '--solver', '--par', '--workers', '--timeout', '--date', '--politique', '--seed', '--export-lp', '--format', '--quiet']) {
      expect(r.stdout).toContain(o);
    }
    expect(r.stdout).toContain('Apparie un tour complet');
    // The solver choices are the registry's keys.
    expect(r.stdout).toMatch(/flow, .*greedy/);
  });
  it('explain documents its arguments', () => {
    const r = mm(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<dossier>');
    expect(r.stdout).toContain('identifiant du mentoré');
  });
  it('the top-level help lists match and explain', () => {
    const r = mm(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/match \[options\] <tour>/);
    expect(r.stdout).toMatch(/explain \[options\] <dossier> <id>/);
  });
  it('match without --out is a usage error (exit 1), nothing run', () => {
    const r = mm(['match', 'datasets/sample']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--out');
  });
});
