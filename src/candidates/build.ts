/**
 * Sparse candidate generation, never O(mentees × mentors).
 *
 * Mentees of a school share its location, so work is done per school: one radius query per
 * radius class on the site index gives the in-person-possible mentors (within their own
 * `rayon_km`, under the cost ceiling), sorted by km, and lists them by trade slot (CFD,
 * famille, filière, transverse: geo.ts). Per trade key of the school's mentees (a CFD or a bare
 * filière) each trade level is one of those lists; within a level the partial score (trade +
 * proximity) decreases with km, so merging the levels (lazily, only as deep as the key's mentees
 * read) gives a stream in non-increasing partial score. Distanciel mentors come from one stream
 * per trade key for the whole round (prox 0, so ordered by level: remote.ts). Each mentee scans
 * both streams best-first and stops as soon as no entry left can beat its K-th best even with
 * the most availability points it can get: the scan touches a few dozen entries, not the whole
 * neighbourhood. Rows go straight into per-mentee slots of the CSR writer. Typed arrays only in
 * the loops, no closure, no boxed double. The result equals the brute-force reference exactly
 * (test/candidates/reference.test.ts).
 */
import type { Round } from '../schema/round.js';
import { availability, popcount } from '../score/availability.js';
import { combineScore } from '../score/weights.js';
import { diagnoseMentees } from './diagnostics.js';
import { EFF_DISTANCIEL, acceptsInPerson, acceptsRemote, inPersonModality } from './modality.js';
import { evaluatePair, newPairEval, pairKm } from './pair.js';
import { InPersonMentors, KeyStream, SchoolHits, slotLayout } from './geo.js';
import { prepareRound, type CandidateContext, type PreparedRound } from './prepare.js';
import { RowBuffer } from './row.js';
import { CandidateWriter, type CandidateSet, type IneligibleMentor } from './set.js';
import { buildSiteIndex, distance } from './sites.js';
import { TopK } from './topk.js';
import { RemoteIndex, RemoteScanner, remoteAuxGroup, remoteAuxLevel, type RemoteStream } from './remote.js';

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
  const plan = scanPlan(p);
  const writer = newWriter(p, false);
  scanSchools(p, plan, writer, 0, p.nMentees);
  return finishCandidates(p, round, ctx, writer);
}

/** The writer of a round's candidates: each mentee's row reserves K entries plus its imposed pairs. */
export function newWriter(p: PreparedRound, shared: boolean): CandidateWriter {
  const K = Math.min(p.params.k, p.nMentors);
  return new CandidateWriter(p.nMentees, p.nMentors, (i) => K + (p.imposed.get(i)?.length ?? 0), shared);
}

/**
 * The order the mentees are scanned in: by (school, trade key, index), so that a school's
 * neighbourhood and a key's streams are built once. Positions, not mentees, are what threads share
 * out (candidates/parallel.ts): a range of positions is a run of whole schools once cut at
 * `schoolBoundary`.
 */
export interface ScanPlan {
  order: Int32Array;
  orderedKey: Int32Array;
  /** Famille and filière of each trade key (from the mentees themselves: all mentees of a key share them). */
  keyFam: Int32Array;
  keyFil: Int8Array;
}

/** Counting sort of the mentees by (school, key, index): stable, O(n + buckets). */
export function scanPlan(p: PreparedRound): ScanPlan {
  const n = p.nMentees;
  const keyFam = new Int32Array(p.nKeys).fill(-1);
  const keyFil = new Int8Array(p.nKeys).fill(-1);
  for (let i = 0; i < n; i++) {
    const key = p.menteeKey[i];
    if (key >= 0) {
      keyFam[key] = p.menteeFamille[i];
      keyFil[key] = p.menteeFiliere[i];
    }
  }
  const nBuckets = (p.nSchools + 1) * (p.nKeys + 1);
  const counts = new Int32Array(nBuckets + 1);
  for (let i = 0; i < n; i++) counts[(p.menteeSchool[i] + 1) * (p.nKeys + 1) + (p.menteeKey[i] + 1) + 1]++;
  for (let b = 0; b < nBuckets; b++) counts[b + 1] += counts[b];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[counts[(p.menteeSchool[i] + 1) * (p.nKeys + 1) + (p.menteeKey[i] + 1)]++] = i;
  const orderedKey = new Int32Array(n);
  for (let t = 0; t < n; t++) orderedKey[t] = p.menteeKey[order[t]];
  return { order, orderedKey, keyFam, keyFil };
}

