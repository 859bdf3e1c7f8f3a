/**
 * Synthetic mentees and mentors. Mentees study at a school; each mentor is recruited by the demand
 * of one mentee (its "anchor"): same filière mostly, often the same trade, living near that school
 * or elsewhere in the académie. This is how a real round's supply follows its demand, imperfectly.
 */
import type { CommuneTable } from '../schema/geo.js';
import type { Diploma, DiplomaTable } from '../schema/diplomas.js';
import { FILIERES, SLOT_DAYS, type Filiere, type Mentor, type Mentore } from '../schema/records.js';
import { type Rng, WeightedSampler, pickWeighted } from './rng.js';
import type { AcademieCommunes, NearbyCommunes } from './places.js';
import type { GenSchool } from './schools.js';
import * as P from './proportions.js';

/** Slot name from a weekday index (0 = lundi) and a part (`am|pm|soir`). */
function slot(day: number, part: 'am' | 'pm' | 'soir'): string {
  return `${SLOT_DAYS[day]}-${part}`;
}

/** Distinct slots in the canonical order of SLOTS (so output does not depend on draw order). */
function sortedSlots(slots: Set<string>): string[] {
  const order = (s: string): number => {
    const [d, p] = s.split('-');
    return SLOT_DAYS.indexOf(d as (typeof SLOT_DAYS)[number]) * 3 + ['am', 'pm', 'soir'].indexOf(p);
  };
  return [...slots].sort((a, b) => order(a) - order(b));
}

/** Mentee availability: 2–5 slots, mostly weekday afternoons on the timetable, some evenings. */
function menteeSlots(rng: Rng): string[] {
  const n = 2 + rng.int(4);
  const out = new Set<string>();
  while (out.size < n) {
    const part = pickWeighted(rng, [['pm', 0.55], ['am', 0.2], ['soir', 0.25]] as const);
    const day = rng.chance(0.3) ? 2 : rng.int(5); // mercredi après-midi is free in most LPs
    out.add(slot(day, part));
  }
  return sortedSlots(out);
}

/** Mentor availability: employees mostly evenings and Wednesday/Friday afternoons; retirees daytime. */
function mentorSlots(rng: Rng, retired: boolean): string[] {
  const n = rng.chance(P.MENTOR_NARROW) ? 1 : 2 + rng.int(3);
  const out = new Set<string>();
  while (out.size < n) {
    if (retired) out.add(slot(rng.int(5), rng.chance(0.5) ? 'am' : 'pm'));
    else {
      const r = rng.next();
      if (r < 0.45) out.add(slot(rng.int(5), 'soir'));
      else if (r < 0.85) out.add(slot(rng.chance(0.5) ? 2 : 4, 'pm'));
      else if (r < 0.95) out.add(slot(rng.int(5), 'pm'));
      else out.add('sam-am');
    }
  }
  return sortedSlots(out);
}

/** Zero-padded identifier, e.g. `E000042`. */
export function makeId(prefix: string, i: number, total: number): string {
  return prefix + String(i + 1).padStart(Math.max(4, String(total).length), '0');
}

/** The generated mentees, with their school index kept for the constraint and mentor draws. */
export interface GenMentees {
  records: Mentore[];
  school: Int32Array;
  /** The diploma drawn for each mentee (even when written as a bare filière name). */
  diploma: Diploma[];
}

/** Draws `total` mentees: one per school first (no empty school), the rest by school size. */
export function makeMentees(rng: Rng, schools: GenSchool[], total: number): GenMentees {
  const size = schools.map(() => 0.4 + 1.2 * rng.next());
  const sizeSampler = new WeightedSampler(size);
  const school = new Int32Array(total);
  for (let i = 0; i < total; i++) school[i] = i < schools.length ? i : sizeSampler.sample(rng);
  school.sort(); // mentees listed school by school, as schools send their lists
  const records: Mentore[] = [];
  const diploma: Diploma[] = [];
  for (let i = 0; i < total; i++) {
    const s = schools[school[i]];
    // Filière first (the national mix, among those the school teaches), then the diploma type.
    const filiere = pickWeighted(rng, P.MENTEE_FILIERE.filter(([f]) => s.filieres.includes(f)));
    const taught = s.diplomas.filter((d) => d.filiere === filiere);
    const type = pickWeighted(rng, P.MENTEE_DIPLOMA_TYPE);
    const ofType = taught.filter((d) =>
      type === 'AUTRE' ? d.diplome !== 'CAP' && d.diplome !== 'BAC PRO' : d.diplome === type,
    );
    const d = rng.pick(ofType.length > 0 ? ofType : taught);
    const annee = d.diplome === 'BAC PRO' ? pickWeighted(rng, P.BAC_PRO_YEAR) : d.diplome === 'CAP' ? 1 + rng.int(2) : 1;
    diploma.push(d);
    records.push({
      id: makeId('E', i, total),
      uai: s.uai,
      diplome: rng.chance(P.MENTEE_BARE_FILIERE) ? d.filiere : d.cfd,
      annee,
      disponibilites: menteeSlots(rng),
      modalite: pickWeighted(rng, P.MENTEE_MODALITE),
      qpv: rng.chance(P.MENTEE_QPV),
      ase: rng.chance(P.MENTEE_ASE),
      handicap: rng.chance(P.MENTEE_HANDICAP),
    });
  }
  return { records, school, diploma };
}

