/**
 * `flow`: the exact solver. Min-cost flow on the sparse bipartite graph by successive shortest
 * paths with Dijkstra and node potentials (Johnson), one mentee at a time:
 *
 *   source → mentee i → mentor j (edge, cost −W_e) → sink (k-th slot, cost pen_k)
 *                    ↘ sink (the "no mentor" arc, cost 0)
 *
 * Every mentee sends its unit either to a mentor or along its "no mentor" arc, so each search
 * from a new mentee ends at the sink, through a free slot (one more mentee covered), through the
 * "no mentor" arc of a matched mentee it displaces, or through its own (it stays unassigned).
 * Costs are lexicographic pairs (coverage, weight) — see ./lexicographic.ts — so coverage is exact
 * and never traded for weight. Slot penalties are non-decreasing, so only a mentor's next slot is
 * ever the cheapest: parallel slot arcs are implicit in the mentor's load.
 *
 * Warm start (./auction.ts): a zero-increment auction when it settles quickly (plentiful slots),
 * else an ε-scaling forward/reverse auction, routes almost every mentee and
 * sets near-optimal potentials (or, with `start`, an earlier solve's assignment and mentor prices:
 * `warmFromPrices`); mentees it cannot prove exactly optimal are freed, their slots left
 * saturated ("deficits", sat[j] − load[j]). The forward searches then end at the nearest deficit
 * mentor or at the sink; what the sink got in excess goes back to the remaining deficits by reverse
 * searches (Dijkstra backwards from the deficit mentor, over the mentor-side adjacency). Both kinds
 * are exact shortest paths in the residual graph, so the invariant below holds throughout.
 *
 * Imposed edges are pre-assigned (their mentees leave the flow, their mentors' loads start at the
 * number of imposed mentees, so later mentees pay the later slot penalties); the checker treats
 * them as fixed variables, so the certificate stays valid.
 *
 * Invariant: every residual arc has a lexicographically non-negative reduced cost
 * c(a, b) + p(a) − p(b), and p(sink) = 0 throughout. At the end u_i = p(i), v_j = −p(j) are the
 * LP duals the checker (./certificate.ts) verifies.
 *
 * Everything is typed arrays; the heap, the distance labels and the settled list are allocated
 * once; labels are invalidated by a search stamp instead of being cleared.
 */
import type { Problem } from '../encode/problem.js';
import { SolverRefusal, type DualCertificate, type Solver, type SolveOptions, type SolverOutput } from './types.js';
import { primaryOf, secondaryScale } from './lexicographic.js';
import { sideViolations } from './side-check.js';
import { auctionWarmStart, mentorEdges, warmFromPrices, warmStateHolds, type AuctionOptions, type MentorEdges, type PriceStart, type WarmTarget } from './auction.js';

/** Refuses what the network cannot express. */
function assertNetwork(p: Problem, name: string): void {
  if (p.edgeLoad) {
    throw new SolverRefusal('loads', `${name} does not take edge loads (generalized assignment, integer programming): use lp`, {
      solver: name,
    });
  }
  const sp = p.slotPenalty;
  if (sp) {
    for (let k = 1; k < sp.length; k++) {
      if (sp[k] < sp[k - 1]) throw new SolverRefusal('invalid-problem', 'slot penalties must be non-decreasing (convex cost)');
    }
  }
}

/** Result of `minCostFlow`: the assignment and the final potentials (dual certificate). */
export interface FlowSolution {
  assignment: Int32Array;
  /** False when the problem's imposed pairs cannot all hold (two per mentee, or over a capacity). */
  feasible: boolean;
  /** True when the time limit stopped the search (the assignment is then feasible, not optimal). */
  timedOut: boolean;
  certificate: DualCertificate;
  /**
   * Work done: auction bids of the warm start, mentees it left free and deficit slots, Dijkstra
   * searches of the exact phase (forward from free mentees, reverse from deficits).
   */
  stats: { bids: number; searches: number; warm: boolean; free: number; deficits: number; reverse: number };
}

