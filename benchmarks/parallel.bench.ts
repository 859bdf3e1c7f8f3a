/**
 * Parallel: the national round (150,000 mentees × 100,000 mentors, K = 30) solved end to end by
 * `solveBatches` with 1 and 2 workers, in the exact `components` mode and the `regions` mode
 * (25 mainland académies + 5 islands), against one national `flow` solve measured in the same run:
 * the speedup and the regional split's loss (coverage, net score). Plus a small job, to check that
 * batching never makes it slower than a plain sequential solve.
 *
 * Run: `npx tsx benchmarks/parallel.bench.ts [--quick]` or `npm run bench -- parallel`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BatchOptions } from '../src/parallel/pool.js';
import type { Partition } from '../src/parallel/types.js';
import * as srcApi from '../src/index.js';
import type { Problem } from '../src/encode/problem.js';
import type { ParMode, ReconciliationLevel } from '../src/pipeline/run-round.js';
import { PRESETS } from '../src/generate/presets.js';
import { benchRoundDir } from './data.js';
import { probeMachine } from './machine.js';
import { fmt, fmtMs, fmtRatio, measure, peakRssMiB, sink, type RunOptions, type Scenario, type ScenarioReport, type Table } from './lib.js';

/**
 * The built library when there is one (`npm run build`): workers then load plain JS, as in
 * production, instead of compiling the TypeScript worker through tsx at every pool start.
 */
const distIndex = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const useDist = existsSync(distIndex) && existsSync(fileURLToPath(new URL('../dist/parallel/region.worker.js', import.meta.url)));
const api = (useDist ? await import(pathToFileURL(distIndex).href) : srcApi) as typeof srcApi;
const { partitionProblem, solveBatches, lossOf, regionalLike, solve } = api;

interface Row {
  label: string;
  workers: number;
  execution: string;
  parts: number;
  medianMs: number;
  minMs: number;
  covered: number;
  net: number;
  coverageLoss: number;
  netLossPct: number;
  speedup: number;
  /** Speedup on 2 idle cores predicted from the 1-worker run: parts scheduled largest first on 2 lanes, reconciliation serial. */
  ideal2: number;
  reconcileMs: number;
}

/** Makespan of `times` on `lanes` machines, largest first (what the pool does). */
function lptMakespan(times: number[], lanes: number): number {
  const load = new Array<number>(lanes).fill(0);
  for (const t of [...times].sort((a, b) => b - a)) {
    let best = 0;
    for (let l = 1; l < lanes; l++) if (load[l] < load[best]) best = l;
    load[best] += t;
  }
  return Math.max(...load);
}

