/**
 * mentormatch public API. Everything an integrator imports comes from here; nothing else.
 */
export * from './schema/records.js';
export type { RoundIssue, IssueCode } from './schema/issues.js';
export type { Round, RoundReadResult, InputFile } from './schema/round.js';
export type { CommuneTable } from './schema/geo.js';
export type { Diploma, DiplomaTable } from './schema/diplomas.js';
export { readRound, type ReadRoundOptions } from './io/round.js';
export { loadCommunes, loadDiplomas, normalizeCfd } from './io/reference.js';
export { parseDate } from './io/cells.js';
export { PolicySchema, defaultPolicy, type Policy } from './schema/policy.js';
export { type Problem, type SideConstraints, edgeCount } from './encode/problem.js';
export {
  generateRound,
  type GeneratedRound,
  type GeneratedPolicy,
  type GeneratorRefs,
  type GenerateOptions,
} from './generate/round.js';
export { PRESETS, PRESET_NAMES, type Preset, type PresetName } from './generate/presets.js';
export { createRng, type Rng } from './generate/rng.js';
export { writeRound } from './io/round-writer.js';