/** Options of `minCostFlow`. */
export interface FlowOptions {
  /** Warm-start the exact phase with the auction of ./auction.ts (default true). */
  warmStart?: boolean;
  /** Bid budget of the warm start, in bids per mentee (default 64). */
  bidsPerMentee?: number;
  /** Final ε of the warm start, relative to the largest |weight| (default 1e-3). */
  epsilon?: number;
  /** Bid budget of the warm start's zero-increment first try, per mentee (default 4; 0 skips it). */
  zeroBidsPerMentee?: number;
  /** Further knobs of the warm start (./auction.ts), for tuning and tests. */
  auction?: AuctionOptions;
  /**
   * Start from this assignment and these mentor prices instead of the auction (`warmFromPrices`):
   * an earlier solve of a nearby problem (lagrangien's previous subproblem). The result is exact
   * whatever the start; a close one only saves work.
   */
  start?: PriceStart;
  /** Share of the mentees a `start` may leave free before the auction is used instead (default 0.3). */
  startMaxFree?: number;
}

/** Default `startMaxFree`. */
const START_MAX_FREE = 0.3;

/**
 * Lexicographic min-cost flow (max priority coverage, then max net weight). Pure: reads the
 * problem, returns new arrays. Ignores side constraints (see `flowSolver` for how they are reported).
 */
