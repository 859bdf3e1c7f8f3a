/**
 * The records of a round folder, as validated. zod schemas are the single source of the types:
 * every public record type is `z.infer<>` of a schema here. The CSV layer (src/io) turns raw
 * spreadsheet cells into the shapes below (trimming, aliases, decimal comma, dates) and then
 * parses them with these schemas, so the core never sees a raw string it has to second-guess.
 */
import { z } from 'zod';
import { FILIERES, MODALITES, SLOTS } from './vocabulary.js';

export { FILIERES, MODALITES, SLOT_DAYS, SLOT_PARTS, SLOTS } from './vocabulary.js';

export const FiliereSchema = z.enum(FILIERES);
export type Filiere = z.infer<typeof FiliereSchema>;

export const SlotSchema = z.string().refine((s) => SLOTS.includes(s), { message: 'créneau inconnu' });

export const ModaliteSchema = z.enum(MODALITES);
export type Modalite = z.infer<typeof ModaliteSchema>;

/** UAI: the national school identifier, 7 digits and a check letter. */
export const UaiSchema = z.string().regex(/^\d{7}[A-Z]$/);
/** INSEE commune code: 5 characters, Corsica as 2A/2B. */
export const CodeCommuneSchema = z.string().regex(/^(\d{5}|2[AB]\d{3})$/);
/** ISO date (YYYY-MM-DD); the CSV layer converts jj/mm/aaaa to this. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const EtablissementSchema = z.object({
  uai: UaiSchema,
  nom: z.string().min(1),
  code_commune: CodeCommuneSchema,
  /** Travel budget of the school for this round, €; default 500 € per mentee (FAQ: forfait max 500 €/élève). */
  budget_eur: z.number().nonnegative().optional(),
});
export type Etablissement = z.infer<typeof EtablissementSchema>;

/** A mentee (lycéen professionnel). `qpv`, `ase`, `handicap` are sensitive: never output, logged or echoed. */
export const MentoreSchema = z.object({
  id: z.string().min(1),
  uai: UaiSchema,
  /** A CFD code from the shared diploma list, or a filière name. */
  diplome: z.string().min(1),
  annee: z.number().int().min(1).max(3),
  disponibilites: z.array(SlotSchema),
  modalite: ModaliteSchema,
  qpv: z.boolean().default(false),
  ase: z.boolean().default(false),
  handicap: z.boolean().default(false),
});
export type Mentore = z.infer<typeof MentoreSchema>;

/** The sensitive mentee fields: they may weigh priorities, never leave the core. */
export const SENSITIVE_FIELDS = ['qpv', 'ase', 'handicap'] as const;

export const STATUTS = ['salarie', 'retraite', 'independant', 'etudiant', 'autre'] as const;
export const HONORABILITES = ['verifiee', 'en_cours', 'non_verifiee'] as const;

export const MentorSchema = z.object({
  id: z.string().min(1),
  statut: z.enum(STATUTS),
  filiere: FiliereSchema,
  /** CFD codes of the trade(s) practised. */
  metier: z.array(z.string()).default([]),
  /** Transverse function (e.g. `rh`) that makes cross-filière mentoring acceptable. */
  fonction: z.string().optional(),
  code_commune: CodeCommuneSchema,
  /** Mentees this mentor can take (FAQ: several if time allows). */
  capacite: z.number().int().min(1).max(5).default(1),
  /** Maximum travel radius for in-person meetings, km. */
  rayon_km: z.number().positive().default(30),
  modalite: ModaliteSchema,
  disponibilites: z.array(SlotSchema),
  honorabilite: z.enum(HONORABILITES),
  honorabilite_date: IsoDateSchema.optional(),
  honorabilite_par: z.enum(['partenaire', 'dsden']).optional(),
  employeur: z.string().optional(),
});
export type Mentor = z.infer<typeof MentorSchema>;

export const ContrainteSchema = z.object({
  mentore_id: z.string().min(1),
  mentor_id: z.string().min(1),
  type: z.enum(['impose', 'interdit']),
});
export type Contrainte = z.infer<typeof ContrainteSchema>;
