/**
 * Candidates: `buildCandidates` on generated rounds (seeded, real communes), up to the national
 * size (150,000 mentees × 100,000 mentors). The reference measured in the same run is one pass of
 * `evaluatePair` over 1,000,000 (mentee, mentor) pairs, the unit of the O(n·m) brute force it
 * avoids: the ratio says how many million-pair brute-force slices the indexed generator costs.
 * Each round is built on one thread and on two (`buildCandidatesParallel`: the scan shared over a
 * worker thread; the académie round is below the size where runRound uses it, measured to show why).
 * Runs on its own: `npx tsx --expose-gc benchmarks/candidates.bench.ts [--quick]` (min and median of
 * the timed runs, peak RSS, and the load average, since the machine may be shared).
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as srcBuild from '../src/candidates/build.js';
import * as srcParallel from '../src/candidates/parallel.js';
import { evaluatePair, newPairEval } from '../src/candidates/pair.js';
import { prepareRound } from '../src/candidates/prepare.js';
import { PolicySchema } from '../src/schema/policy.js';
import type { Round } from '../src/schema/round.js';
import { loadCommunes, loadDiplomas } from '../src/io/reference.js';
import { generateRound } from '../src/generate/round.js';
import { type RunOptions, type Scenario, type ScenarioReport, fmtMs, fmtRatio, measure, peakRssMiB } from './lib.js';

// From dist/ when built (a worker thread then starts in ~50 ms; under tsx it compiles the sources
// first, ~0.5 s), from src/ otherwise; both paths from the same tree, so the ratio compares like with like.
const distParallel = fileURLToPath(new URL('../dist/candidates/parallel.js', import.meta.url));
const useDist = existsSync(distParallel) && existsSync(fileURLToPath(new URL('../dist/candidates/scan.worker.js', import.meta.url)));
const { buildCandidates } = (useDist ? await import(pathToFileURL(fileURLToPath(new URL('../dist/candidates/build.js', import.meta.url))).href) : srcBuild) as typeof srcBuild;
const { buildCandidatesParallel } = (useDist ? await import(pathToFileURL(distParallel).href) : srcParallel) as typeof srcParallel;

function roundOf(preset: 'academie' | 'national', mentees?: number, mentors?: number): Round & { date: string } {
  const g = generateRound(preset, 2024, { communes: loadCommunes(), diplomas: loadDiplomas() }, { mentees, mentors });
  const politique = PolicySchema.parse(g.politique);
  return {
    dir: '',
    etablissements: g.etablissements,
    mentores: g.mentores,
    mentors: g.mentors,
    contraintes: g.contraintes,
    politique,
    files: [],
    rowOf: { mentores: [], mentors: [], etablissements: [] },
    date: g.roundDate,
  };
}

export const scenario: Scenario = {
  name: 'candidates',
  description: 'sparse candidate generation (eligibility, rules, scores, best K) at académie and national sizes',
  async run(opts: RunOptions): Promise<ScenarioReport> {
    const communes = loadCommunes();
    const diplomas = loadDiplomas();
    const sizes: Array<[string, Round & { date: string }]> = opts.quick
      ? [['academie', roundOf('academie')]]
      : [
          ['academie', roundOf('academie')],
          ['national', roundOf('national')],
        ];
    // Reference: 1,000,000 brute-force pair evaluations on the first round.
    const r0 = sizes[0][1];
    const p0 = prepareRound(r0, { communes, diplomas, date: r0.date, policy: r0.politique });
    const ev = newPairEval();
    const ref = await measure(() => {
      let ok = 0;
      for (let t = 0; t < 1_000_000; t++) if (evaluatePair(p0, t % p0.nMentees, (t * 7919) % p0.nMentors, ev)) ok++;
      return ok;
    }, { warmup: 1, runs: 3 });
    const rows: Array<Array<string | number>> = [];
    const data: unknown[] = [];
    for (const [name, round] of sizes) {
      const ctx = { communes, diplomas, date: round.date, policy: round.politique };
      const runs = opts.quick ? 2 : 3;
      const one = await measure(() => buildCandidates(round, ctx), { warmup: 1, runs });
      const rss = peakRssMiB();
      const two = await measure(() => buildCandidatesParallel(round, ctx, { workers: 2, minMentees: 0 }), { warmup: 1, runs });
      for (const [threads, t] of [[1, one], [2, two]] as const) {
        const speedup = threads === 1 ? '—' : fmtRatio(one.medianMs / t.medianMs);
        rows.push([name, threads, round.mentores.length, round.mentors.length, t.last.mentor.length, fmtMs(t.minMs), fmtMs(t.medianMs), speedup, fmtRatio(t.medianMs / ref.medianMs), Math.round(rss)]);
        data.push({ name, threads, mentees: round.mentores.length, mentors: round.mentors.length, edges: t.last.mentor.length, minMs: t.minMs, medianMs: t.medianMs, peakRssMiB: rss });
      }
    }
    return {
      tables: [
        {
          title: 'Candidate generation',
          columns: ['round', 'threads', 'mentees', 'mentors', 'edges', 'min', 'median', 'speedup', '× 1M brute-force pairs', 'peak RSS MiB (1 thread)'],
          rows,
          note: `Reference: 1,000,000 evaluatePair calls, median ${fmtMs(ref.medianMs)}. Min and median of ${opts.quick ? 2 : 3} timed runs after a warm-up; load average (1 min) at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (a shared machine inflates every figure). Threads: 2 = this thread and one worker (\`buildCandidatesParallel\`, which runRound uses from ${srcParallel.PARALLEL_MIN_MENTEES.toLocaleString('en')} mentees); library from ${useDist ? 'dist/' : 'src/ (the worker compiles through tsx)'}.`,
        },
      ],
      data,
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = (await scenario.run({ quick: process.argv.includes('--quick') })) as ScenarioReport;
  for (const t of report.tables) {
    console.log(t.title);
    console.log(t.columns.join(' | '));
    for (const r of t.rows) console.log(r.join(' | '));
    if (t.note) console.log(t.note);
  }
}
