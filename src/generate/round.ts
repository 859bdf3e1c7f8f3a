/**
 * The seeded round generator: preset + seed → the records of a round folder, in memory. Pure: the
 * reference tables (communes, diplomas) are passed in; writing files is src/io/round-writer.ts.
 */
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import type { Contrainte, Etablissement, Mentor, Mentore } from '../schema/records.js';
import { createRng, pickWeighted } from './rng.js';
import { PRESETS, type Preset, type PresetName } from './presets.js';
import { NearbyCommunes, communesByAcademie } from './places.js';
import { makeSchools } from './schools.js';
import { makeMentees, makeMentors } from './people.js';
import { type Conflit, makeConflicts, makeConstraints } from './constraints.js';
import { SCHOOL_BUDGET_FILLED, SCHOOL_BUDGET_PER_MENTEE } from './proportions.js';

/**
 * Version of the generator's output: bump it whenever the same preset and seed would give
 * different records, so cached benchmark rounds (benchmarks/.data) are regenerated.
 */
export const GENERATOR_VERSION = 1;

/** Reference tables the generator draws from (load them with `loadCommunes()` / `loadDiplomas()`). */
export interface GeneratorRefs {
  communes: CommuneTable;
  diplomas: DiplomaTable;
}

/** The content of politique.json written by the generator (a valid, mostly default policy). */
export interface GeneratedPolicy {
  conflits: Conflit[];
}

/** A generated round: clean records (as validation returns them) plus what rendering needs. */
export interface GeneratedRound {
  preset: PresetName;
  seed: number;
  /** The round's reference date (ISO): pass it as `--date` to `match` to see the late verifications. */
  roundDate: string;
  etablissements: Etablissement[];
  mentores: Mentore[];
  mentors: Mentor[];
  contraintes: Contrainte[];
  politique: GeneratedPolicy;
  /** Académie name of each school (same order as `etablissements`), for statistics and tests. */
  schoolAcademie: string[];
  /** Eligibility of each mentor on `roundDate` (1 = may be paired), for statistics and tests. */
  mentorEligible: Uint8Array;
}

/** Options overriding a preset's sizes (benchmarks use intermediate sizes). */
export interface GenerateOptions {
  mentees?: number;
  mentors?: number;
  roundDate?: string;
}

/**
 * Generates the round of a preset with a seed. Same preset, seed, options and reference tables →
 * the same records, in the same order.
 */
export function generateRound(
  preset: PresetName | Preset,
  seed: number,
  refs: GeneratorRefs,
  options: GenerateOptions = {},
): GeneratedRound {
  const base = typeof preset === 'string' ? PRESETS[preset] : preset;
  const nMentees = options.mentees ?? base.mentees;
  const nMentors = options.mentors ?? base.mentors;
  const roundDate = options.roundDate ?? base.roundDate;
  const rng = createRng(seed);
  // Independent sub-streams: changing how mentors are drawn does not move the schools.
  const rSchools = rng.fork('schools');
  const rMentees = rng.fork('mentees');
  const rMentors = rng.fork('mentors');
  const rRules = rng.fork('rules');

  const academies = communesByAcademie(refs.communes, base.academies);
  const nSchools = Math.max(academies.length, Math.min(nMentees, Math.round(nMentees / base.menteesPerSchool)));
  const schools = makeSchools(rSchools, refs.communes, refs.diplomas, academies, nSchools);
  const mentees = makeMentees(rMentees, schools, nMentees);
  const nearby = new NearbyCommunes(refs.communes);
  const mentors = makeMentors(
    rMentors, refs.communes, refs.diplomas, academies, nearby, schools, mentees, nMentors, roundDate,
  );
  const conflits = makeConflicts(rRules, schools, mentors);
  const contraintes = makeConstraints(rRules, refs.communes, schools, mentees, mentors, conflits);

  const perSchool = new Int32Array(schools.length);
  for (let i = 0; i < mentees.school.length; i++) perSchool[mentees.school[i]]++;
  const etablissements: Etablissement[] = schools.map((s, k) => {
    const e: Etablissement = { uai: s.uai, nom: s.nom, code_commune: refs.communes.code[s.commune] };
    if (rSchools.chance(SCHOOL_BUDGET_FILLED)) e.budget_eur = perSchool[k] * pickWeighted(rSchools, SCHOOL_BUDGET_PER_MENTEE);
    return e;
  });

  return {
    preset: base.name,
    seed,
    roundDate,
    etablissements,
    mentores: mentees.records,
    mentors: mentors.records,
    contraintes,
    politique: { conflits },
    schoolAcademie: schools.map((s) => academies[s.academie].name),
    mentorEligible: mentors.eligible,
  };
}