async function run({ quick }: RunOptions): Promise<ScenarioReport> {
  // First, on an idle machine: what a second core gives at all, for loops like the solver's.
  const machine = await probeMachine(quick ? 1 : 3);
  // Quick mode (CI) only checks that the harness runs: a small round, one run per row.
  const size = quick ? { nMentees: 4_000, nMentors: 2_700 } : { nMentees: 150_000, nMentors: 100_000 };
  const reps = quick ? { warmup: 0, runs: 1 } : { warmup: 0, runs: 2 };
  const { problem, region } = regionalLike({
    ...size,
    k: 30,
    seed: 2024,
    islands: 5,
    islandShare: 0.008,
    filieres: 3,
    slotPenalty: [0, 10, 20],
  });
  sink(problem.edgeWeight);

  // Reference: one national exact solve in this thread.
  const national = await measure(() => solve(problem, { solver: 'flow', skipCheck: true }), reps);
  const ref = national.last.objective;
  const rows: Row[] = [
    {
      label: 'national (one solve, reference)',
      workers: 1,
      execution: 'in-thread',
      parts: 1,
      medianMs: national.medianMs,
      minMs: national.minMs,
      covered: ref.covered,
      net: ref.net,
      coverageLoss: 0,
      netLossPct: 0,
      speedup: 1,
      ideal2: 1,
      reconcileMs: 0,
    },
  ];
  const components = partitionProblem(problem, null, 'components');
  const regions = partitionProblem(problem, region, 'regions');
  const cases: Array<{ label: string; partition: Partition; options: BatchOptions }> = [
    { label: 'components (exact)', partition: components, options: {} },
    { label: 'regions + reconciliation depth 2 (default)', partition: regions, options: {} },
    { label: 'regions + reconciliation depth 1', partition: regions, options: { reconcileDepth: 1 } },
    { label: 'regions, no reconciliation', partition: regions, options: { reconcile: false } },
  ];
  for (const c of cases) {
    let ideal2 = NaN;
    const runs: Array<[number, 'in-thread' | 'pool']> = [
      [1, 'in-thread'],
      [1, 'pool'],
      [2, 'pool'],
    ];
    for (const [workers, execution] of runs) {
      const t = await measure(
        () =>
          solveBatches(problem, c.partition, { ...c.options, solver: 'flow', solveOptions: { skipCheck: true }, workers, execution, quiet: true }),
        reps,
      );
      const r = t.last;
      if (execution === 'in-thread') {
        const partMs = r.parts.map((p) => p.seconds * 1000);
        const serialMs = t.medianMs - partMs.reduce((a, b) => a + b, 0);
        ideal2 = t.medianMs / (lptMakespan(partMs, 2) + serialMs);
      }
      const loss = lossOf(problem.sense, ref, r.value);
      rows.push({
        label: c.label,
        workers,
        execution: r.execution,
        parts: c.partition.nParts,
        medianMs: t.medianMs,
        minMs: t.minMs,
        covered: r.value.covered,
        net: r.value.net,
        coverageLoss: loss.coverageLoss,
        netLossPct: 100 * loss.weightLossRatio,
        speedup: national.medianMs / t.medianMs,
        ideal2,
        reconcileMs: (r.reconcile?.seconds ?? 0) * 1000,
      });
    }
  }
  const small = await smallJob(quick);
  const roundRows = quick ? [] : await generatedRoundEndToEnd(3);
  const tables: Table[] = [
    {
      title: `Regional batches, ${size.nMentees.toLocaleString('en')} × ${size.nMentors.toLocaleString('en')}, K = 30`,
      columns: ['split', 'workers', 'execution', 'parts', 'median', 'min', 'speedup vs national', '2-core bound vs 1 worker', 'covered', 'coverage loss', 'net score loss', 'reconciliation'],
      rows: rows.map((r) => [
        r.label,
        r.workers,
        r.execution,
        r.parts,
        fmtMs(r.medianMs),
        fmtMs(r.minMs),
        fmtRatio(r.speedup),
        fmtRatio(r.ideal2),
        r.covered,
        r.coverageLoss,
        `${fmt(r.netLossPct, 3)} %`,
        r.reconcileMs ? fmtMs(r.reconcileMs) : '—',
      ]),
      note:
        `Speedup = the national solve's median time / the row's median time (same problem, same run). ` +
        `2-core bound = what 2 idle cores can give over the 1-worker in-thread run, from its measured part times ` +
        `(largest part first on 2 lanes; sub-problem building, assembly and reconciliation serial). ` +
        `Loss = national − split (mentees covered; net score in % of the national net score). ` +
        `Regions: ${regions.borderMentors.length} border mentors, ${regions.droppedEdges} edges outside their owner's region. ` +
        `${availableParallelism()} cores; peak RSS ${fmt(peakRssMiB(), 0)} MiB; library loaded from ${useDist ? 'dist/' : 'src/ (workers through tsx)'}.`,
    },
    {
      title: 'Small job (3,000 × 2,000): batching is never slower than one sequential solve',
      columns: ['run', 'median', 'min', 'ratio to sequential'],
      rows: small.map((s) => [s.label, fmtMs(s.medianMs), fmtMs(s.minMs), fmtRatio(s.medianMs / small[0].medianMs)]),
      note: '`auto` stays in the calling thread below 200,000 edges; `pool` forces worker threads (their start is the difference).',
    },
  ];
  tables.push({
    title: 'What 2 cores give on this machine: one loop alone, then two copies at once (two processes)',
    columns: ['loop', 'alone', 'each, two at once', 'throughput of two'],
    rows: machine.map((m) => [m.label, fmtMs(m.aloneMs), fmtMs(m.togetherMs), fmtRatio(m.throughput)]),
    note:
      'Separate processes share no heap and no V8 thread: 2.00× means the second core is a whole core for that work. ' +
      'Random reads and writes of a Float64Array (the solver\'s price and label arrays) over a working set near the ' +
      'last-level cache are where two copies slow each other (`benchmarks/machine.ts`).',
  });
  if (roundRows.length > 0) {
    const ref = roundRows[0];
    tables.push({
      title: 'The generated national round end to end (`mentormatch match`, one fresh process per run), 150,000 × 100,000',
      columns: ['--par', '--reconciliation', 'loss measured', 'workers', 'parts', 'median', 'min', 'candidates', 'solve', 'decode', 'read + write + start', 'speedup vs aucun, 1 worker', 'pairs', 'coverage loss', 'score loss'],
      rows: roundRows.map((r) => [
        r.par,
        r.reconciliation,
        r.loss ? 'yes (`mesure_perte` apart)' : 'no',
        r.workers,
        r.parts,
        fmtMs(r.medianMs),
        fmtMs(r.minMs),
        fmtMs(r.phases.candidats ?? 0),
        fmtMs(r.phases.resolution ?? 0),
        fmtMs(r.phases.decodage ?? 0),
        fmtMs(r.medianMs - (r.phases.total ?? 0)),
        fmtRatio(ref.medianMs / r.medianMs),
        r.pairs,
        ref.pairs - r.pairs,
        `${fmt((100 * (ref.score - r.score)) / ref.score, 3)} %`,
      ]),
      note:
        '`generate --preset national --seed 2024`; each row `mentormatch match <round> --par P --workers N --sans-mesure-perte` ' +
        'run 3 times from dist/, each a new process (median and min wall clock). Phases from the last run\'s `synthese.json` ' +
        '(`durees_ms`: candidates; encoding + split + solve + reconciliation; decoding); the rest is reading the CSV files, ' +
        'writing the four outputs and the process start. The round\'s candidate graph is one connected component (transverse HR ' +
        'mentors and distanciel pairs join the filières and académies), so `composantes` has one part, solved in the calling ' +
        'thread: the second worker only shares the candidate scan (from 30,000 mentees); `academie` splits it into 30 parts and ' +
        'reconciles the border mentors as `--reconciliation` says (`aucune`: every académie on its own, no reconciliation; ' +
        'loss against the exact solve in the last columns). The last two rows are `match --par academie` as it runs by default, ' +
        'without `--sans-mesure-perte`: it also solves the whole round to report the loss, after the regional solve with 1 worker, ' +
        'alongside it on a worker of its own with 2; the wall clock includes it, the solve column does not with 1 worker.',
    });
  }
  return { tables, data: { rows, small, roundRows, machine, borderMentors: regions.borderMentors.length, droppedEdges: regions.droppedEdges } };
}

