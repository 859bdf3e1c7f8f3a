/**
 * The problem interchange format (JSON, for integrators and for checking), its zod schema, the
 * conversion to a `Problem`, and the result format. Pure: no file system (the CLI reads the file).
 *
 * Problem: { sense, mentees, mentors, capacity[mentors], edges: [mentee, mentor, weight(, load)][],
 *            priority?[mentees], preferences?: { mentees: mentor[][], mentors: mentee[][] } }
 * Result:  { status, solver, assignment: (mentor | null)[], covered, weight, bound, seconds }
 */
import { z } from 'zod';
import type { Problem } from '../encode/problem.js';
import type { SolveResult, SolveStatus } from './types.js';

const index = z.number().int().nonnegative();

/** Zod schema of the problem file (shape only; index ranges are checked by `problemFromJson`). */
export const ProblemJsonSchema = z
  .object({
    sense: z.enum(['max', 'min']),
    mentees: index,
    mentors: index,
    capacity: z.array(z.number().nonnegative()),
    edges: z.array(z.union([z.tuple([index, index, z.number()]), z.tuple([index, index, z.number(), z.number().nonnegative()])])),
    priority: z.array(z.number().positive()).optional(),
    preferences: z
      .object({ mentees: z.array(z.array(index)), mentors: z.array(z.array(index)) })
      .strict()
      .optional(),
  })
  .strict();

/** The problem file, as parsed. */
export type ProblemJson = z.infer<typeof ProblemJsonSchema>;

/** One thing wrong with a problem file: where (JSON path) and what (French, for the coordinator). */
export interface ProblemJsonIssue {
  path: string;
  message: string;
}

/** Either the Problem or the list of what is wrong. */
export type ProblemFromJsonResult = { ok: true; problem: Problem } | { ok: false; issues: ProblemJsonIssue[] };

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s || '(racine)';
}

/**
 * Validates a parsed JSON value and builds the Problem (CSR by mentee; edges keep their file order
 * within a mentee). Issues are in French; at most `maxIssues` are reported.
 */
export function problemFromJson(data: unknown, maxIssues = 20): ProblemFromJsonResult {
  const parsed = ProblemJsonSchema.safeParse(data, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, maxIssues).map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const d = parsed.data;
  const issues: ProblemJsonIssue[] = [];
  const add = (path: string, message: string): void => {
    if (issues.length < maxIssues) issues.push({ path, message });
  };
  if (d.capacity.length !== d.mentors) add('capacity', `${d.capacity.length} capacités pour ${d.mentors} mentors`);
  if (d.priority && d.priority.length !== d.mentees) add('priority', `${d.priority.length} priorités pour ${d.mentees} mentorés`);
  const withLoad = d.edges.some((e) => e.length === 4);
  if (withLoad && d.edges.some((e) => e.length === 3)) add('edges', 'toutes les arêtes doivent avoir une charge, ou aucune');
  if (!withLoad) {
    d.capacity.forEach((c, j) => {
      if (!Number.isInteger(c)) add(`capacity[${j}]`, `capacité ${c} : un nombre entier de mentorés est attendu (sans charges)`);
    });
  }
  d.edges.forEach((e, k) => {
    if (e[0] >= d.mentees) add(`edges[${k}][0]`, `mentoré ${e[0]} hors limites (0 à ${d.mentees - 1})`);
    if (e[1] >= d.mentors) add(`edges[${k}][1]`, `mentor ${e[1]} hors limites (0 à ${d.mentors - 1})`);
    if (!Number.isFinite(e[2])) add(`edges[${k}][2]`, 'poids non fini');
  });
  if (d.preferences) {
    const pr = d.preferences;
    if (pr.mentees.length !== d.mentees) add('preferences.mentees', `${pr.mentees.length} listes pour ${d.mentees} mentorés`);
    if (pr.mentors.length !== d.mentors) add('preferences.mentors', `${pr.mentors.length} listes pour ${d.mentors} mentors`);
    pr.mentees.forEach((l, i) =>
      l.forEach((j, r) => {
        if (j >= d.mentors) add(`preferences.mentees[${i}][${r}]`, `mentor ${j} hors limites`);
      }),
    );
    pr.mentors.forEach((l, j) =>
      l.forEach((i, r) => {
        if (i >= d.mentees) add(`preferences.mentors[${j}][${r}]`, `mentoré ${i} hors limites`);
      }),
    );
  }
  if (issues.length) return { ok: false, issues };

  // CSR by mentee: counting sort, stable in file order.
  const n = d.mentees;
  const offsets = new Int32Array(n + 1);
  for (const e of d.edges) offsets[e[0] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const ne = d.edges.length;
  const edgeMentor = new Int32Array(ne);
  const edgeWeight = new Float64Array(ne);
  const edgeLoad = withLoad ? new Float64Array(ne) : undefined;
  for (const e of d.edges) {
    const q = fill[e[0]]++;
    edgeMentor[q] = e[1];
    edgeWeight[q] = e[2];
    if (edgeLoad) edgeLoad[q] = e[3] as number;
  }
  const problem: Problem = {
    sense: d.sense,
    nMentees: n,
    nMentors: d.mentors,
    capacity: withLoad ? Float64Array.from(d.capacity) : Int32Array.from(d.capacity),
    offsets,
    edgeMentor,
    edgeWeight,
  };
  if (edgeLoad) problem.edgeLoad = edgeLoad;
  if (d.priority) problem.priority = Float64Array.from(d.priority);
  if (d.preferences) {
    problem.preferences = {
      mentees: d.preferences.mentees.map((l) => Int32Array.from(l)),
      mentors: d.preferences.mentors.map((l) => Int32Array.from(l)),
    };
  }
  return { ok: true, problem };
}

/** The inverse of `problemFromJson` (loads, priority and preferences when present). */
export function problemToJson(p: Problem): ProblemJson {
  const edges: ProblemJson['edges'] = [];
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      edges.push(p.edgeLoad ? [i, p.edgeMentor[e], p.edgeWeight[e], p.edgeLoad[e]] : [i, p.edgeMentor[e], p.edgeWeight[e]]);
    }
  }
  const out: ProblemJson = { sense: p.sense, mentees: p.nMentees, mentors: p.nMentors, capacity: Array.from(p.capacity), edges };
  if (p.priority) out.priority = Array.from(p.priority);
  if (p.preferences) out.preferences = { mentees: p.preferences.mentees.map((l) => Array.from(l)), mentors: p.preferences.mentors.map((l) => Array.from(l)) };
  return out;
}

/** The result file. */
export interface ResultJson {
  status: SolveStatus;
  solver: string;
  /** Mentor index of each mentee, or null. */
  assignment: (number | null)[];
  covered: number;
  /** Sum of the chosen edges' weights (slot penalties not included). */
  weight: number;
  /** Best known bound on the objective (optimal: the objective itself), or null when unknown. */
  bound: number | null;
  /** Solve and check time, s (the only field that differs between identical runs). */
  seconds: number;
}

/** A `SolveResult` in the interchange format. */
export function resultToJson(r: SolveResult): ResultJson {
  return {
    status: r.status,
    solver: r.solver,
    assignment: Array.from(r.assignment, (j) => (j >= 0 ? j : null)),
    covered: r.objective.covered,
    weight: r.objective.weight,
    bound: r.bound ?? (r.optimal ? r.objective.net : null),
    seconds: Math.round(r.timings.solveMs + r.timings.checkMs) / 1000,
  };
}
