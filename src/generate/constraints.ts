/**
 * The coordinator's hand-made rules of a round: a few imposed pairs (`impose`, chosen so they
 * respect every hard rule, otherwise validation rightly rejects them), a few forbidden pairs
 * (`interdit`), and conflicts of interest (employer × school) for politique.json.
 */
import type { CommuneTable } from '../schema/geo.js';
import type { Contrainte } from '../schema/records.js';
import type { Rng } from './rng.js';
import { communeKm } from './places.js';
import type { GenSchool } from './schools.js';
import type { GenMentees, GenMentors } from './people.js';
import { IMPOSE_RATE, INTERDIT_RATE, SCHOOLS_PER_CONFLICT } from './proportions.js';

/** A conflict of interest as written in politique.json. */
export interface Conflit {
  employeur: string;
  uai: string;
}

// Safety margins for imposed pairs against the default policy (detour 1.3, 10 meetings a year at
// 0.32 €/km, 500 € ceiling → 78 road km one way): stay well inside them.
const DETOUR = 1.3;
const MAX_ROAD_KM = 60;

/** Mentors recruited by each school, as lists (deterministic order). */
function mentorsBySchool(nSchools: number, mentors: GenMentors): number[][] {
  const lists: number[][] = Array.from({ length: nSchools }, () => []);
  for (let m = 0; m < mentors.anchorSchool.length; m++) lists[mentors.anchorSchool[m]].push(m);
  return lists;
}

/** Conflicts: an employer of a mentor recruited by a school, for that school. */
export function makeConflicts(rng: Rng, schools: GenSchool[], mentors: GenMentors): Conflit[] {
  const bySchool = mentorsBySchool(schools.length, mentors);
  const wanted = Math.max(1, Math.floor(schools.length / SCHOOLS_PER_CONFLICT));
  const out: Conflit[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < wanted && tries < wanted * 50; tries++) {
    const s = rng.int(schools.length);
    const withEmployer = bySchool[s].filter((m) => mentors.records[m].employeur);
    if (withEmployer.length === 0) continue;
    const employeur = mentors.records[rng.pick(withEmployer)].employeur!;
    const key = `${employeur}\u0000${schools[s].uai}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ employeur, uai: schools[s].uai });
  }
  return out;
}

/**
 * True when mentor m may be imposed on mentee e under the default policy: eligible, same filière
 * (or a transverse HR profile), not in conflict, modalities that meet in person, within the
 * mentor's radius and the travel ceiling, at least one common slot.
 */
function imposable(
  communes: CommuneTable,
  schools: GenSchool[],
  mentees: GenMentees,
  mentors: GenMentors,
  conflicts: Set<string>,
  e: number,
  m: number,
): boolean {
  const mentee = mentees.records[e];
  const mentor = mentors.records[m];
  const school = schools[mentees.school[e]];
  if (!mentors.eligible[m] || mentor.fonction) return false;
  if (mentor.filiere !== mentees.diploma[e].filiere) return false;
  if (mentor.employeur && conflicts.has(`${mentor.employeur}\u0000${school.uai}`)) return false;
  if (mentee.modalite === 'distanciel' || mentor.modalite === 'distanciel') return false;
  const home = communes.index.get(mentor.code_commune)!;
  const road = communeKm(communes, home, school.commune) * DETOUR;
  if (road > Math.min(mentor.rayon_km * 0.9, MAX_ROAD_KM)) return false;
  return mentee.disponibilites.some((s) => mentor.disponibilites.includes(s));
}

/** Imposed and forbidden pairs: each mentee and mentor in at most one constraint. */
export function makeConstraints(
  rng: Rng,
  communes: CommuneTable,
  schools: GenSchool[],
  mentees: GenMentees,
  mentors: GenMentors,
  conflits: Conflit[],
): Contrainte[] {
  const bySchool = mentorsBySchool(schools.length, mentors);
  const conflicts = new Set(conflits.map((c) => `${c.employeur}\u0000${c.uai}`));
  const n = mentees.records.length;
  const usedMentee = new Uint8Array(n);
  const usedMentor = new Uint8Array(mentors.records.length);
  const out: Contrainte[] = [];
  const add = (e: number, m: number, type: Contrainte['type']): void => {
    usedMentee[e] = 1;
    usedMentor[m] = 1;
    out.push({ mentore_id: mentees.records[e].id, mentor_id: mentors.records[m].id, type });
  };
  const nImpose = Math.max(2, Math.round(n * IMPOSE_RATE));
  const nInterdit = Math.max(2, Math.round(n * INTERDIT_RATE));
  for (let tries = 0, made = 0; made < nImpose && tries < nImpose * 40; tries++) {
    const e = rng.int(n);
    if (usedMentee[e]) continue;
    const pool = bySchool[mentees.school[e]].filter(
      (m) => !usedMentor[m] && imposable(communes, schools, mentees, mentors, conflicts, e, m),
    );
    if (pool.length === 0) continue;
    add(e, rng.pick(pool), 'impose');
    made++;
  }
  for (let tries = 0, made = 0; made < nInterdit && tries < nInterdit * 40; tries++) {
    const e = rng.int(n);
    const pool = bySchool[mentees.school[e]].filter((m) => !usedMentor[m]);
    if (usedMentee[e] || pool.length === 0) continue;
    add(e, rng.pick(pool), 'interdit');
    made++;
  }
  return out;
}