/** `runRound` on the generated national round, by split mode and worker count. */
type RoundRow = { par: string; reconciliation: string; loss: boolean; workers: number; parts: number; medianMs: number; minMs: number; pairs: number; score: number; phases: Record<string, number> };

/**
 * `mentormatch match` on the generated national round, by split mode and worker count, each run a
 * fresh process of the built CLI: what a coordinator waits for (reading, candidates, solve,
 * decoding, writing the four files), and the state `match` solves in (its first solve: a process
 * that has solved before runs the auction's closures slower, see the README).
 */
async function generatedRoundEndToEnd(runs: number): Promise<RoundRow[]> {
  const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
  if (!existsSync(cli)) {
    process.stderr.write('  (no dist/cli: run npm run build for the end-to-end rows)\n');
    return [];
  }
  const date = PRESETS.national.roundDate;
  const dir = benchRoundDir('national');
  const outRoot = mkdtempSync(join(tmpdir(), 'mm-bench-e2e-'));
  const out: RoundRow[] = [];
  // academie: the default reconciliation with 1 and 2 workers, then every académie on its own
  // (`aucune`: no reconciliation, the most parallel split) and the border mentors only.
  // Last, `academie` as `match` runs it by default, the loss measured (its reference solve alongside
  // the regional solve with 2 workers).
  const cases: Array<[ParMode, number, ReconciliationLevel | null, boolean]> = [
    ['aucun', 1, null, false],
    ['composantes', 1, null, false],
    ['composantes', 2, null, false],
    ['academie', 1, 'etendue', false],
    ['academie', 2, 'etendue', false],
    ['academie', 1, 'frontaliers', false],
    ['academie', 1, 'aucune', false],
    ['academie', 2, 'aucune', false],
    ['academie', 1, 'etendue', true],
    ['academie', 2, 'etendue', true],
  ];
  try {
    for (const [par, workers, reconciliation, measureLoss] of cases) {
      const times: number[] = [];
      let synthese: any = null;
      for (let r = 0; r < runs; r++) {
        const o = join(outRoot, `${par}-${workers}-${r}`);
        // The loss is read against the `aucun` row of this run: no second solve inside `match`.
        const args = [cli, 'match', dir, '--out', o, '--date', date, '--par', par, '--workers', String(workers), '--quiet', '--format', 'json'];
        if (reconciliation) args.push('--reconciliation', reconciliation);
        if (!measureLoss) args.push('--sans-mesure-perte');
        const t0 = performance.now();
        const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, MENTORMATCH_DETERMINISTE: '0' } });
        times.push(performance.now() - t0);
        if (res.status !== 0) throw new Error(`match --par ${par} --workers ${workers} failed (${res.status}): ${res.stderr}`);
        synthese = JSON.parse(res.stdout);
        rmSync(o, { recursive: true, force: true });
      }
      times.sort((a, b) => a - b);
      const medianMs = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
      process.stderr.write(`  match ${par}${reconciliation ? ` (${reconciliation})` : ''}${measureLoss ? ' + loss' : ''} × ${workers}: ${fmtMs(medianMs)}\n`);
      out.push({
        par,
        reconciliation: reconciliation ?? '—',
        loss: measureLoss,
        workers,
        parts: Math.max(1, synthese.regions.length),
        medianMs,
        minMs: times[0],
        pairs: synthese.comptes.apparies,
        score: synthese.objectif.score_total,
        phases: synthese.durees_ms,
      });
    }
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
  return out;
}

