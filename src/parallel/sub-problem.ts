/**
 * Builds the sub-`Problem` of one part: its mentees and owned mentors re-indexed densely, the CSR
 * restricted to edges whose mentor the part owns, and every per-mentee, per-mentor and per-edge
 * array sliced alike. Side-constraint groups are re-indexed to the groups present in the part.
 */
import type { Problem, SideConstraints } from '../encode/problem.js';
import type { Partition } from './types.js';

/** The sub-problem of part k; its local mentee a is `partMentees[partMenteeStart[k] + a]`. */
export function subProblem(problem: Problem, partition: Partition, k: number): Problem {
  const mentees = partition.partMentees.subarray(partition.partMenteeStart[k], partition.partMenteeStart[k + 1]);
  const mentors = partition.partMentors.subarray(partition.partMentorStart[k], partition.partMentorStart[k + 1]);
  const { mentorPart, mentorLocal } = partition;
  const { offsets, edgeMentor, edgeWeight, edgeLoad, edgeImposed } = problem;
  const nI = mentees.length;
  const m = partition.partEdges[k];
  const subOffsets = new Int32Array(nI + 1);
  const subMentor = new Int32Array(m);
  const subWeight = new Float64Array(m);
  const subLoad = edgeLoad ? new Float64Array(m) : undefined;
  const subImposed = edgeImposed ? new Uint8Array(m) : undefined;
  const subCost = problem.side?.edgeCost ? new Float64Array(m) : undefined;
  let f = 0;
  for (let a = 0; a < nI; a++) {
    const i = mentees[a];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = edgeMentor[e];
      if (mentorPart[j] !== k) continue;
      subMentor[f] = mentorLocal[j];
      subWeight[f] = edgeWeight[e];
      if (subLoad) subLoad[f] = edgeLoad![e];
      if (subImposed) subImposed[f] = edgeImposed![e];
      if (subCost) subCost[f] = problem.side!.edgeCost![e];
      f++;
    }
    subOffsets[a + 1] = f;
  }
  const capacity = problem.capacity instanceof Int32Array ? new Int32Array(mentors.length) : new Float64Array(mentors.length);
  for (let b = 0; b < mentors.length; b++) capacity[b] = problem.capacity[mentors[b]];
  const sub: Problem = {
    sense: problem.sense,
    nMentees: nI,
    nMentors: mentors.length,
    capacity,
    offsets: subOffsets,
    edgeMentor: subMentor,
    edgeWeight: subWeight,
  };
  if (subLoad) sub.edgeLoad = subLoad;
  if (subImposed) sub.edgeImposed = subImposed;
  if (problem.priority) sub.priority = pick(problem.priority, mentees);
  if (problem.slotPenalty) sub.slotPenalty = problem.slotPenalty.slice();
  if (problem.side) sub.side = subSide(problem.side, mentees, mentors, partition, subCost, imposedUse(problem, partition, k));
  if (problem.preferences) {
    const { menteeLocal, menteePart } = partition;
    sub.preferences = {
      mentees: Array.from(mentees, (i) => mapList(problem.preferences!.mentees[i], (j) => (mentorPart[j] === k ? mentorLocal[j] : -1))),
      mentors: Array.from(mentors, (j) => mapList(problem.preferences!.mentors[j], (i) => (menteePart[i] === k ? menteeLocal[i] : -1))),
    };
  }
  return sub;
}

function pick(values: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let a = 0; a < idx.length; a++) out[a] = values[idx[a]];
  return out;
}

function mapList(list: Int32Array | undefined, map: (x: number) => number): Int32Array {
  if (!list) return new Int32Array(0);
  const out: number[] = [];
  for (const x of list) {
    const y = map(x);
    if (y >= 0) out.push(y);
  }
  return Int32Array.from(out);
}

/**
 * What the imposed pairs use of each school budget (travel cost) and employer cap (pairs): in the
 * whole round, and in part k (its imposed edges: mentee and mentor both in the part). A part's row
 * must leave room for its own imposed pairs, and no part may take what a dropped imposed pair (a
 * mentor imposed on mentees of another region, restored by the reconciliation) will need.
 */
interface ImposedUse {
  budgetTotal: Map<number, number>;
  budgetPart: Map<number, number>;
  capTotal: Map<number, number>;
  capPart: Map<number, number>;
}

interface ImposedTotals {
  budget: Map<number, number>;
  cap: Map<number, number>;
  budgetByPart: Array<Map<number, number>>;
  capByPart: Array<Map<number, number>>;
}

/** Computed once per partition, in one pass over the edges (parts are built one after the other from it). */
const imposedTotals = new WeakMap<Partition, ImposedTotals>();

