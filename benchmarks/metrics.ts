/**
 * What a DRAFPIC asks before choosing a policy, computed from an assignment and the candidate
 * set (never from solver internals): coverage, priority coverage, score, trade match, distance,
 * travel cost against school budgets, the worst-served school, blocking pairs.
 */

/** The candidate data the metrics read (CSR by mentee, as src/candidates/set.ts). */
export interface MetricCands {
  offsets: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
  km: Float64Array;
  cost: Float64Array;
  /** 2 = distanciel (no travel); other codes meet in person. */
  modality: Uint8Array;
  /** 0 same diploma, 1 same famille, 2 same filière, 3 transverse (HR), 255 none (imposed). */
  tradeLevel: Uint8Array;
}

/** Everything the policy table shows for one assignment. */
export interface PolicyMetrics {
  covered: number;
  coverage: number;
  /** Share of priority mentees (priority > 1) covered; NaN when there are none. */
  priorityCoverage: number;
  meanScore: number;
  sameTrade: number;
  sameFamille: number;
  sameFiliere: number;
  crossFiliere: number;
  /** In-person pairs only, road km. */
  kmMean: number;
  kmP90: number;
  travelEur: number;
  /** Schools whose matched pairs cost more than their budget, and the total excess, €. */
  schoolsOverBudget: number;
  overBudgetEur: number;
  /** Lowest coverage among schools with at least one mentee. */
  worstSchoolCoverage: number;
  blockingPairs: number;
}

const DISTANCIEL = 2;

/** Edge index of pair (i, j), or -1. */
function edgeOf(c: MetricCands, i: number, j: number): number {
  for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) if (c.mentor[e] === j) return e;
  return -1;
}

/** The p-quantile (0..1) of values by nearest rank; NaN for an empty list. */
export function quantile(values: Float64Array | number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/**
 * Blocking pairs of an assignment, preferences derived from candidate scores (higher is better,
 * ties are not preferences): a candidate pair (i, j) not matched where mentee i is unmatched or
 * strictly prefers j, and mentor j has a free place or strictly prefers i to its worst mentee.
 */
export function countBlockingPairs(c: MetricCands, capacity: ArrayLike<number>, assignment: Int32Array): number {
  const nMentors = capacity.length;
  const load = new Int32Array(nMentors);
  const worst = new Float64Array(nMentors).fill(Infinity);
  const current = new Float64Array(assignment.length).fill(-Infinity);
  for (let i = 0; i < assignment.length; i++) {
    const j = assignment[i];
    if (j < 0) continue;
    const e = edgeOf(c, i, j);
    const s = e >= 0 ? c.score[e] : -Infinity;
    current[i] = s;
    load[j]++;
    if (s < worst[j]) worst[j] = s;
  }
  let blocking = 0;
  for (let i = 0; i < assignment.length; i++) {
    for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) {
      const j = c.mentor[e];
      if (j === assignment[i]) continue;
      const s = c.score[e];
      const menteeWants = assignment[i] < 0 || s > current[i];
      const mentorWants = load[j] < capacity[j] || s > worst[j];
      if (menteeWants && mentorWants) blocking++;
    }
  }
  return blocking;
}

/**
 * Metrics of an assignment. `school[i]` is mentee i's school index, `budget[s]` school s's budget
 * (€), `priority[i]` the mentee's priority weight (1 = none; omitted = nobody has priority).
 */
export function policyMetrics(
  c: MetricCands,
  capacity: ArrayLike<number>,
  assignment: Int32Array,
  school: Int32Array,
  budget: Float64Array,
  priority?: ArrayLike<number>,
): PolicyMetrics {
  const n = assignment.length;
  const nSchools = budget.length;
  const schoolSize = new Int32Array(nSchools);
  const schoolCovered = new Int32Array(nSchools);
  const schoolCost = new Float64Array(nSchools);
  const levels = new Int32Array(4);
  const kms: number[] = [];
  let covered = 0;
  let prio = 0;
  let prioCovered = 0;
  let score = 0;
  let travel = 0;
  for (let i = 0; i < n; i++) {
    schoolSize[school[i]]++;
    const isPriority = priority !== undefined && priority[i] > 1;
    if (isPriority) prio++;
    const j = assignment[i];
    if (j < 0) continue;
    covered++;
    schoolCovered[school[i]]++;
    if (isPriority) prioCovered++;
    const e = edgeOf(c, i, j);
    if (e < 0) continue; // not a candidate pair: counted as covered, no pair data
    score += c.score[e];
    if (c.tradeLevel[e] < 4) levels[c.tradeLevel[e]]++;
    if (c.modality[e] !== DISTANCIEL) kms.push(c.km[e]);
    travel += c.cost[e];
    schoolCost[school[i]] += c.cost[e];
  }
  let over = 0;
  let overEur = 0;
  let worst = Infinity;
  for (let s = 0; s < nSchools; s++) {
    if (schoolCost[s] > budget[s] + 1e-9) {
      over++;
      overEur += schoolCost[s] - budget[s];
    }
    if (schoolSize[s] > 0) worst = Math.min(worst, schoolCovered[s] / schoolSize[s]);
  }
  const share = (k: number): number => (covered > 0 ? levels[k] / covered : NaN);
  let kmSum = 0;
  for (const k of kms) kmSum += k;
  return {
    covered,
    coverage: n > 0 ? covered / n : NaN,
    priorityCoverage: prio > 0 ? prioCovered / prio : NaN,
    meanScore: covered > 0 ? score / covered : NaN,
    sameTrade: share(0),
    sameFamille: share(1),
    sameFiliere: share(2),
    crossFiliere: share(3),
    kmMean: kms.length > 0 ? kmSum / kms.length : NaN,
    kmP90: quantile(kms, 0.9),
    travelEur: travel,
    schoolsOverBudget: over,
    overBudgetEur: overEur,
    worstSchoolCoverage: worst === Infinity ? NaN : worst,
    blockingPairs: countBlockingPairs(c, capacity, assignment),
  };
}
