/**
 * Sparse candidate generation, never O(mentees × mentors).
 *
 * Mentees of a school share its location, so work is done per school: one radius query per
 * radius class on the site index gives the in-person-possible mentors (within their own
 * `rayon_km`, under the cost ceiling), sorted by km. Per trade key of the school's mentees (a CFD
 * or a bare filière) those hits are split by trade level; within a level the partial score
 * (trade + proximity) decreases with km, so merging the levels gives a stream in non-increasing
 * partial score. Distanciel mentors come from one stream per trade key for the whole round (prox 0,
 * so ordered by level). Each mentee scans both streams best-first and stops as soon as no entry
 * left can beat its K-th best even with full availability points: the scan touches a few dozen
 * entries, not the whole neighbourhood. The result equals the brute-force reference exactly
 * (test/candidates/reference.test.ts).
 */
import type { Round } from '../schema/round.js';
import { availability, popcount } from '../score/availability.js';
import { proximity } from '../score/proximity.js';
import { TRADE_NONE, tradeLevel } from '../score/trade.js';
import { travelCost } from '../score/travel.js';
import { combineScore, partialScore } from '../score/weights.js';
import { diagnoseMentees } from './diagnostics.js';
import { EFF_DISTANCIEL, acceptsInPerson, acceptsRemote, inPersonModality } from './modality.js';
import { evaluatePair, newPairEval, pairKm } from './pair.js';
import { prepareRound, type CandidateContext, type PreparedRound } from './prepare.js';
import { RowBuffer } from './row.js';
import { CandidateWriter, type CandidateSet, type IneligibleMentor } from './set.js';
import { buildSiteIndex, distance, sitesNear } from './sites.js';
import { TopK } from './topk.js';
import { RemoteScanner, remoteStream, type RemoteStream } from './remote.js';

function levelOf(p: PreparedRound, cfd: number, fam: number, fil: number, j: number): number {
  return tradeLevel(
    cfd,
    fam,
    fil,
    p.mentorCfds,
    p.mentorCfdOffsets[j],
    p.mentorCfdOffsets[j + 1],
    p.mentorFams,
    p.mentorFamOffsets[j],
    p.mentorFamOffsets[j + 1],
    p.mentorFiliere[j],
    p.mentorTransverse[j] === 1,
  );
}

/**
 * The candidates of a round: for each mentee, its best `policy.k_candidats` admissible mentors
 * (plus its imposed pairs), with scores, components, km, cost and modality; diagnostics for
 * mentees left without any; the ineligible mentors with their reason.
 */
export function buildCandidates(round: Round, ctx: CandidateContext): CandidateSet {
  return buildFromPrepared(prepareRound(round, ctx), round, ctx);
}