/** The first position at or after `pos` where a new school starts (n at the end). */
export function schoolBoundary(p: PreparedRound, plan: ScanPlan, pos: number): number {
  const n = p.nMentees;
  if (pos <= 0) return 0;
  if (pos >= n) return n;
  const s = p.menteeSchool[plan.order[pos - 1]];
  while (pos < n && p.menteeSchool[plan.order[pos]] === s) pos++;
  return pos;
}

/**
 * Writes the rows of the mentees at positions `from .. to − 1` of the plan (whole schools: cut
 * at `schoolBoundary`). Each row depends on its mentee alone, so any split of the positions
 * over threads writes the same rows. Builds its own indexes (sites, neighbourhoods, distanciel
 * streams): ~0.1 s at national scale, paid once per thread.
 */
export function scanSchools(p: PreparedRound, plan: ScanPlan, writer: CandidateWriter, from: number, to: number): void {
  const q = p.params;
  const m = p.nMentors;
  const K = q.k;
  const wA = q.availabilityWeight;
  const { order, orderedKey, keyFam, keyFil } = plan;
  // Availability points by number of common slots (same expression as evaluatePair).
  const availPts = Float64Array.from({ length: 33 }, (_, c) => wA * availability(c, q.saturation));

  const sites = buildSiteIndex(p.mentorLon, p.mentorLat, p.mentorRadius, (j) => p.mentorEligible[j] === 1 && acceptsInPerson(p.mentorModality[j]));
  const layout = slotLayout(p);
  const { nCfd, nFam } = layout;
  const inPerson = new InPersonMentors(p, sites, layout);
  const hits = new SchoolHits(p, sites, inPerson, layout);
  const stream = new KeyStream(hits, inPerson, q.tradePoints);
  const remoteList: number[] = [];
  for (let j = 0; j < m; j++) if (p.mentorEligible[j] && acceptsRemote(p.mentorModality[j])) remoteList.push(j);
  const remoteIndex = new RemoteIndex(p, Int32Array.from(remoteList), layout);
  const remoteCache = new Map<number, RemoteStream>();

  const row = new RowBuffer(K + 4);
  const heap = new TopK(K);
  const remote = new RemoteScanner(q.tradePoints, availPts, q.saturation, q.remoteWithoutSlot);
  const ev = newPairEval();

  const ipStamp = new Int32Array(m); // school + 1 when in-person is possible with that school
  const empStamp = new Int32Array(Math.max(1, m)); // school + 1 for employers in conflict
  const forbStamp = new Int32Array(m); // mentee + 1 for forbidden mentors
  const pass = new MenteePass(p, heap, stream, hits, inPerson, availPts, forbStamp);

  let pos = from;
  while (pos < to) {
    const s = p.menteeSchool[order[pos]];
    let end = pos;
    while (end < to && p.menteeSchool[order[end]] === s) end++;

    // 1. In-person-possible mentors of school s, by km, split by trade slot.
    // Conflicts of interest hold for distanciel pairs too, located school or not.
    let hasConflicts = false;
    if (s >= 0) {
      const conflicts = p.schoolConflicts[s];
      for (let k = 0; k < conflicts.length; k++) empStamp[conflicts[k]] = s + 1;
      hasConflicts = conflicts.length > 0;
    }
    if (s >= 0 && Number.isFinite(p.schoolLat[s])) {
      hits.want(s, orderedKey, pos, end, keyFam, keyFil);
      hits.collect(s, ipStamp, empStamp, hasConflicts);
    } else hits.clear();

    // 2. Per trade key of the school's mentees.
    let g = pos;
    while (g < end) {
      const key = orderedKey[g];
      let gEnd = g;
      while (gEnd < end && orderedKey[gEnd] === key) gEnd++;
      if (key < 0) {
        for (let t = g; t < gEnd; t++) finishRow(order[t]);
        g = gEnd;
        continue;
      }
      const cfd = key < nCfd ? key : -1;
      const fam = keyFam[key];
      const fil = keyFil[key];
      // Level l of the key reads one slot list of the school (tradeLevel's split).
      if (fil >= 0) stream.reset(cfd, cfd >= 0 && fam >= 0 ? nCfd + fam : -1, nCfd + nFam + fil, nCfd + nFam + 3);
      else stream.reset(cfd, cfd >= 0 && fam >= 0 ? nCfd + fam : -1, -1, -1);
      let rs = remoteCache.get(key);
      if (!rs) {
        rs = remoteIndex.stream(cfd, fam, fil);
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
        // Geo stream (in person), best partial score first, merged as far as needed.
        if (ip) pass.scanGeo(mask, i, forb !== undefined);
        // Distanciel stream, level by level (same partial score within a level).
        if (acceptsRemote(ee)) remote.scan(p, rs, heap, mask, i, s, ip, forbStamp, empStamp, ipStamp, forb !== undefined, hasConflicts);
        heap.sortBestFirst();
        // Already best first and without duplicates: straight to the writer, unless imposed pairs
        // join the row (then through the row buffer, which sorts).
        if (p.imposed.has(i)) {
          pass.bufferRow(row, ee, mask, s, rs);
          finishRow(i);
        } else pass.writeRow(writer, i, ee, mask, s, rs);
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

}

/** Closes the rows into the candidate set, with the ineligible mentors and the no-candidate diagnostics. */
export function finishCandidates(p: PreparedRound, round: Round, ctx: CandidateContext, writer: CandidateWriter): CandidateSet {
  const ineligible: IneligibleMentor[] = [];
  for (let j = 0; j < p.nMentors; j++) {
    const reason = p.mentorIneligibility[j];
    if (reason) ineligible.push({ mentor: j, id: round.mentors[j].id, reason });
  }
  const set = writer.finish([], ineligible);
  set.diagnostics = diagnoseMentees(p, set, ctx);
  return set;
}

/**
 * The per-mentee loops, kept in small methods: V8 then inlines the heap and writer calls into
 * them (a double passed to a call that is not inlined is boxed, one allocation per argument).
 */
class MenteePass {
  private readonly k: number;
  private readonly tradePoints: Float64Array;

  constructor(
    private readonly p: PreparedRound,
    private readonly heap: TopK,
    private readonly stream: KeyStream,
    private readonly hits: SchoolHits,
    private readonly inPerson: InPersonMentors,
    private readonly availPts: Float64Array,
    private readonly forbStamp: Int32Array,
  ) {
    this.k = p.params.k;
    this.tradePoints = p.params.tradePoints;
  }

  /** Offers mentee i's in-person candidates of the current key stream to the heap. */
  scanGeo(mask: number, i: number, hasForbidden: boolean): void {
    const heap = this.heap;
    const stream = this.stream;
    const hs = heap.score;
    const K = this.k;
    const availPts = this.availPts;
    // Most availability points any entry can add: common slots never exceed the mentee's own,
    // and the points do not decrease with the count.
    const wA = availPts[popcount(mask)];
    const gPartial = stream.partial;
    const gMask = stream.mask;
    const gMentor = stream.mentor;
    for (let a = 0; ; a++) {
      if (a === stream.length && !stream.pull()) break;
      const part = gPartial[a];
      // No entry left can beat the K-th best, even with the most availability points.
      if (heap.size === K && part + wA < hs[0]) break;
      const common = popcount(mask & gMask[a]);
      if (common === 0) continue;
      const j = gMentor[a];
      if (hasForbidden && this.forbStamp[j] === i + 1) continue;
      heap.offer(combineScore(part, availPts[common]), j, a);
    }
  }

  /** Writes the sorted heap as mentee i's row (school s, distanciel stream rs). */
  writeRow(writer: CandidateWriter, i: number, ee: number, mask: number, s: number, rs: RemoteStream): void {
    const heap = this.heap;
    const hm = heap.mentor;
    const hs = heap.score;
    const ha = heap.aux;
    const stream = this.stream;
    const hits = this.hits;
    const availPts = this.availPts;
    const tp = this.tradePoints;
    writer.beginRow(i);
    // Straight into the writer's columns (same values and conversions as `push`).
    const wMentor = writer.mentor;
    const wScore = writer.score;
    const wTrade = writer.trade;
    const wProx = writer.proximity;
    const wAvail = writer.availability;
    const wKm = writer.km;
    const wCost = writer.cost;
    const wModality = writer.modality;
    const wLevel = writer.tradeLevel;
    const wCommon = writer.commonSlots;
    const wImposed = writer.imposed;
    const p = this.p;
    const detour = p.params.detour;
    for (let k = 0; k < heap.size; k++) {
      const j = hm[k];
      const aux = ha[k];
      const e = writer.nextEdge();
      wMentor[e] = j;
      wScore[e] = hs[k];
      wImposed[e] = 0;
      if (aux >= 0) {
        const h = stream.hit[aux];
        const level = stream.level[aux];
        const r = hits.hitSite[h];
        const common = popcount(mask & stream.mask[aux]);
        wTrade[e] = tp[level];
        wProx[e] = hits.hitProx[h];
        wAvail[e] = availPts[common];
        wKm[e] = hits.siteKm[r];
        wCost[e] = hits.siteCost[r];
        wModality[e] = inPersonModality(ee, this.inPerson.modality[hits.hitPos[h]]);
        wLevel[e] = level;
        wCommon[e] = common;
      } else {
        const level = remoteAuxLevel(aux);
        const common = popcount(mask & rs.groupMask[remoteAuxGroup(aux)]);
        wTrade[e] = tp[level];
        wProx[e] = 0;
        wAvail[e] = availPts[common];
        // pairKm, by hand (a double returned by a call that is not inlined is boxed).
        wKm[e] = s < 0 ? NaN : distance(p.schoolLon[s], p.schoolLat[s], p.mentorLon[j], p.mentorLat[j]) * detour;
        wCost[e] = 0;
        wModality[e] = EFF_DISTANCIEL;
        wLevel[e] = level;
        wCommon[e] = common;
      }
    }
    writer.endRow(i);
  }

  /** Same as `writeRow`, into the row buffer (imposed pairs are added after). */
  bufferRow(row: RowBuffer, ee: number, mask: number, s: number, rs: RemoteStream): void {
    const heap = this.heap;
    const stream = this.stream;
    const hits = this.hits;
    for (let k = 0; k < heap.size; k++) {
      const j = heap.mentor[k];
      const aux = heap.aux[k];
      if (aux >= 0) {
        const h = stream.hit[aux];
        const level = stream.level[aux];
        const r = hits.hitSite[h];
        const common = popcount(mask & stream.mask[aux]);
        const modality = inPersonModality(ee, this.inPerson.modality[hits.hitPos[h]]);
        row.add(j, heap.score[k], this.tradePoints[level], hits.hitProx[h], this.availPts[common], hits.siteKm[r], hits.siteCost[r], modality, 0, level, common);
      } else {
        const level = remoteAuxLevel(aux);
        const common = popcount(mask & rs.groupMask[remoteAuxGroup(aux)]);
        row.add(j, heap.score[k], this.tradePoints[level], 0, this.availPts[common], pairKm(this.p, s, j), 0, EFF_DISTANCIEL, 0, level, common);
      }
    }
  }
}
