/**
 * The policy of a round (`politique.json`): weights, radius, costs and objective options.
 * Every field has a documented default, so an empty `{}` is a valid policy. Keys are French:
 * coordinators write this file. Owned by the scoring issue; the solver and CLI read it.
 */
import { z } from 'zod';

export const PolicySchema = z
  .object({
    /** Weights of the score criteria (points); a pair's score is their weighted sum. */
    poids: z
      .object({
        metier: z.number().nonnegative().default(60),
        proximite: z.number().nonnegative().default(25),
        disponibilites: z.number().nonnegative().default(15),
      })
      .strict()
      .default({ metier: 60, proximite: 25, disponibilites: 15 }),
    /** Great-circle km × this factor approximates road km (no road network offline). */
    facteur_detour: z.number().min(1).max(3).default(1.3),
    /** Best candidates kept per mentee (imposed pairs are always kept on top). */
    k_candidats: z.number().int().min(1).max(500).default(30),
    /** Marginal penalty (score points) of a mentor's 1st, 2nd, 3rd … mentee: one-to-one is preferred. */
    penalites_capacite: z.array(z.number().nonnegative()).default([0, 10, 20, 30, 40]),
    /** Extra priority weight of a mentee per sensitive flag (never output). */
    priorite: z
      .object({
        qpv: z.number().nonnegative().default(0.5),
        ase: z.number().nonnegative().default(0.5),
        handicap: z.number().nonnegative().default(0.5),
      })
      .strict()
      .default({ qpv: 0.5, ase: 0.5, handicap: 0.5 }),
    /** Travel reimbursement. */
    frais: z
      .object({
        /** Fiscal-power band of the civil-service kilometric rates. */
        puissance_fiscale: z.enum(['<=5 CV', '6-7 CV', '>=8 CV']).default('<=5 CV'),
        /** In-person meetings per school year (2 h a month over the school year). */
        rencontres_par_an: z.number().int().min(0).max(100).default(10),
        /** Per-mentee ceiling, € (FAQ: forfait maximum de 500 € par élève). */
        plafond_eur: z.number().nonnegative().default(500),
        /** Keep pairs above the ceiling as candidates. */
        autoriser_depassement: z.boolean().default(false),
      })
      .strict()
      .default({ puissance_fiscale: '<=5 CV', rencontres_par_an: 10, plafond_eur: 500, autoriser_depassement: false }),
    /**
     * Side constraints beyond the schools' budgets, solved by `lagrangien` (or `lp` on small
     * rounds); `flow` refuses a round whose optimum breaks them. Absent keys add no row.
     */
    quotas: z
      .object({
        /**
         * In each school, at least this share (0–1, rounded down) of its priority mentees who have
         * a candidate get a mentor.
         */
        part_min_prioritaires: z.number().min(0).max(1).optional(),
        /** At most this many mentees paired with the mentors of one `employeur`. */
        max_par_employeur: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    /** Conflicts of interest: no mentor of `employeur` for the mentees of school `uai`. */
    conflits: z.array(z.object({ employeur: z.string().min(1), uai: z.string().min(1) }).strict()).default([]),
    /** Allow distanciel pairs without a common availability slot. */
    distanciel_sans_creneau_commun: z.boolean().default(false),
    /** Road km at which the proximity criterion is worth half (see src/score/proximity.ts). */
    proximite_demi_km: z.number().positive().default(15),
    /** Common slots beyond which the availability criterion no longer grows. */
    disponibilites_saturation: z.number().int().min(1).max(18).default(3),
    /** Mentor functions (`fonction`) that allow cross-filière mentoring at the `transverse` level. */
    fonctions_transverses: z
      .array(z.string().min(1))
      .default(['rh', 'drh', 'ressources_humaines', 'recrutement', 'direction', 'dirigeant']),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;

/** The default policy (what an empty politique.json gives). */
export function defaultPolicy(): Policy {
  return PolicySchema.parse({});
}
