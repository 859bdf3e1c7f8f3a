/**
 * Distanciel streams. A distanciel pair has no proximity points, so its score only depends on its
 * trade level and on its common slots, saturated: `min(common, saturation)`. The mentors of a
 * level are therefore grouped by availability mask (a national round has ~900 distinct masks for
 * 100,000 mentors), each group listing its mentors by ascending index. A mentee computes its
 * common slots once per group, not once per mentor, and visits (level, saturated common) buckets
 * best score first; inside a bucket every entry has the same score, so the best-K only wants the
 * lowest indices: each group is read in index order and left at the first entry the heap would
 * refuse. A mentee thus touches a few dozen mentors instead of the thousands of its filière.
 */
import type { PreparedRound } from './prepare.js';
import { popcount } from '../score/availability.js';
import { TRADE_NONE, tradeLevel } from '../score/trade.js';
import { combineScore, partialScore } from '../score/weights.js';
import type { TopK } from './topk.js';

/** Number of trade levels (TRADE_CFD … TRADE_TRANSVERSE). */
const LEVELS = 4;

/** Eligible remote mentors of one trade key, by level, then by availability mask. */
export interface RemoteStream {
  /** Mentor indices, group after group; ascending inside a group. */
  mentor: Int32Array;
  /** Group g holds `mentor[groupStart[g] .. groupStart[g+1]-1]`, all with mask `groupMask[g]`. */
  groupStart: Int32Array;
  groupMask: Int32Array;
  /** Groups of level l are `levelGroup[l] .. levelGroup[l+1]-1`. */
  levelGroup: Int32Array;
}

/**
 * The stream of trade key `key` (CFD id `cfd` or -1, famille `fam`, filière `fil`) over the
 * eligible remote mentors `remoteMentors` (ascending).
 */