// Synthetic company names: a trade word per filière, then a place; a few national groups.
const TRADE_WORDS: Record<Filiere, readonly string[]> = {
  numerique: ['Réseaux', 'Infogérance', 'Systèmes numériques', 'Cyber Conseil', 'Électronique'],
  mobilite: ['Garage', 'Carrosserie', 'Transports', 'Nautisme', 'Poids lourds'],
  energie: ['Électricité', 'Thermique', 'Solaire', 'Climatisation', 'Maintenance énergie'],
};
const GROUPS: Record<Filiere, readonly string[]> = {
  numerique: ['Groupe Numéris', 'Octet Services', 'Data & Réseaux SA'],
  mobilite: ['Mobilis Auto', 'Groupe Routes et Rails', 'Atelier "Le Rapide"'],
  energie: ['Volta Énergies', 'Groupe Thermia', 'Réseau Lumière; Services'],
};

/** The generated mentors, with the school that recruited each one. */
export interface GenMentors {
  records: Mentor[];
  anchorSchool: Int32Array;
  /** Eligible on the round date (not a student, verified on or before the date). */
  eligible: Uint8Array;
}

/** Shifts an ISO date by `days` (UTC, deterministic). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Draws `total` mentors recruited by the mentees' demand. */
export function makeMentors(
  rng: Rng,
  communes: CommuneTable,
  diplomas: DiplomaTable,
  academies: AcademieCommunes[],
  nearby: NearbyCommunes,
  schools: GenSchool[],
  mentees: GenMentees,
  total: number,
  roundDate: string,
): GenMentors {
  const byFiliere = new Map<Filiere, Diploma[]>(FILIERES.map((f) => [f, diplomas.all.filter((d) => d.filiere === f)]));
  const records: Mentor[] = [];
  const anchorSchool = new Int32Array(total);
  const eligible = new Uint8Array(total);
  const nMentees = mentees.records.length;
  for (let i = 0; i < total; i++) {
    const anchor = rng.int(nMentees);
    const s = mentees.school[anchor];
    anchorSchool[i] = s;
    const school = schools[s];
    const home = rng.chance(P.MENTOR_NEAR_HOME)
      ? nearby.sample(school.commune, rng)
      : academies[school.academie].communes[academies[school.academie].sampler.sample(rng)];

    const statut = pickWeighted(rng, P.MENTOR_STATUT);
    const anchorDiploma = mentees.diploma[anchor];
    const filiere = rng.chance(P.MENTOR_SAME_FILIERE_AS_ANCHOR) ? anchorDiploma.filiere : rng.pick(FILIERES);
    const hr = statut === 'salarie' && rng.chance(P.MENTOR_HR);
    const metier: string[] = [];
    if (!hr) {
      const pool = byFiliere.get(filiere)!;
      metier.push(filiere === anchorDiploma.filiere && rng.chance(P.MENTOR_SAME_TRADE_AS_ANCHOR) ? anchorDiploma.cfd : rng.pick(pool).cfd);
      if (rng.chance(P.MENTOR_TWO_TRADES)) {
        const second = rng.pick(pool).cfd;
        if (!metier.includes(second)) metier.push(second);
      }
    }
    let employeur: string | undefined;
    if (statut === 'salarie') {
      employeur = rng.chance(P.MENTOR_NATIONAL_GROUP)
        ? rng.pick(GROUPS[filiere])
        : `${rng.pick(TRADE_WORDS[filiere])} ${communes.nom[home]}`;
    } else if (statut === 'independant') employeur = `EI ${rng.pick(TRADE_WORDS[filiere])} ${communes.nom[home]}`;

    const honor = pickWeighted(rng, P.MENTOR_HONORABILITE);
    const par = rng.chance(P.HONORABILITE_DSDEN) ? ('dsden' as const) : ('partenaire' as const);
    let honorabilite_date: string | undefined;
    if (honor === 'verifiee') honorabilite_date = addDays(roundDate, -(1 + rng.int(300)));
    else if (honor === 'verifiee_apres') honorabilite_date = addDays(roundDate, 1 + rng.int(60));
    const rayon = pickWeighted(rng, P.MENTOR_RAYON);
    const record: Mentor = {
      id: makeId('M', i, total),
      statut,
      filiere,
      metier,
      ...(hr ? { fonction: 'rh' } : {}),
      code_commune: communes.code[home],
      capacite: pickWeighted(rng, P.MENTOR_CAPACITE),
      rayon_km: rayon,
      modalite: pickWeighted(rng, P.MENTOR_MODALITE),
      disponibilites: mentorSlots(rng, statut === 'retraite'),
      honorabilite: honor === 'verifiee_apres' ? 'verifiee' : honor,
      ...(honorabilite_date ? { honorabilite_date } : {}),
      ...(honor === 'non_verifiee' ? {} : { honorabilite_par: par }),
      ...(employeur ? { employeur } : {}),
    };
    records.push(record);
    eligible[i] = statut !== 'etudiant' && honor === 'verifiee' ? 1 : 0;
  }
  return { records, anchorSchool, eligible };
}
