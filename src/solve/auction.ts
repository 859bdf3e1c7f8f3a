/**
 * Warm start of the exact `flow` solver: an ε-scaling Gauss–Seidel forward auction (Bertsekas) on
 * a scalarised cost, converted at the end into the lexicographic state the exact phase (./flow.ts)
 * needs: a partial assignment, "deficit" slots, and (coverage, weight) potentials under which every
 * residual arc has a non-negative reduced cost. The exact phase then only routes the few mentees
 * the conversion leaves free, with searches of radius about ε instead of most of the graph.
 *
 * Scalar cost. Mentee i values mentor j on edge e at M·π_i + s·w_e (and "no mentor" at 0), with
 * M = 8·S / g, S the secondary scale (largest |weight| or |penalty|) and g the grid of the
 * priorities (their gcd, a multiple of 1/64). M only steers the heuristic; exactness comes from the
 * conversion and the exact phase, which work in (primary, secondary) pairs. Without M the auction
 * could never raise a price's coverage level: over-demanded regions would end in endless price
 * wars on the weight level (the former zero-increment auction did, in the tight regime).
 *
 * Slots. A mentor with capacity c is c slots; slot k has base price pen_k (its slot penalty). A
 * bidder takes the cheapest slot (lowest index on ties); the mentor's price v_j is its cheapest
 * slot. The bid increment is the bidder's gap (best − second option) when that is ≥ ε — the bidder
 * ends exactly indifferent, so exactly complementary-slack — and gap + ε otherwise (ε-slack, which
 * guarantees progress). ε shrinks by `SCALE` per phase; each phase frees the mentees that are not
 * ε-slack any more (their slots keep their prices). A forward auction alone leaves slots priced
 * above their base with nobody in them (coarse early ε over-prices; the market has more slots than
 * takers in places), so each phase ends with reverse bids (Bertsekas–Castañon, asymmetric
 * assignment): such a slot lowers its price just enough to take its best neighbour, whose former
 * slot then does the same, or drops to its base when nobody wants it.
 *
 * Conversion (exact, in pairs). Slot prices t become pairs (g·round(t / Mg), t − M·that); v_j is the
 * smallest. Every assigned mentee that is not exactly complementary-slack in pairs is freed, but its
 * slot stays saturated (flow still leaves the mentor to the sink): the mentor then has a *deficit*,
 * and its price needs no change, so freeing unravels nothing. `sat[j]` counts saturated slots
 * (held + deficits); the exact phase routes free mentees to deficits or the sink, and finally sends
 * what the sink got in excess back to the deficits (reverse searches). What it gets (checked by
 * `warmStateHolds`, in the solver's own arithmetic):
 *   - assigned mentee i on edge e: u_i = W_e − v_j ≥ 0 and u_i ≥ W_e' − v_j' on all its edges;
 *   - mentee on its "no mentor" arc: W_e' − v_j' ≤ 0 on all its edges (u_i = 0);
 *   - mentor with s saturated slots: v_j ≥ (0, pen_{s−1}) and, if s < c, v_j ≤ (0, pen_s);
 * i.e. every residual arc has a non-negative reduced cost with potentials p(i) = u_i, p(j) = −v_j.
 */
import type { Problem } from '../encode/problem.js';
import { PRIORITY_QUANTUM, secondaryScale } from './lexicographic.js';
import { zeroIncrementPass } from './auction-zero.js';
import { slotPenaltyAt } from './objective.js';

/** ε is divided by this at each phase (default). */
const SCALE = 6;

/** The solver's state the warm start fills in (arrays owned by ./flow.ts). */
export interface WarmTarget {
  /** Mentor of each mentee (−1 none); imposed mentees are already set and stay. */
  assignment: Int32Array;
  /** Edge of each assigned mentee. */
  assignEdge: Int32Array;
  /** Mentees per mentor, imposed ones included (already counted on entry). */
  load: Int32Array;
  /** Saturated slot arcs per mentor (≥ load; the difference is the mentor's deficit). */
  sat: Int32Array;
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
  /** The problem's mentor-side adjacency (`mentorEdges`). */
  mentorEdges: MentorEdges;
}

