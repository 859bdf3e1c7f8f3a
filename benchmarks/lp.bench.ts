/**
 * lp: (1) `flow` against javascript-lp-solver (`solveLp`) on the sizes the latter can hold, same
 * combined objective, time as a ratio to flow's measured in the same run; (2) lp's size limit: time
 * and peak memory against variables, for the pure LP and for the MIP with school budgets, up to and
 * (full mode) beyond the limits, and the refusal above them; (3) the Lagrangian relaxation of
 * per-school budgets over flow, against lp's MIP where it can hold the model and at sizes it cannot
 * (time, iterations, gap); (4) in full mode, the OR-Library GAP files (published optima, time).
 *
 * `npx tsx benchmarks/lp.bench.ts [--quick]` or through the runner (`npm run bench -- lp`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Problem } from '../src/encode/problem.js';
import { minCostFlow } from '../src/solve/flow.js';
import { LP_MAX_CELLS, LP_MAX_CELLS_MIP, solveLp, tableauCells } from '../src/solve/lp.js';
import { SolverRefusal } from '../src/solve/types.js';
import { buildLpModel, lexicographicWeight } from '../src/solve/lp-model.js';
import { solveLagrangian } from '../src/solve/lagrangian.js';
import { objectiveOf } from '../src/solve/objective.js';
import { mulberry32 } from '../src/solve/random.js';
import { type RunOptions, type Scenario, type ScenarioReport, type Table, fmt, fmtMs, fmtRatio, measure, peakRssMiB } from './lib.js';

/** Mulberry32, seeded: identical data across runs. */
const prng = mulberry32;

/**
 * A national-like random problem: n mentees, n/1.5 mentors of capacity 1–3, k candidates each,
 * scores 0–100, slot penalties [0, 10, 20], schools of 30 mentees, travel cost 0–400 € per pair.
 */
function problem(n: number, k: number, seed: number): Problem {
  const r = prng(seed);
  const nMentors = Math.ceil(n / 1.5);
  const offsets = new Int32Array(n + 1);
  const em = new Int32Array(n * k);
  const ew = new Float64Array(n * k);
  const cost = new Float64Array(n * k);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(k, nMentors)) seen.add(Math.floor(r() * nMentors));
    for (const j of [...seen].sort((a, b) => a - b)) {
      em[e] = j;
      ew[e] = Math.round(r() * 100);
      cost[e] = Math.round(r() * 400);
      e++;
    }
    offsets[i + 1] = e;
  }
  const capacity = Int32Array.from({ length: nMentors }, () => 1 + Math.floor(r() * 3));
  const menteeGroup = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 30));
  return {
    sense: 'max', nMentees: n, nMentors, capacity, offsets,
    edgeMentor: em.subarray(0, e), edgeWeight: ew.subarray(0, e),
    slotPenalty: Float64Array.from([0, 10, 20]),
    side: { menteeGroup, edgeCost: cost.subarray(0, e) },
  };
}

/** Budgets at `share` of what the unconstrained flow optimum spends in each school. */
function withBudgets(p: Problem, share: number): Problem {
  const a = minCostFlow({ ...p, side: undefined }).assignment;
  const g = p.side!.menteeGroup!;
  const nG = g[p.nMentees - 1] + 1;
  const spent = new Float64Array(nG);
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) if (p.edgeMentor[e] === a[i]) spent[g[i]] += p.side!.edgeCost![e];
  }
  return { ...p, side: { ...p.side, groupBudget: Float64Array.from(spent, (s) => Math.floor(s * share)) } };
}

/** One line per measured row on stderr: the full run takes minutes, this shows where it is. */
function progress(what: string): void {
  process.stderr.write(`  lp: ${what}\n`);
}

function combined(p: Problem, a: Int32Array): number {
  const o = objectiveOf(p, a);
  return lexicographicWeight(p) * o.priorityCovered + o.net;
}

async function flowVersusLp(quick: boolean) {
  const sizes = quick ? [50, 100, 200] : [50, 100, 200, 400, 800];
  const rows: Array<Array<string | number>> = [];
  for (const n of sizes) {
    const p = { ...problem(n, 5, 7 + n), side: undefined };
    const flow = await measure(() => minCostFlow(p).assignment, { warmup: 1, runs: 5 });
    const lp = await measure(() => solveLp(p), { warmup: 0, runs: 1 });
    const same = Math.abs(combined(p, flow.last) - lp.last.combined) <= 1e-6 * Math.abs(lp.last.combined);
    progress(`flow vs lp, ${n} mentees: ${fmtMs(lp.medianMs)}`);
    rows.push([n, p.offsets[n], tableauCells(buildLpModel(p)), fmtMs(flow.medianMs), fmtMs(lp.medianMs), fmtRatio(lp.medianMs / flow.medianMs), lp.last.status, same ? 'yes' : 'NO', Math.round(peakRssMiB())]);
  }
  return {
    title: 'flow against javascript-lp-solver (lp, with its dual-bound check), no side rows',
    columns: ['mentees', 'pairs', 'tableau cells', 'flow (median of 5)', 'lp (1 run)', 'lp / flow', 'lp status', 'same optimum', 'peak RSS MiB'],
    rows,
    note: 'Same combined objective (M × coverage + weight − slot penalties). lp solves the primal and its dual LP; its dense tableau grows as rows × columns, so its time grows about as the cube of the size.',
  };
}

