import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, mm } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mm-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stdout into a slow pipe', () => {
  it('a result far larger than a pipe buffer (64 KiB) arrives whole before the process exits', () => {
    // 30,000 mentees: the result's assignment alone is ~200 KB of JSON.
    const n = 30_000;
    const edges = Array.from({ length: n }, (_, i) => [i, i % 1000, 1 + (i % 7)]);
    const problem = join(dir, 'p.json');
    writeFileSync(problem, JSON.stringify({ sense: 'max', mentees: n, mentors: 1000, capacity: Array(1000).fill(3), edges }));
    mm(['--help']); // builds dist/ if needed
    // The reader starts one second late, so the pipe is full when the command finishes.
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${CLI}" solve --problem "${problem}" --solver greedy | (sleep 1; cat)`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(out.length).toBeGreaterThan(128 * 1024);
    const result = JSON.parse(out);
    expect(result.assignment).toHaveLength(n);
    expect(result.covered).toBe(3000);
  });
});