/** Knobs of the warm start (defaults are the solver's). */
export interface AuctionOptions {
  /** Bid budget, in bids per mentee (default 64). */
  bidsPerMentee?: number;
  /** Final ε relative to the secondary scale S (default 1e-3). */
  epsilon?: number;
  /** ε is divided by this at each phase (default 6). */
  scale?: number;
  /** First ε relative to M·max priority (default 1/8). */
  epsilon0?: number;
  /**
   * Bid budget of the zero-increment first try (./auction-zero.ts), in bids per mentee (default 4;
   * 0 skips it; left unset, it is skipped when there are fewer free slots than mentees to route).
   * It is kept when it leaves at most `zeroMaxFree` · n mentees free (default 0.01).
   */
  zeroBidsPerMentee?: number;
  zeroMaxFree?: number;
}

/** Bids and conversion counts of a warm start. */
export interface AuctionStats {
  bids: number;
  /** Bids of the zero-increment first try (included in `bids`); phases = 0 when it was kept. */
  zeroBids: number;
  phases: number;
  /** Mentees left free for the exact phase, and deficit slots left for it. */
  free: number;
  deficits: number;
}

/**
 * Runs the auction and writes assignment, loads, saturated slots and potentials into `s`.
 * Deterministic: mentees bid in queue order (index order at first), ties go to the lowest index.
 */
export function auctionWarmStart(p: Problem, s: WarmTarget, options: AuctionOptions = {}): AuctionStats {
  const n = p.nMentees;
  let zeroBids = 0;
  const zb = options.zeroBidsPerMentee ?? 4;
  if (zb > 0 && (options.zeroBidsPerMentee !== undefined || slotsPerBidder(p, s) >= 1)) {
    const maxFree = Math.max(16, Math.floor((options.zeroMaxFree ?? 0.01) * n));
    const z = zeroIncrementPass(p, s, Math.ceil(zb * Math.max(1, n)), maxFree);
    zeroBids = z.bids;
    if (z.ok) return { bids: z.bids, zeroBids, phases: 0, free: z.free, deficits: 0 };
  }
  const st = scalingAuction(p, s, options);
  st.bids += zeroBids;
  st.zeroBids = zeroBids;
  return st;
}

/**
 * Free slots per mentee to route, over the whole problem. Below 1 some mentees must stay
 * unassigned: the zero-increment auction then wages price wars and is not tried by default (it
 * would stall after about n bids, some 7 % of the time at 150k tight). Above 1 it is tried, and
 * its stall check catches regions that are tight locally.
 */
function slotsPerBidder(p: Problem, s: WarmTarget): number {
  let slots = 0;
  for (let j = 0; j < p.nMentors; j++) slots += Math.max(0, s.cap[j] - s.load[j]);
  let bidders = 0;
  for (let i = 0; i < p.nMentees; i++) if (!s.fixed[i] && p.offsets[i + 1] > p.offsets[i]) bidders++;
  return bidders > 0 ? slots / bidders : Infinity;
}

/**
 * The ε-scaling auction and its conversion (see the file's header).
 *
 * The hot helpers (reverseBid, refreshMin, push, release) are closures on purpose: V8 compiles a
 * closure specialised to its first context (this solve's arrays as constants), which makes the
 * process's first solve, the one `match` does, faster than with module functions taking the arrays
 * as arguments (generated national round: 2.5–3.1 s against 3.4–3.7 s; measured three times, last
 * on 29/11/2026). The price: later solves in the same process run generic code, about as fast as
 * the module-function version (lagrangien's subproblems, a worker's next part).
 */
