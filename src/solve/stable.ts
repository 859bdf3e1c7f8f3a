/**
 * `stable`: capacitated deferred acceptance (Gale–Shapley, hospitals/residents). Mentee-proposing
 * by default (the mentee-optimal stable matching), mentor-proposing with `proposing: 'mentor'`.
 *
 * Preferences are the explicit lists of `Problem.preferences` when given (rankings collected after
 * a meeting session), otherwise derived from the weights (best first; ties by index, so the result
 * is deterministic). A pair is acceptable when it is a candidate edge and, with explicit lists, is
 * on both lists. Imposed pairs are fixed first and use their mentors' capacity.
 */
import type { Problem } from '../encode/problem.js';
import { SolverRefusal, type Solver, type SolveOptions, type SolverOutput } from './types.js';

/** Per-edge ranks (0 = best, -1 = unacceptable) on both sides, and each side's ordered lists. */
export interface PreferenceRanks {
  /** Rank of the edge's mentor in its mentee's list. */
  menteeRank: Int32Array;
  /** Rank of the edge's mentee in its mentor's list. */
  mentorRank: Int32Array;
  /** Acceptable edges of each mentee, best first: CSR over mentees. */
  menteeOffsets: Int32Array;
  menteeList: Int32Array;
  /** Acceptable edges of each mentor, best first: CSR over mentors. */
  mentorOffsets: Int32Array;
  mentorList: Int32Array;
  /** Mentee of each edge. */
  edgeMentee: Int32Array;
}

/** Builds both sides' rankings of the acceptable pairs. */
export function preferenceRanks(p: Problem): PreferenceRanks {
  const n = p.nMentees;
  const m = p.nMentors;
  const ne = p.offsets[n];
  const edgeMentee = new Int32Array(ne);
  for (let i = 0; i < n; i++) edgeMentee.fill(i, p.offsets[i], p.offsets[i + 1]);
  const menteeRank = new Int32Array(ne).fill(-1);
  const mentorRank = new Int32Array(ne).fill(-1);
  const w = p.edgeWeight;
  const better = p.sense === 'max' ? (a: number, b: number) => w[b] - w[a] : (a: number, b: number) => w[a] - w[b];
  const prefs = p.preferences;
  // Mentee side.
  for (let i = 0; i < n; i++) {
    const edges: number[] = [];
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) edges.push(e);
    if (prefs && prefs.mentees[i]) {
      const list = prefs.mentees[i];
      for (const e of edges) {
        const r = list.indexOf(p.edgeMentor[e]);
        menteeRank[e] = r;
      }
    } else {
      edges.sort((a, b) => better(a, b) || p.edgeMentor[a] - p.edgeMentor[b] || a - b);
      edges.forEach((e, r) => (menteeRank[e] = r));
    }
  }
  // Mentor side: the mentor's edges, by transposition.
  const byMentor: number[][] = Array.from({ length: m }, () => []);
  for (let e = 0; e < ne; e++) byMentor[p.edgeMentor[e]].push(e);
  for (let j = 0; j < m; j++) {
    const edges = byMentor[j];
    if (prefs && prefs.mentors[j]) {
      const list = prefs.mentors[j];
      for (const e of edges) mentorRank[e] = list.indexOf(edgeMentee[e]);
    } else {
      edges.sort((a, b) => better(a, b) || edgeMentee[a] - edgeMentee[b] || a - b);
      edges.forEach((e, r) => (mentorRank[e] = r));
    }
  }
  // Acceptable on both sides, or on neither.
  for (let e = 0; e < ne; e++) {
    if (menteeRank[e] < 0 || mentorRank[e] < 0) {
      menteeRank[e] = -1;
      mentorRank[e] = -1;
    }
  }
  const build = (groups: number[][], rank: Int32Array): [Int32Array, Int32Array] => {
    const off = new Int32Array(groups.length + 1);
    const list: number[] = [];
    groups.forEach((g, k) => {
      const ok = g.filter((e) => rank[e] >= 0).sort((a, b) => rank[a] - rank[b] || a - b);
      list.push(...ok);
      off[k + 1] = list.length;
    });
    return [off, Int32Array.from(list)];
  };
  const menteeGroups: number[][] = [];
  for (let i = 0; i < n; i++) {
    const g: number[] = [];
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) g.push(e);
    menteeGroups.push(g);
  }
  const [menteeOffsets, menteeList] = build(menteeGroups, menteeRank);
  const [mentorOffsets, mentorList] = build(byMentor, mentorRank);
  return { menteeRank, mentorRank, menteeOffsets, menteeList, mentorOffsets, mentorList, edgeMentee };
}

