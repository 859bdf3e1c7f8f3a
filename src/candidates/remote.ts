/**
 * Distanciel streams. A distanciel pair has no proximity points, so its score only depends on its
 * trade level and on its common slots, saturated: `min(common, saturation)`. The mentors of a
 * level are therefore grouped by availability mask (a national round has ~900 distinct masks for
 * 100,000 mentors), each group listing its mentors by ascending index. A mentee counts its
 * common slots with all the groups of a level at once, bit-sliced (32 groups per word, one
 * carry-save addition per slot of the mentee), not once per mentor, and visits (level,
 * saturated common) buckets best score first; inside a bucket every entry has the same score,
 * so the best-K only wants the lowest indices: each group is read in index order and left at the
 * first entry the heap would refuse. A mentee thus touches a few dozen mentors instead of the thousands of its filière.
 */
import type { PreparedRound } from './prepare.js';
import { popcount } from '../score/availability.js';
import { combineScore, partialScore } from '../score/weights.js';
import type { TopK } from './topk.js';
import { forEachSlot, type SlotLayout } from './geo.js';

/** Number of trade levels (TRADE_CFD … TRADE_TRANSVERSE). */
const LEVELS = 4;
/** Bit planes of a common-slot count (counts up to 63 > 32 slot bits). */
const PLANES = 6;

/** Eligible remote mentors of one trade key, by level, then by availability mask. */
export interface RemoteStream {
  /** Mentor indices, group after group; ascending inside a group. */
  mentor: Int32Array;
  /** Group g holds `mentor[groupStart[g] .. groupStart[g+1]-1]`, all with mask `groupMask[g]`. */
  groupStart: Int32Array;
  groupMask: Int32Array;
  /** Groups of level l are `levelGroup[l] .. levelGroup[l+1]-1`. */
  levelGroup: Int32Array;
  /**
   * Bit-sliced group masks: level l's block starts at word `levelWord[l]` and holds, for each
   * slot bit b (0..31), a bitset of W = ceil(groups of l / 32) words over the level's groups
   * (bit g - levelGroup[l]) whose mask has bit b: `bits[levelWord[l] + b * W + w]`.
   */
  bits: Int32Array;
  levelWord: Int32Array;
}

/** Words of a bitset over n entries. */
function wordsOf(n: number): number {
  return (n + 31) >>> 5;
}

/**
 * Builds the distanciel streams of a round's trade keys. The eligible remote mentors are listed
 * once per trade slot (CFD, famille, filière, transverse: the numbering of `SlotLayout`), in
 * ascending index; a key's level-l mentors are then one slot list minus the mentors already
 * taken at a better level, the same split as `tradeLevel`, without evaluating it per mentor.
 */
export class RemoteIndex {
  private readonly slotStart: Int32Array;
  private readonly slotMentors: Int32Array;
  /** Stream stamp of the mentors already taken at a better level. */
  private readonly taken: Int32Array;
  private stamp = 0;
  /** Mask → group id of the current level (stamped), when masks are small non-negative ints. */
  private readonly maskGroup: Int32Array | null;
  private readonly maskStamp: Int32Array | null;

  constructor(
    private readonly p: PreparedRound,
    remoteMentors: Int32Array,
    private readonly layout: SlotLayout,
  ) {
    const { nSlots } = layout;
    const slotStart = new Int32Array(nSlots + 1);
    let maxMask = 0;
    for (let k = 0; k < remoteMentors.length; k++) {
      const j = remoteMentors[k];
      forEachSlot(p, layout, j, (a) => slotStart[a + 1]++);
      maxMask = p.mentorMask[j] < 0 || maxMask < 0 ? -1 : Math.max(maxMask, p.mentorMask[j]);
    }
    for (let a = 0; a < nSlots; a++) slotStart[a + 1] += slotStart[a];
    const fill = slotStart.slice(0, nSlots);
    const slotMentors = new Int32Array(slotStart[nSlots]);
    for (let k = 0; k < remoteMentors.length; k++) {
      const j = remoteMentors[k];
      forEachSlot(p, layout, j, (a) => (slotMentors[fill[a]++] = j));
    }
    this.slotStart = slotStart;
    this.slotMentors = slotMentors;
    this.taken = new Int32Array(p.nMentors);
    const small = maxMask >= 0 && maxMask < 1 << 22;
    this.maskGroup = small ? new Int32Array(maxMask + 1) : null;
    this.maskStamp = small ? new Int32Array(maxMask + 1) : null;
  }