function scalingAuction(p: Problem, s: WarmTarget, options: AuctionOptions): AuctionStats {
  const n = p.nMentees;
  const m = p.nMentors;
  const { offsets, edgeMentor, edgeWeight } = p;
  const { assignment, assignEdge, load, sat, cap, fixed, prio, processed, pP, pS } = s;
  const sgn = p.sense === 'max' ? 1 : -1;
  const sp = p.slotPenalty && p.slotPenalty.length > 0 ? p.slotPenalty : null;
  const spLast = sp ? sp.length - 1 : 0;
  const pen = (k: number): number => (sp ? sp[k < spLast ? k : spLast] : 0);

  // Scalarisation: grid g of the priorities (gcd in 1/64 units), M = 8·S/g.
  let gq = 0;
  let maxPrio = 0;
  const deg = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (prio[i] > maxPrio) maxPrio = prio[i];
    const q = Math.round(Math.abs(prio[i]) * PRIORITY_QUANTUM);
    if (q > 0) gq = gcd(gq, q);
    for (let e = offsets[i]; e < offsets[i + 1]; e++) deg[edgeMentor[e]]++;
  }
  const g = gq > 0 ? gq / PRIORITY_QUANTUM : 1;
  const S = Math.max(secondaryScale(p), 1e-9);
  const M = (8 * S) / g;
  const Mg = M * g;

  // Slots: at most (bidders + 1) per mentor, so huge capacities cost nothing.
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j] + Math.max(0, Math.min(cap[j] - load[j], deg[j] + 1));
  const nSlots = slotStart[m];
  const price = new Float64Array(nSlots);
  const basePrice = new Float64Array(nSlots);
  const holder = new Int32Array(nSlots).fill(-1);
  const slotOf = new Int32Array(n).fill(-1);
  const v = new Float64Array(m); // scalar mentor price: its cheapest slot
  const minSlot = new Int32Array(m).fill(-1);
  const l0 = load.slice(); // imposed loads
  for (let j = 0; j < m; j++) {
    for (let q = slotStart[j]; q < slotStart[j + 1]; q++) basePrice[q] = price[q] = pen(l0[j] + q - slotStart[j]);
    if (slotStart[j] < slotStart[j + 1]) {
      minSlot[j] = slotStart[j];
      v[j] = price[slotStart[j]];
    } else {
      v[j] = Infinity; // no slot to bid for: never chosen
    }
  }
  const refreshMin = (j: number): void => {
    const a = slotStart[j];
    const b = slotStart[j + 1];
    let best = a;
    for (let r = a + 1; r < b; r++) if (price[r] < price[best]) best = r;
    minSlot[j] = best;
    v[j] = price[best];
  };
  const rev = s.mentorEdges;

  // FIFO of free mentees; each is in it at most once, so n entries suffice.
  const queue = new Int32Array(Math.max(1, n));
  let qHead = 0;
  let qLen = 0;
  const push = (i: number): void => {
    let t = qHead + qLen;
    if (t >= n) t -= n;
    queue[t] = i;
    qLen++;
  };
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (offsets[i] === offsets[i + 1]) processed[i] = 1; // no candidate: "no mentor" arc, u = 0
    else push(i);
  }
  // gain[i] = M·π_i − profit_i for a routed mentee (profit: its option's value at its slot's price),
  // −∞ for a free or imposed one: a neighbour i would take a slot of j at any price below
  // s·w_e + gain[i].
  const gain = new Float64Array(n).fill(-Infinity);
  const revW = rev.weight; // weights in mentor order (built with the adjacency: no scattered reads)
  const release = (i: number): void => {
    gain[i] = -Infinity;
    holder[slotOf[i]] = -1;
    slotOf[i] = -1;
    assignment[i] = -1;
    assignEdge[i] = -1;
    processed[i] = 0;
  };
  /**
   * Unheld slots priced above their base come down to the highest price at which no routed
   * neighbour gains by taking them (reverse-auction step): nobody's slackness changes, and mentors
   * that were over-priced by an early, coarse ε do not end as deficits of the exact phase.
   */
  const lowerUnheld = (): void => {
    for (let j = 0; j < m; j++) {
      const a = slotStart[j];
      const b = slotStart[j + 1];
      let any = false;
      for (let r = a; r < b; r++) if (holder[r] < 0 && price[r] > basePrice[r]) any = true;
      if (!any) continue;
      let floor = -Infinity;
      for (let k = rev.start[j], end = rev.start[j + 1]; k < end; k++) {
        const t = sgn * revW[k] + gain[rev.mentee[k]];
        if (t > floor) floor = t;
      }
      for (let r = a; r < b; r++) {
        if (holder[r] >= 0 || price[r] <= basePrice[r]) continue;
        price[r] = Math.max(basePrice[r], Math.min(price[r], floor));
      }
      refreshMin(j);
    }
  };

  // Reverse auction (Bertsekas, asymmetric assignment): an unheld slot priced above its base bids
  // for its best neighbour i* (largest a_ij − profit_i): its price drops to the second largest
  // minus eps (or its base), i* moves to it, and i*'s former slot is queued in turn. Every routed
  // mentee stays eps-slack; unheld slots end at their base, as complementary slackness wants.
  const rQueue = new Int32Array(Math.max(1, nSlots));
  const inRQ = new Uint8Array(nSlots);
  let rHead = 0;
  let rLen = 0;
  const rPush = (q: number): void => {
    if (inRQ[q]) return;
    inRQ[q] = 1;
    let t = rHead + rLen;
    if (t >= nSlots) t -= nSlots;
    rQueue[t] = q;
    rLen++;
  };
  const slotMentor = new Int32Array(nSlots);
  for (let j = 0; j < m; j++) for (let q = slotStart[j]; q < slotStart[j + 1]; q++) slotMentor[q] = j;
  const reverseBid = (q: number, eps: number): void => {
    const j = slotMentor[q];
    let b1 = -Infinity;
    let b2 = -Infinity;
    let i1 = -1;
    let k1 = -1;
    // j's own mentees are skipped. With at most 4 slots, their holders (contiguous, in cache) tell
    // who they are, instead of a scattered read of assignment[i] per candidate.
    const sa = slotStart[j];
    const ns = slotStart[j + 1] - sa;
    const small = ns <= 4;
    const h0 = ns > 0 ? holder[sa] : -1;
    const h1 = ns > 1 ? holder[sa + 1] : -1;
    const h2 = ns > 2 ? holder[sa + 2] : -1;
    const h3 = ns > 3 ? holder[sa + 3] : -1;
    for (let k = rev.start[j], end = rev.start[j + 1]; k < end; k++) {
      const i = rev.mentee[k];
      const t = sgn * revW[k] + gain[i];
      if (t > b2) {
        if (small ? i === h0 || i === h1 || i === h2 || i === h3 : assignment[i] === j) continue;
        if (t > b1) {
          b2 = b1;
          b1 = t;
          i1 = i;
          k1 = k;
        } else b2 = t;
      }
    }
    const e1 = k1 >= 0 ? rev.edge[k1] : -1;
    const base = basePrice[q];
    if (i1 < 0 || b1 < base + eps) {
      price[q] = base; // nobody wants it above its base: unpriced
      refreshMin(j);
      return;
    }
    const old = slotOf[i1];
    if (old >= 0) {
      holder[old] = -1;
      const j2 = slotMentor[old];
      refreshMin(j2);
      if (price[old] > basePrice[old]) rPush(old);
    }
    // Zero increment when the gap is at least eps (the runner-up ends exactly indifferent), else eps.
    price[q] = Math.max(base, b1 - b2 >= eps ? b2 : b2 - eps);
    gain[i1] = price[q] - sgn * edgeWeight[e1];
    holder[q] = i1;
    slotOf[i1] = q;
    assignment[i1] = j;
    assignEdge[i1] = e1;
    refreshMin(j);
  };

  const maxBids = Math.ceil((options.bidsPerMentee ?? 64) * Math.max(1, n));
  const epsFinal = S * (options.epsilon ?? 1e-3);
  let eps = Math.max(epsFinal, M * Math.max(maxPrio, g) * (options.epsilon0 ?? 1 / 8));
  const scale = options.scale ?? SCALE;
  let bids = 0;
  let phases = 0;
  for (;;) {
    phases++;
    while (qLen > 0 && bids < maxBids) {
      const i = queue[qHead];
      qHead = qHead + 1 === n ? 0 : qHead + 1;
      qLen--;
      // Best and second best options (relative to M·π_i); "no mentor" is worth −M·π_i here.
      let b1 = -Infinity;
      let b2 = -Infinity;
      let e1 = -1;
      for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
        const a = sgn * edgeWeight[e] - v[edgeMentor[e]];
        if (a > b1) {
          b2 = b1;
          b1 = a;
          e1 = e;
        } else if (a > b2) b2 = a;
      }
      bids++;
      processed[i] = 1;
      const base = M * prio[i];
      const best = base + b1;
      if (e1 < 0 || !(best > 0)) {
        gain[i] = base; // nothing beats staying unassigned: u = 0
        continue;
      }
      const second = Math.max(base + b2, 0);
      const gap = best - second;
      const j = edgeMentor[e1];
      const q = minSlot[j];
      const h = holder[q];
      if (h >= 0) {
        release(h);
        push(h);
      }
      price[q] = base + sgn * edgeWeight[e1] - second + (gap >= eps ? 0 : eps);
      holder[q] = i;
      slotOf[i] = q;
      assignment[i] = j;
      assignEdge[i] = e1;
      gain[i] = price[q] - sgn * edgeWeight[e1];
      refreshMin(j);
    }
    // Reverse bids end every phase. Keeping them for the last phase only saves bids on synthetic
    // problems (50k tight: 1.0M instead of 1.6M) but let the generated national round (150,000 ×
    // 100,000, strongly over-demanded) fall into a price war: 9.6M bids (the budget) and 25k exact
    // searches, 26 s instead of 2.5 s.
    {
      for (let q = 0; q < nSlots; q++) if (holder[q] < 0 && price[q] > basePrice[q]) rPush(q);
      while (rLen > 0 && bids < maxBids) {
        const q = rQueue[rHead];
        rHead = rHead + 1 === nSlots ? 0 : rHead + 1;
        rLen--;
        inRQ[q] = 0;
        if (holder[q] >= 0 || price[q] <= basePrice[q]) continue;
        bids++;
        reverseBid(q, eps);
      }
    }
    if (eps <= epsFinal || bids >= maxBids) break;
    eps = Math.max(epsFinal, eps / scale);
    // New phase: over-priced unheld slots come down, then every mentee that is not eps-slack any
    // more is freed (its slot keeps its price).
    lowerUnheld();
    for (let i = 0; i < n; i++) {
      if (fixed[i] || !processed[i]) continue;
      const me = assignEdge[i];
      let b1 = -Infinity;
      for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
        const a = sgn * edgeWeight[e] - v[edgeMentor[e]];
        if (a > b1) b1 = a;
      }
      const base = M * prio[i];
      const best = Math.max(base + b1, 0);
      if (base - gain[i] < best - eps) {
        if (me >= 0) release(i);
        else {
          processed[i] = 0;
          gain[i] = -Infinity;
        }
        push(i);
      }
    }
  }
  // Mentees still queued stay free (processed = 0): the exact phase routes them.
  lowerUnheld();

  // Conversion to pairs. Mentor price: its cheapest slot (pairs), the first slot beyond the array
  // included when the capacity goes further.
  const vP = new Float64Array(m);
  const vS = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const a = slotStart[j];
    const b = slotStart[j + 1];
    let held = 0;
    let bP = Infinity;
    let bS = Infinity;
    for (let r = a; r < b; r++) {
      if (holder[r] >= 0) held++;
      const t = price[r];
      const tP = g * Math.round(t / Mg);
      const tS = t - M * tP;
      if (tP < bP || (tP === bP && tS < bS)) {
        bP = tP;
        bS = tS;
      }
    }
    const beyond = l0[j] + b - a;
    if (beyond < cap[j]) {
      const base = pen(beyond);
      if (0 < bP || (bP === 0 && base < bS)) {
        bP = 0;
        bS = base;
      }
    }
    if (b === a && beyond >= cap[j]) {
      // No slot at all (capacity 0, or full of imposed mentees): a price above every priority makes
      // all its arcs slack, and it is ≥ every used slot's penalty, as complementary slackness needs.
      bP = maxPrio + 1;
      bS = 0;
    }
    vP[j] = bP;
    vS[j] = bS;
    load[j] = l0[j] + held;
  }
  const settled = settleFromPrices(p, s, l0, vP, vS);
  return { bids, zeroBids: 0, phases, ...settled };
}

