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

/** The arrays of a CandidateWriter: reserved row slots, written lengths, edge columns. */
export interface WriterLayout {
  rowStart: Int32Array;
  rowLen: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
  trade: Float32Array;
  proximity: Float32Array;
  availability: Float32Array;
  km: Float64Array;
  cost: Float64Array;
  modality: Uint8Array;
  imposed: Uint8Array;
  tradeLevel: Uint8Array;
  commonSlots: Uint8Array;
}

/** Fresh writer arrays: row i reserves `rowCapacity(i)` entries; SharedArrayBuffers when `shared`. */
function allocateLayout(nMentees: number, rowCapacity: (i: number) => number, shared: boolean): WriterLayout {
  const alloc = shared ? (bytes: number) => new SharedArrayBuffer(bytes) : (bytes: number) => new ArrayBuffer(bytes);
  const rowStart = new Int32Array(alloc(4 * (nMentees + 1)));
  for (let i = 0; i < nMentees; i++) rowStart[i + 1] = rowStart[i] + rowCapacity(i);
  const capacity = rowStart[nMentees];
  return {
    rowStart,
    rowLen: new Int32Array(alloc(4 * nMentees)),
    mentor: new Int32Array(alloc(4 * capacity)),
    score: new Float64Array(alloc(8 * capacity)),
    trade: new Float32Array(alloc(4 * capacity)),
    proximity: new Float32Array(alloc(4 * capacity)),
    availability: new Float32Array(alloc(4 * capacity)),
    km: new Float64Array(alloc(8 * capacity)),
    cost: new Float64Array(alloc(8 * capacity)),
    modality: new Uint8Array(alloc(capacity)),
    imposed: new Uint8Array(alloc(capacity)),
    tradeLevel: new Uint8Array(alloc(capacity)),
    commonSlots: new Uint8Array(alloc(capacity)),
  };
}

/** Trade level stored for an imposed pair that has none. */
export const TRADE_LEVEL_NONE_CODE = 255;

/**
 * CSR writer with preallocated typed arrays. Rows may be written in any mentee order (the
 * indexed generator goes school by school): each mentee's row goes straight to a slot reserved
 * for it in mentee order (`rowCapacity[i]` entries at most), so `finish` only closes the gaps
 * left by short rows, in one sequential pass, instead of gathering every edge.
 */
export class CandidateWriter {
  /** Reserved slot of row i: `rowStart[i] .. rowStart[i + 1] - 1`. */
  private readonly rowStart: Int32Array;
  private readonly rowLen: Int32Array;
  /**
   * Edge columns, writable directly at a position from `nextEdge` by hot loops that would
   * otherwise pass a dozen doubles to `push` (boxed when the call is not inlined). Valid until
   * `finish`.
   */
  mentor: Int32Array;
  score: Float64Array;
  trade: Float32Array;
  proximity: Float32Array;
  availability: Float32Array;
  km: Float64Array;
  cost: Float64Array;
  modality: Uint8Array;
  imposed: Uint8Array;
  tradeLevel: Uint8Array;
  commonSlots: Uint8Array;
  /** Next free position of the current row. */
  private at = 0;

  /**
   * `rowCapacity(i)`: the most entries mentee i's row can have. With `shared`, the columns and the
   * row lengths live in SharedArrayBuffers, so that worker threads can write disjoint rows through
   * `CandidateWriter.attach(writer.layout())` (candidates/parallel.ts).
   */
  constructor(
    readonly nMentees: number,
    readonly nMentors: number,
    rowCapacity: ((i: number) => number) | WriterLayout,
    shared = false,
  ) {
    const l = typeof rowCapacity === 'function' ? allocateLayout(nMentees, rowCapacity, shared) : rowCapacity;
    this.rowStart = l.rowStart;
    this.rowLen = l.rowLen;
    this.mentor = l.mentor;
    this.score = l.score;
    this.trade = l.trade;
    this.proximity = l.proximity;
    this.availability = l.availability;
    this.km = l.km;
    this.cost = l.cost;
    this.modality = l.modality;
    this.imposed = l.imposed;
    this.tradeLevel = l.tradeLevel;
    this.commonSlots = l.commonSlots;
  }

