/**
 * Policies: on the same seeded rounds, each solver the registry offers (flow: coverage then
 * score; lp: per-school travel budget; lagrangien: the same budgets at scale; greedy: best score first, what a
 * coordinator does by hand; stable: deferred acceptance), with the figures a DRAFPIC asks for.
 * The reference measured in the same run is `greedy`'s time: other times are ratios to it.
 */
import { readRound } from '../src/io/round.js';
import type { Round } from '../src/schema/round.js';
import type { Problem } from '../src/encode/problem.js';
import { PRESETS, type PresetName } from '../src/generate/presets.js';
import { benchRoundDir } from './data.js';
import { loadPipeline, type Cands, type Solved } from './pipeline.js';
import { policyMetrics, type PolicyMetrics } from './metrics.js';
import { type RunOptions, type Scenario, type ScenarioReport, fmt, fmtMs, fmtRatio, measure } from './lib.js';

/** Solvers compared, in table order; those not in the registry are skipped. */
const POLICIES: Array<{ solver: string; label: string; budget: boolean }> = [
  { solver: 'flow', label: 'flow (coverage, then score)', budget: false },
  { solver: 'lp', label: 'lp (per-school budget)', budget: true },
  { solver: 'lagrangien', label: 'lagrangien (per-school budget, Lagrangian relaxation over flow)', budget: true },
  { solver: 'greedy', label: 'greedy (best score first)', budget: false },
  { solver: 'stable', label: 'stable (deferred acceptance)', budget: false },
];

/** Default budget of a school without one: 500 € per mentee (FAQ: forfait maximum par élève). */
const DEFAULT_EUR_PER_MENTEE = 500;

interface Row {
  preset: PresetName;
  policy: string;
  status: string;
  medianMs: number;
  ratio: number;
  metrics?: PolicyMetrics;
}

/** Mentee → school index, and each school's budget (€). */
function schoolsOf(round: Round): { school: Int32Array; budget: Float64Array } {
  const index = new Map(round.etablissements.map((e, k) => [e.uai, k]));
  const school = Int32Array.from(round.mentores.map((m) => index.get(m.uai) ?? 0));
  const size = new Int32Array(round.etablissements.length);
  for (const s of school) size[s]++;
  const budget = Float64Array.from(round.etablissements.map((e, k) => e.budget_eur ?? DEFAULT_EUR_PER_MENTEE * size[k]));
  return { school, budget };
}

/** The problem with the per-school budget rows, when the encoder did not add them. */
function withBudget(p: Problem, c: Cands, school: Int32Array, budget: Float64Array): Problem {
  if (p.side?.groupBudget && p.side.edgeCost && p.side.menteeGroup) return p;
  return { ...p, side: { ...p.side, menteeGroup: school, edgeCost: c.cost, groupBudget: budget } };
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—';
}

async function run({ quick }: RunOptions): Promise<ScenarioReport> {
  const presets: PresetName[] = quick ? ['sample'] : ['sample', 'academie', 'pilote-2024', 'national'];
  const pipeline = await loadPipeline();
  const { SOLVERS } = (await import('../src/solve/registry.js')) as { SOLVERS: Record<string, unknown> };
  const rows: Row[] = [];
  const skipped = POLICIES.filter((p) => !(p.solver in SOLVERS)).map((p) => p.solver);
  if (pipeline.buildCandidates && pipeline.encodeProblem && pipeline.solve) {
    const { buildCandidates, encodeProblem, solve } = pipeline;
    for (const preset of presets) {
      const date = PRESETS[preset].roundDate;
      const res = await readRound(benchRoundDir(preset), { date });
      if (!res.ok) throw new Error(`benchmark round ${preset} is invalid`);
      const round = res.round;
      const cands = buildCandidates(round, date);
      const base = encodeProblem(round, cands);
      const { school, budget } = schoolsOf(round);
      // A national flow solve can take minutes on a loaded machine: time it once there.
      const reps = quick ? { warmup: 0, runs: 1 } : preset === 'national' ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
      let referenceMs = NaN;
      for (const p of POLICIES) {
        if (!(p.solver in SOLVERS)) continue;
        // Budget-blind policies get the problem without side rows, so no solver half-applies them.
        const problem = p.budget ? withBudget(base, cands, school, budget) : { ...base, side: undefined };
        let solved: { medianMs: number; last: Solved };
        try {
          solved = await measure(() => solve(problem, p.solver), reps);
        } catch (err) {
          // A solver refusing a size (the dense LP) is a result, not a failure of the benchmark.
          const message = err instanceof Error ? err.message : String(err);
          rows.push({ preset, policy: p.label, status: `refused: ${message}`, medianMs: NaN, ratio: NaN });
          continue;
        }
        if (p.solver === 'greedy') referenceMs = solved.medianMs;
        process.stderr.write(`  ${preset} ${p.solver}: ${fmtMs(solved.medianMs)}\n`);
        rows.push({
          preset,
          policy: p.label,
          status: solved.last.status,
          medianMs: solved.medianMs,
          ratio: NaN,
          metrics: policyMetrics(cands, problem.capacity, solved.last.assignment, school, budget, problem.priority),
        });
      }
      for (const r of rows) if (r.preset === preset) r.ratio = r.medianMs / referenceMs;
    }
  }
  const missing = [...pipeline.missing, ...skipped.map((s) => `solver ${s} (not in the registry)`)];
  return {
    tables: [
      {
        title: 'Policies: what each solver gives on the same round',
        columns: [
          'round', 'policy', 'status', 'coverage', 'priority coverage', 'mean score', 'same trade', 'same famille',
          'same filière', 'cross-filière (HR)', 'km mean', 'km p90', 'travel €', 'schools over budget (€ over)',
          'worst school coverage', 'blocking pairs', 'time (median)', 'time / greedy',
        ],
        rows: rows.map((r) => {
          const m = r.metrics;
          return [
            r.preset, r.policy, r.status,
            m ? pct(m.coverage) : '—', m ? pct(m.priorityCoverage) : '—', m ? fmt(m.meanScore, 1) : '—',
            m ? pct(m.sameTrade) : '—', m ? pct(m.sameFamille) : '—', m ? pct(m.sameFiliere) : '—', m ? pct(m.crossFiliere) : '—',
            m ? fmt(m.kmMean, 1) : '—', m ? fmt(m.kmP90, 1) : '—', m ? Math.round(m.travelEur).toLocaleString('en-US') : '—',
            m ? `${m.schoolsOverBudget} (${Math.round(m.overBudgetEur).toLocaleString('en-US')})` : '—',
            m ? pct(m.worstSchoolCoverage) : '—', m ? m.blockingPairs : '—', fmtMs(r.medianMs), fmtRatio(r.ratio),
          ];
        }),
        note:
          'Shares of matched pairs by trade level; km are road-estimated km of in-person pairs; travel € per school ' +
          'year at the policy rate; a school is over budget when its pairs cost more than `budget_eur` (default 500 € ' +
          'per mentee). Blocking pairs use score-derived preferences. Times: median of 3 runs after a warm-up (one run in quick mode and at national size), as a ' +
          'ratio to greedy measured on the same problem.' +
          (missing.length > 0 ? ` Not available when this ran: ${missing.join('; ')}.` : ''),
      },
    ],
    data: { rows, missing },
  };
}

/** The policies scenario. */
export const scenario: Scenario = {
  name: 'policies',
  description: 'flow, lp (budget), greedy and stable on the same rounds: coverage, trade match, km, travel €, budgets, fairness, blocking pairs, time.',
  run,
};