/**
 * The exact end of a warm start, from mentor prices in pairs (vP, vS) and an assignment already in
 * `s` (assignment, assignEdge, load = imposed + assigned, processed = 1 for every routed mentee):
 * used slots need v_j ≥ (0, pen_{l−1}) (raised if not); a mentor priced above the penalty of its
 * next slot keeps that slot saturated (a deficit); every routed mentee that is not exactly
 * complementary-slack in pairs is freed, its slot left saturated. Writes sat and the potentials.
 * Shared by the auction's conversion and `warmFromPrices` (a start from an earlier solve's duals).
 */
function settleFromPrices(p: Problem, s: WarmTarget, l0: Int32Array, vP: Float64Array, vS: Float64Array): { free: number; deficits: number } {
  const n = p.nMentees;
  const m = p.nMentors;
  const { offsets, edgeMentor, edgeWeight } = p;
  const { assignment, assignEdge, load, sat, cap, fixed, prio, processed, pP, pS } = s;
  const sgn = p.sense === 'max' ? 1 : -1;
  const pen = (k: number): number => slotPenaltyAt(p, k);
  const S = Math.max(secondaryScale(p), 1e-9);
  for (let j = 0; j < m; j++) {
    let bP = vP[j];
    let bS = vS[j];
    const l = load[j];
    // Used slots need v_j ≥ pen_{l−1}, imposed ones too, and a capacity's dual is never negative:
    // raise it if needed (holders that then lose slackness are freed below, and their slots stay
    // saturated). A start's prices can be anything (lagrangien's previous duals, or garbage): a
    // mentor no search reaches keeps its price to the end, so it must be a valid dual already.
    const floor = l > 0 ? Math.max(0, pen(l - 1)) : 0;
    if (bP < 0 || (bP === 0 && bS < floor)) {
      bP = 0;
      bS = floor;
    }
    // Saturated slots: as few as the price allows (v_j ≤ pen_s unless s = c), and at least the load;
    // more than the load are deficits (a mentor priced above the penalty of its next slot).
    let sNow = l;
    while (sNow < cap[j] && (bP > 0 || (bP === 0 && bS > pen(sNow)))) sNow++;
    vP[j] = bP;
    vS[j] = bS;
    sat[j] = sNow;
    pP[n + j] = -bP;
    pS[n + j] = -bS;
  }
  // Mentees: exact complementary slackness in pairs (up to float dust), or freed.
  const tol = 1e-11 * (1 + S);
  let free = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (!processed[i]) {
      free++;
      continue;
    }
    const me = assignEdge[i];
    const pi = prio[i];
    let uP = 0;
    let uS = 0;
    if (me >= 0) {
      const j = edgeMentor[me];
      uP = pi - vP[j];
      uS = sgn * edgeWeight[me] - vS[j];
    }
    let ok = uP > 0 || (uP === 0 && uS >= -tol);
    for (let e = offsets[i], end = offsets[i + 1]; ok && e < end; e++) {
      if (e === me) continue;
      const j = edgeMentor[e];
      const rP = uP - (pi - vP[j]);
      const rS = uS - (sgn * edgeWeight[e] - vS[j]);
      if (rP < 0 || (rP === 0 && rS < -tol)) ok = false;
    }
    if (!ok) {
      if (me >= 0) {
        assignment[i] = -1;
        assignEdge[i] = -1;
        load[edgeMentor[me]]--; // its slot stays saturated: a deficit
      }
      processed[i] = 0;
      pP[i] = 0;
      pS[i] = 0;
      free++;
      continue;
    }
    pP[i] = uP;
    pS[i] = uS;
  }
  let deficits = 0;
  for (let j = 0; j < m; j++) deficits += sat[j] - load[j];
  return { free, deficits };
}

