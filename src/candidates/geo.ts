/**
 * The in-person side of candidate generation, school by school, in typed arrays only.
 *
 * - `InPersonMentors`: the eligible in-person mentors renumbered in site order (the order of
 *   the radius classes' `siteMentors`), with what the hot loops read of them (mentor index,
 *   radius, slots mask, employer, modality, trade slots) stored at that position: the mentors
 *   of one site are adjacent in memory, so a school's hits read memory nearly sequentially.
 * - `SchoolHits`: one school's hits (mentors whose radius and the cost ceiling admit the
 *   school), by km, and their per-trade-slot lists (CFD c, famille a, filière f,
 *   transverse), each in km order.
 * - `KeyStream`: a trade key's in-person stream, merged lazily from the (up to) four slot lists
 *   of its levels: entries come in non-increasing partial score (trade + proximity), and only as
 *   many are merged as the key's most demanding mentee reads.
 *
 * Order among hits at the same km is free: equal km means equal partial score, and the best-K
 * heap ranks by (score, mentor index), whatever the order entries are offered in.
 */
import { proximity } from '../score/proximity.js';
import { travelCost } from '../score/travel.js';
import { partialScore } from '../score/weights.js';
import type { PreparedRound } from './prepare.js';
import { distance, sitesNear, type SiteClass } from './sites.js';

/** Trade slot numbering: CFD c → c, famille a → nCfd + a, filière f → nCfd + nFam + f, transverse → nCfd + nFam + 3. */
export interface SlotLayout {
  nCfd: number;
  nFam: number;
  /** nCfd + nFam + 4. */
  nSlots: number;
}

/** Slot layout of a prepared round (famille ids of mentors and mentees). */
export function slotLayout(p: PreparedRound): SlotLayout {
  const nCfd = p.nKeys - 3;
  let nFam = 0;
  for (let k = 0; k < p.mentorFams.length; k++) nFam = Math.max(nFam, p.mentorFams[k] + 1);
  for (let i = 0; i < p.nMentees; i++) nFam = Math.max(nFam, p.menteeFamille[i] + 1);
  return { nCfd, nFam, nSlots: nCfd + nFam + 4 };
}

/** Calls `f(a)` for each trade slot a of mentor j: its CFDs, familles, filière, transverse. */
export function forEachSlot(p: PreparedRound, layout: SlotLayout, j: number, f: (a: number) => void): void {
  const { nCfd, nFam } = layout;
  for (let t = p.mentorCfdOffsets[j]; t < p.mentorCfdOffsets[j + 1]; t++) f(p.mentorCfds[t]);
  for (let t = p.mentorFamOffsets[j]; t < p.mentorFamOffsets[j + 1]; t++) f(nCfd + p.mentorFams[t]);
  if (p.mentorFiliere[j] >= 0) f(nCfd + nFam + p.mentorFiliere[j]);
  if (p.mentorTransverse[j] === 1) f(nCfd + nFam + 3);
}

/** In-person mentors in site order (position u), with their data at u. */
export class InPersonMentors {
  /** Position of the first mentor of class c. */
  readonly classBase: Int32Array;
  readonly mentor: Int32Array;
  readonly radius: Float64Array;
  readonly mask: Int32Array;
  readonly employer: Int32Array;
  /** Modality code (wish/offer) of the mentor at u. */
  readonly modality: Uint8Array;
  /** Trade slots of the mentor at u: `slots[slotStart[u] .. slotStart[u + 1] - 1]`. */
  readonly slotStart: Int32Array;
  readonly slots: Int32Array;

  constructor(p: PreparedRound, sites: SiteClass[], layout: SlotLayout) {
    this.classBase = new Int32Array(sites.length + 1);
    for (let c = 0; c < sites.length; c++) this.classBase[c + 1] = this.classBase[c] + sites[c].siteMentors.length;
    const n = this.classBase[sites.length];
    this.mentor = new Int32Array(n);
    this.radius = new Float64Array(n);
    this.mask = new Int32Array(n);
    this.employer = new Int32Array(n);
    this.modality = new Uint8Array(n);
    this.slotStart = new Int32Array(n + 1);
    let nSlotEntries = 0;
    for (let c = 0; c < sites.length; c++) {
      const list = sites[c].siteMentors;
      for (let k = 0; k < list.length; k++) {
        const j = list[k];
        nSlotEntries += p.mentorCfdOffsets[j + 1] - p.mentorCfdOffsets[j] + p.mentorFamOffsets[j + 1] - p.mentorFamOffsets[j] + 2;
      }
    }
    const slots = new Int32Array(nSlotEntries);
    let e = 0;
    for (let c = 0; c < sites.length; c++) {
      const list = sites[c].siteMentors;
      for (let k = 0; k < list.length; k++) {
        const u = this.classBase[c] + k;
        const j = list[k];
        this.mentor[u] = j;
        this.radius[u] = p.mentorRadius[j];
        this.mask[u] = p.mentorMask[j];
        this.employer[u] = p.mentorEmployer[j];
        this.modality[u] = p.mentorModality[j];
        forEachSlot(p, layout, j, (a) => (slots[e++] = a));
        this.slotStart[u + 1] = e;
      }
    }
    this.slots = slots.subarray(0, e);
  }
}