export function minCostFlow(p: Problem, timeLimitMs = Infinity, options: FlowOptions = {}): FlowSolution {
  assertNetwork(p, 'flow');
  const t0 = performance.now();
  const n = p.nMentees;
  const m = p.nMentors;
  const N = n + m + 1; // the sink is n + m, kept out of the heap
  const { offsets, edgeMentor, edgeWeight } = p;
  const sgn = p.sense === 'max' ? 1 : -1;
  const sp = p.slotPenalty && p.slotPenalty.length > 0 ? p.slotPenalty : null;
  const spLast = sp ? sp.length - 1 : 0;

  const assignment = new Int32Array(n).fill(-1);
  const assignEdge = new Int32Array(n).fill(-1);
  const cap = new Int32Array(m);
  for (let j = 0; j < m; j++) cap[j] = Math.max(0, Math.floor(p.capacity[j]));
  const load = new Int32Array(m);
  // Matched (non-imposed) mentees of each mentor: doubly linked lists threaded through mentees.
  const head = new Int32Array(m).fill(-1);
  const nxt = new Int32Array(n).fill(-1);
  const prv = new Int32Array(n).fill(-1);
  const prio = new Float64Array(n);
  for (let i = 0; i < n; i++) prio[i] = primaryOf(p, i);

  // Potentials (primary, secondary); p(sink) = 0 forever.
  const pP = new Float64Array(N);
  const pS = new Float64Array(N);

  // Imposed pairs: pre-assigned, out of the flow.
  let feasible = true;
  const fixed = new Uint8Array(n);
  if (p.edgeImposed) {
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        if (!p.edgeImposed[e]) continue;
        const j = edgeMentor[e];
        if (fixed[i] && assignment[i] !== j) feasible = false;
        if (fixed[i]) continue;
        fixed[i] = 1;
        assignment[i] = j;
        assignEdge[i] = e;
        load[j]++;
      }
    }
    for (let j = 0; j < m; j++) if (load[j] > cap[j]) feasible = false;
  }
  const certificate: DualCertificate = {
    kind: 'duals',
    menteeP: new Float64Array(n),
    menteeS: new Float64Array(n),
    mentorP: new Float64Array(m),
    mentorS: new Float64Array(m),
  };
  const stats = { bids: 0, searches: 0, warm: false, free: 0, deficits: 0, reverse: 0 };
  if (!feasible) return { assignment, feasible, timedOut: false, certificate, stats };

  // Saturated slot arcs of each mentor (≥ load): sat − load is its deficit, left by the warm start
  // (./auction.ts) where it freed a mentee whose slot price must stay.
  const sat = load.slice();
  // Warm start: the auction routes most mentees and sets near-optimal potentials; the searches
  // below then start only from the mentees it left free. Its state is checked against the
  // invariant; if the check fails (a bug), the exact phase starts cold, which is always valid.
  const processed = new Uint8Array(n);
  let rev: MentorEdges | null = null;
  if (options.warmStart !== false && n > 0) {
    const imposedLoad = load.slice();
    rev = mentorEdges(p);
    const target: WarmTarget = { assignment, assignEdge, load, sat, cap, fixed, prio, processed, pP, pS, mentorEdges: rev };
    const resetToImposed = (): void => {
      for (let i = 0; i < n; i++) {
        if (fixed[i]) continue;
        assignment[i] = -1;
        assignEdge[i] = -1;
      }
      load.set(imposedLoad);
      sat.set(imposedLoad);
      processed.fill(0);
      pP.fill(0);
      pS.fill(0);
    };
    let a = options.start ? warmFromPrices(p, target, options.start) : null;
    // A start that frees many mentees is no start: the exact searches from a far-off state can be
    // long (measured in lagrangien: 13 s for one 10,000-mentee subproblem whose start freed 91 % of its
    // mentees, against 0.15 s with the auction), so the auction takes over.
    if (a && a.free > (options.startMaxFree ?? START_MAX_FREE) * n) {
      resetToImposed();
      a = null;
    }
    a ??= auctionWarmStart(p, target, {
      ...options.auction,
      bidsPerMentee: options.bidsPerMentee,
      epsilon: options.epsilon,
      zeroBidsPerMentee: options.zeroBidsPerMentee,
    });
    stats.bids = a.bids;
    stats.free = a.free;
    stats.deficits = a.deficits;
    stats.warm = warmStateHolds(p, target, imposedLoad, 1e-11 * (1 + secondaryScale(p)));
    if (!stats.warm) {
      resetToImposed();
    } else {
      for (let i = 0; i < n; i++) if (!fixed[i] && assignment[i] >= 0) link(i, assignment[i]);
    }
  }

  // Dijkstra state, allocated once; labels are valid for the current search id only.
  const dP = new Float64Array(N);
  const dS = new Float64Array(N);
  const stamp = new Int32Array(N).fill(-1);
  const done = new Int32Array(N).fill(-1);
  const pred = new Int32Array(N); // forward: predecessor node; reverse: successor node
  const predEdge = new Int32Array(N); // edge of the arc to pred (mentor reached / mentee moving)
  const heap = new Int32Array(N);
  const pos = new Int32Array(N);
  const settled = new Int32Array(N);
  let hn = 0;
  let sid = 0;

  const less = (a: number, b: number): boolean => dP[a] < dP[b] || (dP[a] === dP[b] && dS[a] < dS[b]);
  const up = (k: number): void => {
    const v = heap[k];
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const u = heap[parent];
      if (!less(v, u)) break;
      heap[k] = u;
      pos[u] = k;
      k = parent;
    }
    heap[k] = v;
    pos[v] = k;
  };
  const down = (k: number): void => {
    const v = heap[k];
    const half = hn >> 1;
    while (k < half) {
      let c = 2 * k + 1;
      if (c + 1 < hn && less(heap[c + 1], heap[c])) c++;
      const u = heap[c];
      if (!less(u, v)) break;
      heap[k] = u;
      pos[u] = k;
      k = c;
    }
    heap[k] = v;
    pos[v] = k;
  };
  /** Label b with (nP, nS) via (a, e) if it is new or shorter. */
  const relax = (b: number, nP: number, nS: number, a: number, e: number): void => {
    if (stamp[b] !== sid) {
      stamp[b] = sid;
      dP[b] = nP;
      dS[b] = nS;
      pred[b] = a;
      predEdge[b] = e;
      heap[hn] = b;
      pos[b] = hn;
      up(hn++);
    } else if (nP < dP[b] || (nP === dP[b] && nS < dS[b])) {
      dP[b] = nP;
      dS[b] = nS;
      pred[b] = a;
      predEdge[b] = e;
      up(pos[b]);
    }
  };
  const pen = (k: number): number => (sp ? sp[k < spLast ? k : spLast] : 0);

  let timedOut = false;
  // Forward phase: one search per free mentee, to the nearest deficit mentor or to the sink (through
  // a free slot, or the "no mentor" arc of a mentee it displaces, or its own). The sink may so take
  // more than its share while deficits remain: the reverse phase below sends that back.
  for (let src = 0; src < n; src++) {
    if (fixed[src] || processed[src]) continue;
    if ((stats.searches & 1023) === 0 && performance.now() - t0 > timeLimitMs) {
      timedOut = true;
      break;
    }
    processed[src] = 1;
    const e0 = offsets[src];
    const e1 = offsets[src + 1];
    if (e0 === e1) continue; // no candidate: unassigned, u = 0
    // Smallest potential keeping the new mentee's arcs non-negative: p(i) = max(0, max_e W_e + p(j)).
    const pi = prio[src];
    let bP = 0;
    let bS = 0;
    for (let e = e0; e < e1; e++) {
      const j = n + edgeMentor[e];
      const aP = pi + pP[j];
      const aS = sgn * edgeWeight[e] + pS[j];
      if (aP > bP || (aP === bP && aS > bS)) {
        bP = aP;
        bS = aS;
      }
    }
    pP[src] = bP;
    pS[src] = bS;
    stats.searches++;
    sid++;

    // Dijkstra from src; the sink is kept out of the heap: stop once the heap's top is no closer.
    hn = 0;
    let ns = 0;
    stamp[src] = sid;
    dP[src] = 0;
    dS[src] = 0;
    heap[hn++] = src;
    pos[src] = 0;
    let tP = Infinity;
    let tS = Infinity;
    let tPred = -1; // node before the sink, or the deficit mentor reached
    let toDeficit = false;
    while (hn > 0) {
      const a = heap[0];
      const daP = dP[a];
      const daS = dS[a];
      if (daP > tP || (daP === tP && daS >= tS)) break;
      if (a >= n && sat[a - n] > load[a - n]) {
        // A deficit mentor: nothing left in the heap is closer.
        tP = daP;
        tS = daS;
        tPred = a;
        toDeficit = true;
        break;
      }
      hn--;
      if (hn > 0) {
        heap[0] = heap[hn];
        down(0);
      }
      done[a] = sid;
      settled[ns++] = a;
      if (a < n) {
        // Mentee: forward arcs to mentors (except its matched edge), and its "no mentor" arc.
        const qa = pP[a];
        const qs = pS[a];
        const pa = prio[a];
        const me = assignEdge[a];
        for (let e = offsets[a], end = offsets[a + 1]; e < end; e++) {
          if (e === me) continue;
          const b = n + edgeMentor[e];
          if (done[b] === sid) continue;
          const rP = qa - pa - pP[b];
          let rS = qs - sgn * edgeWeight[e] - pS[b];
          if (rP === 0 && rS < 0) rS = 0; // float dust on a tight arc
          relax(b, daP + rP, daS + rS, a, e);
        }
        // "No mentor" arc (cost 0): for src it means staying unassigned; for others, being displaced.
        let rS = qs;
        if (qa === 0 && rS < 0) rS = 0;
        const nP = daP + qa;
        const nS = daS + rS;
        if (nP < tP || (nP === tP && nS < tS)) {
          tP = nP;
          tS = nS;
          tPred = a;
        }
      } else {
        const j = a - n;
        // Backward arcs to the mentor's matched mentees (cost +W).
        for (let b = head[j]; b >= 0; b = nxt[b]) {
          if (done[b] === sid) continue;
          const rP = prio[b] + pP[a] - pP[b];
          let rS = sgn * edgeWeight[assignEdge[b]] + pS[a] - pS[b];
          if (rP === 0 && rS < 0) rS = 0;
          relax(b, daP + rP, daS + rS, a, -1);
        }
        // Next free slot (cost pen_sat).
        if (sat[j] < cap[j]) {
          const rP = pP[a];
          let rS = pen(sat[j]) + pS[a];
          if (rP === 0 && rS < 0) rS = 0;
          const nP = daP + rP;
          const nS = daS + rS;
          if (nP < tP || (nP === tP && nS < tS)) {
            tP = nP;
            tS = nS;
            tPred = a;
          }
        }
      }
    }

    // Potentials: p(v) += d(v) − D for settled nodes (keeps p(sink) = 0, others unchanged).
    for (let k = 0; k < ns; k++) {
      const v = settled[k];
      pP[v] += dP[v] - tP;
      pS[v] += dS[v] - tS;
    }

    // Augment along the path (sink ←) tPred ← … ← src.
    let x = tPred;
    if (toDeficit) {
      load[x - n]++;
    } else if (x < n) {
      if (x === src) continue; // src stays unassigned
      // Displaced mentee x: leaves its mentor; that mentor is then re-filled along the path.
      const j = assignment[x];
      unlink(x, j);
      assignment[x] = -1;
      assignEdge[x] = -1;
      x = n + j;
    } else {
      load[x - n]++;
      sat[x - n]++;
    }
    // x is a mentor node: it takes its predecessor mentee, who leaves its own mentor (if any).
    for (;;) {
      const j = x - n;
      const i = pred[x];
      const old = assignment[i];
      if (old >= 0) unlink(i, old);
      assignment[i] = j;
      assignEdge[i] = predEdge[x];
      link(i, j);
      if (i === src) break;
      x = n + old;
    }
  }

  // Reverse phase: every free mentee is routed, so the sink holds exactly as many units too many as
  // there are deficit slots. Each deficit mentor j0 gets one from the sink by a shortest path
  // sink → … → j0 in the residual graph, found by a Dijkstra backwards from j0: through a slot the
  // sink gives back (un-saturating it), or the "no mentor" arc of a mentee who then takes a mentor.
  if (!timedOut) {
    for (let j0 = 0; j0 < m; j0++) {
      while (sat[j0] > load[j0]) {
        if ((stats.reverse & 255) === 0 && performance.now() - t0 > timeLimitMs) {
          timedOut = true;
          break;
        }
        rev ??= mentorEdges(p);
        stats.reverse++;
        reverseSearch(j0, rev);
      }
      if (timedOut) break;
    }
  }

  function reverseSearch(j0: number, rev: MentorEdges): void {
    const { start: rStart, edge: rEdge, mentee: rMentee, weight: rWeight } = rev;
    sid++;
    hn = 0;
    let ns = 0;
    const s0 = n + j0;
    stamp[s0] = sid;
    dP[s0] = 0;
    dS[s0] = 0;
    pred[s0] = -1;
    heap[hn++] = s0;
    pos[s0] = 0;
    let tP = Infinity;
    let tS = Infinity;
    let tNext = -1; // node after the sink on the path
    while (hn > 0) {
      const b = heap[0];
      const dbP = dP[b];
      const dbS = dS[b];
      if (dbP > tP || (dbP === tP && dbS >= tS)) break;
      hn--;
      if (hn > 0) {
        heap[0] = heap[hn];
        down(0);
      }
      done[b] = sid;
      settled[ns++] = b;
      if (b >= n) {
        const j = b - n;
        // sink → j: the sink gives back j's last saturated slot (cost −pen_{sat−1}).
        if (sat[j] > 0) {
          const rP = -pP[b];
          let rS = -pen(sat[j] - 1) - pS[b];
          if (rP === 0 && rS < 0) rS = 0;
          const nP = dbP + rP;
          const nS = dbS + rS;
          if (nP < tP || (nP === tP && nS < tS)) {
            tP = nP;
            tS = nS;
            tNext = b;
          }
        }
        // i → j for every mentee i with an unused edge e to j (cost −W_e).
        for (let k = rStart[j], end = rStart[j + 1]; k < end; k++) {
          const e = rEdge[k];
          const i = rMentee[k];
          if (fixed[i] || e === assignEdge[i] || done[i] === sid || !processed[i]) continue;
          const rP = pP[i] - prio[i] - pP[b];
          let rS = pS[i] - sgn * rWeight[k] - pS[b];
          if (rP === 0 && rS < 0) rS = 0;
          relax(i, dbP + rP, dbS + rS, b, e);
        }
      } else {
        const i = b;
        const j = assignment[i];
        if (j >= 0) {
          // j → i: i leaves its mentor (cost +W).
          const a = n + j;
          if (done[a] === sid) continue;
          const rP = prio[i] + pP[a] - pP[i];
          let rS = sgn * edgeWeight[assignEdge[i]] + pS[a] - pS[i];
          if (rP === 0 && rS < 0) rS = 0;
          relax(a, dbP + rP, dbS + rS, b, -1);
        } else {
          // sink → i: i leaves its "no mentor" arc (cost 0).
          const rP = -pP[i];
          let rS = -pS[i];
          if (rP === 0 && rS < 0) rS = 0;
          const nP = dbP + rP;
          const nS = dbS + rS;
          if (nP < tP || (nP === tP && nS < tS)) {
            tP = nP;
            tS = nS;
            tNext = b;
          }
        }
      }
    }
    // Potentials: p(v) += D − d(v) for settled nodes (keeps p(sink) = 0, others unchanged).
    for (let k = 0; k < ns; k++) {
      const v = settled[k];
      pP[v] += tP - dP[v];
      pS[v] += tS - dS[v];
    }
    // A settled mentor's price rose; its unsettled mentees' arcs from it are now slack. Raising
    // their u to tightness keeps every residual arc non-negative (it only raises their out-arcs)
    // and restores complementary slackness, which the certificate's zero gap needs.
    for (let k = 0; k < ns; k++) {
      const a = settled[k];
      if (a < n) continue;
      for (let b = head[a - n]; b >= 0; b = nxt[b]) {
        pP[b] = prio[b] + pP[a];
        pS[b] = sgn * edgeWeight[assignEdge[b]] + pS[a];
      }
    }
    // Augment along sink → tNext → … → j0.
    let x = tNext;
    if (x >= n) {
      sat[x - n]--;
    }
    for (;;) {
      if (x >= n) {
        if (x === s0) break;
        // Mentor x hands its mentee i = next on the path to that mentee's new mentor.
        const i = pred[x];
        unlink(i, x - n);
        load[x - n]--;
        x = i;
      } else {
        const i = x;
        const a = pred[i];
        const j = a - n;
        assignment[i] = j;
        assignEdge[i] = predEdge[i];
        link(i, j);
        load[j]++;
        x = a;
      }
    }
  }

  function unlink(i: number, j: number): void {
    if (prv[i] >= 0) nxt[prv[i]] = nxt[i];
    else head[j] = nxt[i];
    if (nxt[i] >= 0) prv[nxt[i]] = prv[i];
    nxt[i] = -1;
    prv[i] = -1;
  }
  function link(i: number, j: number): void {
    prv[i] = -1;
    nxt[i] = head[j];
    if (head[j] >= 0) prv[head[j]] = i;
    head[j] = i;
  }
  // Duals: u_i = p(i) − p(sink), v_j = p(sink) − p(j), with p(sink) = 0.
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    certificate.menteeP[i] = pP[i];
    certificate.menteeS[i] = pS[i];
  }
  for (let j = 0; j < m; j++) {
    certificate.mentorP[j] = -pP[n + j];
    certificate.mentorS[j] = -pS[n + j];
  }
  return { assignment, feasible, timedOut, certificate, stats };
}