/** A start for the exact phase from an earlier solve: its assignment and mentor prices v_j in pairs. */
export interface PriceStart {
  /** Mentor of each mentee (−1 none); ignored for imposed mentees. */
  assignment: Int32Array;
  /** Mentor prices (primary, secondary): the `mentorP` / `mentorS` of a flow certificate. */
  mentorP: Float64Array;
  mentorS: Float64Array;
}

/**
 * Warm state from a given assignment and mentor prices instead of an auction: the previous
 * subproblem's optimum in `lagrangien`, whose edge weights move a little between iterations. Only
 * complementary slackness in pairs is kept: a mentee whose pair is not on the given mentor's row,
 * would overfill it, or prefers another mentor at these prices is freed, and its mentor's slot
 * stays saturated (a deficit) so no price has to move. The exact phase then routes the freed
 * mentees and the deficits: the result is optimal whatever the start; a close one saves work.
 */
export function warmFromPrices(p: Problem, s: WarmTarget, start: PriceStart): AuctionStats {
  const n = p.nMentees;
  const { offsets, edgeMentor } = p;
  const { assignment, assignEdge, load, cap, fixed, processed } = s;
  const l0 = load.slice();
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    processed[i] = 1;
    const j = start.assignment[i];
    if (j < 0) continue;
    let at = -1;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (edgeMentor[e] === j) at = e;
    if (at < 0 || load[j] >= cap[j]) {
      processed[i] = 0;
      continue;
    }
    assignment[i] = j;
    assignEdge[i] = at;
    load[j]++;
  }
  const settled = settleFromPrices(p, s, l0, start.mentorP.slice(), start.mentorS.slice());
  return { bids: 0, zeroBids: 0, phases: 0, ...settled };
}

