/**
 * Warm start of the exact `flow` solver: a Gauss–Seidel forward auction (Bertsekas; in the
 * zero-increment form of Jonker–Volgenant's augmenting row reduction) on the same lexicographic
 * (coverage, weight) pairs, stopped after a bounded number of bids. It leaves a partial assignment
 * and mentor prices that already satisfy the invariant of successive shortest paths, so the exact
 * phase (./flow.ts) only searches from the mentees the auction left free, with near-optimal
 * potentials instead of zeros — short searches instead of ones that cover most of the graph.
 *
 * Model. A mentor with capacity c is c slots; slot k costs its slot penalty pen_k and has a price
 * t_k ≥ (0, pen_k) (unused slots sit at exactly (0, pen_k)). A bidder always takes the cheapest
 * slot (lowest index on ties), so the used slots are a prefix and never become free again (a bid on
 * a held slot displaces its holder). The mentor's price is v_j = min_k t_k. Mentee i values mentor j
 * at (π_i, w_e) − v_j and its "no mentor" option at (0, 0).
 *
 * Why zero increment (ε = 0). The bid sets the slot's price to W_e − second best, so the bidder is
 * exactly indifferent between its mentor and its second option, and prices only rise afterwards:
 * every assigned mentee is *exactly* complementary-slack, not ε-slack. An ε > 0 would leave ε
 * violations that must be repaired by unassigning, and unassigning frees a slot whose price then
 * has to drop to its penalty, which unravels its neighbours. The cost of ε = 0 is that price wars
 * between tied bidders need not end: the bid budget ends them, and the exact phase takes over.
 *
 * What the exact phase gets (checked by `warmStateHolds`, in the solver's own arithmetic):
 *   - assigned mentee i on edge e: u_i = W_e − v_j ≥ 0 and u_i ≥ W_e' − v_j' on all its edges;
 *   - mentee on its "no mentor" arc: W_e' − v_j' ≤ 0 on all its edges (u_i = 0);
 *   - mentor with load l: v_j ≥ (0, pen_{l−1}) (used slots) and, if l < c, v_j ≤ (0, pen_l);
 * i.e. every residual arc has a non-negative reduced cost with potentials p(i) = u_i, p(j) = −v_j.
 */
import type { Problem } from '../encode/problem.js';

/** The solver's state the warm start fills in (arrays owned by ./flow.ts). */
export interface WarmTarget {
  /** Mentor of each mentee (−1 none); imposed mentees are already set and stay. */
  assignment: Int32Array;
  /** Edge of each assigned mentee. */
  assignEdge: Int32Array;
  /** Mentees per mentor, imposed ones included (already counted on entry). */
  load: Int32Array;
  /** Usable capacity of each mentor. */
  cap: Int32Array;
  /** 1 for imposed mentees (out of the flow). */
  fixed: Uint8Array;
  /** Primary value (rounded priority) of each mentee. */
  prio: Float64Array;
  /** Set to 1 for a mentee whose unit is routed (to a mentor, or on its "no mentor" arc). */
  processed: Uint8Array;
  /** Potentials (primary, secondary) of mentees 0..n−1 and mentors n..n+m−1. */
  pP: Float64Array;
  pS: Float64Array;
}

/**
 * Runs the auction for at most `maxBids` bids and writes assignment, loads and potentials into `s`.
 * Returns the number of bids. Deterministic: mentees bid in queue order (index order at first),
 * ties go to the lowest edge index.
 */