  /** The stream of a trade key: CFD id `cfd` (or -1), famille `fam` (or -1), filière `fil` (or -1). */
  stream(cfd: number, fam: number, fil: number): RemoteStream {
    const { nCfd, nFam } = this.layout;
    const lists = [cfd, cfd >= 0 && fam >= 0 ? nCfd + fam : -1, fil >= 0 ? nCfd + nFam + fil : -1, fil >= 0 ? nCfd + nFam + 3 : -1];
    const stamp = ++this.stamp;
    const taken = this.taken;
    const slotStart = this.slotStart;
    const slotMentors = this.slotMentors;
    const maskOf = this.p.mentorMask;
    let total = 0;
    for (let l = 0; l < LEVELS; l++) if (lists[l] >= 0) total += slotStart[lists[l] + 1] - slotStart[lists[l]];
    // Mentors level by level (ascending within a level), their group, and the groups' masks.
    const sel = new Int32Array(total);
    const groupOf = new Int32Array(total);
    const masks: number[] = [];
    const levelGroup = new Int32Array(LEVELS + 1);
    let nSel = 0;
    for (let l = 0; l < LEVELS; l++) {
      levelGroup[l] = masks.length;
      const slot = lists[l];
      if (slot < 0) continue;
      // Group ids of the level, numbered by first appearance (deterministic).
      const levelStamp = stamp * LEVELS + l;
      const ids = this.maskGroup ? null : new Map<number, number>();
      for (let k = slotStart[slot]; k < slotStart[slot + 1]; k++) {
        const j = slotMentors[k];
        if (taken[j] === stamp) continue;
        taken[j] = stamp;
        const mask = maskOf[j];
        let g: number;
        if (ids) {
          const known = ids.get(mask);
          if (known === undefined) {
            g = masks.length;
            ids.set(mask, g);
            masks.push(mask);
          } else g = known;
        } else if (this.maskStamp![mask] === levelStamp) g = this.maskGroup![mask];
        else {
          g = masks.length;
          this.maskStamp![mask] = levelStamp;
          this.maskGroup![mask] = g;
          masks.push(mask);
        }
        sel[nSel] = j;
        groupOf[nSel] = g;
        nSel++;
      }
    }
    levelGroup[LEVELS] = masks.length;
    const nGroups = masks.length;
    const groupStart = new Int32Array(nGroups + 1);
    for (let k = 0; k < nSel; k++) groupStart[groupOf[k] + 1]++;
    for (let g = 0; g < nGroups; g++) groupStart[g + 1] += groupStart[g];
    const fill = groupStart.slice(0, nGroups);
    const mentor = new Int32Array(nSel);
    // Each level's mentors are ascending, so each group's list is ascending too.
    for (let k = 0; k < nSel; k++) mentor[fill[groupOf[k]]++] = sel[k];
    const levelWord = new Int32Array(LEVELS + 1);
    for (let l = 0; l < LEVELS; l++) levelWord[l + 1] = levelWord[l] + 32 * wordsOf(levelGroup[l + 1] - levelGroup[l]);
    const bits = new Int32Array(levelWord[LEVELS]);
    for (let l = 0; l < LEVELS; l++) {
      const g0 = levelGroup[l];
      const W = wordsOf(levelGroup[l + 1] - g0);
      for (let g = g0; g < levelGroup[l + 1]; g++) {
        for (let mm = masks[g]; mm !== 0; mm &= mm - 1) {
          const b = 31 - Math.clz32(mm & -mm);
          bits[levelWord[l] + b * W + ((g - g0) >>> 5)] |= 1 << ((g - g0) & 31);
        }
      }
    }
    return { mentor, groupStart, groupMask: Int32Array.from(masks), levelGroup, bits, levelWord };
  }
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
  /** Bit planes of the current level's common counts (see `countLevel`), W words each. */
  private planes: Int32Array;
  private words = 0;
  /** Valid bits of the last word. */
  private lastBits = -1;
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
    this.planes = new Int32Array(PLANES * 16);
  }

  /**
   * Counts, for every group of level l of `rs`, its common slots with `mask`, bit-sliced: plane p
   * (`planes[p * W + w]`) holds bit p of the counts of the 32 groups of word w. One carry-save
   * addition of the level's slot-b bitset per bit b of the mask.
   */
  private countLevel(rs: RemoteStream, l: number, mask: number): void {
    const nG = rs.levelGroup[l + 1] - rs.levelGroup[l];
    const W = wordsOf(nG);
    if (this.planes.length < PLANES * W) this.planes = new Int32Array(PLANES * W * 2);
    const planes = this.planes;
    planes.fill(0, 0, PLANES * W);
    const bits = rs.bits;
    const w0 = rs.levelWord[l];
    for (let mm = mask; mm !== 0; mm &= mm - 1) {
      const base = w0 + (31 - Math.clz32(mm & -mm)) * W;
      for (let w = 0; w < W; w++) {
        let carry = bits[base + w];
        for (let q = 0; carry !== 0 && q < PLANES; q++) {
          const x = planes[q * W + w];
          planes[q * W + w] = x ^ carry;
          carry &= x;
        }
      }
    }
    this.words = W;
    this.lastBits = (nG & 31) === 0 ? -1 : (1 << (nG & 31)) - 1;
  }

  /** Word w of the bitset of the current level's groups whose saturated common count is c. */
  private select(c: number, w: number): number {
    const W = this.words;
    const planes = this.planes;
    let r: number;
    if (c < this.saturation) {
      r = -1;
      for (let q = 0; q < PLANES; q++) r &= (c >> q) & 1 ? planes[q * W + w] : ~planes[q * W + w];
    } else {
      // count >= saturation: not (count < saturation), compared from the top plane down.
      const sat = this.saturation;
      let lt = 0;
      let eq = -1;
      for (let q = PLANES - 1; q >= 0; q--) {
        const x = planes[q * W + w];
        if ((sat >> q) & 1) {
          lt |= eq & ~x;
          eq &= x;
        } else eq &= ~x;
      }
      r = ~lt;
    }
    return w === W - 1 ? r & this.lastBits : r;
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
    let current = -1; // level whose counts `planes` holds
    for (let b = 0; b < this.bucketScore.length; b++) {
      const score = this.bucketScore[b];
      // Buckets come best first: once one cannot enter the heap, none after it can.
      if (heap.size === k && score < hs[0]) break;
      const c = this.bucketCommon[b];
      if (c > maxCommon) continue;
      const l = this.bucketLevel[b];
      if (rs.levelGroup[l + 1] === rs.levelGroup[l]) continue;
      if (current !== l) {
        this.countLevel(rs, l, mask);
        current = l;
      }
      const g0 = rs.levelGroup[l];
      // The level's groups with saturated common c, ascending.
      for (let w = 0; w < this.words; w++) {
        for (let word = this.select(c, w); word !== 0; word &= word - 1) {
          const g = g0 + (w << 5) + (31 - Math.clz32(word & -word));
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
}
