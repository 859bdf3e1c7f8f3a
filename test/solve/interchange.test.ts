import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problemFromJson, problemToJson, resultToJson } from '../../src/solve/interchange.js';
import { solve } from '../../src/solve/solve.js';

const EXAMPLE = {
  sense: 'max', mentees: 3, mentors: 2, capacity: [1, 2],
  edges: [[0, 0, 5.5], [0, 1, 3], [1, 1, 2], [2, 0, 1]],
  priority: [1, 1, 2],
  preferences: { mentees: [[0, 1], [1], [0]], mentors: [[2, 0], [0, 1]] },
};

describe('interchange format', () => {
  it("solves the issue's example: priority 2 takes mentor 0, the others share mentor 1", () => {
    const r = problemFromJson(EXAMPLE);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const out = resultToJson(solve(r.problem, { solver: 'flow' }));
    expect({ ...out, seconds: 0 }).toEqual({ status: 'optimal', solver: 'flow', assignment: [1, 1, 0], covered: 3, weight: 6, bound: 6, seconds: 0 });
  });
  it('round-trips through problemToJson', () => {
    const r = problemFromJson(EXAMPLE);
    if (!r.ok) throw new Error('invalid');
    expect(problemToJson(r.problem)).toEqual(EXAMPLE);
  });
  it('names what is wrong, in French', () => {
    const r = problemFromJson({ ...EXAMPLE, edges: [[0, 5, 1]], capacity: [1] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: 'capacity', message: '1 capacités pour 2 mentors' },
      { path: 'edges[0][1]', message: 'mentor 5 hors limites (0 à 1)' },
    ]);
    const s = problemFromJson({ sense: 'up', mentees: 1 });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.issues.map((i) => i.path)).toEqual(['sense', 'mentors', 'capacity', 'edges']);
  });
});

describe('mentormatch solve (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-solve-'));
  const cli = (args: string[]) => {
    try {
      return { code: 0, out: execFileSync('npx', ['tsx', 'src/cli/index.ts', 'solve', ...args], { encoding: 'utf8', stdio: 'pipe' }), err: '' };
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      return { code: x.status, out: x.stdout, err: x.stderr };
    }
  };
  it('writes the result file, and refuses an invalid problem with a French message', () => {
    writeFileSync(join(dir, 'p.json'), JSON.stringify(EXAMPLE));
    const ok = cli(['--problem', join(dir, 'p.json'), '--solver', 'greedy', '--out', join(dir, 'r.json')]);
    expect(ok.code).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(r.assignment).toEqual([0, 1, null]);
    expect(r.status).toBe('feasible');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...EXAMPLE, edges: [[0, 9, 1]] }));
    const bad = cli(['--problem', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('edges[0][1] : mentor 9 hors limites');
    writeFileSync(join(dir, 'broken.json'), '{ "sense": ');
    const broken = cli(['--problem', join(dir, 'broken.json')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("n'est pas un JSON valide");
  }, 60_000);
});