/** `buildCandidates` on an already prepared round. */
export function buildFromPrepared(p: PreparedRound, round: Round, ctx: CandidateContext): CandidateSet {
  const q = p.params;
  const n = p.nMentees;
  const m = p.nMentors;
  const K = q.k;
  const wA = q.availabilityWeight;
  // Availability points by number of common slots (same expression as evaluatePair).
  const availPts = Float64Array.from({ length: 33 }, (_, c) => wA * availability(c, q.saturation));

  // Key → famille / filière (from the mentees themselves: all mentees of a key share them).
  const keyFam = new Int32Array(p.nKeys).fill(-1);
  const keyFil = new Int8Array(p.nKeys).fill(-1);
  for (let i = 0; i < n; i++) {
    const key = p.menteeKey[i];
    if (key >= 0) {
      keyFam[key] = p.menteeFamille[i];
      keyFil[key] = p.menteeFiliere[i];
    }
  }

  // Mentees ordered by (school, key, index): counting sort, stable.
  const nBuckets = (p.nSchools + 1) * (p.nKeys + 1);
  const bucketOf = (i: number): number => (p.menteeSchool[i] + 1) * (p.nKeys + 1) + (p.menteeKey[i] + 1);
  const counts = new Int32Array(nBuckets + 1);
  for (let i = 0; i < n; i++) counts[bucketOf(i) + 1]++;
  for (let b = 0; b < nBuckets; b++) counts[b + 1] += counts[b];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[counts[bucketOf(i)]++] = i;

  const sites = buildSiteIndex(p.mentorLon, p.mentorLat, p.mentorRadius, (j) => p.mentorEligible[j] === 1 && acceptsInPerson(p.mentorModality[j]));
  const remoteList: number[] = [];
  for (let j = 0; j < m; j++) if (p.mentorEligible[j] && acceptsRemote(p.mentorModality[j])) remoteList.push(j);
  const remoteMentors = Int32Array.from(remoteList);
  const remoteCache = new Map<number, RemoteStream>();

  const writer = new CandidateWriter(n, m, (i) => Math.min(K, m) + (p.imposed.get(i)?.length ?? 0));
  const row = new RowBuffer(K + 4);
  const heap = new TopK(K);
  const remote = new RemoteScanner(q.tradePoints, availPts, q.saturation, q.remoteWithoutSlot);
  const ev = newPairEval();

  // Per-school scratch, sized once.
  const ipStamp = new Int32Array(m); // school + 1 when in-person is possible with that school
  const empStamp = new Int32Array(Math.max(1, m)); // school + 1 for employers in conflict
  const forbStamp = new Int32Array(m); // mentee + 1 for forbidden mentors
  const hitMentor = new Int32Array(m);
  const hitKm = new Float64Array(m);
  const hitCost = new Float64Array(m);
  const hitProx = new Float64Array(m);
  const levelBuf = [new Int32Array(m), new Int32Array(m), new Int32Array(m), new Int32Array(m)];
  const gHit = new Int32Array(m);
  const gLevel = new Uint8Array(m);
  const gPartial = new Float64Array(m);
  let siteCls = new Int32Array(1024);
  let siteId = new Int32Array(1024);
  let siteKm = new Float64Array(1024);
  let sitePerm = new Int32Array(1024);

  // Per-school lists of hits (km order) by trade slot: CFD c → c, famille a → nCfd + a, filière
  // f → nCfd + nFam + f, transverse → nCfd + nFam + 3. A key's level-l hits are then read from
  // one list instead of classifying every hit of the school once per key.
  const nCfd = p.nKeys - 3;
  let nFam = 0;
  for (let k = 0; k < p.mentorFams.length; k++) nFam = Math.max(nFam, p.mentorFams[k] + 1);
  for (let i = 0; i < n; i++) nFam = Math.max(nFam, p.menteeFamille[i] + 1);
  const nSlots = nCfd + nFam + 4;
  const slotStart = new Int32Array(nSlots + 1);
  const slotWanted = new Int32Array(nSlots); // school + 1 when some mentee key of the school uses it
  let slotHits = new Int32Array(1024);
  const hitStamp = new Int32Array(m); // (school, key) stamp: hit already given a better level
  let keyStamp = 0;
  /** Fills slotStart / slotHits with the school's hits (employers in conflict left out). */
  function indexHits(s: number, from: number, to: number, nHits: number): void {
    const tag = s + 1;
    for (let t = from; t < to; t++) {
      const key = p.menteeKey[order[t]];
      if (key < 0) continue;
      if (key < nCfd) slotWanted[key] = tag;
      if (key < nCfd && keyFam[key] >= 0) slotWanted[nCfd + keyFam[key]] = tag;
      slotWanted[nCfd + nFam + keyFil[key]] = tag;
    }
    slotWanted[nCfd + nFam + 3] = tag;
    slotStart.fill(0);
    // Two passes (count, fill) over the same walk; `fill` false counts.
    for (let pass = 0; pass < 2; pass++) {
      for (let t = 0; t < nHits; t++) {
        const j = hitMentor[t];
        const emp = p.mentorEmployer[j];
        if (emp >= 0 && empStamp[emp] === tag) continue;
        for (let k = p.mentorCfdOffsets[j]; k < p.mentorCfdOffsets[j + 1]; k++) {
          const c = p.mentorCfds[k];
          if (slotWanted[c] === tag) pass === 0 ? slotStart[c + 1]++ : (slotHits[slotStart[c]++] = t);
        }
        for (let k = p.mentorFamOffsets[j]; k < p.mentorFamOffsets[j + 1]; k++) {
          const a = nCfd + p.mentorFams[k];
          if (slotWanted[a] === tag) pass === 0 ? slotStart[a + 1]++ : (slotHits[slotStart[a]++] = t);
        }
        const f = p.mentorFiliere[j];
        if (f >= 0) {
          const a = nCfd + nFam + f;
          if (slotWanted[a] === tag) pass === 0 ? slotStart[a + 1]++ : (slotHits[slotStart[a]++] = t);
        }
        if (p.mentorTransverse[j] === 1) {
          const a = nCfd + nFam + 3;
          pass === 0 ? slotStart[a + 1]++ : (slotHits[slotStart[a]++] = t);
        }
      }
      if (pass === 0) {
        for (let a = 0; a < nSlots; a++) slotStart[a + 1] += slotStart[a];
        if (slotHits.length < slotStart[nSlots]) slotHits = new Int32Array(slotStart[nSlots] * 2);
      } else {
        // slotStart[a] now ends slot a: shift back to starts.
        for (let a = nSlots; a > 0; a--) slotStart[a] = slotStart[a - 1];
        slotStart[0] = 0;
      }
    }
  }

  let pos = 0;
  while (pos < n) {
    const s = p.menteeSchool[order[pos]];
    let end = pos;
    while (end < n && p.menteeSchool[order[end]] === s) end++;

    // 1. In-person-possible mentors of school s, by km.
    let nHits = 0;
    if (s >= 0 && Number.isFinite(p.schoolLat[s])) {
      const lat = p.schoolLat[s];
      const lon = p.schoolLon[s];
      let nSites = 0;
      for (let c = 0; c < sites.length; c++) {
        const cls = sites[c];
        const ids = sitesNear(cls, lon, lat, cls.maxRadius / q.detour);
        for (let t = 0; t < ids.length; t++) {
          const id = ids[t];
          const km = distance(lon, lat, cls.siteLon[id], cls.siteLat[id]) * q.detour;
          if (!(km <= cls.maxRadius)) continue;
          if (nSites === siteId.length) {
            const grow = <T extends Int32Array | Float64Array>(a: T): T => {
              const b = new (a.constructor as new (k: number) => T)(a.length * 2);
              b.set(a as never);
              return b;
            };
            siteCls = grow(siteCls);
            siteId = grow(siteId);
            siteKm = grow(siteKm);
            sitePerm = new Int32Array(siteId.length);
          }
          siteCls[nSites] = c;
          siteId[nSites] = id;
          siteKm[nSites] = km;
          nSites++;
        }
      }
      for (let t = 0; t < nSites; t++) sitePerm[t] = t;
      const perm = sitePerm.subarray(0, nSites);
      const kmOf = siteKm;
      perm.sort((a, b) => kmOf[a] - kmOf[b]);
      for (let t = 0; t < nSites; t++) {
        const u = perm[t];
        const km = siteKm[u];
        const cost = travelCost(km, q.meetings, q.band);
        // Over the ceiling: not in person (the pair may still be distanciel, from the other stream).
        if (!q.allowOverrun && !(cost <= q.ceiling)) continue;
        const prox = q.proximityWeight * proximity(km, q.halfKm);
        const cls = sites[siteCls[u]];
        const id = siteId[u];
        for (let k = cls.siteOffsets[id]; k < cls.siteOffsets[id + 1]; k++) {
          const j = cls.siteMentors[k];
          if (!(km <= p.mentorRadius[j])) continue;
          hitMentor[nHits] = j;
          hitKm[nHits] = km;
          hitCost[nHits] = cost;
          hitProx[nHits] = prox;
          nHits++;
          ipStamp[j] = s + 1;
        }
      }
      const conflicts = p.schoolConflicts[s];
      for (let k = 0; k < conflicts.length; k++) empStamp[conflicts[k]] = s + 1;
    }
    indexHits(s, pos, end, nHits);

    // 2. Per trade key of the school's mentees.
    let g = pos;
    while (g < end) {
      const key = p.menteeKey[order[g]];
      let gEnd = g;
      while (gEnd < end && p.menteeKey[order[gEnd]] === key) gEnd++;
      if (key < 0) {
        for (let t = g; t < gEnd; t++) finishRow(order[t]);
        g = gEnd;
        continue;
      }
      const cfd = key < p.nKeys - 3 ? key : -1;
      const fam = keyFam[key];
      const fil = keyFil[key];
      const bit = 1 << fil;
      // Geo stream: hits split by level (each list in km order, as the hits are), from the
      // school's per-trade lists: the same split as tradeLevel, earlier levels stamped out.
      const stamp = ++keyStamp;
      const len = [0, 0, 0, 0];
      const lists = [cfd, cfd >= 0 && fam >= 0 ? nCfd + fam : -1, nCfd + nFam + fil, nCfd + nFam + 3];
      for (let l = 0; l < 4; l++) {
        const slot = lists[l];
        if (slot < 0) continue;
        const buf = levelBuf[l];
        for (let k = slotStart[slot]; k < slotStart[slot + 1]; k++) {
          const t = slotHits[k];
          if (hitStamp[t] === stamp) continue;
          hitStamp[t] = stamp;
          buf[len[l]++] = t;
        }
      }
      let gLen = 0;
      const ptr = [0, 0, 0, 0];
      for (;;) {
        let best = -1;
        let bestPartial = -Infinity;
        for (let l = 0; l < 4; l++) {
          if (ptr[l] >= len[l]) continue;
          const v = partialScore(q.tradePoints[l], hitProx[levelBuf[l][ptr[l]]]);
          if (v > bestPartial) {
            bestPartial = v;
            best = l;
          }
        }
        if (best < 0) break;
        gHit[gLen] = levelBuf[best][ptr[best]++];
        gLevel[gLen] = best;
        gPartial[gLen] = bestPartial;
        gLen++;
      }
      let rs = remoteCache.get(key);
      if (!rs) {
        rs = remoteStream(p, cfd, fam, fil, remoteMentors);
        remoteCache.set(key, rs);
      }

      for (let t = g; t < gEnd; t++) {
        const i = order[t];
        const ee = p.menteeModality[i];
        const mask = p.menteeMask[i];
        const ip = acceptsInPerson(ee);
        const forb = p.forbidden.get(i);
        if (forb) for (let k = 0; k < forb.length; k++) forbStamp[forb[k]] = i + 1;
        heap.reset();
        // Geo stream (in person), best partial score first.
        if (ip) {
          for (let a = 0; a < gLen; a++) {
            const part = gPartial[a];
            // No entry left can beat the K-th best, even with full availability points.
            if (heap.full && part + wA < heap.worstScore) break;
            const j = hitMentor[gHit[a]];
            const common = popcount(mask & p.mentorMask[j]);
            if (common === 0 || forbStamp[j] === i + 1) continue;
            heap.offer(combineScore(part, availPts[common]), j, a);
          }
        }
        // Distanciel stream, level by level (same partial score within a level).
        if (acceptsRemote(ee)) remote.scan(p, rs, heap, mask, i, s, ip, forbStamp, empStamp, ipStamp);
        heap.sortBestFirst();
        for (let k = 0; k < heap.size; k++) {
          const j = heap.mentor[k];
          const aux = heap.aux[k];
          const common = popcount(mask & p.mentorMask[j]);
          const aPts = availPts[common];
          if (aux >= 0) {
            const h = gHit[aux];
            const level = gLevel[aux];
            row.add(j, heap.score[k], q.tradePoints[level], hitProx[h], aPts, hitKm[h], hitCost[h], inPersonModality(ee, p.mentorModality[j]), 0, level, common);
          } else {
            const level = -1 - aux;
            row.add(j, heap.score[k], q.tradePoints[level], 0, aPts, pairKm(p, s, j), 0, EFF_DISTANCIEL, 0, level, common);
          }
        }
        finishRow(i);
      }
      g = gEnd;
    }
    pos = end;
  }

  /** Adds mentee i's imposed pairs to the row buffer and writes the row. */
  function finishRow(i: number): void {
    const imposed = p.imposed.get(i);
    if (imposed) {
      for (let k = 0; k < imposed.length; k++) {
        const j = imposed[k];
        const at = row.has(j);
        if (at >= 0) row.markImposed(at);
        else {
          evaluatePair(p, i, j, ev);
          row.addEval(j, ev, 1);
        }
      }
    }
    row.flush(writer, i);
  }

  const ineligible: IneligibleMentor[] = [];
  for (let j = 0; j < m; j++) {
    const reason = p.mentorIneligibility[j];
    if (reason) ineligible.push({ mentor: j, id: round.mentors[j].id, reason });
  }
  const set = writer.finish([], ineligible);
  set.diagnostics = diagnoseMentees(p, set, ctx);
  return set;
}