function imposedUse(problem: Problem, partition: Partition, k: number): ImposedUse | undefined {
  const { edgeImposed, offsets, edgeMentor, side } = problem;
  if (!edgeImposed || !side) return undefined;
  let totals = imposedTotals.get(partition);
  if (!totals) {
    const add = (m: Map<number, number>, g: number, v: number) => {
      if (g >= 0) m.set(g, (m.get(g) ?? 0) + v);
    };
    totals = {
      budget: new Map(),
      cap: new Map(),
      budgetByPart: Array.from({ length: partition.nParts }, () => new Map<number, number>()),
      capByPart: Array.from({ length: partition.nParts }, () => new Map<number, number>()),
    };
    for (let i = 0; i < problem.nMentees; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        if (!edgeImposed[e]) continue;
        const j = edgeMentor[e];
        const part = partition.menteePart[i] >= 0 && partition.menteePart[i] === partition.mentorPart[j] ? partition.menteePart[i] : -1;
        if (side.menteeGroup && side.edgeCost) {
          add(totals.budget, side.menteeGroup[i], side.edgeCost[e]);
          if (part >= 0) add(totals.budgetByPart[part], side.menteeGroup[i], side.edgeCost[e]);
        }
        if (side.mentorEmployer) {
          add(totals.cap, side.mentorEmployer[j], 1);
          if (part >= 0) add(totals.capByPart[part], side.mentorEmployer[j], 1);
        }
      }
    }
    imposedTotals.set(partition, totals);
  }
  return { budgetTotal: totals.budget, budgetPart: totals.budgetByPart[k], capTotal: totals.cap, capPart: totals.capByPart[k] };
}

/**
 * Side constraints of the part. A group (school) or employer wholly inside the part keeps its row
 * unchanged; one that spans several parts (possible in regions mode only: components mode merges
 * them) gets its budget, quota or cap split in proportion to its members in the part, rounded
 * down: budgets and caps then still hold nationally; a split priority quota may fall short of the
 * national one by less than one mentee per part (reported by the solver's objective, documented).
 * Imposed pairs come first: a part's budget or cap is what its own imposed pairs use, plus its
 * share of what no imposed pair uses (a cap split pro rata alone could leave a part less than its
 * imposed pairs, a part infeasible in a feasible round).
 */
function subSide(side: SideConstraints, mentees: Int32Array, mentors: Int32Array, partition: Partition, edgeCost: Float64Array | undefined, imposed: ImposedUse | undefined): SideConstraints {
  const out: SideConstraints = {};
  if (edgeCost) out.edgeCost = edgeCost;
  if (side.menteeGroup) {
    const { local, globalOf, inPart, total } = regroup(side.menteeGroup, mentees, partition.partMentees);
    out.menteeGroup = local;
    if (side.groupBudget) {
      out.groupBudget = Float64Array.from(globalOf, (g, t) => {
        const own = imposed?.budgetPart.get(g) ?? 0;
        const free = side.groupBudget![g] - (imposed?.budgetTotal.get(g) ?? 0);
        return own + Math.max(0, free) * (inPart[t] / total[g]);
      });
    }
    if (side.groupMinPriority) out.groupMinPriority = Int32Array.from(globalOf, (g, t) => shareOf(side.groupMinPriority![g], inPart[t], total[g]));
  }
  if (side.mentorEmployer) {
    const { local, globalOf, inPart, total } = regroup(side.mentorEmployer, mentors, partition.partMentors);
    out.mentorEmployer = local;
    if (side.employerMax) {
      out.employerMax = Int32Array.from(globalOf, (g, t) => {
        const value = side.employerMax![g];
        const used = imposed?.capTotal.get(g) ?? 0;
        if (used === 0 || value >= 2 ** 31 - 1) return shareOf(value, inPart[t], total[g]);
        return (imposed?.capPart.get(g) ?? 0) + shareOf(Math.max(0, value - used), inPart[t], total[g]);
      });
    }
  }
  return out;
}

/** Integer share of `value` for `part` members out of `total`: all of it for a whole group, rounded down otherwise. */
function shareOf(value: number, part: number, total: number): number {
  if (part === total || value >= 2 ** 31 - 1) return value;
  return Math.floor((value * part) / total);
}

/**
 * Re-indexes the groups of `members` densely (in order of first appearance). `total[g]` counts the
 * members of g that some part holds (`placed`): mentees without candidates and mentors nobody can
 * reach are in no part, and counting them would shrink a whole group's budget or cap pro rata.
 */
function regroup(groupOf: Int32Array, members: Int32Array, placed: Int32Array) {
  const localOfGlobal = new Map<number, number>();
  const globalOf: number[] = [];
  const inPart: number[] = [];
  const local = new Int32Array(members.length);
  for (let a = 0; a < members.length; a++) {
    const g = groupOf[members[a]];
    if (g < 0) {
      local[a] = -1;
      continue;
    }
    let t = localOfGlobal.get(g);
    if (t === undefined) {
      t = globalOf.push(g) - 1;
      localOfGlobal.set(g, t);
      inPart.push(0);
    }
    inPart[t]++;
    local[a] = t;
  }
  let maxG = -1;
  for (let x = 0; x < groupOf.length; x++) if (groupOf[x] > maxG) maxG = groupOf[x];
  const total = new Int32Array(maxG + 1);
  for (let x = 0; x < placed.length; x++) if (groupOf[placed[x]] >= 0) total[groupOf[placed[x]]]++;
  return { local, globalOf, inPart, total };
}
