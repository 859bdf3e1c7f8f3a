/**
 * The closed vocabularies of a round (filières, availability slots, modalities), without zod: the
 * hot code (candidate scan, its worker threads) needs the values, not the schemas, and a worker
 * thread then starts without loading zod (~70 ms). `records.ts` builds its schemas on these.
 */

/** The three filières of the plan mentorat au lycée professionnel. */
export const FILIERES = ['numerique', 'mobilite', 'energie'] as const;

/** Weekdays and half-day parts of an availability slot (`lun-pm`, `jeu-soir` …). */
export const SLOT_DAYS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam'] as const;
export const SLOT_PARTS = ['am', 'pm', 'soir'] as const;
/** Every slot name, in a fixed order: slot i is bit i of an availability mask (18 bits). */
export const SLOTS: readonly string[] = SLOT_DAYS.flatMap((d) => SLOT_PARTS.map((p) => `${d}-${p}`));

/** Meeting modality wished by a mentee or offered by a mentor. */
export const MODALITES = ['presentiel', 'distanciel', 'mixte', 'indifferent'] as const;
export type Modalite = (typeof MODALITES)[number];