/** The exact network solver (registry entry `flow`). */
export const flowSolver: Solver = {
  name: 'flow',
  description: 'exact min-cost flow (successive shortest paths, lexicographic costs), with a dual certificate',
  exact: true,
  maxEdges: Infinity,
  run(p: Problem, options: SolveOptions): SolverOutput {
    const hasSide = sideIsActive(p);
    const sol = minCostFlow(p, options.timeLimitMs ?? Infinity);
    if (!sol.feasible) return { status: 'infeasible', assignment: sol.assignment, notes: ['imposed pairs conflict'] };
    if (sol.timedOut) return { status: 'timeout', assignment: sol.assignment };
    if (hasSide) {
      // The network cannot honour budgets or quotas: its optimum is only a relaxation.
      const viol = sideViolations(p, sol.assignment);
      if (viol.length > 0) {
        throw new SolverRefusal(
          'side-constraints',
          `flow cannot honour side constraints and its optimum violates them (${viol[0]}): use lp or the Lagrangian solver`,
          { solver: 'flow' },
        );
      }
    }
    return { status: 'optimal', assignment: sol.assignment, certificate: sol.certificate };
  },
};

/** True when the problem carries side constraints that may bind. */
function sideIsActive(p: Problem): boolean {
  const s = p.side;
  if (!s) return false;
  return Boolean((s.menteeGroup && (s.groupBudget || s.groupMinPriority)) || (s.mentorEmployer && s.employerMax));
}
