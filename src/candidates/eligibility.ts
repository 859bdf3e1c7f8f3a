/**
 * Mentor eligibility (hard rule, checked before any pair exists). From the FAQ of the plan
 * mentorat au LP: « les étudiants ne peuvent pas devenir mentors »; honorability « doit être
 * vérifiée par le partenaire (association ou entreprise) » or, for a mentor recommended by
 * neither, by the DSDEN (B3 extract of the criminal record). Hence, in this order:
 *
 * - `etudiant`: a student never mentors;
 * - `honorabilite_en_cours` / `honorabilite_non_verifiee`: not verified (yet);
 * - `honorabilite_sans_date`: marked verified without a date: we cannot tell it was verified
 *   before the round, so it blocks (the coordinator fills the date);
 * - `honorabilite_posterieure`: verified after the round date;
 * - `honorabilite_sans_verificateur`: verified, but not by a partner or the DSDEN, the only two
 *   verifiers the FAQ names, so it blocks too.
 */
import type { Mentor } from '../schema/records.js';

/** Why a mentor cannot be paired. */
export type IneligibilityReason =
  | 'etudiant'
  | 'honorabilite_en_cours'
  | 'honorabilite_non_verifiee'
  | 'honorabilite_sans_date'
  | 'honorabilite_posterieure'
  | 'honorabilite_sans_verificateur';

/** French explanation of each ineligibility reason, for coordinators. */
export const INELIGIBILITY_LABELS: Readonly<Record<IneligibilityReason, string>> = {
  etudiant: 'les étudiants ne peuvent pas être mentors',
  honorabilite_en_cours: "vérification d'honorabilité en cours",
  honorabilite_non_verifiee: 'honorabilité non vérifiée',
  honorabilite_sans_date: "honorabilité vérifiée sans date de vérification",
  honorabilite_posterieure: "honorabilité vérifiée après la date du tour d'appariement",
  honorabilite_sans_verificateur: "honorabilité vérifiée ni par un partenaire ni par la DSDEN",
};

/** Result of the eligibility rule. */
export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibilityReason };

/**
 * Whether `mentor` may be paired in a round dated `date` (ISO `YYYY-MM-DD`): verified on or
 * before that date counts.
 */
export function mentorEligibility(
  mentor: Pick<Mentor, 'statut' | 'honorabilite' | 'honorabilite_date' | 'honorabilite_par'>,
  date: string,
): Eligibility {
  if (mentor.statut === 'etudiant') return { eligible: false, reason: 'etudiant' };
  if (mentor.honorabilite === 'en_cours') return { eligible: false, reason: 'honorabilite_en_cours' };
  if (mentor.honorabilite === 'non_verifiee') return { eligible: false, reason: 'honorabilite_non_verifiee' };
  if (!mentor.honorabilite_date) return { eligible: false, reason: 'honorabilite_sans_date' };
  // ISO dates compare as strings.
  if (mentor.honorabilite_date > date) return { eligible: false, reason: 'honorabilite_posterieure' };
  if (mentor.honorabilite_par !== 'partenaire' && mentor.honorabilite_par !== 'dsden') {
    return { eligible: false, reason: 'honorabilite_sans_verificateur' };
  }
  return { eligible: true };
}
