/**
 * Proximity criterion: in-person meetings at school are preferred (FAQ: « le mentorat en
 * présentiel au sein de l'établissement doit être privilégié »), so nearer is better.
 *
 * `proximity(km) = 1 / (1 + km / halfKm)`: 1 at the school, 0.5 at `halfKm` road km (default
 * 15 km, a short commute inside one bassin), 0.33 at 30 km. It is strictly decreasing and never
 * zero, so a far mentor still beats none; distanciel pairs get 0 (no trip, no proximity).
 */

/** Proximity in [0, 1] of an in-person pair `km` road km apart. */
export function proximity(km: number, halfKm: number): number {
  return 1 / (1 + km / halfKm);
}