/** Imposed pairs, pre-assigned: returns the fixed mask and the remaining capacities. */
function imposeFirst(p: Problem, assignment: Int32Array, edgeOfMentee: Int32Array): { fixed: Uint8Array; room: Int32Array } {
  const fixed = new Uint8Array(p.nMentees);
  const room = new Int32Array(p.nMentors);
  for (let j = 0; j < p.nMentors; j++) room[j] = Math.max(0, Math.floor(p.capacity[j]));
  if (p.edgeImposed) {
    for (let i = 0; i < p.nMentees; i++) {
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
        if (!p.edgeImposed[e] || fixed[i]) continue;
        const j = p.edgeMentor[e];
        if (room[j] <= 0) continue;
        fixed[i] = 1;
        assignment[i] = j;
        edgeOfMentee[i] = e;
        room[j]--;
      }
    }
  }
  return { fixed, room };
}

/** Mentee-proposing deferred acceptance: the mentee-optimal stable matching. */
export function menteeProposing(p: Problem, r: PreferenceRanks = preferenceRanks(p)): Int32Array {
  const n = p.nMentees;
  const assignment = new Int32Array(n).fill(-1);
  const held = new Int32Array(n).fill(-1); // edge held by each mentee
  const { fixed, room } = imposeFirst(p, assignment, held);
  const next = new Int32Array(n); // next position in the mentee's list
  // Each mentor's held edges as a max-heap on the mentor's rank (worst on top), in one flat array.
  const hOff = new Int32Array(p.nMentors + 1);
  for (let j = 0; j < p.nMentors; j++) hOff[j + 1] = hOff[j] + room[j];
  const heap = new Int32Array(hOff[p.nMentors]);
  const size = new Int32Array(p.nMentors);
  const rank = r.mentorRank;
  const queue = new Int32Array(n);
  let qh = 0;
  let qt = 0;
  for (let i = 0; i < n; i++) if (!fixed[i]) queue[qt++ % n] = i;
  let pending = qt;
  while (pending > 0) {
    const i = queue[qh++ % n];
    pending--;
    const end = r.menteeOffsets[i + 1] - r.menteeOffsets[i];
    while (next[i] < end) {
      const e = r.menteeList[r.menteeOffsets[i] + next[i]++];
      const j = p.edgeMentor[e];
      const base = hOff[j];
      const cap = hOff[j + 1] - base;
      if (cap === 0) continue;
      if (size[j] < cap) {
        heapPush(heap, base, size[j]++, e, rank);
        held[i] = e;
        break;
      }
      const worst = heap[base];
      if (rank[e] >= rank[worst]) continue; // rejected
      // j swaps its worst held mentee for i; the rejected one proposes again.
      heap[base] = e;
      heapDown(heap, base, size[j], 0, rank);
      held[i] = e;
      const out = r.edgeMentee[worst];
      held[out] = -1;
      queue[qt++ % n] = out;
      pending++;
      break;
    }
  }
  for (let i = 0; i < n; i++) if (!fixed[i] && held[i] >= 0) assignment[i] = p.edgeMentor[held[i]];
  return assignment;
}