export function remoteStream(p: PreparedRound, cfd: number, fam: number, fil: number, remoteMentors: Int32Array): RemoteStream {
  const bit = 1 << fil;
  // Level of each relevant mentor, then a counting sort by (level, mask group, index).
  const sel: number[] = [];
  const lev: number[] = [];
  for (let k = 0; k < remoteMentors.length; k++) {
    const j = remoteMentors[k];
    if (!(p.mentorRelevance[j] & bit)) continue;
    const level = tradeLevel(
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
    if (level === TRADE_NONE) continue;
    sel.push(j);
    lev.push(level);
  }
  // Group ids per level, numbered by first appearance (deterministic); groups of a level are
  // contiguous because ids are allocated level by level.
  const groupOf = new Int32Array(sel.length);
  const masks: number[] = [];
  const levelGroup = new Int32Array(LEVELS + 1);
  for (let l = 0; l < LEVELS; l++) {
    levelGroup[l] = masks.length;
    const ids = new Map<number, number>();
    for (let k = 0; k < sel.length; k++) {
      if (lev[k] !== l) continue;
      const mask = p.mentorMask[sel[k]];
      let g = ids.get(mask);
      if (g === undefined) {
        g = masks.length;
        ids.set(mask, g);
        masks.push(mask);
      }
      groupOf[k] = g;
    }
  }
  levelGroup[LEVELS] = masks.length;
  const nGroups = masks.length;
  const groupStart = new Int32Array(nGroups + 1);
  for (let k = 0; k < sel.length; k++) groupStart[groupOf[k] + 1]++;
  for (let g = 0; g < nGroups; g++) groupStart[g + 1] += groupStart[g];
  const fill = groupStart.slice(0, nGroups);
  const mentor = new Int32Array(sel.length);
  // `sel` is ascending, so each group's list is ascending too.
  for (let k = 0; k < sel.length; k++) mentor[fill[groupOf[k]]++] = sel[k];
  return { mentor, groupStart, groupMask: Int32Array.from(masks), levelGroup };
}

/** Heap aux of a distanciel entry of group g at level l (negative: geo entries use aux >= 0). */
export function remoteAux(g: number, l: number): number {
  return -1 - (g * LEVELS + l);
}

/** Level of a distanciel entry from its heap aux. */
export function remoteAuxLevel(aux: number): number {
  return (-1 - aux) % LEVELS;
}

/** Group of a distanciel entry from its heap aux. */
export function remoteAuxGroup(aux: number): number {
  return Math.floor((-1 - aux) / LEVELS);
}

/**
 * Scratch and per-round constants of the distanciel scan, allocated once per build. `buckets`
 * lists the (level, saturated common) buckets by non-increasing score.
 */
export class RemoteScanner {
  /** Bucket b is level `bucketLevel[b]`, saturated common `bucketCommon[b]`, score `bucketScore[b]`. */
  private readonly bucketLevel: Int32Array;
  private readonly bucketCommon: Int32Array;
  private readonly bucketScore: Float64Array;
  /** Groups of the current level sorted by saturated common: `byCommon[cStart[c] .. cStart[c+1]-1]`. */
  private byCommon: Int32Array;
  private readonly cStart: Int32Array;
  private groupCommon: Uint8Array;
  private readonly saturation: number;

  constructor(tradePoints: Float64Array, availPts: Float64Array, saturation: number, relax: boolean) {
    this.saturation = saturation;
    const list: Array<[number, number, number]> = [];
    for (let l = 0; l < LEVELS; l++) {
      for (let c = relax ? 0 : 1; c <= saturation; c++) list.push([l, c, combineScore(partialScore(tradePoints[l], 0), availPts[c])]);
    }
    // Stable sort: equal scores keep (level, common) order; any order would be exact anyway.
    list.sort((a, b) => b[2] - a[2]);
    this.bucketLevel = Int32Array.from(list, (x) => x[0]);
    this.bucketCommon = Int32Array.from(list, (x) => x[1]);
    this.bucketScore = Float64Array.from(list, (x) => x[2]);
    this.byCommon = new Int32Array(64);
    this.groupCommon = new Uint8Array(64);
    this.cStart = new Int32Array(saturation + 2);
  }

  /** Sorts the groups of level l of `rs` by saturated common slots with `mask` (counting sort). */
  private sortLevel(rs: RemoteStream, l: number, mask: number): void {
    const g0 = rs.levelGroup[l];
    const nG = rs.levelGroup[l + 1] - g0;
    if (this.byCommon.length < nG) {
      this.byCommon = new Int32Array(nG * 2);
      this.groupCommon = new Uint8Array(nG * 2);
    }
    const sat = this.saturation;
    const cStart = this.cStart;
    cStart.fill(0);
    const gm = rs.groupMask;
    const gc = this.groupCommon;
    for (let g = 0; g < nG; g++) {
      const c = Math.min(popcount(mask & gm[g0 + g]), sat);
      gc[g] = c;
      cStart[c + 1]++;
    }
    for (let c = 0; c <= sat; c++) cStart[c + 1] += cStart[c];
    // cStart[c] is used as a fill pointer, then shifted back.
    const out = this.byCommon;
    for (let g = 0; g < nG; g++) out[cStart[gc[g]]++] = g0 + g;
    for (let c = sat; c > 0; c--) cStart[c] = cStart[c - 1];
    cStart[0] = 0;
  }

  /**
   * Offers mentee i's distanciel candidates to `heap`, exactly the ones a full scan would keep.
   * An entry is skipped when it cannot displace the heap's worst (lower score, or equal score and
   * higher index): the heap's worst only gets better, so a skipped entry never belonged to the K
   * best. `forbStamp[j] === i + 1`: forbidden (read only when `hasForbidden`);
   * `empStamp[emp] === s + 1`: employer in conflict (read only when `hasConflicts`);
   * `ipStamp[j] === s + 1` (when the mentee accepts in person): the pair is in person, offered by
   * the geo stream. Entries are offered with aux `remoteAux(group, level)`.
   */
  scan(
    p: PreparedRound,
    rs: RemoteStream,
    heap: TopK,
    mask: number,
    i: number,
    s: number,
    ip: boolean,
    forbStamp: Int32Array,
    empStamp: Int32Array,
    ipStamp: Int32Array,
    hasForbidden: boolean,
    hasConflicts: boolean,
  ): void {
    const maxCommon = popcount(mask);
    const hs = heap.score;
    const hm = heap.mentor;
    const k = heap.k;
    const rMentor = rs.mentor;
    const gStart = rs.groupStart;
    const employer = p.mentorEmployer;
    const cStart = this.cStart;
    let current = -1; // level whose groups `byCommon` holds
    for (let b = 0; b < this.bucketScore.length; b++) {
      const score = this.bucketScore[b];
      // Buckets come best first: once one cannot enter the heap, none after it can.
      if (heap.size === k && score < hs[0]) break;
      const c = this.bucketCommon[b];
      if (c > maxCommon) continue;
      const l = this.bucketLevel[b];
      if (rs.levelGroup[l + 1] === rs.levelGroup[l]) continue;
      if (current !== l) {
        this.sortLevel(rs, l, mask);
        current = l;
      }
      const byCommon = this.byCommon;
      for (let t = cStart[c]; t < cStart[c + 1]; t++) {
        const g = byCommon[t];
        const end = gStart[g + 1];
        for (let e = gStart[g]; e < end; e++) {
          const j = rMentor[e];
          // Same score for the whole group, ascending j: the rest of the group is refused too.
          if (heap.size === k && (score < hs[0] || (score === hs[0] && j > hm[0]))) break;
          if (hasForbidden && forbStamp[j] === i + 1) continue;
          if (s >= 0) {
            if (hasConflicts) {
              const emp = employer[j];
              if (emp >= 0 && empStamp[emp] === s + 1) continue;
            }
            if (ip && ipStamp[j] === s + 1) continue;
          }
          heap.offer(score, j, remoteAux(g, l));
        }
      }
    }
  }
}
