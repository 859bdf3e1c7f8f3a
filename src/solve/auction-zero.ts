/**
 * First, cheap try of the warm start: a Gauss–Seidel forward auction in the zero-increment form of
 * Jonker–Volgenant's augmenting row reduction, on the exact (coverage, weight) pairs (the warm start
 * of commit 3c1a6c2). When slots are plentiful (the loose regime) almost every mentee gets its
 * mentor within one or two bids and the state is exactly complementary-slack, so the exact phase
 * has little left. When slots are scarce, tied bidders wage price wars that zero increments never
 * end; the pass then stops at its (small) bid budget, or as soon as it is visibly stalling, and
 * reports failure: the caller (./auction.ts) resets the state and runs the ε-scaling auction.
 *
 * Model. A mentor with capacity c is c slots; slot k has a price t_k ≥ (0, pen_k) (unused slots sit
 * at exactly (0, pen_k)). A bidder takes the cheapest slot (lowest index on ties), so used slots are
 * a prefix and never become free again. The mentor's price is v_j = min_k t_k. A bid sets the slot's
 * price to W_e − second best: the bidder ends exactly indifferent, and prices only rise, so every
 * assigned mentee stays exactly complementary-slack. On success the state needs no conversion: no
 * deficits (sat = load), p(j) = −v_j, p(i) = W_e − v_j (assigned), 0 (on its "no mentor" arc).
 */
import type { Problem } from '../encode/problem.js';
import type { WarmTarget } from './auction.js';

/** Outcome of the zero-increment pass. */
export interface ZeroPassResult {
  /** True when the state was written into the target (else the target's free part is untouched). */
  ok: boolean;
  bids: number;
  /** Mentees left free (when ok). */
  free: number;
}

/**
 * Runs the zero-increment auction with at most `maxBids` bids. Succeeds when at most `maxFree`
 * mentees are left free; then writes assignment, loads, sat and potentials into `s`. On failure
 * nothing of `s` is modified. Deterministic (queue order, lowest index on ties).
 */
export function zeroIncrementPass(p: Problem, s: WarmTarget, maxBids: number, maxFree: number): ZeroPassResult {
  const n = p.nMentees;
  const m = p.nMentors;
  const { offsets, edgeMentor, edgeWeight } = p;
  const { load, cap, fixed, prio } = s;
  const sgn = p.sense === 'max' ? 1 : -1;
  const sp = p.slotPenalty && p.slotPenalty.length > 0 ? p.slotPenalty : null;
  const spLast = sp ? sp.length - 1 : 0;

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
  const assignEdge = new Int32Array(n).fill(-1);
  const held = new Int32Array(m);

  const queue = new Int32Array(Math.max(1, n));
  let qHead = 0;
  let qLen = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i] || offsets[i] === offsets[i + 1]) continue;
    queue[qLen++] = i;
  }

  let bids = 0;
  // Stall check: every n/4 bids (at least 1024), the queue must have shrunk by a fair share.
  // (Checked on a window, not per bid: tied bidders may swap a slot many times before settling.)
  const window = Math.max(1024, n >> 2);
  let nextCheck = window;
  let lastLen = qLen;
  while (qLen > 0 && bids < maxBids) {
    if (bids >= nextCheck) {
      // Each bid in a healthy run settles about one mentee; a queue that shrank by less than a
      // tenth of the window's bids is a price war: give up early.
      if (lastLen - qLen < window / 10) {
        if (qLen > maxFree) return { ok: false, bids, free: qLen };
        break; // a few stragglers at war: the exact phase routes them
      }
      lastLen = qLen;
      nextCheck += window;
    }
    const i = queue[qHead];
    qHead = qHead + 1 === n ? 0 : qHead + 1;
    qLen--;
    const pi = prio[i];
    let bP = 0;
    let bS = 0;
    let bE = -1;
    let cP = 0;
    let cS = 0;
    let cE = -1;
    for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
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
    if (bE < 0) continue; // nothing beats staying unassigned: u = 0
    let e = bE;
    let j = edgeMentor[e];
    let q = minSlot[j];
    let newP: number;
    let newS: number;
    if (bP === cP && bS === cS) {
      // Zero increment; a held best slot with a tied second option: take the second (JV).
      if (holder[q] >= 0 && cE >= 0) {
        e = cE;
        j = edgeMentor[e];
        q = minSlot[j];
      }
      newP = tP[q];
      newS = tS[q];
    } else {
      newP = pi - cP;
      newS = sgn * edgeWeight[e] - cS;
    }
    const h = holder[q];
    holder[q] = i;
    tP[q] = newP;
    tS[q] = newS;
    assignEdge[i] = e;
    if (h >= 0) {
      assignEdge[h] = -1;
      let t = qHead + qLen;
      if (t >= n) t -= n;
      queue[t] = h;
      qLen++;
    } else {
      held[j]++;
    }
    let best = slotStart[j];
    for (let r = best + 1, end = slotStart[j + 1]; r < end; r++) {
      if (tP[r] < tP[best] || (tP[r] === tP[best] && tS[r] < tS[best])) best = r;
    }
    minSlot[j] = best;
    vP[j] = tP[best];
    vS[j] = tS[best];
  }
  if (qLen > maxFree) return { ok: false, bids, free: qLen };

  // Success: write the state. Queued mentees stay free (processed = 0).
  const { assignment, processed, pP, pS, sat } = s;
  const inQueue = new Uint8Array(n);
  for (let k = 0, t = qHead; k < qLen; k++, t = t + 1 === n ? 0 : t + 1) inQueue[queue[t]] = 1;
  for (let j = 0; j < m; j++) {
    load[j] += held[j];
    sat[j] = load[j];
    if (vP[j] === Infinity) {
      // No slot (capacity 0, or full of imposed mentees): a price above every priority.
      pP[n + j] = -(maxPrio + 1);
      pS[n + j] = 0;
    } else {
      pP[n + j] = -vP[j];
      pS[n + j] = -vS[j];
    }
  }
  for (let i = 0; i < n; i++) {
    if (fixed[i] || inQueue[i]) continue;
    processed[i] = 1;
    const e = assignEdge[i];
    if (e < 0) {
      pP[i] = 0;
      pS[i] = 0;
      continue;
    }
    const j = edgeMentor[e];
    assignment[i] = j;
    s.assignEdge[i] = e;
    pP[i] = prio[i] + pP[n + j];
    pS[i] = sgn * edgeWeight[e] + pS[n + j];
  }
  return { ok: true, bids, free: qLen };
}
