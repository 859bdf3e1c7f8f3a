/**
 * One mentee's candidate row before it is written: a small buffer sorted best first (score
 * descending, then mentor ascending) and flushed into the CSR writer. Shared by the indexed
 * generator and the brute-force reference so both order rows identically.
 */
import type { CandidateWriter } from './set.js';
import type { PairEval } from './pair.js';

export class RowBuffer {
  private mentor: Int32Array;
  private score: Float64Array;
  private trade: Float64Array;
  private prox: Float64Array;
  private avail: Float64Array;
  private km: Float64Array;
  private cost: Float64Array;
  private modality: Uint8Array;
  private imposed: Uint8Array;
  private level: Int16Array;
  private common: Uint8Array;
  private order: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.mentor = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.trade = new Float64Array(capacity);
    this.prox = new Float64Array(capacity);
    this.avail = new Float64Array(capacity);
    this.km = new Float64Array(capacity);
    this.cost = new Float64Array(capacity);
    this.modality = new Uint8Array(capacity);
    this.imposed = new Uint8Array(capacity);
    this.level = new Int16Array(capacity);
    this.common = new Uint8Array(capacity);
    this.order = new Int32Array(capacity);
  }

  private grow(): void {
    const cap = this.mentor.length * 2 + 8;
    const g = <T extends Int32Array | Float64Array | Uint8Array | Int16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a as never);
      return b;
    };
    this.mentor = g(this.mentor);
    this.score = g(this.score);
    this.trade = g(this.trade);
    this.prox = g(this.prox);
    this.avail = g(this.avail);
    this.km = g(this.km);
    this.cost = g(this.cost);
    this.modality = g(this.modality);
    this.imposed = g(this.imposed);
    this.level = g(this.level);
    this.common = g(this.common);
    this.order = g(this.order);
  }

  /** Whether mentor j is already in the row. */
  has(j: number): number {
    for (let k = 0; k < this.size; k++) if (this.mentor[k] === j) return k;
    return -1;
  }

  /** Marks entry k as imposed. */
  markImposed(k: number): void {
    this.imposed[k] = 1;
  }

  add(
    mentor: number,
    score: number,
    trade: number,
    prox: number,
    avail: number,
    km: number,
    cost: number,
    modality: number,
    imposed: number,
    level: number,
    common: number,
  ): void {
    if (this.size === this.mentor.length) this.grow();
    const k = this.size++;
    this.mentor[k] = mentor;
    this.score[k] = score;
    this.trade[k] = trade;
    this.prox[k] = prox;
    this.avail[k] = avail;
    this.km[k] = km;
    this.cost[k] = cost;
    this.modality[k] = modality;
    this.imposed[k] = imposed;
    this.level[k] = level;
    this.common[k] = common;
  }

  /** Adds a fully evaluated pair. */
  addEval(j: number, ev: PairEval, imposed: number): void {
    this.add(j, ev.score, ev.tradePoints, ev.proximityPoints, ev.availabilityPoints, ev.km, ev.cost, ev.modality, imposed, ev.level, ev.common);
  }

  /** Writes the row of mentee i, best first, and empties the buffer. */
  flush(writer: CandidateWriter, i: number): void {
    const o = this.order;
    const s = this.score;
    const m = this.mentor;
    for (let k = 0; k < this.size; k++) {
      let j = k - 1;
      while (j >= 0 && (s[o[j]] < s[k] || (s[o[j]] === s[k] && m[o[j]] > m[k]))) {
        o[j + 1] = o[j];
        j--;
      }
      o[j + 1] = k;
    }
    writer.beginRow(i);
    for (let r = 0; r < this.size; r++) {
      const k = o[r];
      writer.push(m[k], s[k], this.trade[k], this.prox[k], this.avail[k], this.km[k], this.cost[k], this.modality[k], this.imposed[k], this.level[k], this.common[k]);
    }
    writer.endRow(i);
    this.size = 0;
  }
}
