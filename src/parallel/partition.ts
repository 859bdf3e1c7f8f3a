/**
 * Splits a `Problem` into parts that can be solved independently: the connected components of the
 * candidate graph (exact), the caller's regions (académie / région académique), or one part.
 *
 * Border mentors (regions mode): a mentor with candidates in several regions is owned by ONE part,
 * the one holding most of its candidate edges (ties: the part of its best edge, then the lowest
 * part); a mentor with an imposed pair is owned by the part of its first imposed mentee. Its edges
 * from other parts are dropped from the sub-problems; the reconciliation pass (reconcile.ts) puts
 * them back by re-solving all border mentors together with their candidate mentees.
 */
import type { Problem } from '../encode/problem.js';
import { edgeCount } from '../encode/problem.js';
import type { Partition, PartitionMode } from './types.js';
import { UnionFind } from './union-find.js';

/** Options of `partitionProblem`. */
export interface PartitionOptions {
  /**
   * `components` mode: small components are packed into batches of at least this many edges, so a
   * national round with thousands of tiny components makes tens of tasks, not thousands.
   * Default: max(20,000, edges / 64). Independent of the worker count, so results do not depend on it.
   */
  batchEdges?: number;
  /**
   * Regions mode: largest mentors × parts count table for the one-pass ownership (default 8 M
   * cells); above it the mentor-major transpose is used (same owners; tests compare the two).
   */
  ownerTableCells?: number;
}

/**
 * Splits `problem` into parts. `menteePart` (one value ≥ 0 per mentee, e.g. an académie index) is
 * read in `regions` mode only and may be omitted otherwise. Parts with no mentee are not created;
 * mentees without any candidate edge are in no part (they cannot be matched).
 */
export function partitionProblem(
  problem: Problem,
  menteePart: Int32Array | null | undefined,
  mode: PartitionMode,
  options: PartitionOptions = {},
): Partition {
  const nI = problem.nMentees;
  const partOfMentee = new Int32Array(nI).fill(-1);
  let labels: Int32Array;
  if (mode === 'regions') {
    if (!menteePart || menteePart.length !== nI) {
      throw new RangeError(`regions mode needs one part per mentee (${nI}), got ${menteePart ? menteePart.length : 'none'}`);
    }
    labels = regionParts(problem, menteePart, partOfMentee);
  } else if (mode === 'components') {
    labels = componentParts(problem, partOfMentee, options.batchEdges);
  } else {
    for (let i = 0; i < nI; i++) if (problem.offsets[i + 1] > problem.offsets[i]) partOfMentee[i] = 0;
    labels = new Int32Array(nI > 0 && edgeCount(problem) > 0 ? 1 : 0);
  }
  return assemble(problem, mode, partOfMentee, labels, options.ownerTableCells ?? OWNER_TABLE_CELLS);
}

/** Regions: dense parts in ascending label order. Returns the labels; fills partOfMentee. */
function regionParts(problem: Problem, menteePart: Int32Array, partOfMentee: Int32Array): Int32Array {
  let maxLabel = -1;
  for (let i = 0; i < menteePart.length; i++) {
    const v = menteePart[i];
    if (v < 0) throw new RangeError(`mentee ${i} has no part (${v})`);
    if (v > maxLabel) maxLabel = v;
  }
  const dense = new Int32Array(maxLabel + 1).fill(-1);
  for (let i = 0; i < menteePart.length; i++) {
    if (problem.offsets[i + 1] > problem.offsets[i]) dense[menteePart[i]] = 0;
  }
  const labels: number[] = [];
  for (let v = 0; v <= maxLabel; v++) if (dense[v] === 0) dense[v] = labels.push(v) - 1;
  for (let i = 0; i < menteePart.length; i++) {
    if (problem.offsets[i + 1] > problem.offsets[i]) partOfMentee[i] = dense[menteePart[i]];
  }
  return Int32Array.from(labels);
}

/**
 * Components of the graph whose nodes are mentees and mentors and whose links are candidate edges,
 * explicit preferences, and the side constraints that couple them (a school's budget or priority
 * quota links its mentees; an employer cap links its mentors), so components are truly independent.
 * Packed in order of their smallest mentee, which makes the batches deterministic.
 */