/** lp on one problem: time, status and peak RSS, or the refusal (and how fast it came). */
function lpRow(kind: string, n: number, p: Problem, opts: { timeLimitMs?: number; maxCells?: number }): Array<string | number> {
  const m = buildLpModel(p);
  const t0 = performance.now();
  let status: string;
  try {
    const r = solveLp(p, opts);
    status = r.status;
  } catch (e) {
    if (!(e instanceof SolverRefusal)) throw e;
    status = `refused (${e.code})`;
  }
  const ms = performance.now() - t0;
  progress(`size limit, ${kind} ${n} mentees: ${fmtMs(ms)} ${status}`);
  const limit = opts.maxCells === Infinity ? 'lifted' : fmt(m.integer ? LP_MAX_CELLS_MIP : LP_MAX_CELLS, 0);
  return [kind, n, m.nVars, m.nRows, tableauCells(m), limit, fmtMs(ms), status, Math.round(peakRssMiB())];
}

async function sizeLimit(quick: boolean) {
  const rows: Array<Array<string | number>> = [];
  // MIP: school budgets at 80 % of the unconstrained spend, 10 candidates; the search is capped so
  // that the time shown is mostly the root LP, which the library cannot interrupt.
  const mip = (n: number): Problem => withBudgets(problem(n, 10, 11 + n), 0.8);
  for (const n of quick ? [60] : [60, 90, 120]) rows.push(lpRow('MIP', n, mip(n), { timeLimitMs: quick ? 1_000 : 5_000 }));
  if (!quick) rows.push(lpRow('MIP', 150, mip(150), { timeLimitMs: 5_000, maxCells: Infinity }));
  rows.push(lpRow('MIP', 200, mip(200), { timeLimitMs: 5_000 }));
  // Pure LP (no side rows): the assignment LP, 5 candidates per mentee.
  const pure = (n: number): Problem => ({ ...problem(n, 5, 7 + n), side: undefined });
  for (const n of quick ? [200] : [200, 400, 800]) rows.push(lpRow('LP', n, pure(n), {}));
  if (!quick) rows.push(lpRow('LP', 1000, pure(1000), { maxCells: Infinity }));
  rows.push(lpRow('LP', 1000, pure(1000), {}));
  return {
    title: "lp's size limit: time and peak memory against variables",
    columns: ['model', 'mentees', 'variables', 'rows', 'tableau cells', 'cell limit', 'time', 'status', 'peak RSS MiB'],
    rows,
    note:
      'One run each, MIP then LP, sizes ascending (peak RSS is the process peak so far, this table runs first). LP: no side rows, 5 candidates; MIP: school budgets at 80 % of ' +
      'the unconstrained spend, 10 candidates, branch and bound capped at 5 s (1 s in quick mode), so the time is mostly the root LP, ' +
      'which javascript-lp-solver cannot interrupt. "lifted": solved with the limit removed, to show the growth past it; above the ' +
      'limit lp refuses (too-large) before any solve.',
  };
}

async function lagrangianAtScale(quick: boolean) {
  const sizes = quick ? [60, 2_000] : [60, 120, 300, 2_000, 10_000];
  const rows: Array<Array<string | number>> = [];
  for (const n of sizes) {
    const p = withBudgets(problem(n, 10, 11 + n), 0.8);
    const flow = await measure(() => minCostFlow({ ...p, side: undefined }).assignment, { warmup: 1, runs: 3, budgetMs: 5_000 });
    const lag = await measure(() => solveLagrangian(p, { maxIterations: 60 }), { warmup: 0, runs: 1 });
    const r = lag.last;
    let lpCell = '—';
    if (tableauCells(buildLpModel(p)) <= LP_MAX_CELLS_MIP) {
      const lp = solveLp(p, { timeLimitMs: quick ? 2_000 : 20_000 });
      const found = lp.assignment.some((j) => j >= 0);
      lpCell = found ? `${fmt(lp.combined, 0)} (${lp.status})` : `no integer point in ${quick ? 2 : 20} s (${lp.status})`;
    }
    progress(`lagrangien, ${n} mentees: ${fmtMs(lag.medianMs)}, lp ${lpCell}`);
    rows.push([n, p.offsets[n], fmtMs(flow.medianMs), fmtMs(lag.medianMs), fmtRatio(lag.medianMs / flow.medianMs), r.iterations, r.status, fmt(r.combined, 0), fmt(r.combinedBound, 0), `${fmt(100 * r.gap, 3)} %`, lpCell]);
  }
  return {
    title: 'Lagrangian relaxation of per-school budgets (80 % of the unconstrained spend) over flow',
    columns: ['mentees', 'pairs', 'flow alone', 'lagrangien', 'ratio', 'iterations', 'status', 'best feasible', 'dual bound', 'gap', 'lp (MIP)'],
    rows,
    note:
      'Schools of 30 mentees, 10 candidates each, travel 0–400 € per pair. Gap = (bound − feasible) / bound on the combined objective; ' +
      "the bound is checked by re-solving the best subproblem and verifying its flow certificate. lp (MIP) where its cell limit allows, " +
      'search capped at 20 s (2 s in quick mode): its incumbent, never above the bound.',
  };
}

