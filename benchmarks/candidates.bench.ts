/**
 * Candidates: `buildCandidates` on generated rounds (seeded, real communes), up to the national
 * size (150,000 mentees × 100,000 mentors). The reference measured in the same run is one pass of
 * `evaluatePair` over 1,000,000 (mentee, mentor) pairs, the unit of the O(n·m) brute force it
 * avoids: the ratio says how many million-pair brute-force slices the indexed generator costs.
 * Runs on its own: `npx tsx --expose-gc benchmarks/candidates.bench.ts [--quick]` (min and median of
 * the timed runs, peak RSS, and the load average, since the machine may be shared).
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { buildCandidates } from '../src/candidates/build.js';
import { evaluatePair, newPairEval } from '../src/candidates/pair.js';
import { prepareRound } from '../src/candidates/prepare.js';
import { PolicySchema } from '../src/schema/policy.js';
import type { Round } from '../src/schema/round.js';
import { loadCommunes, loadDiplomas } from '../src/io/reference.js';
import { generateRound } from '../src/generate/round.js';
import { type RunOptions, type Scenario, type ScenarioReport, fmtMs, fmtRatio, measure, peakRssMiB } from './lib.js';

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
      const t = await measure(() => buildCandidates(round, ctx), { warmup: 1, runs: opts.quick ? 2 : 3 });
      const rss = peakRssMiB();
      rows.push([name, round.mentores.length, round.mentors.length, t.last.mentor.length, fmtMs(t.minMs), fmtMs(t.medianMs), fmtRatio(t.medianMs / ref.medianMs), Math.round(rss)]);
      data.push({ name, mentees: round.mentores.length, mentors: round.mentors.length, edges: t.last.mentor.length, minMs: t.minMs, medianMs: t.medianMs, peakRssMiB: rss });
    }
    return {
      tables: [
        {
          title: 'Candidate generation',
          columns: ['round', 'mentees', 'mentors', 'edges', 'min', 'median', '× 1M brute-force pairs', 'peak RSS MiB'],
          rows,
          note: `Reference: 1,000,000 evaluatePair calls, median ${fmtMs(ref.medianMs)}. Min and median of ${opts.quick ? 2 : 3} timed runs after a warm-up; load average (1 min) at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (a shared machine inflates every figure).`,
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
