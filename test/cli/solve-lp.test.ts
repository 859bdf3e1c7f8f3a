import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mm } from '../e2e/cli.js';
import { hangingJson } from '../solve/lp-helpers.js';

describe('mentormatch solve --solver lp above its size limit', () => {
  it('refuses at once in French, naming the cell limit, exit 1', async () => {
    // 600 mentees × 3 candidates with loads: an integer program of 1.8 M cells (limit 500 000).
    const edges: number[][] = [];
    for (let i = 0; i < 600; i++) for (let c = 0; c < 3; c++) edges.push([i, (i * 7 + c * 31) % 400, c + 1, 1 + c]);
    const dir = await mkdtemp(join(tmpdir(), 'mm-lp-'));
    const file = join(dir, 'p.json');
    await writeFile(file, JSON.stringify({ sense: 'max', mentees: 600, mentors: 400, capacity: Array(400).fill(3), edges }));
    const t0 = Date.now();
    const r = mm(['solve', '--problem', file, '--solver', 'lp']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Erreur : le solveur lp est limité à 500 000 cellules de tableau');
    expect(r.stderr).toContain('1 802 801');
    expect(r.stderr).toContain('aucun autre solveur ne traite les charges');
  });
});

describe('mentormatch solve --solver lp on a model where the library cycles', () => {
  it('stops at --timeout 2: exit 0, status timeout in the JSON, a French warning', async () => {
    // 451 k cells, below the MIP limit: javascript-lp-solver pivots for minutes inside one node.
    const dir = await mkdtemp(join(tmpdir(), 'mm-lp-'));
    const file = join(dir, 'p.json');
    await writeFile(file, JSON.stringify(hangingJson()));
    const t0 = Date.now();
    const r = mm(['solve', '--problem', file, '--solver', 'lp', '--timeout', '2']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'timeout', solver: 'lp' });
    expect(r.stderr).toContain('Attention : délai de 2 s (--timeout) atteint, calcul arrêté');
  });
});
