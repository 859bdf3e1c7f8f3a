/**
 * Seeded benchmark rounds: generated once per (preset, seed) into the git-ignored
 * `benchmarks/.data/`, identical across runs and machines (the generator is deterministic).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateRound, type GeneratedRound } from '../src/generate/round.js';
import type { PresetName } from '../src/generate/presets.js';
import { writeRound } from '../src/io/round-writer.js';
import { loadCommunes, loadDiplomas } from '../src/io/reference.js';

/** The seed of every benchmark round. */
export const BENCH_SEED = 2024;

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '.data');

/** A generated round in memory (same preset + seed → same records). */
export function benchRound(preset: PresetName, seed = BENCH_SEED): GeneratedRound {
  return generateRound(preset, seed, { communes: loadCommunes(), diplomas: loadDiplomas() });
}

/** Folder of the written round, generated on first use (per generator version). */
export function benchRoundDir(preset: PresetName, seed = BENCH_SEED): string {
  const dir = join(dataDir, 'rounds', `${preset}-${seed}-v${GENERATOR_VERSION}`);
  if (!existsSync(join(dir, 'politique.json'))) writeRound(dir, benchRound(preset, seed));
  return dir;
}

/** Folder of a round of a preset with other sizes (e.g. small rounds the dense LP can hold). */
export function benchRoundDirSized(preset: PresetName, mentees: number, mentors: number, seed = BENCH_SEED): string {
  const dir = join(dataDir, 'rounds', `${preset}-${mentees}x${mentors}-${seed}-v${GENERATOR_VERSION}`);
  if (!existsSync(join(dir, 'politique.json'))) {
    writeRound(dir, generateRound(preset, seed, { communes: loadCommunes(), diplomas: loadDiplomas() }, { mentees, mentors }));
  }
  return dir;
}

/** The reference cost of ingestion: read the round's bytes and count lines (the floor any CSV reader pays). */
export function readAndCountLines(dir: string): number {
  let lines = 0;
  for (const f of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}
