/**
 * Round presets of the generator: how many schools, mentees and mentors, over which académies.
 * Sizes come from the programme's public figures (see datasets/README.md for each source).
 */

/** Preset names accepted by `mentormatch generate --preset`. */
export const PRESET_NAMES = ['sample', 'academie', 'pilote-2024', 'national'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  name: PresetName;
  /** Académie codes the round covers (as in the commune table, e.g. `10` for Lyon); null = every académie. */
  academies: readonly string[] | null;
  mentees: number;
  mentors: number;
  /** Mean mentees per school; the number of schools is mentees / this, at least one per académie. */
  menteesPerSchool: number;
  /** Reference date of the round (ISO): honorability verified after it makes a mentor ineligible. */
  roundDate: string;
}

/** The presets. `national` is the scale of 1 jeune 1 mentor (150,000 young people a year). */
export const PRESETS: Record<PresetName, Preset> = {
  // One académie (Lyon: a metropolis, mid-size towns and rural Ain/Loire), ~300 mentees.
  sample: { name: 'sample', academies: ['10'], mentees: 300, mentors: 210, menteesPerSchool: 20, roundDate: '2026-11-16' },
  // One large académie (Lille), ~2,000 mentees.
  academie: { name: 'academie', academies: ['09'], mentees: 2000, mentors: 1400, menteesPerSchool: 40, roundDate: '2026-11-16' },
  // The 2024-25 national pilot: 3,900 mentees over every académie (fiche 5 of the plan).
  'pilote-2024': { name: 'pilote-2024', academies: null, mentees: 3900, mentors: 2700, menteesPerSchool: 15, roundDate: '2024-11-18' },
  // 150,000 mentees × 100,000 mentors over every académie.
  national: { name: 'national', academies: null, mentees: 150_000, mentors: 100_000, menteesPerSchool: 60, roundDate: '2026-11-16' },
};

/** True when `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