export function auctionWarmStart(p: Problem, s: WarmTarget, maxBids: number): number {
  const n = p.nMentees;
  const m = p.nMentors;
  const { offsets, edgeMentor, edgeWeight } = p;
  const { assignment, assignEdge, load, cap, fixed, prio, processed, pP, pS } = s;
  const sgn = p.sense === 'max' ? 1 : -1;
  const sp = p.slotPenalty && p.slotPenalty.length > 0 ? p.slotPenalty : null;
  const spLast = sp ? sp.length - 1 : 0;

  // Slots: a mentor needs at most (its free bidders + 1) of them — the extra unused slot keeps
  // v_j ≤ pen_l while it has room — so huge capacities cost nothing.
  const deg = new Int32Array(m);
  let maxPrio = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (prio[i] > maxPrio) maxPrio = prio[i];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) deg[edgeMentor[e]]++;
  }
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j] + Math.max(0, Math.min(cap[j] - load[j], deg[j] + 1));
  const nSlots = slotStart[m];
  const tP = new Float64Array(nSlots);
  const tS = new Float64Array(nSlots);
  const holder = new Int32Array(nSlots).fill(-1);
  // Mentor prices v_j = min over its slots, and the slot that attains it.
  const vP = new Float64Array(m);
  const vS = new Float64Array(m);
  const minSlot = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) {
    const l0 = load[j];
    for (let q = slotStart[j]; q < slotStart[j + 1]; q++) {
      const k = l0 + q - slotStart[j];
      tS[q] = sp ? sp[k < spLast ? k : spLast] : 0;
    }
    if (slotStart[j] < slotStart[j + 1]) {
      minSlot[j] = slotStart[j];
      vS[j] = tS[slotStart[j]];
    } else {
      vP[j] = Infinity; // no slot to bid for: never chosen
    }
  }

  // FIFO of free mentees; each is in it at most once, so n entries suffice.
  const queue = new Int32Array(Math.max(1, n));
  let qHead = 0;
  let qLen = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (offsets[i] === offsets[i + 1]) {
      processed[i] = 1; // no candidate: on its "no mentor" arc, u = 0
      continue;
    }
    queue[qLen++] = i;
  }

  let bids = 0;
  while (qLen > 0 && bids < maxBids) {
    const i = queue[qHead];
    qHead = qHead + 1 === n ? 0 : qHead + 1;
    qLen--;
    const pi = prio[i];
    // Best and second best options; the "no mentor" option (0, 0) is always there.
    let bP = 0;
    let bS = 0;
    let bE = -1;
    let cP = 0;
    let cS = 0;
    let cE = -1;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = edgeMentor[e];
      const aP = pi - vP[j];
      const aS = sgn * edgeWeight[e] - vS[j];
      if (aP > bP || (aP === bP && aS > bS)) {
        cP = bP;
        cS = bS;
        cE = bE;
        bP = aP;
        bS = aS;
        bE = e;
      } else if (aP > cP || (aP === cP && aS > cS)) {
        cP = aP;
        cS = aS;
        cE = e;
      }
    }
    bids++;
    if (bE < 0) {
      processed[i] = 1; // nothing is worth more than staying unassigned: u = 0
      continue;
    }
    let e = bE;
    let j = edgeMentor[e];
    let q = minSlot[j];
    let newP: number;
    let newS: number;
    if (bP === cP && bS === cS) {
      // Zero increment. Jonker–Volgenant: if the best slot is held, take the tied second option
      // instead, so two tied bidders do not just swap one slot back and forth.
      if (holder[q] >= 0 && cE >= 0) {
        e = cE;
        j = edgeMentor[e];
        q = minSlot[j];
      }
      newP = tP[q];
      newS = tS[q];
    } else {
      // The bidder becomes exactly indifferent between this mentor and its second option.
      newP = pi - cP;
      newS = sgn * edgeWeight[e] - cS;
    }
    const h = holder[q];
    holder[q] = i;
    tP[q] = newP;
    tS[q] = newS;
    assignment[i] = j;
    assignEdge[i] = e;
    processed[i] = 1;
    if (h >= 0) {
      assignment[h] = -1;
      assignEdge[h] = -1;
      processed[h] = 0;
      queue[(qHead + qLen) % n] = h;
      qLen++;
    } else {
      load[j]++;
    }
    // New price of the mentor: its cheapest slot (lowest index on ties).
    let best = slotStart[j];
    for (let r = best + 1; r < slotStart[j + 1]; r++) {
      if (tP[r] < tP[best] || (tP[r] === tP[best] && tS[r] < tS[best])) best = r;
    }
    minSlot[j] = best;
    vP[j] = tP[best];
    vS[j] = tS[best];
  }
  // Mentees still queued stay free (processed = 0): the exact phase routes them.

  for (let j = 0; j < m; j++) {
    if (vP[j] === Infinity) {
      // No slot left (capacity 0, or full of imposed mentees): a price above every priority makes
      // all its arcs slack, and it is ≥ every used slot's penalty, as complementary slackness needs.
      pP[n + j] = -(maxPrio + 1);
      pS[n + j] = 0;
    } else {
      pP[n + j] = -vP[j];
      pS[n + j] = -vS[j];
    }
  }
  for (let i = 0; i < n; i++) {
    const e = assignEdge[i];
    if (fixed[i] || !processed[i] || e < 0) continue;
    const j = n + edgeMentor[e];
    pP[i] = prio[i] + pP[j];
    pS[i] = sgn * edgeWeight[e] + pS[j];
  }
  return bids;
}

/**
 * Checks, in the exact phase's own arithmetic, that the warm state satisfies the invariant of
 * successive shortest paths (every residual arc has a non-negative reduced cost, up to `tol` of
 * float dust on the weight level) and complementary slackness of the slots. A false answer means a
 * bug: the caller then starts cold rather than search on negative arcs.
 */
export function warmStateHolds(p: Problem, s: WarmTarget, imposedLoad: Int32Array, tol: number): boolean {
  const n = p.nMentees;
  const m = p.nMentors;
  const { offsets, edgeMentor, edgeWeight } = p;
  const { assignEdge, load, cap, fixed, prio, processed, pP, pS } = s;
  const sgn = p.sense === 'max' ? 1 : -1;
  const sp = p.slotPenalty && p.slotPenalty.length > 0 ? p.slotPenalty : null;
  const spLast = sp ? sp.length - 1 : 0;
  const pen = (k: number): number => (sp ? sp[k < spLast ? k : spLast] : 0);
  for (let i = 0; i < n; i++) {
    if (fixed[i] || !processed[i]) continue;
    const uP = pP[i];
    const uS = pS[i];
    if (uP < 0 || (uP === 0 && uS < -tol)) return false;
    if (assignEdge[i] < 0 && (uP !== 0 || uS !== 0)) return false;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = n + edgeMentor[e];
      const rP = uP - prio[i] - pP[j];
      const rS = uS - sgn * edgeWeight[e] - pS[j];
      if (rP < 0 || (rP === 0 && rS < -tol)) return false;
      if (e === assignEdge[i] && (rP !== 0 || Math.abs(rS) > tol)) return false;
    }
  }
  for (let j = 0; j < m; j++) {
    const vP = -pP[n + j];
    const vS = -pS[n + j];
    const l = load[j];
    if (l < cap[j] && (vP > 0 || (vP === 0 && vS > pen(l) + tol))) return false;
    if (l > imposedLoad[j] && (vP < 0 || (vP === 0 && vS < pen(l - 1) - tol))) return false;
  }
  return true;
}