function grownInt32(a: Int32Array, need: number): Int32Array {
  if (a.length >= need) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grownFloat64(a: Float64Array, need: number): Float64Array {
  if (a.length >= need) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Sorts `perm[lo..hi]` by ascending `key[perm[.]]`: quicksort (median of three), insertion sort
 * on short ranges; no comparator closure (its double results would be boxed). Not stable: the
 * order of equal keys is left free (see the file comment).
 */
export function sortByKey(perm: Int32Array, key: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >> 1;
    // Median of three to perm[mid], then Hoare partition around its key.
    if (key[perm[mid]] < key[perm[lo]]) swap(perm, mid, lo);
    if (key[perm[hi]] < key[perm[lo]]) swap(perm, hi, lo);
    if (key[perm[hi]] < key[perm[mid]]) swap(perm, hi, mid);
    const pivot = key[perm[mid]];
    let i = lo;
    let j = hi;
    for (;;) {
      while (key[perm[i]] < pivot) i++;
      while (key[perm[j]] > pivot) j--;
      if (i >= j) break;
      swap(perm, i, j);
      i++;
      j--;
    }
    // Recurse into the smaller side, loop on the larger.
    if (j - lo < hi - j) {
      sortByKey(perm, key, lo, j);
      lo = j + 1;
    } else {
      sortByKey(perm, key, j + 1, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = perm[i];
    const k = key[v];
    let j = i - 1;
    while (j >= lo && key[perm[j]] > k) {
      perm[j + 1] = perm[j];
      j--;
    }
    perm[j + 1] = v;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** One school's hits and their per-slot lists; scratch reused from school to school. */
export class SchoolHits {
  /** Hits, by km: position of the mentor in `InPersonMentors`, proximity points, site rank. */
  hitPos: Int32Array;
  hitProx: Float64Array;
  hitSite: Int32Array;
  nHits = 0;
  /** Sites within reach, by km (rank r): km and yearly cost. */
  siteKm: Float64Array;
  siteCost: Float64Array;
  /** Slot a lists hits `slotHits[slotStart[a] .. slotStart[a + 1] - 1]`, by km. */
  readonly slotStart: Int32Array;
  slotHits: Int32Array;
  /** school + 1 when a mentee key of the school uses slot a. */
  private readonly slotWanted: Int32Array;
  /** (slot, hit) pairs of the school, in hit order (at most one per slot entry of a mentor). */
  private readonly pairSlot: Int32Array;
  private readonly pairHit: Int32Array;
  /** Sites found by the radius queries, before the sort. */
  private qCls: Int32Array;
  private qId: Int32Array;
  private qKm: Float64Array;
  private qPerm: Int32Array;

  constructor(
    private readonly p: PreparedRound,
    private readonly sites: SiteClass[],
    private readonly ip: InPersonMentors,
    private readonly layout: SlotLayout,
  ) {
    const m = Math.max(1, ip.mentor.length);
    this.hitPos = new Int32Array(m);
    this.hitProx = new Float64Array(m);
    this.hitSite = new Int32Array(m);
    this.siteKm = new Float64Array(1024);
    this.siteCost = new Float64Array(1024);
    this.slotStart = new Int32Array(layout.nSlots + 1);
    this.slotWanted = new Int32Array(layout.nSlots);
    this.pairSlot = new Int32Array(Math.max(1, ip.slots.length));
    this.pairHit = new Int32Array(Math.max(1, ip.slots.length));
    this.slotHits = new Int32Array(1024);
    this.qCls = new Int32Array(1024);
    this.qId = new Int32Array(1024);
    this.qKm = new Float64Array(1024);
    this.qPerm = new Int32Array(1024);
  }

  /**
   * Collects the hits of school s (located, `want` called): in-person-possible mentors within
   * their own radius and under the cost ceiling, by km, stamping `ipStamp[j] = s + 1` for each;
   * then lists them by wanted trade slot, leaving out the mentors whose employer is in conflict
   * with the school (`empStamp[emp] === s + 1`, read only when `hasConflicts`).
   */
  collect(s: number, ipStamp: Int32Array, empStamp: Int32Array, hasConflicts: boolean): void {
    const p = this.p;
    const q = p.params;
    const lat = p.schoolLat[s];
    const lon = p.schoolLon[s];
    const sites = this.sites;
    let nq = 0;
    for (let c = 0; c < sites.length; c++) {
      const cls = sites[c];
      const ids = sitesNear(cls, lon, lat, cls.maxRadius / q.detour);
      if (this.qId.length < nq + ids.length) {
        const need = nq + ids.length;
        this.qCls = grownInt32(this.qCls, need);
        this.qId = grownInt32(this.qId, need);
        this.qKm = grownFloat64(this.qKm, need);
        this.qPerm = grownInt32(this.qPerm, need);
      }
      for (let t = 0; t < ids.length; t++) {
        const id = ids[t];
        const km = distance(lon, lat, cls.siteLon[id], cls.siteLat[id]) * q.detour;
        if (!(km <= cls.maxRadius)) continue;
        this.qCls[nq] = c;
        this.qId[nq] = id;
        this.qKm[nq] = km;
        nq++;
      }
    }
    const perm = this.qPerm;
    for (let t = 0; t < nq; t++) perm[t] = t;
    const qKm = this.qKm;
    sortByKey(perm, qKm, 0, nq - 1);
    if (this.siteKm.length < nq) {
      this.siteKm = new Float64Array(nq * 2);
      this.siteCost = new Float64Array(nq * 2);
    }
    const ip = this.ip;
    const radius = ip.radius;
    const hitPos = this.hitPos;
    const hitProx = this.hitProx;
    const hitSite = this.hitSite;
    const tag = s + 1;
    const wanted = this.slotWanted;
    const start = this.slotStart;
    start.fill(0);
    const slotStart = ip.slotStart;
    const slots = ip.slots;
    const employer = ip.employer;
    const pairSlot = this.pairSlot;
    const pairHit = this.pairHit;
    let nPairs = 0;
    let nHits = 0;
    let nSites = 0;
    for (let t = 0; t < nq; t++) {
      const v = perm[t];
      const km = qKm[v];
      const cost = travelCost(km, q.meetings, q.band);
      // Over the ceiling: not in person (the pair may still be distanciel, from the other stream).
      if (!q.allowOverrun && !(cost <= q.ceiling)) continue;
      const prox = q.proximityWeight * proximity(km, q.halfKm);
      const cls = sites[this.qCls[v]];
      const id = this.qId[v];
      const base = ip.classBase[this.qCls[v]];
      const r = nSites++;
      this.siteKm[r] = km;
      this.siteCost[r] = cost;
      for (let k = base + cls.siteOffsets[id], end = base + cls.siteOffsets[id + 1]; k < end; k++) {
        if (!(km <= radius[k])) continue;
        hitPos[nHits] = k;
        hitProx[nHits] = prox;
        hitSite[nHits] = r;
        ipStamp[ip.mentor[k]] = tag;
        // Its wanted slots, counted (a mentor in conflict is in person, but never listed).
        if (!(hasConflicts && employer[k] >= 0 && empStamp[employer[k]] === tag)) {
          for (let e = slotStart[k], last = slotStart[k + 1]; e < last; e++) {
            const a = slots[e];
            if (wanted[a] !== tag) continue;
            start[a + 1]++;
            pairSlot[nPairs] = a;
            pairHit[nPairs] = nHits;
            nPairs++;
          }
        }
        nHits++;
      }
    }
    this.nHits = nHits;
    this.fill(nPairs);
  }

  /**
   * Marks the trade slots the school's mentee keys `keys[from..to-1]` use (`keyFam` / `keyFil`:
   * famille and filière of each key), before `collect`.
   */
  want(s: number, keys: Int32Array, from: number, to: number, keyFam: Int32Array, keyFil: Int8Array): void {
    const { nCfd, nFam } = this.layout;
    const tag = s + 1;
    const wanted = this.slotWanted;
    for (let t = from; t < to; t++) {
      const key = keys[t];
      if (key < 0) continue;
      if (key < nCfd) {
        wanted[key] = tag;
        if (keyFam[key] >= 0) wanted[nCfd + keyFam[key]] = tag;
      }
      if (keyFil[key] >= 0) wanted[nCfd + nFam + keyFil[key]] = tag;
    }
    wanted[nCfd + nFam + 3] = tag;
  }

  /** Builds the per-slot lists from the (slot, hit) pairs `collect` recorded. */
  private fill(nPairs: number): void {
    const nSlots = this.layout.nSlots;
    const start = this.slotStart;
    for (let a = 0; a < nSlots; a++) start[a + 1] += start[a];
    if (this.slotHits.length < start[nSlots]) this.slotHits = new Int32Array(start[nSlots] * 2);
    const out = this.slotHits;
    const pairSlot = this.pairSlot;
    const pairHit = this.pairHit;
    for (let t = 0; t < nPairs; t++) out[start[pairSlot[t]]++] = pairHit[t];
    // start[a] now ends slot a: shift back to starts.
    for (let a = nSlots; a > 0; a--) start[a] = start[a - 1];
    start[0] = 0;
  }

  /** No hits (school unknown or not located). */
  clear(): void {
    this.nHits = 0;
    this.slotStart.fill(0);
  }
}

/**
 * A trade key's in-person stream over a school's hits: entry a has partial score `partial[a]`,
 * trade level `level[a]`, hit `hit[a]`, mentor `mentor[a]` and its slots mask `mask[a]`. Entries
 * are merged on demand by `pull`; a hit listed at several levels (CFD and filière, say) is taken
 * at the best one only: its best-level copy has a strictly higher partial score at the same km,
 * so it always comes out first, and the later copies are skipped by a stamp.
 */
export class KeyStream {
  readonly partial: Float64Array;
  readonly level: Uint8Array;
  readonly hit: Int32Array;
  readonly mentor: Int32Array;
  readonly mask: Int32Array;
  /** Entries merged so far. */
  length = 0;
  private readonly cur = new Int32Array(4);
  private readonly end = new Int32Array(4);
  /** Stamp of the (school, key) stream that already took hit h. */
  private readonly taken: Int32Array;
  private stamp = 0;
  private readonly tradePoints: Float64Array;

  constructor(
    private readonly hits: SchoolHits,
    private readonly ip: InPersonMentors,
    tradePoints: Float64Array,
  ) {
    const m = Math.max(1, ip.mentor.length);
    this.partial = new Float64Array(m);
    this.level = new Uint8Array(m);
    this.hit = new Int32Array(m);
    this.mentor = new Int32Array(m);
    this.mask = new Int32Array(m);
    this.taken = new Int32Array(m);
    this.tradePoints = tradePoints;
  }

  /** Starts the stream of a key whose level-l hits are slot list `slot[l]` (-1: none). */
  reset(slot0: number, slot1: number, slot2: number, slot3: number): void {
    const start = this.hits.slotStart;
    this.stamp++;
    this.length = 0;
    this.setList(0, slot0, start);
    this.setList(1, slot1, start);
    this.setList(2, slot2, start);
    this.setList(3, slot3, start);
  }

  private setList(l: number, slot: number, start: Int32Array): void {
    if (slot < 0) {
      this.cur[l] = 0;
      this.end[l] = 0;
    } else {
      this.cur[l] = start[slot];
      this.end[l] = start[slot + 1];
    }
  }

  /** Merges one more entry; false when the stream is exhausted. */
  pull(): boolean {
    const list = this.hits.slotHits;
    const prox = this.hits.hitProx;
    const taken = this.taken;
    const stamp = this.stamp;
    const cur = this.cur;
    const end = this.end;
    let best = -1;
    let bestPartial = -Infinity;
    for (let l = 0; l < 4; l++) {
      let c = cur[l];
      const e = end[l];
      while (c < e && taken[list[c]] === stamp) c++;
      cur[l] = c;
      if (c === e) continue;
      const v = partialScore(this.tradePoints[l], prox[list[c]]);
      if (v > bestPartial) {
        bestPartial = v;
        best = l;
      }
    }
    if (best < 0) return false;
    const h = list[cur[best]++];
    taken[h] = stamp;
    const a = this.length++;
    const u = this.hits.hitPos[h];
    this.partial[a] = bestPartial;
    this.level[a] = best;
    this.hit[a] = h;
    this.mentor[a] = this.ip.mentor[u];
    this.mask[a] = this.ip.mask[u];
    return true;
  }
}