/** A small regional job: plain solve vs solveBatches in `auto` (in-thread) and forced `pool`. */
async function smallJob(quick: boolean): Promise<Array<{ label: string; medianMs: number; minMs: number }>> {
  const { problem, region } = regionalLike({ nMentees: 3000, nMentors: 2000, k: 30, seed: 7, islands: 2 });
  const partition = partitionProblem(problem, region, 'components');
  const reps = quick ? { warmup: 1, runs: 2 } : { warmup: 2, runs: 7 };
  const out: Array<{ label: string; medianMs: number; minMs: number }> = [];
  const add = async (label: string, fn: () => unknown): Promise<void> => {
    const t = await measure(fn as () => Promise<unknown>, reps);
    out.push({ label, medianMs: t.medianMs, minMs: t.minMs });
  };
  await add('sequential solve (flow)', () => solve(problem as Problem, { solver: 'flow' }));
  await add('solveBatches, components, 2 workers, auto', () => solveBatches(problem, partition, { workers: 2, quiet: true }));
  await add('solveBatches, components, 2 workers, pool', () => solveBatches(problem, partition, { workers: 2, quiet: true, execution: 'pool' }));
  return out;
}

/** The scenario for the benchmark harness (benchmarks/run.ts). */
export const scenario: Scenario = {
  name: 'parallel',
  description: 'Regional batches on worker threads: speedup with 1 and 2 workers, and the regional split loss against one national solve.',
  run,
};

// Standalone: `npx tsx benchmarks/parallel.bench.ts [--quick]` prints the tables.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run({ quick: process.argv.includes('--quick') });
  for (const t of report.tables) {
    console.log(`\n### ${t.title}\n\n| ${t.columns.join(' | ')} |\n|${t.columns.map(() => '---').join('|')}|`);
    for (const r of t.rows) console.log(`| ${r.join(' | ')} |`);
    if (t.note) console.log(`\n${t.note}`);
  }
}
