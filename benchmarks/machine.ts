/**
 * What two cores give on this machine, apart from mentormatch: the same loop run alone, then two
 * copies at once in two separate processes (no shared heap, no shared V8 threads). A throughput of
 * 2.00× means the second core is a whole core for that kind of work; less means the copies share
 * something (cache, memory bandwidth, or a core that is not a whole core).
 *
 * The loops stand for the solver's work: pure arithmetic, and random reads and writes of a
 * Float64Array (the auction's and Dijkstra's price and label arrays) of a few sizes around the
 * last-level cache.
 */
import { spawn } from 'node:child_process';

/** A loop printing its own time, ms. */
function script(kind: 'arithmetic' | 'random', elements: number): string {
  if (kind === 'arithmetic') {
    return `let x = 1, s = 0; const t = performance.now();
for (let r = 0; r < 300_000_000; r++) { x = (x * 1103515245 + 12345) | 0; s += x & 7; }
process.stdout.write(String(performance.now() - t) + ' ' + (s > 0));`;
  }
  // Indices drawn beforehand (xorshift), streamed; the reads and writes land anywhere in the array.
  return `const n = ${elements}; const idx = new Int32Array(1 << 22); const b = new Float64Array(n);
let x = 12345; for (let i = 0; i < idx.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; idx[i] = (x >>> 0) % n; }
const t = performance.now(); let s = 0;
for (let r = 0; r < 25; r++) for (let i = 0; i < idx.length; i++) { const j = idx[i]; s += b[j]; b[j] = s * 1e-9; }
process.stdout.write(String(performance.now() - t) + ' ' + (s >= 0));`;
}

function runOnce(code: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(Number(out.split(' ')[0])) : reject(new Error(`probe exited ${status}`))));
  });
}

export interface MachineProbe {
  label: string;
  aloneMs: number;
  /** Mean time of each of two copies run at once. */
  togetherMs: number;
  /** Work done per unit of time by two copies against one: 2 × alone / together. */
  throughput: number;
}

/** Median of `runs` measurements of each loop alone and two at once. */
export async function probeMachine(runs: number): Promise<MachineProbe[]> {
  const cases: Array<[string, string]> = [
    ['arithmetic (registers only)', script('arithmetic', 0)],
    ['random access, 0.5 MB array (L2)', script('random', 1 << 16)],
    ['random access, 8 MB array (last-level cache)', script('random', 1 << 20)],
    ['random access, 64 MB array (memory)', script('random', 1 << 23)],
  ];
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const out: MachineProbe[] = [];
  for (const [label, code] of cases) {
    const alone: number[] = [];
    const together: number[] = [];
    for (let r = 0; r < runs; r++) {
      alone.push(await runOnce(code));
      const [a, b] = await Promise.all([runOnce(code), runOnce(code)]);
      together.push((a + b) / 2);
    }
    const aloneMs = median(alone);
    const togetherMs = median(together);
    out.push({ label, aloneMs, togetherMs, throughput: (2 * aloneMs) / togetherMs });
  }
  return out;
}