function componentParts(problem: Problem, partOfMentee: Int32Array, batchEdges?: number): Int32Array {
  const nI = problem.nMentees;
  const uf = new UnionFind(nI + problem.nMentors);
  const { offsets, edgeMentor } = problem;
  for (let i = 0; i < nI; i++) for (let e = offsets[i]; e < offsets[i + 1]; e++) uf.union(i, nI + edgeMentor[e]);
  const prefs = problem.preferences;
  if (prefs) {
    prefs.mentees.forEach((list, i) => list.forEach((j) => uf.union(i, nI + j)));
    prefs.mentors.forEach((list, j) => list.forEach((i) => uf.union(i, nI + j)));
  }
  const side = problem.side;
  if (side?.menteeGroup) {
    const first = new Map<number, number>();
    for (let i = 0; i < nI; i++) {
      const g = side.menteeGroup[i];
      if (g < 0 || !groupIsCoupling(problem, g)) continue;
      const f = first.get(g);
      if (f === undefined) first.set(g, i);
      else uf.union(f, i);
    }
  }
  if (side?.mentorEmployer && side.employerMax) {
    const first = new Map<number, number>();
    for (let j = 0; j < problem.nMentors; j++) {
      const emp = side.mentorEmployer[j];
      if (emp < 0 || !(side.employerMax[emp] < 2 ** 31 - 1)) continue;
      const f = first.get(emp);
      if (f === undefined) first.set(emp, j);
      else uf.union(nI + f, nI + j);
    }
  }
  // Component ids in order of first mentee; only mentees with candidates count.
  const compOfRoot = new Int32Array(nI + problem.nMentors).fill(-1);
  const compEdges: number[] = [];
  const compOfMentee = new Int32Array(nI).fill(-1);
  for (let i = 0; i < nI; i++) {
    const deg = offsets[i + 1] - offsets[i];
    if (deg === 0) continue;
    const r = uf.find(i);
    if (compOfRoot[r] < 0) compOfRoot[r] = compEdges.push(0) - 1;
    const c = compOfRoot[r];
    compOfMentee[i] = c;
    compEdges[c] += deg + 1;
  }
  const target = batchEdges ?? Math.max(20_000, Math.ceil(edgeCount(problem) / 64));
  // Greedy consecutive packing: close a batch once it reaches the target.
  const batchOfComp = new Int32Array(compEdges.length);
  let batch = 0;
  let fill = 0;
  for (let c = 0; c < compEdges.length; c++) {
    if (fill > 0 && fill >= target) {
      batch++;
      fill = 0;
    }
    batchOfComp[c] = batch;
    fill += compEdges[c];
  }
  const nParts = compEdges.length === 0 ? 0 : batch + 1;
  for (let i = 0; i < nI; i++) if (compOfMentee[i] >= 0) partOfMentee[i] = batchOfComp[compOfMentee[i]];
  const labels = new Int32Array(nParts);
  for (let k = 0; k < nParts; k++) labels[k] = k;
  return labels;
}

/** Whether group g has a row (finite budget or a priority quota) that couples its mentees. */
function groupIsCoupling(problem: Problem, g: number): boolean {
  const side = problem.side!;
  const budget = side.groupBudget ? side.groupBudget[g] : Infinity;
  const minPrio = side.groupMinPriority ? side.groupMinPriority[g] : 0;
  return Number.isFinite(budget) || minPrio > 0;
}

/** Mentor ownership, local indices and the per-part CSR lists. */
function assemble(problem: Problem, mode: PartitionMode, partOfMentee: Int32Array, labels: Int32Array, tableCells: number): Partition {
  const nI = problem.nMentees;
  const nJ = problem.nMentors;
  const nParts = labels.length;
  const { offsets, edgeMentor } = problem;
  const mentorPart = new Int32Array(nJ).fill(-1);
  const border: number[] = [];
  if (mode === 'regions') {
    if (problem.nMentors * nParts <= tableCells) ownMentorsByTable(problem, partOfMentee, nParts, mentorPart, border);
    else ownMentors(problem, partOfMentee, nParts, mentorPart, border);
  } else {
    // Components and single: every mentor's edges lie in one part by construction.
    for (let i = 0; i < nI; i++) for (let e = offsets[i]; e < offsets[i + 1]; e++) mentorPart[edgeMentor[e]] = partOfMentee[i];
  }
  const partMenteeStart = new Int32Array(nParts + 1);
  const partMentorStart = new Int32Array(nParts + 1);
  const partEdges = new Float64Array(nParts);
  let dropped = 0;
  for (let i = 0; i < nI; i++) {
    const k = partOfMentee[i];
    if (k < 0) continue;
    partMenteeStart[k + 1]++;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (mentorPart[edgeMentor[e]] === k) partEdges[k]++;
      else dropped++;
    }
  }
  for (let j = 0; j < nJ; j++) if (mentorPart[j] >= 0) partMentorStart[mentorPart[j] + 1]++;
  for (let k = 0; k < nParts; k++) {
    partMenteeStart[k + 1] += partMenteeStart[k];
    partMentorStart[k + 1] += partMentorStart[k];
  }
  const partMentees = new Int32Array(partMenteeStart[nParts]);
  const partMentors = new Int32Array(partMentorStart[nParts]);
  const menteeLocal = new Int32Array(nI).fill(-1);
  const mentorLocal = new Int32Array(nJ).fill(-1);
  const cursor = partMenteeStart.slice(0, nParts);
  for (let i = 0; i < nI; i++) {
    const k = partOfMentee[i];
    if (k < 0) continue;
    menteeLocal[i] = cursor[k] - partMenteeStart[k];
    partMentees[cursor[k]++] = i;
  }
  const mcursor = partMentorStart.slice(0, nParts);
  for (let j = 0; j < nJ; j++) {
    const k = mentorPart[j];
    if (k < 0) continue;
    mentorLocal[j] = mcursor[k] - partMentorStart[k];
    partMentors[mcursor[k]++] = j;
  }
  return {
    mode,
    nParts,
    menteePart: partOfMentee,
    mentorPart,
    menteeLocal,
    mentorLocal,
    partMenteeStart,
    partMentees,
    partMentorStart,
    partMentors,
    partEdges,
    partLabel: labels,
    borderMentors: Int32Array.from(border),
    droppedEdges: dropped,
  };
}

