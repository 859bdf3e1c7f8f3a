/**
 * `flow` on national-like problems (seeded, K = 30 candidates each): time, peak memory, edges/s,
 * and greedy measured in the same run as the reference (ratio flow / greedy). Two regimes: mentors
 * = 2/3 of mentees (slots ≈ 0.93 × mentees: over-demand, the hard case for successive shortest
 * paths) and mentors = mentees (slots ≈ 1.4 × mentees). Each run has a time limit; a `timeout`
 * row says the size is beyond the current solver. Full mode adds the generated national round,
 * the problem a national `match` solves.
 *
 * Run alone: `npx tsx benchmarks/flow.bench.ts [--quick]`.
 */
import { loadavg } from 'node:os';
import { nationalLike } from '../src/solve/random.js';
import { minCostFlow } from '../src/solve/flow.js';
import { greedyAssignment } from '../src/solve/greedy.js';
import { checkCertificate } from '../src/solve/certificate.js';
import { objectiveOf } from '../src/solve/objective.js';
import type { Problem } from '../src/encode/problem.js';
import { readRound } from '../src/io/round.js';
import { PRESETS } from '../src/generate/presets.js';
import { benchRoundDir } from './data.js';
import { loadPipeline } from './pipeline.js';
import { measure, peakRssMiB, sink, type Scenario, type ScenarioReport } from './lib.js';

/** Time limit of one flow run, ms. */
const LIMIT_MS = 60_000;

/** One table row: flow and greedy on `p`, measured in the same run. */
async function row(label: string, p: Problem, big: boolean): Promise<{ cells: Array<string | number>; timedOut: boolean }> {
  const n = p.nMentees;
  const edges = p.offsets[n];
  const flow = await measure(() => minCostFlow(p, LIMIT_MS), { warmup: big ? 0 : 1, runs: big ? 1 : 3 });
  const greedy = await measure(() => greedyAssignment(p), { warmup: big ? 0 : 1, runs: big ? 1 : 3 });
  const sol = flow.last;
  const ok = !sol.timedOut && checkCertificate(p, sol.assignment, sol.certificate).ok;
  const of = objectiveOf(p, sol.assignment);
  const og = objectiveOf(p, greedy.last);
  sink(of.net);
  const cells = [
    label,
    n,
    p.nMentors,
    edges,
    sol.timedOut ? `> ${LIMIT_MS / 1000} s (timeout)` : Math.round(flow.medianMs),
    Math.round(greedy.medianMs),
    sol.timedOut ? '—' : (flow.medianMs / greedy.medianMs).toFixed(1),
    sol.timedOut ? '—' : Math.round(edges / (flow.medianMs / 1000)),
    Math.round(peakRssMiB()),
    ok ? 'yes' : 'no',
    `${of.covered} / ${og.covered}`,
    (of.net - og.net).toFixed(0),
    `${sol.stats.bids} / ${sol.stats.searches + sol.stats.reverse}`,
    loadavg()[0].toFixed(1),
  ];
  return { cells, timedOut: sol.timedOut };
}

/**
 * The generated national round (150,000 × 100,000, seed 2024, real communes), encoded as the
 * pipeline does, side rows dropped: the problem `match --solver flow` solves, strongly
 * over-demanded (a quarter of the mentors ineligible) and spatially clustered.
 */
async function generatedNational(): Promise<Problem | null> {
  const pipeline = await loadPipeline();
  if (!pipeline.buildCandidates || !pipeline.encodeProblem) return null;
  const date = PRESETS.national.roundDate;
  const res = await readRound(benchRoundDir('national'), { date });
  if (!res.ok) throw new Error('benchmark round national is invalid');
  const p = pipeline.encodeProblem(res.round, pipeline.buildCandidates(res.round, date));
  return { ...p, side: undefined };
}

export const scenario: Scenario = {
  name: 'flow',
  description: 'exact min-cost flow on national-like problems (10k / 50k / 150k mentees) and on the generated national round, against greedy',
  async run({ quick }): Promise<ScenarioReport> {
    const sizes = quick ? [10_000] : [10_000, 50_000, 150_000];
    const rows: Array<Array<string | number>> = [];
    // The generated national round first, as `mentormatch match` solves it: once, in a process that
    // has not run flow before. A solve after others in the same process is slower (measured: 2.6 s
    // first, 3.5–4 s after three small solves; V8 specialises the auction's closures for the first
    // call only), which the random rows below then pay as well.
    let national: Array<string | number> | null = null;
    if (!quick) {
      const p = await generatedNational();
      if (p) national = (await row('generated national round (first solve in the process)', p, true)).cells;
    }
    for (const ratio of [1, 2 / 3]) {
      for (const n of sizes) {
        const p = nationalLike({ nMentees: n, nMentors: Math.round(n * ratio), k: 30, seed: 2024 });
        const r = await row(ratio === 1 ? 'random, mentors = mentees' : 'random, mentors = 2/3 mentees', p, n > 10_000);
        rows.push(r.cells);
        if (r.timedOut) break; // larger sizes of this regime would time out too
      }
    }
    if (national) rows.push(national);
    return {
      tables: [
        {
          title: 'flow (exact, certified) vs greedy, one core',
          columns: ['problem', 'mentees', 'mentors', 'edges', 'flow ms', 'greedy ms', 'flow/greedy', 'edges/s', 'peak RSS MiB', 'certified', 'covered flow / greedy', 'net gain', 'bids / searches', 'load'],
          rows,
          note:
            'Random: `nationalLike` (K = 30, capacities 1–3). Generated national round: `generate --preset national --seed 2024` through candidates and encoding (K = 30, slot penalties 0/10/20/30, priorities, 600 imposed pairs). ' +
            'Median of 3 runs (1 run above 10k). Certified = the independent checker accepted the dual certificate. Bids: auction bids of the warm start; searches: Dijkstra searches of the exact phase (forward + reverse). Load: 1-minute load average after the row (the machine may be shared: compare flow with greedy of the same row).',
        },
      ],
    };
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const rep = await scenario.run({ quick: process.argv.includes('--quick') });
  for (const t of rep.tables) {
    console.log(`${t.title}\n${t.columns.join(' | ')}`);
    for (const r of t.rows) console.log(r.join(' | '));
  }
}
