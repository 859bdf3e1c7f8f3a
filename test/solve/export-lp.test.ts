import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../src/encode/problem.js';
import { exportLp } from '../../src/solve/lp-export.js';
import { solveLp } from '../../src/solve/lp.js';
import { randomProblem, type GenFlags } from './lp-helpers.js';

/** glpsol's answer: its status letter and objective, from its `--write` plain-text solution. */
function glpsol(dir: string, lp: string, name: string, relax = false): { status: string; objective: number } {
  const file = join(dir, `${name}.lp`);
  const sol = join(dir, `${name}.sol`);
  writeFileSync(file, lp);
  execFileSync('glpsol', ['--lp', file, ...(relax ? ['--nomip'] : []), '-w', sol], { stdio: 'pipe' });
  const line = readFileSync(sol, 'utf8').split('\n').find((l) => l.startsWith('s '));
  if (!line) throw new Error(`no solution line in ${sol}`);
  const f = line.split(/\s+/);
  // `s mip ROWS COLS STATUS OBJ` (o optimal, n none) or `s bas ROWS COLS PRIMAL DUAL OBJ` (f f optimal).
  if (f[1] === 'mip') return { status: f[4], objective: Number(f[5]) };
  return { status: f[4] === 'f' && f[5] === 'f' ? 'o' : f[4], objective: Number(f[6]) };
}

const example: Problem = {
  sense: 'max',
  nMentees: 3,
  nMentors: 2,
  capacity: Int32Array.from([1, 2]),
  offsets: Int32Array.from([0, 2, 3, 4]),
  edgeMentor: Int32Array.from([0, 1, 1, 0]),
  edgeWeight: Float64Array.from([5.5, 3, 2, 1]),
  priority: Float64Array.from([1, 1, 2]),
};

describe('exportLp (CPLEX LP format)', () => {
  it('glpsol is installed (.ci/run installs glpk-utils)', () => {
    expect(execFileSync('glpsol', ['--version']).toString()).toMatch(/GLPK/);
  });

  it('writes the exact model of a tiny problem', () => {
    expect(exportLp(example)).toBe(
      [
        '\\ mentormatch assignment model: 4 pairs, 4 variables, 5 rows',
        '\\ objective = 18 * (priority-weighted coverage) + (weight - slot penalties)',
        'Maximize',
        ' obj: 23.5 x_0 + 21 x_1 + 20 x_2 + 37 x_3',
        'Subject To',
        ' mentee_0: x_0 + x_1 <= 1',
        ' mentee_1: x_2 <= 1',
        ' mentee_2: x_3 <= 1',
        ' mentor_0: x_0 + x_3 <= 1',
        ' mentor_1: x_1 + x_2 <= 2',
        'Bounds',
        ' 0 <= x_0 <= 1',
        ' 0 <= x_1 <= 1',
        ' 0 <= x_2 <= 1',
        ' 0 <= x_3 <= 1',
        'End',
        '',
      ].join('\n'),
    );
  });

  it('is the same text for the same problem (deterministic)', () => {
    const p = randomProblem(6, 4, 99, { side: true, loads: true, penalties: true, imposed: true });
    expect(exportLp(p)).toBe(exportLp(p));
  });

  const sets: Array<[string, GenFlags]> = [
    ['plain', {}],
    ['penalties and priorities, min sense', { penalties: true, priorities: true, sense: 'min' }],
    ['side constraints and imposed pairs', { side: true, imposed: true, priorities: true }],
    ['loads', { loads: true, penalties: true }],
    ['loads and side constraints', { loads: true, side: true, priorities: true }],
  ];
  for (const [name, flags] of sets) {
    it(`glpsol finds our objective on seeded instances: ${name}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'mm-export-'));
      try {
        for (let seed = 1; seed <= 12; seed++) {
          const p = randomProblem(7, 4, seed * 7919, flags);
          const ours = solveLp(p);
          const g = glpsol(dir, exportLp(p), `s${seed}`);
          if (ours.status === 'infeasible') {
            expect(g.status).toBe('n');
            continue;
          }
          expect(ours.searchComplete).toBe(true);
          expect(g.status).toBe('o');
          expect(g.objective).toBeCloseTo(ours.combined, 6);
          // The LP relaxation optimum equals our dual bound: the dual LP's for a pure LP, the
          // branch and bound root's multipliers for a MIP.
          const relaxed = glpsol(dir, exportLp(p, { relax: true }), `r${seed}`, true);
          expect(relaxed.objective).toBeCloseTo(ours.mip ? ours.rootBound : ours.combinedBound, 5);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
