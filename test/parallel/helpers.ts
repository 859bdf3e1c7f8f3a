/**
 * Test helpers: tiny hand-made problems and seeded unions of random blocks (several components,
 * with mentee and mentor indices shuffled so components do not follow index ranges).
 */
import type { Problem } from '../../src/encode/problem.js';
import { mulberry32, smallRandom, type SmallRandomOptions } from '../../src/solve/random.js';

/** A problem from `[mentee, mentor, weight]` edges (capacity 1 unless given). */
export function fromEdges(nMentees: number, nMentors: number, edges: Array<[number, number, number]>, capacity?: number[]): Problem {
  const sorted = edges.map((e, t) => [...e, t]).sort((a, b) => a[0] - b[0] || a[3] - b[3]);
  const offsets = new Int32Array(nMentees + 1);
  for (const [i] of sorted) offsets[i + 1]++;
  for (let i = 0; i < nMentees; i++) offsets[i + 1] += offsets[i];
  return {
    sense: 'max',
    nMentees,
    nMentors,
    capacity: Int32Array.from(capacity ?? new Array(nMentors).fill(1)),
    offsets,
    edgeMentor: Int32Array.from(sorted, (e) => e[1]),
    edgeWeight: Float64Array.from(sorted, (e) => e[2]),
  };
}

/**
 * The disjoint union of `blocks` random problems, shuffled. Returns the block of each mentee: a
 * region split where no mentor crosses a border.
 */
export function blockUnion(seed: number, blocks: number, o: SmallRandomOptions): { problem: Problem; block: Int32Array } {
  const parts = Array.from({ length: blocks }, (_, b) => smallRandom(seed * 101 + b, o));
  const rnd = mulberry32(seed);
  const nI = parts.reduce((s, p) => s + p.nMentees, 0);
  const nJ = parts.reduce((s, p) => s + p.nMentors, 0);
  const permI = shuffle(nI, rnd);
  const permJ = shuffle(nJ, rnd);
  const rows: Array<Array<[number, number, number]>> = Array.from({ length: nI }, () => []);
  const capacity = new Int32Array(nJ);
  const priority = new Float64Array(nI).fill(1);
  const block = new Int32Array(nI);
  let baseI = 0;
  let baseJ = 0;
  parts.forEach((p, b) => {
    for (let j = 0; j < p.nMentors; j++) capacity[permJ[baseJ + j]] = p.capacity[j];
    for (let i = 0; i < p.nMentees; i++) {
      const gi = permI[baseI + i];
      block[gi] = b;
      if (p.priority) priority[gi] = p.priority[i];
      for (let e = p.offsets[i]; e < p.offsets[i + 1]; e++) rows[gi].push([gi, permJ[baseJ + p.edgeMentor[e]], p.edgeWeight[e]]);
    }
    baseI += p.nMentees;
    baseJ += p.nMentors;
  });
  const problem = fromEdges(nI, nJ, rows.flat(), Array.from(capacity));
  problem.sense = o.sense ?? 'max';
  if (o.withPriority) problem.priority = priority;
  if (o.withSlotPenalty) problem.slotPenalty = parts[0].slotPenalty;
  return { problem, block };
}

function shuffle(n: number, rnd: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** Hex of an Int32Array's bytes: compares assignments byte for byte with readable diffs. */
export function bytesOf(a: Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}
