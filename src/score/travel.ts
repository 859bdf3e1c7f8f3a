/**
 * Travel cost of a pair: mentors' trips to the school are reimbursed at the civil-service
 * kilometric rates (FAQ: « la réglementation de l'éducation nationale s'applique, en particulier
 * s'agissant des indemnités kilométriques »). Source: arrêté du 3 juillet 2006 modifié par
 * l'arrêté du 14 mars 2022 (rates unchanged in 2024), copied in
 * datasets/ref/indemnites_kilometriques_2022_2024.json; a test checks this table equals the file.
 *
 * `cost = IK(2 × km × meetings)` where IK applies each band's rate to the km driven within that
 * band of the yearly total (≤ 2,000 km, 2,001–10,000 km, beyond), as the arrêté does for a year's
 * cumulated service km. Distanciel pairs cost 0.
 */

/** Fiscal-power bands of the arrêté (the policy's `frais.puissance_fiscale`). */
export type FiscalBand = '<=5 CV' | '6-7 CV' | '>=8 CV';

/** € per km of each fiscal band: up to 2,000 km a year, 2,001–10,000 km, beyond 10,000 km. */
export const KM_RATES: Readonly<Record<FiscalBand, readonly [number, number, number]>> = {
  '<=5 CV': [0.32, 0.4, 0.23],
  '6-7 CV': [0.41, 0.51, 0.3],
  '>=8 CV': [0.45, 0.55, 0.32],
};

/** Yearly km thresholds of the rate bands. */
const BAND_1 = 2000;
const BAND_2 = 10000;

/** Reimbursement, €, of `yearKm` km driven in a year with a car of fiscal band `band`. */
export function kilometricAllowance(yearKm: number, band: FiscalBand): number {
  const r = KM_RATES[band];
  const a = Math.min(yearKm, BAND_1);
  const b = Math.min(Math.max(yearKm - BAND_1, 0), BAND_2 - BAND_1);
  const c = Math.max(yearKm - BAND_2, 0);
  return a * r[0] + b * r[1] + c * r[2];
}

/** Yearly travel cost, €, of an in-person pair `km` road km apart with `meetings` meetings a year. */
export function travelCost(km: number, meetings: number, band: FiscalBand): number {
  return kilometricAllowance(2 * km * meetings, band);
}
