/**
 * The region worker (ESM, loaded by piscina from pool.ts via `new URL('./region.worker.js',
 * import.meta.url)`). It receives one part's typed arrays (transferred, not cloned), solves the
 * part through the solver registry and transfers the assignment back.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { solvePart, type PartReply, type PartTask } from './solve-part.js';

/** Wraps the reply so piscina transfers the assignment's buffer instead of cloning it. */
class MovedReply {
  constructor(private readonly reply: PartReply) {}
  get [transferableSymbol](): ArrayBuffer[] {
    return [this.reply.assignment.buffer as ArrayBuffer];
  }
  get [valueSymbol](): PartReply {
    return this.reply;
  }
}

/** Piscina's task function. A `warmup` task returns at once: it only proves the worker has loaded. */
export default function regionWorker(task: PartTask | { warmup: true }): unknown {
  if ('warmup' in task) return null;
  return move(new MovedReply(solvePart(task)));
}
