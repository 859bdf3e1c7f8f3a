/**
 * The benchmark toolkit, after flatbush's bench.js: seeded data identical across runs, a warm-up,
 * repeated runs reporting min and median, peak RSS, a sink that keeps results alive (so the engine
 * cannot drop the work as dead code), and a reference measured in the same run so that figures
 * are ratios, comparable across machines.
 *
 * A scenario is one file `benchmarks/<name>.bench.ts` exporting `scenario: Scenario`.
 */
import os from 'node:os';

/** Options every scenario receives. `quick`: small sizes only, the whole suite in under a minute. */
export interface RunOptions {
  quick: boolean;
}

/** A table of results (rendered as Markdown). */
export interface Table {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** A sentence under the table: how to read it, the reference, caveats. */
  note?: string;
}

/** One curve of a chart. */
export interface Series {
  label: string;
  points: Array<{ x: number; y: number }>;
}

/** A log–log chart (rendered as SVG). */
export interface Chart {
  /** File stem, e.g. `scale-time` → `scale-time.svg`. */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

/** What a scenario returns: tables and charts, plus raw data kept in the JSON output. */
export interface ScenarioReport {
  tables: Table[];
  charts?: Chart[];
  data?: unknown;
}

/** A benchmark scenario: one per file, exported as `scenario`. */
export interface Scenario {
  name: string;
  /** One line: what it measures. */
  description: string;
  run(opts: RunOptions): Promise<ScenarioReport>;
}

/** Timing statistics of repeated runs, ms. */
export interface Timing {
  runs: number;
  minMs: number;
  medianMs: number;
  samplesMs: number[];
}

let sinkValue = 0;
/**
 * Keeps a result observable: engines cannot eliminate work whose result flows here.
 * Numbers, typed arrays, arrays and objects are folded into a running checksum.
 */
export function sink(x: unknown): void {
  if (typeof x === 'number') sinkValue = (sinkValue + x) | 0;
  else if (ArrayBuffer.isView(x)) sinkValue = (sinkValue + x.byteLength) | 0;
  else if (Array.isArray(x)) sinkValue = (sinkValue + x.length) | 0;
  else if (x !== null && typeof x === 'object') sinkValue = (sinkValue + Object.keys(x).length) | 0;
  else if (typeof x === 'string') sinkValue = (sinkValue + x.length) | 0;
  else sinkValue = (sinkValue + 1) | 0;
}
/** The checksum of everything sunk (printed once so it is observable). */
export function sinkChecksum(): number {
  return sinkValue;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the collector if Node was started with --expose-gc (between runs, not inside them). */
export function collectGarbage(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/**
 * Times `fn`: `warmup` untimed runs, then up to `runs` timed runs; the result of each run is sunk.
 * With `budgetMs`, timed runs stop once their total exceeds it (at least one run): a stage that
 * takes minutes at national size is timed once rather than holding the suite for half an hour.
 * Works with sync and async functions.
 */
export async function measure<T>(
  fn: () => T | Promise<T>,
  { warmup = 1, runs = 5, budgetMs = Infinity }: { warmup?: number; runs?: number; budgetMs?: number } = {},
): Promise<Timing & { last: T }> {
  let last!: T;
  for (let i = 0; i < warmup; i++) sink((last = await fn()));
  const samplesMs: number[] = [];
  let totalMs = 0;
  for (let i = 0; i < runs && totalMs <= budgetMs; i++) {
    collectGarbage();
    const t0 = process.hrtime.bigint();
    last = await fn();
    samplesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    totalMs += samplesMs[samplesMs.length - 1];
    sink(last);
  }
  return { runs: samplesMs.length, minMs: Math.min(...samplesMs), medianMs: median(samplesMs), samplesMs, last };
}

/**
 * Peak resident set size of this process so far, MiB. Scenarios run their sizes in ascending
 * order, so the peak after a size is that size's peak (up to the runner's own baseline).
 */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Current heap in use, MiB (after a collection when --expose-gc is on). */
export function heapUsedMiB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1048576;
}

/** The machine the figures come from, for the README. */
export function machine(): { cpu: string; cores: number; memGiB: number; node: string; platform: string; loadavg: number[] } {
  const cpus = os.cpus();
  return {
    // The machine may be shared: a load above the core count means every figure is inflated.
    loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memGiB: Math.round(os.totalmem() / 1073741824),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Formats ms for tables: 3 significant digits, switching to s above 10 s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Formats a ratio (×) with 2 significant digits. */
export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 10 ? `${Math.round(x)}×` : `${x.toFixed(2)}×`;
}

/** Formats a number with a fixed number of decimals, `—` when not finite. */
export function fmt(x: number, decimals = 1): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : '—';
}
