/**
 * Benchmark runner: `npm run bench -- [scenario …] [--quick]`.
 * No scenario = all of them (`benchmarks/*.bench.ts`). Each scenario runs in its own child
 * process, so its peak RSS is its own. Results go to `benchmarks/results/` (JSON, Markdown, SVG);
 * `--quick` runs every scenario at small sizes and writes to the git-ignored
 * `benchmarks/.data/results-quick/` instead, so CI never overwrites the published figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, sinkChecksum, type Scenario, type ScenarioReport, type Table } from './lib.js';
import { renderLogLogSvg } from './svg.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Scenarios in the order the summary shows them; other files follow alphabetically. */
const ORDER = ['scale', 'policies', 'candidates', 'flow', 'lp', 'parallel'];
/**
 * In quick mode a scenario that runs longer than this is stopped and reported as failed: the
 * quick suite is part of CI and must fail rather than hang (the whole suite aims at < 1 min).
 */
const QUICK_LIMIT_MS = 60_000;

function available(): string[] {
  const names = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A table as GitHub Markdown. */
export function tableMarkdown(t: Table): string {
  const lines = [`### ${t.title}`, '', `| ${t.columns.join(' | ')} |`, `|${t.columns.map(() => '---').join('|')}|`];
  for (const row of t.rows) lines.push(`| ${row.map((c) => String(c)).join(' | ')} |`);
  if (t.note) lines.push('', t.note);
  return `${lines.join('\n')}\n`;
}

async function runOne(name: string, quick: boolean, outDir: string): Promise<boolean> {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { scenario?: Scenario };
  const scenario = mod.scenario;
  if (!scenario) {
    process.stderr.write(`${name}.bench.ts exports no \`scenario\`: skipped\n`);
    return false;
  }
  const started = Date.now();
  process.stderr.write(`▶ ${scenario.name}${quick ? ' (quick)' : ''}: ${scenario.description}\n`);
  const report: ScenarioReport | undefined = await scenario.run({ quick });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`✔ ${scenario.name} in ${seconds.toFixed(1)} s (sink ${sinkChecksum()})\n`);
  if (!report) return true;
  const m = machine();
  const header =
    `## ${scenario.name}${quick ? ' (quick)' : ''}\n\n${scenario.description}\n\n` +
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, Node ${m.node}, ${m.platform}; ` +
    `load average at the end ${m.loadavg.join(' / ')} (1 / 5 / 15 min). ` +
    `Command: \`npm run bench -- ${scenario.name}${quick ? ' --quick' : ''}\`.\n\n`;
  const md = header + report.tables.map(tableMarkdown).join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${scenario.name}.md`), md);
  writeFileSync(
    join(outDir, `${scenario.name}.json`),
    `${JSON.stringify({ scenario: scenario.name, quick, machine: m, date: new Date().toISOString(), seconds, ...report }, null, 1)}\n`,
  );
  for (const chart of report.charts ?? []) writeFileSync(join(outDir, `${chart.id}.svg`), renderLogLogSvg(chart));
  process.stdout.write(`${md}\n`);
  return true;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const inChild = args.includes('--child');
  const names = args.filter((a) => !a.startsWith('--'));
  const all = available();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown scenario(s): ${unknown.join(', ')}. Available: ${all.join(', ')}\n`);
    return 2;
  }
  const selected = names.length > 0 ? names : all;
  const outDir = quick ? join(here, '.data', 'results-quick') : join(here, 'results');
  if (inChild || selected.length === 1) return (await runOne(selected[0], quick, outDir)) ? 0 : 1;
  // One child process per scenario: isolated peak RSS, and one scenario's crash does not hide the others.
  let failed = 0;
  for (const name of selected) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name, '--child', ...(quick ? ['--quick'] : [])], {
      stdio: 'inherit',
      ...(quick ? { timeout: QUICK_LIMIT_MS, killSignal: 'SIGKILL' as const } : {}),
    });
    if (child.status !== 0) {
      failed++;
      const why = child.error && (child.error as { code?: string }).code === 'ETIMEDOUT' ? `over ${QUICK_LIMIT_MS / 1000} s in quick mode` : `exit ${child.status ?? child.signal}`;
      process.stderr.write(`✘ ${name} failed (${why})\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