/** Mentor-proposing deferred acceptance: the mentor-optimal stable matching. */
export function mentorProposing(p: Problem, r: PreferenceRanks = preferenceRanks(p)): Int32Array {
  const n = p.nMentees;
  const m = p.nMentors;
  const assignment = new Int32Array(n).fill(-1);
  const held = new Int32Array(n).fill(-1);
  const { fixed, room } = imposeFirst(p, assignment, held);
  const next = new Int32Array(m);
  const queue: number[] = [];
  for (let j = 0; j < m; j++) if (room[j] > 0) queue.push(j);
  for (let q = 0; q < queue.length; q++) {
    const j = queue[q];
    const start = r.mentorOffsets[j];
    const end = r.mentorOffsets[j + 1];
    while (room[j] > 0 && start + next[j] < end) {
      const e = r.mentorList[start + next[j]++];
      const i = r.edgeMentee[e];
      if (fixed[i]) continue;
      const cur = held[i];
      if (cur >= 0 && r.menteeRank[cur] <= r.menteeRank[e]) continue; // i keeps its better offer
      held[i] = e;
      room[j]--;
      if (cur >= 0) {
        const k = p.edgeMentor[cur];
        room[k]++;
        queue.push(k); // k proposes again
      }
    }
  }
  for (let i = 0; i < n; i++) if (!fixed[i] && held[i] >= 0) assignment[i] = p.edgeMentor[held[i]];
  return assignment;
}

function heapPush(h: Int32Array, base: number, k: number, e: number, rank: Int32Array): void {
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if (rank[h[base + parent]] >= rank[e]) break;
    h[base + k] = h[base + parent];
    k = parent;
  }
  h[base + k] = e;
}

function heapDown(h: Int32Array, base: number, size: number, k: number, rank: Int32Array): void {
  const e = h[base + k];
  for (;;) {
    let c = 2 * k + 1;
    if (c >= size) break;
    if (c + 1 < size && rank[h[base + c + 1]] > rank[h[base + c]]) c++;
    if (rank[h[base + c]] <= rank[e]) break;
    h[base + k] = h[base + c];
    k = c;
  }
  h[base + k] = e;
}

/**
 * Number of blocking pairs of any assignment: acceptable pairs (i, j), not matched together, where
 * mentee i prefers j to its mentor (or has none) and mentor j has room or prefers i to one of its
 * mentees. Mentees of imposed pairs cannot move and never block.
 */
export function blockingPairs(p: Problem, assignment: Int32Array, r: PreferenceRanks = preferenceRanks(p)): number {
  const n = p.nMentees;
  const m = p.nMentors;
  const heldRank = new Int32Array(n).fill(-1); // mentee's rank of its current mentor
  const worst = new Int32Array(m).fill(-1); // mentor's worst rank among its mentees
  const load = new Int32Array(m);
  const imposed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = assignment[i];
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      if (p.edgeImposed && p.edgeImposed[e]) imposed[i] = 1;
      if (j < 0 || p.edgeMentor[e] !== j) continue;
      heldRank[i] = r.menteeRank[e] < 0 ? 0x7fffffff : r.menteeRank[e];
      const mr = r.mentorRank[e] < 0 ? 0x7fffffff : r.mentorRank[e];
      worst[j] = Math.max(worst[j], mr);
    }
    if (j >= 0) load[j]++;
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (imposed[i]) continue;
    for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
      const j = p.edgeMentor[e];
      if (r.menteeRank[e] < 0 || j === assignment[i]) continue;
      if (assignment[i] >= 0 && heldRank[i] <= r.menteeRank[e]) continue;
      if (load[j] < Math.floor(p.capacity[j]) || (load[j] > 0 && worst[j] > r.mentorRank[e])) count++;
    }
  }
  return count;
}

/** The stable-matching solver (registry entry `stable`). */
export const stableSolver: Solver = {
  name: 'stable',
  description: 'capacitated deferred acceptance (mentee-proposing; mentor-proposing as an option)',
  exact: false,
  maxEdges: Infinity,
  run(p: Problem, options: SolveOptions): SolverOutput {
    if (p.edgeLoad) throw new SolverRefusal('loads', 'stable does not take edge loads (generalized assignment): use lp');
    const r = preferenceRanks(p);
    const assignment = options.proposing === 'mentor' ? mentorProposing(p, r) : menteeProposing(p, r);
    return { status: 'feasible', assignment, notes: [`blocking pairs: ${blockingPairs(p, assignment, r)}`] };
  },
};