/** Largest mentors × parts table `ownMentorsByTable` counts in (cells); beyond it, the transpose. */
const OWNER_TABLE_CELLS = 8_000_000;

/**
 * Regions mode: each mentor goes to the part with most of its candidate edges (ties: the part of
 * its best edge, then the lowest part); an imposed pair pins the mentor to its mentee's part (its
 * first imposed mentee's, in mentee order). With few parts (académies: 30), one pass over the
 * edges in mentee order fills a mentors × parts table of counts and best weights; otherwise the
 * mentor-major transpose of the edges and one scratch counter per part (same owners).
 */
function ownMentors(problem: Problem, partOfMentee: Int32Array, nParts: number, mentorPart: Int32Array, border: number[]): void {
  const nI = problem.nMentees;
  const nJ = problem.nMentors;
  const { offsets, edgeMentor, edgeWeight, edgeImposed } = problem;
  const m = edgeCount(problem);
  const start = new Int32Array(nJ + 1);
  for (let e = 0; e < m; e++) start[edgeMentor[e] + 1]++;
  for (let j = 0; j < nJ; j++) start[j + 1] += start[j];
  const fill = start.slice(0, nJ);
  const tMentee = new Int32Array(m);
  const tEdge = new Int32Array(m);
  for (let i = 0; i < nI; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const slot = fill[edgeMentor[e]]++;
      tMentee[slot] = i;
      tEdge[slot] = e;
    }
  }
  const count = new Int32Array(nParts);
  const best = new Float64Array(nParts);
  const touched = new Int32Array(nParts);
  const better = problem.sense === 'max' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  for (let j = 0; j < nJ; j++) {
    let nTouched = 0;
    let pinned = -1;
    for (let s = start[j]; s < start[j + 1]; s++) {
      const k = partOfMentee[tMentee[s]];
      const w = edgeWeight[tEdge[s]];
      if (count[k] === 0) {
        touched[nTouched++] = k;
        best[k] = w;
      } else if (better(w, best[k])) best[k] = w;
      count[k]++;
      if (pinned < 0 && edgeImposed && edgeImposed[tEdge[s]]) pinned = k;
    }
    if (nTouched === 0) continue;
    let owner = touched[0];
    for (let t = 1; t < nTouched; t++) {
      const k = touched[t];
      if (
        count[k] > count[owner] ||
        (count[k] === count[owner] && (better(best[k], best[owner]) || (best[k] === best[owner] && k < owner)))
      ) {
        owner = k;
      }
    }
    mentorPart[j] = pinned >= 0 ? pinned : owner;
    if (nTouched > 1) border.push(j);
    for (let t = 0; t < nTouched; t++) count[touched[t]] = 0;
  }
}

/** `ownMentors` with a dense mentors × parts table: sequential over the edges, no transpose. */
function ownMentorsByTable(problem: Problem, partOfMentee: Int32Array, nParts: number, mentorPart: Int32Array, border: number[]): void {
  const nI = problem.nMentees;
  const nJ = problem.nMentors;
  const { offsets, edgeMentor, edgeWeight, edgeImposed } = problem;
  const count = new Int32Array(nJ * nParts);
  const best = new Float64Array(nJ * nParts);
  const pinned = new Int32Array(nJ).fill(-1);
  const max = problem.sense === 'max';
  for (let i = 0; i < nI; i++) {
    const k = partOfMentee[i];
    if (k < 0) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = edgeMentor[e];
      const c = j * nParts + k;
      const w = edgeWeight[e];
      if (count[c] === 0 || (max ? w > best[c] : w < best[c])) best[c] = w;
      count[c]++;
      if (edgeImposed && edgeImposed[e] && pinned[j] < 0) pinned[j] = k;
    }
  }
  for (let j = 0; j < nJ; j++) {
    const row = j * nParts;
    let owner = -1;
    let touched = 0;
    for (let k = 0; k < nParts; k++) {
      const c = count[row + k];
      if (c === 0) continue;
      touched++;
      if (owner < 0) {
        owner = k;
        continue;
      }
      const o = row + owner;
      const b = best[row + k];
      // Parts are visited in increasing order: a tie on count and best weight keeps the lower part.
      if (c > count[o] || (c === count[o] && (max ? b > best[o] : b < best[o]))) owner = k;
    }
    if (owner < 0) continue;
    mentorPart[j] = pinned[j] >= 0 ? pinned[j] : owner;
    if (touched > 1) border.push(j);
  }
}
