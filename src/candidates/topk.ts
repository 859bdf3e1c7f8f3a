/**
 * Best-K selection: a binary min-heap over (score, mentor) in preallocated typed arrays. The root
 * is the worst kept entry: lowest score, and on equal scores the highest mentor index, so ties
 * are broken deterministically in favour of the lower mentor index.
 */
export class TopK {
  readonly score: Float64Array;
  readonly mentor: Int32Array;
  /** Caller's payload (e.g. a position in the stream the entry came from). */
  readonly aux: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.mentor = new Int32Array(k);
    this.aux = new Int32Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  get full(): boolean {
    return this.size === this.k;
  }

  /** Score of the worst kept entry (meaningful when full). */
  get worstScore(): number {
    return this.score[0];
  }

  /** Whether (score, mentor) ranks strictly after the worst kept entry. */
  private worse(sa: number, ma: number, sb: number, mb: number): boolean {
    return sa < sb || (sa === sb && ma > mb);
  }

  /** Whether (score, mentor) would displace the worst kept entry of a full heap. */
  beats(score: number, mentor: number): boolean {
    return this.worse(this.score[0], this.mentor[0], score, mentor);
  }

  /** Offers an entry; keeps it if among the best k so far. */
  offer(score: number, mentor: number, aux: number): void {
    const s = this.score;
    const m = this.mentor;
    const a = this.aux;
    if (this.size < this.k) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!this.worse(score, mentor, s[parent], m[parent])) break;
        s[c] = s[parent];
        m[c] = m[parent];
        a[c] = a[parent];
        c = parent;
      }
      s[c] = score;
      m[c] = mentor;
      a[c] = aux;
      return;
    }
    if (!this.worse(s[0], m[0], score, mentor)) return;
    this.siftDown(score, mentor, aux, this.size);
  }

  /** Puts (score, mentor, aux) at the root of the heap [0, n) and sifts it down to its place. */
  private siftDown(score: number, mentor: number, aux: number, n: number): void {
    const s = this.score;
    const m = this.mentor;
    const a = this.aux;
    let c = 0;
    for (;;) {
      let w = 2 * c + 1;
      if (w >= n) break;
      const r = w + 1;
      if (r < n && this.worse(s[r], m[r], s[w], m[w])) w = r;
      if (!this.worse(s[w], m[w], score, mentor)) break;
      s[c] = s[w];
      m[c] = m[w];
      a[c] = a[w];
      c = w;
    }
    s[c] = score;
    m[c] = mentor;
    a[c] = aux;
  }

  /**
   * Sorts the kept entries in place, best first (score descending, then mentor ascending): a
   * heapsort, the worst entry (the root) moved to the end repeatedly. Mentors are distinct, so
   * the order is total and equals any other correct sort's.
   * The heap is no longer a heap afterwards: call `reset` before reuse.
   */
  sortBestFirst(): void {
    const s = this.score;
    const m = this.mentor;
    const a = this.aux;
    for (let end = this.size - 1; end > 0; end--) {
      // Move the worst to `end`, then sift the former last entry down in [0, end).
      const score = s[end];
      const mentor = m[end];
      const aux = a[end];
      s[end] = s[0];
      m[end] = m[0];
      a[end] = a[0];
      this.siftDown(score, mentor, aux, end);
    }
  }
}