/** Branch-and-bound limit per GAP problem: gap5–gap6 proofs can take longer (30 problems). */
const GAP_LIMIT_MS = 10_000;

function gapFiles() {
  const dir = new URL('../test/fixtures/reference/gap/', import.meta.url);
  const optima = JSON.parse(readFileSync(new URL('optima.json', dir), 'utf8')) as Record<string, number[]>;
  const rows: Array<Array<string | number>> = [];
  for (const name of ['gap1', 'gap2', 'gap3', 'gap4', 'gap5', 'gap6']) {
    const nums = readFileSync(new URL(`${name}.txt`, dir), 'utf8').trim().split(/\s+/).map(Number);
    let k = 1;
    let reached = 0;
    let proven = 0;
    let nodes = 0;
    let worst = 0;
    let total = 0;
    for (let q = 0; q < nums[0]; q++) {
      const m = nums[k++];
      const n = nums[k++];
      const profit = nums.slice(k, (k += m * n));
      const res = nums.slice(k, (k += m * n));
      const cap = nums.slice(k, (k += m));
      const offsets = Int32Array.from({ length: n + 1 }, (_, j) => j * m);
      const p: Problem = {
        sense: 'max', nMentees: n, nMentors: m, capacity: Float64Array.from(cap), offsets,
        edgeMentor: Int32Array.from({ length: n * m }, (_, e) => e % m),
        edgeWeight: Float64Array.from({ length: n * m }, (_, e) => profit[(e % m) * n + Math.floor(e / m)]),
        edgeLoad: Float64Array.from({ length: n * m }, (_, e) => res[(e % m) * n + Math.floor(e / m)]),
      };
      const t0 = performance.now();
      const r = solveLp(p, { timeLimitMs: GAP_LIMIT_MS });
      const ms = performance.now() - t0;
      total += ms;
      worst = Math.max(worst, ms);
      const o = objectiveOf(p, r.assignment);
      if (o.covered === n && o.weight === optima[name][q]) reached++;
      if (r.status === 'optimal') proven++;
      nodes += r.nodes;
    }
    progress(`${name}: ${fmtMs(total)}`);
    rows.push([name, `${reached} / ${nums[0]}`, `${proven} / ${nums[0]}`, fmtMs(total), fmtMs(worst), nodes]);
  }
  return {
    title: 'OR-Library GAP with lp (loads, MIP)',
    columns: ['file', 'published optimum reached', 'proven optimal (checked)', 'total', 'slowest problem', 'B&B nodes (total)'],
    rows,
    note:
      `Branch and bound capped at ${GAP_LIMIT_MS / 1000} s per problem (5 problems per file). A problem stopped there returns its incumbent ` +
      '(`timeout`): it counts as reached when that incumbent is the published optimum, and as proven only when the checker accepted the search.',
  };
}

export const scenario: Scenario = {
  name: 'lp',
  description: 'flow vs javascript-lp-solver (ratio, same optimum); lp size limit (time, memory); Lagrangian budgets (gap); GAP files',
  async run(opts: RunOptions): Promise<ScenarioReport> {
    // The size-limit table first: its peak RSS column is the process peak so far.
    const tables: Table[] = [await sizeLimit(opts.quick), await flowVersusLp(opts.quick), await lagrangianAtScale(opts.quick)];
    if (!opts.quick) tables.push(gapFiles());
    return { tables };
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const report = await scenario.run({ quick: process.argv.includes('--quick') });
  for (const t of (report as ScenarioReport).tables) {
    console.log(`\n### ${t.title}\n| ${t.columns.join(' | ')} |`);
    for (const r of t.rows) console.log(`| ${r.join(' | ')} |`);
  }
}
