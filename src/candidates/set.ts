/**
 * The candidate set: for each mentee, its few admissible mentors (CSR by mentee, best first),
 * each pair with its score, the score's components, distance, travel cost, modality and trade
 * level; plus why mentees without any candidate have none, and which mentors are ineligible.
 * Typed arrays only: no object per pair.
 */
import type { Rule } from './pair.js';
import type { IneligibilityReason } from './eligibility.js';

/** Kinds of relaxation the no-candidate diagnostics consider, nearest first. */
export type RelaxationKind = 'rayon' | 'disponibilites' | 'modalite' | 'budget' | 'honorabilite';

/** A change that would give a mentee candidates, with how many. */
export interface Relaxation {
  kind: RelaxationKind;
  /** Mentors it would add as candidates. */
  added: number;
  /** For `rayon`: the travel radius (road km, rounded up to 5 km) that would be needed. */
  km?: number;
  /** French sentence, e.g. « un rayon de 45 km ajouterait 3 candidats ». */
  message: string;
}

/** Why a mentee has no candidate (the report prints it). */
export interface NoCandidateDiagnostic {
  mentee: number;
  /**
   * Main reason: the rule that rejected most of the mentors examined; `aucun_mentor` when no
   * mentor was within reach at all; `diplome_inconnu` / `etablissement_inconnu` for input gaps.
   */
  reason: Rule | 'aucun_mentor' | 'diplome_inconnu' | 'etablissement_inconnu';
  /** Mentors examined: the nearest ones (up to a bound) and the distanciel ones of its filière. */
  examined: number;
  /** Rejections per rule, each mentor counted under the first rule it fails. */
  rejections: Record<Rule, number>;
  /** Every single-rule relaxation that would add candidates. */
  relaxations: Relaxation[];
  /** The nearest of them (first in `RelaxationKind` order), null when none helps. */
  nearest: Relaxation | null;
}

/** A mentor that cannot be paired, and why. */
export interface IneligibleMentor {
  mentor: number;
  id: string;
  reason: IneligibilityReason;
}

/** Candidates of a round, CSR by mentee; edges of mentee i are `offsets[i] .. offsets[i+1]-1`. */
export interface CandidateSet {
  nMentees: number;
  nMentors: number;
  offsets: Int32Array;
  mentor: Int32Array;
  /** Score, points: trade + proximity + availability (order of `combineScore`). */
  score: Float64Array;
  /** Component scores, points (weight × criterion value). */
  trade: Float32Array;
  proximity: Float32Array;
  availability: Float32Array;
  /** Road-estimated km (great-circle × detour factor), also for distanciel pairs. */
  km: Float64Array;
  /** Yearly travel cost, € (0 for distanciel). */
  cost: Float64Array;
  /** Effective modality code: EFF_PRESENTIEL, EFF_MIXTE, EFF_DISTANCIEL. */
  modality: Uint8Array;
  /** 1 for an imposed pair. */
  imposed: Uint8Array;
  /** Trade level code (TRADE_CFD … TRADE_TRANSVERSE); 255 for an imposed pair with none. */
  tradeLevel: Uint8Array;
  /** Common availability slots. */
  commonSlots: Uint8Array;
  /** Mentees with no candidate, ascending mentee index. */
  diagnostics: NoCandidateDiagnostic[];
  ineligible: IneligibleMentor[];
}

/** Trade level stored for an imposed pair that has none. */
export const TRADE_LEVEL_NONE_CODE = 255;

/**
 * CSR writer with preallocated typed arrays. Rows may be written in any mentee order (the
 * indexed generator goes school by school); `finish` gathers them into mentee order.
 */
export class CandidateWriter {
  private readonly rowStart: Int32Array;
  private readonly rowLen: Int32Array;
  private readonly mentor: Int32Array;
  private readonly score: Float64Array;
  private readonly trade: Float32Array;
  private readonly proximity: Float32Array;
  private readonly availability: Float32Array;
  private readonly km: Float64Array;
  private readonly cost: Float64Array;
  private readonly modality: Uint8Array;
  private readonly imposed: Uint8Array;
  private readonly tradeLevel: Uint8Array;
  private readonly commonSlots: Uint8Array;
  private inOrder = true;
  private lastRow = -1;
  length = 0;

  constructor(
    readonly nMentees: number,
    readonly nMentors: number,
    capacity: number,
  ) {
    this.rowStart = new Int32Array(nMentees);
    this.rowLen = new Int32Array(nMentees);
    this.mentor = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.trade = new Float32Array(capacity);
    this.proximity = new Float32Array(capacity);
    this.availability = new Float32Array(capacity);
    this.km = new Float64Array(capacity);
    this.cost = new Float64Array(capacity);
    this.modality = new Uint8Array(capacity);
    this.imposed = new Uint8Array(capacity);
    this.tradeLevel = new Uint8Array(capacity);
    this.commonSlots = new Uint8Array(capacity);
  }

  /** Starts mentee i's row; each mentee has at most one row. */
  beginRow(i: number): void {
    if (i < this.lastRow) this.inOrder = false;
    this.lastRow = i;
    this.rowStart[i] = this.length;
  }

  /** Appends one edge to the current row. */
  push(
    mentor: number,
    score: number,
    trade: number,
    proximity: number,
    availability: number,
    km: number,
    cost: number,
    modality: number,
    imposed: number,
    level: number,
    common: number,
  ): void {
    const e = this.length++;
    this.mentor[e] = mentor;
    this.score[e] = score;
    this.trade[e] = trade;
    this.proximity[e] = proximity;
    this.availability[e] = availability;
    this.km[e] = km;
    this.cost[e] = cost;
    this.modality[e] = modality;
    this.imposed[e] = imposed;
    this.tradeLevel[e] = level < 0 ? TRADE_LEVEL_NONE_CODE : level;
    this.commonSlots[e] = common;
  }

  /** Closes mentee i's row. */
  endRow(i: number): void {
    this.rowLen[i] = this.length - this.rowStart[i];
  }

  /** The finished set, rows in mentee order, arrays trimmed to the edges written. */
  finish(diagnostics: NoCandidateDiagnostic[], ineligible: IneligibleMentor[]): CandidateSet {
    const n = this.length;
    const offsets = new Int32Array(this.nMentees + 1);
    for (let i = 0; i < this.nMentees; i++) offsets[i + 1] = offsets[i] + this.rowLen[i];
    const perm = new Int32Array(n);
    for (let i = 0; i < this.nMentees; i++) {
      const from = this.rowStart[i];
      for (let k = 0, o = offsets[i]; k < this.rowLen[i]; k++) perm[o + k] = from + k;
    }
    const inOrder = this.inOrder;
    function gather<T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T): T {
      if (inOrder) return (a.length === n ? a : a.slice(0, n)) as T;
      const out = new (a.constructor as new (len: number) => T)(n);
      for (let e = 0; e < n; e++) out[e] = a[perm[e]];
      return out;
    }
    return {
      nMentees: this.nMentees,
      nMentors: this.nMentors,
      offsets,
      mentor: gather(this.mentor),
      score: gather(this.score),
      trade: gather(this.trade),
      proximity: gather(this.proximity),
      availability: gather(this.availability),
      km: gather(this.km),
      cost: gather(this.cost),
      modality: gather(this.modality),
      imposed: gather(this.imposed),
      tradeLevel: gather(this.tradeLevel),
      commonSlots: gather(this.commonSlots),
      diagnostics,
      ineligible,
    };
  }
}
