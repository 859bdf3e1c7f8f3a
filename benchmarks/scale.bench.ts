/**
 * Scale: every pipeline stage at sample / academie / pilote-2024 / national sizes: generate,
 * write the round, ingest (readRound), candidates, encode, solve (flow), end to end. The
 * reference, measured in the same run, is reading the round's bytes and counting its lines: the
 * ratio column says how many times that floor each stage costs.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readRound } from '../src/io/round.js';
import { writeRound } from '../src/io/round-writer.js';
import type { Round } from '../src/schema/round.js';
import type { Problem } from '../src/encode/problem.js';
import type { PresetName } from '../src/generate/presets.js';
import { PRESETS } from '../src/generate/presets.js';
import { benchRound, benchRoundDir, benchRoundDirSized, readAndCountLines } from './data.js';
import { loadPipeline, type Cands, type Pipeline } from './pipeline.js';
import {
  type Chart,
  type RunOptions,
  type Scenario,
  type ScenarioReport,
  type Table,
  fmt,
  fmtMs,
  fmtRatio,
  measure,
  peakRssMiB,
  sink,
} from './lib.js';

interface StageRow {
  preset: PresetName;
  runs: number;
  mentees: number;
  mentors: number;
  stage: string;
  minMs: number;
  medianMs: number;
  ratio: number;
  peakRssMiB: number;
}

/**
 * Fewer repetitions where one run takes seconds: at national size a stage runs for seconds, so a
 * JIT warm-up changes nothing and the reference run has already brought the files into the cache.
 */
function runsFor(preset: PresetName): { warmup: number; runs: number; budgetMs?: number } {
  return preset === 'national' ? { warmup: 0, runs: 3, budgetMs: 20_000 } : { warmup: 1, runs: 5 };
}

async function run({ quick }: RunOptions): Promise<ScenarioReport> {
  const presets: PresetName[] = quick ? ['sample'] : ['sample', 'academie', 'pilote-2024', 'national'];
  const pipeline = await loadPipeline();
  const rows: StageRow[] = [];
  for (const preset of presets) {
    const reps = runsFor(preset);
    const { mentees, mentors } = PRESETS[preset];
    const dir = benchRoundDir(preset);
    const ref = await measure(() => readAndCountLines(dir), reps);
    const add = (stage: string, t: { minMs: number; medianMs: number; runs: number }): void => {
      rows.push({ preset, runs: t.runs, mentees, mentors, stage, minMs: t.minMs, medianMs: t.medianMs, ratio: t.medianMs / ref.medianMs, peakRssMiB: peakRssMiB() });
      process.stderr.write(`  ${preset} ${stage}: ${fmtMs(t.medianMs)}\n`);
    };
    add('reference: read bytes', ref);

    const gen = await measure(() => benchRound(preset), reps);
    add('generate (in memory)', gen);
    const tmp = join(tmpdir(), `mm-bench-write-${process.pid}`);
    add('write round (CSV)', await measure(() => writeRound(tmp, gen.last), reps));
    rmSync(tmp, { recursive: true, force: true });

    const date = PRESETS[preset].roundDate;
    const ingest = await measure(async () => {
      const res = await readRound(dir, { date });
      if (!res.ok) throw new Error(`benchmark round ${preset} is invalid: ${res.issues[0]?.message}`);
      return res.round;
    }, reps);
    add('ingest (readRound)', ingest);
    const round: Round = ingest.last;

    let cands: Cands | undefined;
    if (pipeline.buildCandidates) {
      const build = pipeline.buildCandidates;
      const c = await measure(() => build(round, date), reps);
      add('candidates', c);
      cands = c.last;
    }
    let problem: Problem | undefined;
    if (pipeline.encodeProblem && cands) {
      const encode = pipeline.encodeProblem;
      const c = cands;
      const e = await measure(() => encode(round, c), reps);
      add('encode', e);
      problem = e.last;
    }
    if (pipeline.solve && problem) {
      const solve = pipeline.solve;
      const p = problem;
      add('solve (flow)', await measure(() => solve(p, 'flow'), reps));
    }
    if (pipeline.buildCandidates && pipeline.encodeProblem && pipeline.solve) {
      const { buildCandidates, encodeProblem, solve } = pipeline;
      add(
        'end to end (ingest → solve)',
        await measure(async () => {
          const res = await readRound(dir, { date });
          if (!res.ok) throw new Error('invalid round');
          const c = buildCandidates(res.round, date);
          return solve(encodeProblem(res.round, c), 'flow');
        }, reps),
      );
    }
    sink(rows.length);
  }

  const lp = await flowVersusLp(pipeline, quick);

  const stages = [...new Set(rows.map((r) => r.stage))];
  const chart = (id: string, title: string, yLabel: string, y: (r: StageRow) => number): Chart => ({
    id,
    title,
    xLabel: 'mentees',
    yLabel,
    series: stages.map((s) => ({ label: s, points: rows.filter((r) => r.stage === s).map((r) => ({ x: r.mentees, y: y(r) })) })),
  });
  const note =
    `Median and min of repeated runs (5 after a warm-up; at national size no warm-up and up to 3 runs within 20 s); ratio = median / the ` +
    `reference measured on the same round in the same run (reading the files' bytes and counting lines). ` +
    `Peak RSS is the process's maximum so far (sizes run in ascending order).` +
    (pipeline.missing.length > 0 ? ` Not yet in the tree when this ran: ${pipeline.missing.join('; ')}.` : '');
  return {
    tables: [
      {
        title: 'Scale: time per stage',
        columns: ['preset', 'mentees × mentors', 'stage', 'median', 'min', 'runs', 'ratio to reference', 'peak RSS (MiB)'],
        rows: rows.map((r) => [
          r.preset,
          `${r.mentees.toLocaleString('en-US')} × ${r.mentors.toLocaleString('en-US')}`,
          r.stage,
          fmtMs(r.medianMs),
          fmtMs(r.minMs),
          r.runs,
          fmtRatio(r.ratio),
          Math.round(r.peakRssMiB),
        ]),
        note,
      },
      lp,
    ],
    charts: [
      chart('scale-time', 'Time per stage against size (log–log)', 'ms (median)', (r) => r.medianMs),
      chart('scale-memory', 'Peak memory against size (log–log)', 'MiB (peak RSS)', (r) => r.peakRssMiB),
    ],
    data: { rows, missing: pipeline.missing },
  };
}