/** Edges of each mentor (CSR by mentor, edges in increasing order) and their mentees. */
export interface MentorEdges {
  start: Int32Array;
  edge: Int32Array;
  mentee: Int32Array;
  /** The edge's weight (as in the problem, before the sense's sign). */
  weight: Float64Array;
}

/** Builds the mentor-side adjacency of a problem. */
export function mentorEdges(p: Problem): MentorEdges {
  const m = p.nMentors;
  const E = p.offsets[p.nMentees];
  const start = new Int32Array(m + 1);
  for (let e = 0; e < E; e++) start[p.edgeMentor[e] + 1]++;
  for (let j = 0; j < m; j++) start[j + 1] += start[j];
  const fill = start.slice(0, m);
  const edge = new Int32Array(E);
  const mentee = new Int32Array(E);
  const weight = new Float64Array(E);
  const { offsets, edgeMentor, edgeWeight } = p;
  for (let i = 0; i < p.nMentees; i++) {
    for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
      const k = fill[edgeMentor[e]]++;
      edge[k] = e;
      mentee[k] = i;
      weight[k] = edgeWeight[e];
    }
  }
  return { start, edge, mentee, weight };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
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
  const { assignEdge, load, sat, cap, fixed, prio, processed, pP, pS } = s;
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
    const l = sat[j];
    if (l < load[j] || l > cap[j] || load[j] < imposedLoad[j]) return false;
    if (l < cap[j] && (vP > 0 || (vP === 0 && vS > pen(l) + tol))) return false;
    if (vP < 0 || (vP === 0 && vS < (l > 0 ? Math.max(0, pen(l - 1)) : 0) - tol)) return false;
  }
  return true;
}