  /** The writer's arrays (shared ones cross to a worker thread without a copy). */
  layout(): WriterLayout {
    const { rowStart, rowLen, mentor, score, trade, proximity, availability, km, cost, modality, imposed, tradeLevel, commonSlots } = this;
    return { rowStart, rowLen, mentor, score, trade, proximity, availability, km, cost, modality, imposed, tradeLevel, commonSlots };
  }

  /** A writer over another thread's `layout()`: rows written here are that writer's rows. */
  static attach(nMentees: number, nMentors: number, layout: WriterLayout): CandidateWriter {
    return new CandidateWriter(nMentees, nMentors, layout);
  }

  /** Starts mentee i's row; each mentee has at most one row. */
  beginRow(i: number): void {
    this.at = this.rowStart[i];
  }

  /** Position of the next edge of the current row, for writing the columns directly. */
  nextEdge(): number {
    return this.at++;
  }

  /** Appends one edge to the current row (at most its reserved capacity). */
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
    const e = this.at++;
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
    const len = this.at - this.rowStart[i];
    if (len > this.rowStart[i + 1] - this.rowStart[i]) throw new Error(`candidate row ${i} over its capacity`);
    this.rowLen[i] = len;
  }

  /** The finished set, rows in mentee order, arrays trimmed to the edges written. Call once. */
  finish(diagnostics: NoCandidateDiagnostic[], ineligible: IneligibleMentor[]): CandidateSet {
    const nMentees = this.nMentees;
    const offsets = new Int32Array(nMentees + 1);
    for (let i = 0; i < nMentees; i++) offsets[i + 1] = offsets[i] + this.rowLen[i];
    // Counted here, not as rows end: rows written by other threads into a shared layout count too.
    const n = offsets[nMentees];
    const rowStart = this.rowStart;
    const rowLen = this.rowLen;
    // Rows move left only (offsets[i] <= rowStart[i]): compacted in place, in runs (a run ends
    // at a row shorter than its reservation, a gap follows it), each run one block move. The
    // columns are then views of their first n entries: no second copy of every edge (each
    // column keeps its own buffer, at most the unused reservation longer).
    const runFrom: number[] = [];
    const runTo: number[] = [];
    const runLen: number[] = [];
    for (let i = 0; i < nMentees; ) {
      let e = i + 1;
      while (e < nMentees && rowLen[e - 1] === rowStart[e] - rowStart[e - 1]) e++;
      const len = offsets[e] - offsets[i];
      if (len > 0 && rowStart[i] !== offsets[i]) {
        runFrom.push(rowStart[i]);
        runTo.push(offsets[i]);
        runLen.push(len);
      }
      i = e;
    }
    function compact<T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T): T {
      for (let r = 0; r < runFrom.length; r++) a.copyWithin(runTo[r], runFrom[r], runFrom[r] + runLen[r]);
      return (a.length === n ? a : a.subarray(0, n)) as T;
    }
    // The writer is spent: it lets go of its columns.
    const mentor = compact(this.mentor);
    this.mentor = new Int32Array(0);
    const score = compact(this.score);
    this.score = new Float64Array(0);
    const trade = compact(this.trade);
    this.trade = new Float32Array(0);
    const proximity = compact(this.proximity);
    this.proximity = new Float32Array(0);
    const availability = compact(this.availability);
    this.availability = new Float32Array(0);
    const km = compact(this.km);
    this.km = new Float64Array(0);
    const cost = compact(this.cost);
    this.cost = new Float64Array(0);
    const modality = compact(this.modality);
    this.modality = new Uint8Array(0);
    const imposed = compact(this.imposed);
    this.imposed = new Uint8Array(0);
    const tradeLevel = compact(this.tradeLevel);
    this.tradeLevel = new Uint8Array(0);
    const commonSlots = compact(this.commonSlots);
    this.commonSlots = new Uint8Array(0);
    return {
      nMentees,
      nMentors: this.nMentors,
      offsets,
      mentor,
      score,
      trade,
      proximity,
      availability,
      km,
      cost,
      modality,
      imposed,
      tradeLevel,
      commonSlots,
      diagnostics,
      ineligible,
    };
  }
}
