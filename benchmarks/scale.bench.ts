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
import { benchRound, benchRoundDir, readAndCountLines } from './data.js';
import { loadPipeline, type Cands } from './pipeline.js';
import {
  type Chart,
  type RunOptions,
  type Scenario,
  type ScenarioReport,
  fmtMs,
  fmtRatio,
  measure,
  peakRssMiB,
  sink,
} from './lib.js';

interface StageRow {
  preset: PresetName;
  mentees: number;
  mentors: number;
  stage: string;
  minMs: number;
  medianMs: number;
  ratio: number;
  peakRssMiB: number;
}

/** Fewer repetitions where one run takes seconds. */
function runsFor(preset: PresetName): { warmup: number; runs: number } {
  return preset === 'national' ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
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
    const add = (stage: string, t: { minMs: number; medianMs: number }): void => {
      rows.push({ preset, mentees, mentors, stage, minMs: t.minMs, medianMs: t.medianMs, ratio: t.medianMs / ref.medianMs, peakRssMiB: peakRssMiB() });
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

  const stages = [...new Set(rows.map((r) => r.stage))];
  const chart = (id: string, title: string, yLabel: string, y: (r: StageRow) => number): Chart => ({
    id,
    title,
    xLabel: 'mentorés (échelle log)',
    yLabel,
    series: stages.map((s) => ({ label: s, points: rows.filter((r) => r.stage === s).map((r) => ({ x: r.mentees, y: y(r) })) })),
  });
  const note =
    `Median and min of repeated runs after a warm-up (5 runs, 3 at national size); ratio = median / the ` +
    `reference measured on the same round in the same run (reading the files' bytes and counting lines). ` +
    `Peak RSS is the process's maximum so far (sizes run in ascending order).` +
    (pipeline.missing.length > 0 ? ` Not yet in the tree when this ran: ${pipeline.missing.join('; ')}.` : '');
  return {
    tables: [
      {
        title: 'Scale: time per stage',
        columns: ['preset', 'mentorés × mentors', 'stage', 'median', 'min', 'ratio to reference', 'peak RSS (MiB)'],
        rows: rows.map((r) => [
          r.preset,
          `${r.mentees.toLocaleString('en-US')} × ${r.mentors.toLocaleString('en-US')}`,
          r.stage,
          fmtMs(r.medianMs),
          fmtMs(r.minMs),
          fmtRatio(r.ratio),
          Math.round(r.peakRssMiB),
        ]),
        note,
      },
    ],
    charts: [
      chart('scale-time', 'Temps par étape selon la taille (log–log)', 'ms (médiane)', (r) => r.medianMs),
      chart('scale-memory', 'Pic de mémoire selon la taille (log–log)', 'MiB (RSS max)', (r) => r.peakRssMiB),
    ],
    data: { rows, missing: pipeline.missing },
  };
}

/** The scale scenario. */
export const scenario: Scenario = {
  name: 'scale',
  description: 'Every stage (generate, write, ingest, candidates, encode, solve, end to end) from sample to national size.',
  run,
};
