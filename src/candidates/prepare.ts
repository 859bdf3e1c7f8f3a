/**
 * Encodes a round once into dense typed arrays for the candidate generators: every id, CFD,
 * famille, filière, modality, slot list and commune becomes a small int or a coordinate. Both the
 * indexed generator and the brute-force reference read this, so they share every definition.
 */
import type { Round } from '../schema/round.js';
import type { Policy } from '../schema/policy.js';
import type { CommuneTable } from '../schema/geo.js';
import type { DiplomaTable } from '../schema/diplomas.js';
import { FILIERES } from '../schema/vocabulary.js';
import { slotMask } from '../score/availability.js';
import { TRADE_VALUES, normaliseFunction } from '../score/trade.js';
import { weightsOf } from '../score/weights.js';
import type { FiscalBand } from '../score/travel.js';
import { modalityCode } from './modality.js';
import { mentorEligibility, type IneligibilityReason } from './eligibility.js';

/** What candidate generation needs besides the round. Pure data: tests build tiny ones by hand. */
export interface CandidateContext {
  communes: CommuneTable;
  diplomas: DiplomaTable;
  /** Round date, ISO `YYYY-MM-DD`: honorability verified after it does not count. */
  date: string;
  policy: Policy;
}

/** The policy's numbers, resolved once. */
export interface ScoringParams {
  /** Trade points of each level (weight × level value). */
  tradePoints: Float64Array;
  proximityWeight: number;
  availabilityWeight: number;
  halfKm: number;
  saturation: number;
  detour: number;
  meetings: number;
  band: FiscalBand;
  ceiling: number;
  allowOverrun: boolean;
  remoteWithoutSlot: boolean;
  k: number;
}

/** A round as dense arrays (index i = `round.mentores[i]`, j = `round.mentors[j]`). */
export interface PreparedRound {
  nMentees: number;
  nMentors: number;
  nSchools: number;
  params: ScoringParams;
  /** School location (commune centroid), NaN when the commune is unknown. */
  schoolLat: Float64Array;
  schoolLon: Float64Array;
  menteeSchool: Int32Array;
  menteeCfd: Int32Array;
  menteeFamille: Int32Array;
  /** Filière code (index in FILIERES), -1 when the diploma is unknown. */
  menteeFiliere: Int8Array;
  menteeMask: Int32Array;
  menteeModality: Uint8Array;
  /** Trade key: the CFD id, or nCfd + filière for a bare filière name, -1 when unknown. */
  menteeKey: Int32Array;
  nKeys: number;
  mentorLat: Float64Array;
  mentorLon: Float64Array;
  mentorRadius: Float64Array;
  mentorModality: Uint8Array;
  mentorMask: Int32Array;
  mentorFiliere: Int8Array;
  mentorTransverse: Uint8Array;
  mentorCfdOffsets: Int32Array;
  mentorCfds: Int32Array;
  mentorFamOffsets: Int32Array;
  mentorFams: Int32Array;
  /** Bit f set when the mentor can reach the trade level of some mentee of filière f. */
  mentorRelevance: Uint8Array;
  mentorEligible: Uint8Array;
  mentorIneligibility: (IneligibilityReason | null)[];
  mentorEmployer: Int32Array;
  /** Employer ids in conflict with each school (policy `conflits`). */
  schoolConflicts: Int32Array[];
  /** Forbidden / imposed mentors of each mentee that has some (sorted). */
  forbidden: Map<number, Int32Array>;
  imposed: Map<number, Int32Array>;
}

/** Resolves the policy's numbers. */
export function scoringParams(policy: Policy): ScoringParams {
  const w = weightsOf(policy);
  return {
    tradePoints: Float64Array.from(TRADE_VALUES, (v) => w.trade * v),
    proximityWeight: w.proximity,
    availabilityWeight: w.availability,
    halfKm: policy.proximite_demi_km,
    saturation: policy.disponibilites_saturation,
    detour: policy.facteur_detour,
    meetings: policy.frais.rencontres_par_an,
    band: policy.frais.puissance_fiscale,
    ceiling: policy.frais.plafond_eur,
    allowOverrun: policy.frais.autoriser_depassement,
    remoteWithoutSlot: policy.distanciel_sans_creneau_commun,
    k: policy.k_candidats,
  };
}

/** An employer's name as compared everywhere (conflicts, quotas): trimmed, any case, no accents. */
export function normaliseEmployer(e: string): string {
  return e.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ');
}

function groupPairs(pairs: [number, number][]): Map<number, Int32Array> {
  const tmp = new Map<number, number[]>();
  for (const [i, j] of pairs) {
    const l = tmp.get(i);
    if (l) l.push(j);
    else tmp.set(i, [j]);
  }
  const out = new Map<number, Int32Array>();
  for (const [i, l] of tmp) out.set(i, Int32Array.from(new Set(l)).sort());
  return out;
}

