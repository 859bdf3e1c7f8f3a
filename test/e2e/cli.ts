/**
 * Runs the BUILT command line (`node dist/cli/index.js`) as a coordinator would, and helpers to
 * copy and alter the sample round. `npm test` builds first; run `npm run build` before running
 * these tests alone (the helper builds once if dist/ is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CLI = join(ROOT, 'dist', 'cli', 'index.js');
export const SAMPLE = join(ROOT, 'datasets', 'sample');
/** A fixed round date, so that eligibility does not depend on the day the tests run. */
export const DATE = '2026-11-16';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
}

/** Runs `mentormatch …args`; MENTORMATCH_DETERMINISTE=1 unless env says otherwise. */
export function mm(args: string[], env: Record<string, string> = {}): Run {
  ensureBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MENTORMATCH_DETERMINISTE: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'mm-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Copies the sample round into `dir/name` and returns its path. */
export async function copySample(dir: string, name = 'tour'): Promise<string> {
  const to = join(dir, name);
  await cp(SAMPLE, to, { recursive: true });
  return to;
}

/** Rewrites one CSV of a round cell by cell: `edit(header, row, rowIndex)` returns the new row. */
export async function editCsv(path: string, edit: (header: string[], row: string[], index: number) => string[]): Promise<void> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(';');
  const out = [lines[0]];
  let k = 0;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    out.push(edit(header, line.split(';'), k++).join(';'));
  }
  await writeFile(path, '\uFEFF' + out.join('\r\n') + '\r\n');
}

/**
 * The rows of a `;` CSV, split naively (enough to count rows and read unquoted columns), read
 * independently of the app: header dropped unless `withHeader`; rows whose cells are all empty are
 * skipped, as ingestion skips a spreadsheet's trailing empty rows.
 */
export async function dataRows(path: string, withHeader = false): Promise<string[][]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .slice(withHeader ? 0 : 1)
    .filter((l) => l.replace(/;/g, '').trim() !== '')
    .map((l) => l.split(';'));
}