interface LpRow {
  mentees: number;
  edges: number;
  flowMs: number;
  lpMs: number;
  same: string;
}

/**
 * `flow` against javascript-lp-solver (the `lp` solver) on rounds small enough for its dense
 * tableau: same problem, no side rows, so both must reach the same lexicographic optimum.
 */
async function flowVersusLp(pipeline: Pipeline, quick: boolean): Promise<Table> {
  const sizes = quick ? [40] : [40, 80, 160];
  const rows: LpRow[] = [];
  const { SOLVERS } = (await import('../src/solve/registry.js')) as { SOLVERS: Record<string, unknown> };
  const ready = pipeline.buildCandidates && pipeline.encodeProblem && pipeline.solve && 'lp' in SOLVERS;
  if (ready) {
    const { buildCandidates, encodeProblem, solve } = pipeline as Required<Pipeline>;
    for (const n of sizes) {
      const date = PRESETS.sample.roundDate;
      const res = await readRound(benchRoundDirSized('sample', n, Math.round(n * 0.7)), { date });
      if (!res.ok) throw new Error(`benchmark round of ${n} mentees is invalid`);
      const cands = buildCandidates(res.round, date);
      const problem: Problem = { ...encodeProblem(res.round, cands), side: undefined };
      const flow = await measure(() => solve(problem, 'flow'), { warmup: 1, runs: 5 });
      let lpMs = NaN;
      let same = 'refused';
      try {
        // One timed run: a dense LP of a few thousand columns takes seconds.
        const lp = await measure(() => solve(problem, 'lp'), { warmup: 0, runs: 1 });
        lpMs = lp.medianMs;
        const a = flow.last.objective;
        const b = lp.last.objective;
        same = a.covered === b.covered && Math.abs(a.net - b.net) <= 1e-6 * Math.max(1, Math.abs(a.net)) ? 'yes' : `no (${a.covered}/${fmt(a.net, 3)} vs ${b.covered}/${fmt(b.net, 3)})`;
      } catch (err) {
        same = `refused: ${err instanceof Error ? err.message : String(err)}`;
      }
      rows.push({ mentees: n, edges: problem.offsets[problem.nMentees], flowMs: flow.medianMs, lpMs, same });
    }
  }
  return {
    title: 'flow against javascript-lp-solver (same problem, no side rows)',
    columns: ['mentees', 'candidate pairs', 'flow (median)', 'lp (one run)', 'lp / flow', 'same optimum (coverage, net score)'],
    rows: rows.map((r) => [r.mentees, r.edges, fmtMs(r.flowMs), fmtMs(r.lpMs), fmtRatio(r.lpMs / r.flowMs), r.same]),
    note: ready
      ? 'Rounds of the sample preset (Lyon) with fewer mentees; mentors = 0.7 × mentees.'
      : 'Not available when this ran: the `lp` solver (or an earlier stage) was not in the tree.',
  };
}

/** The scale scenario. */
export const scenario: Scenario = {
  name: 'scale',
  description: 'Every stage (generate, write, ingest, candidates, encode, solve, end to end) from sample to national size.',
  run,
};
