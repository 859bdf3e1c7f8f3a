/**
 * The pipeline stages the benchmarks time, resolved from the source tree at run time: a stage
 * whose module has not landed yet (parallel development) is reported as unavailable instead of
 * breaking the harness. Each loader returns null when its module or export is missing.
 */
import type { Round } from '../src/schema/round.js';
import type { Problem } from '../src/encode/problem.js';

/** Imports a module of src/ by path relative to this file; null when it does not exist. */
async function tryImport(path: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(path)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

/** A candidate set as far as the benchmarks read it (see src/candidates/set.ts). */
export interface Cands {
  nMentees: number;
  nMentors: number;
  offsets: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
  km: Float64Array;
  cost: Float64Array;
  modality: Uint8Array;
  tradeLevel: Uint8Array;
}

/** A solve result as far as the benchmarks read it (see src/solve/types.ts). */
export interface Solved {
  status: string;
  assignment: Int32Array;
  objective: { covered: number; priorityCovered: number; weight: number; net: number };
}

/** Stage functions; absent ones are listed in `missing`. */
export interface Pipeline {
  buildCandidates?: (round: Round, date: string) => Cands;
  encodeProblem?: (round: Round, cands: Cands) => Problem;
  solve?: (problem: Problem, solver: string) => Solved;
  missing: string[];
}

/** Resolves the stages that exist in the tree. */
export async function loadPipeline(): Promise<Pipeline> {
  const out: Pipeline = { missing: [] };
  const build = await tryImport('../src/candidates/build.js');
  const reference = await tryImport('../src/io/reference.js');
  if (build && typeof build.buildCandidates === 'function' && reference) {
    const buildCandidates = build.buildCandidates as (round: Round, ctx: unknown) => Cands;
    const loadCommunes = reference.loadCommunes as () => unknown;
    const loadDiplomas = reference.loadDiplomas as () => unknown;
    out.buildCandidates = (round, date) =>
      buildCandidates(round, { communes: loadCommunes(), diplomas: loadDiplomas(), date, policy: round.politique });
  } else out.missing.push('candidates (src/candidates/build.ts: buildCandidates)');

  const encode = await tryImport('../src/encode/encode.js');
  if (encode && typeof encode.encodeProblem === 'function') {
    const encodeProblem = encode.encodeProblem as (round: Round, cands: Cands, policy: Round['politique']) => { problem: Problem };
    out.encodeProblem = (round, cands) => encodeProblem(round, cands, round.politique).problem;
  } else out.missing.push('encode (src/encode/encode.ts: encodeProblem)');

  const solve = await tryImport('../src/solve/solve.js');
  if (solve && typeof solve.solve === 'function') {
    const run = solve.solve as (p: Problem, o: { solver: string }) => Solved;
    out.solve = (p, solver) => run(p, { solver });
  } else out.missing.push('solve (src/solve/solve.ts: solve)');
  return out;
}