/** Encodes `round` for candidate generation under `ctx`. Linear in the round's size. */
export function prepareRound(round: Round, ctx: CandidateContext): PreparedRound {
  const { communes, diplomas, policy } = ctx;
  const params = scoringParams(policy);
  const filiereCode = (f: string): number => (FILIERES as readonly string[]).indexOf(f);

  // CFD and famille ids over the diploma table, in its order (deterministic).
  const cfdId = new Map<string, number>();
  const famId = new Map<string, number>();
  const cfdFiliere: number[] = [];
  const cfdFamille: number[] = [];
  const famFiliereMask: number[] = [];
  for (const d of diplomas.all) {
    if (cfdId.has(d.cfd)) continue;
    const f = filiereCode(d.filiere);
    let fam = -1;
    if (d.familleDeMetiers) {
      fam = famId.get(d.familleDeMetiers) ?? -1;
      if (fam < 0) {
        fam = famId.size;
        famId.set(d.familleDeMetiers, fam);
        famFiliereMask.push(0);
      }
      if (f >= 0) famFiliereMask[fam] |= 1 << f;
    }
    cfdId.set(d.cfd, cfdId.size);
    cfdFiliere.push(f);
    cfdFamille.push(fam);
  }
  const nCfd = cfdId.size;

  const schoolIndex = new Map<string, number>();
  const nSchools = round.etablissements.length;
  const schoolLat = new Float64Array(nSchools).fill(NaN);
  const schoolLon = new Float64Array(nSchools).fill(NaN);
  round.etablissements.forEach((e, s) => {
    if (!schoolIndex.has(e.uai)) schoolIndex.set(e.uai, s);
    const c = communes.index.get(e.code_commune);
    if (c !== undefined) {
      schoolLat[s] = communes.lat[c];
      schoolLon[s] = communes.lon[c];
    }
  });

  const n = round.mentores.length;
  const menteeSchool = new Int32Array(n);
  const menteeCfd = new Int32Array(n);
  const menteeFamille = new Int32Array(n);
  const menteeFiliere = new Int8Array(n);
  const menteeMask = new Int32Array(n);
  const menteeModality = new Uint8Array(n);
  const menteeKey = new Int32Array(n);
  // CFD id of a raw diploma / métier string, whitespace removed: many rows share a string.
  const cfdOfRaw = new Map<string, number>();
  const cfdOf = (raw: string): number => {
    let c = cfdOfRaw.get(raw);
    if (c === undefined) {
      c = cfdId.get(raw.replace(/\s+/g, '')) ?? -1;
      cfdOfRaw.set(raw, c);
    }
    return c;
  };
  round.mentores.forEach((e, i) => {
    menteeSchool[i] = schoolIndex.get(e.uai) ?? -1;
    const c = cfdOf(e.diplome);
    menteeCfd[i] = c;
    if (c >= 0) {
      menteeFamille[i] = cfdFamille[c];
      menteeFiliere[i] = cfdFiliere[c];
      menteeKey[i] = c;
    } else {
      const f = filiereCode(e.diplome.trim().toLowerCase());
      menteeFamille[i] = -1;
      menteeFiliere[i] = f;
      menteeKey[i] = f >= 0 ? nCfd + f : -1;
    }
    menteeMask[i] = slotMask(e.disponibilites);
    menteeModality[i] = modalityCode(e.modalite);
  });

  const m = round.mentors.length;
  const mentorLat = new Float64Array(m).fill(NaN);
  const mentorLon = new Float64Array(m).fill(NaN);
  const mentorRadius = new Float64Array(m);
  const mentorModality = new Uint8Array(m);
  const mentorMask = new Int32Array(m);
  const mentorFiliere = new Int8Array(m);
  const mentorTransverse = new Uint8Array(m);
  const mentorCfdOffsets = new Int32Array(m + 1);
  const mentorFamOffsets = new Int32Array(m + 1);
  const cfdList: number[] = [];
  const famList: number[] = [];
  const mentorRelevance = new Uint8Array(m);
  const mentorEligible = new Uint8Array(m);
  const mentorIneligibility: (IneligibilityReason | null)[] = new Array(m);
  const mentorEmployer = new Int32Array(m).fill(-1);
  const employerId = new Map<string, number>();
  const employerOfRaw = new Map<string, number>();
  const transverse = new Set(policy.fonctions_transverses.map(normaliseFunction));
  round.mentors.forEach((r, j) => {
    const c = communes.index.get(r.code_commune);
    if (c !== undefined) {
      mentorLat[j] = communes.lat[c];
      mentorLon[j] = communes.lon[c];
    }
    mentorRadius[j] = r.rayon_km;
    mentorModality[j] = modalityCode(r.modalite);
    mentorMask[j] = slotMask(r.disponibilites);
    const f = filiereCode(r.filiere);
    mentorFiliere[j] = f;
    const isTransverse = r.fonction !== undefined && transverse.has(normaliseFunction(r.fonction));
    mentorTransverse[j] = isTransverse ? 1 : 0;
    let rel = f >= 0 ? 1 << f : 0;
    if (isTransverse) rel = 0b111;
    // Distinct CFD and famille ids, ascending, appended to the lists (a handful per mentor).
    const cfdFrom = cfdList.length;
    const famFrom = famList.length;
    for (const code of r.metier) {
      const id = cfdOf(code);
      if (id < 0) continue;
      insertSorted(cfdList, cfdFrom, id);
      if (cfdFiliere[id] >= 0) rel |= 1 << cfdFiliere[id];
      const fam = cfdFamille[id];
      if (fam >= 0) {
        insertSorted(famList, famFrom, fam);
        rel |= famFiliereMask[fam];
      }
    }
    mentorCfdOffsets[j + 1] = cfdList.length;
    mentorFamOffsets[j + 1] = famList.length;
    mentorRelevance[j] = rel;
    const el = mentorEligibility(r, ctx.date);
    mentorEligible[j] = el.eligible ? 1 : 0;
    mentorIneligibility[j] = el.eligible ? null : el.reason;
    if (r.employeur && r.employeur.trim()) {
      let id = employerOfRaw.get(r.employeur);
      if (id === undefined) {
        const key = normaliseEmployer(r.employeur);
        id = employerId.get(key);
        if (id === undefined) {
          id = employerId.size;
          employerId.set(key, id);
        }
        employerOfRaw.set(r.employeur, id);
      }
      mentorEmployer[j] = id;
    }
  });

  const conflictLists: number[][] = Array.from({ length: nSchools }, () => []);
  for (const c of policy.conflits) {
    const s = schoolIndex.get(c.uai);
    const e = employerId.get(normaliseEmployer(c.employeur));
    if (s !== undefined && e !== undefined) conflictLists[s].push(e);
  }
  // Every school sharing the UAI (duplicates are a validation error, but stay safe).
  round.etablissements.forEach((e, s) => {
    const first = schoolIndex.get(e.uai)!;
    if (first !== s) conflictLists[s] = conflictLists[first];
  });

  // Index (first occurrence) of the ids the constraints name, not of every id.
  const menteeIndex = new Map<string, number>();
  const mentorIndex = new Map<string, number>();
  for (const c of round.contraintes) {
    menteeIndex.set(c.mentore_id, -1);
    mentorIndex.set(c.mentor_id, -1);
  }
  if (menteeIndex.size > 0) {
    round.mentores.forEach((e, i) => menteeIndex.get(e.id) === -1 && menteeIndex.set(e.id, i));
    round.mentors.forEach((r, j) => mentorIndex.get(r.id) === -1 && mentorIndex.set(r.id, j));
  }
  const forbiddenPairs: [number, number][] = [];
  const imposedPairs: [number, number][] = [];
  for (const c of round.contraintes) {
    const i = menteeIndex.get(c.mentore_id)!;
    const j = mentorIndex.get(c.mentor_id)!;
    if (i < 0 || j < 0) continue;
    (c.type === 'interdit' ? forbiddenPairs : imposedPairs).push([i, j]);
  }

  return {
    nMentees: n,
    nMentors: m,
    nSchools,
    params,
    schoolLat,
    schoolLon,
    menteeSchool,
    menteeCfd,
    menteeFamille,
    menteeFiliere,
    menteeMask,
    menteeModality,
    menteeKey,
    nKeys: nCfd + FILIERES.length,
    mentorLat,
    mentorLon,
    mentorRadius,
    mentorModality,
    mentorMask,
    mentorFiliere,
    mentorTransverse,
    mentorCfdOffsets,
    mentorCfds: Int32Array.from(cfdList),
    mentorFamOffsets,
    mentorFams: Int32Array.from(famList),
    mentorRelevance,
    mentorEligible,
    mentorIneligibility,
    mentorEmployer,
    schoolConflicts: conflictLists.map((l) => Int32Array.from(new Set(l)).sort()),
    forbidden: groupPairs(forbiddenPairs),
    imposed: groupPairs(imposedPairs),
  };
}

/** Inserts `x` into the ascending tail `list[from..]` unless already there. */
function insertSorted(list: number[], from: number, x: number): void {
  let k = list.length;
  for (let t = from; t < k; t++) if (list[t] === x) return;
  list.push(x);
  while (k > from && list[k - 1] > x) {
    list[k] = list[k - 1];
    k--;
  }
  list[k] = x;
}

/** Whether sorted `list` contains `x` (lists here are a handful of ints). */
export function sortedHas(list: Int32Array | undefined, x: number): boolean {
  if (!list) return false;
  for (let k = 0; k < list.length; k++) if (list[k] === x) return true;
  return false;
}
