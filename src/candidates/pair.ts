/**
 * The hard rules and the score of one (mentee, mentor) pair, evaluated in full. This is the
 * single definition of a candidate: the brute-force reference calls it on every pair, the
 * indexed generator uses the same helpers in the same order (and is tested to agree), the
 * imposed-pair check and the no-candidate diagnostics call it on the few pairs they look at.
 */
import { distance } from 'geokdbush';
import { availability, popcount } from '../score/availability.js';
import { proximity } from '../score/proximity.js';
import { TRADE_NONE, tradeLevel } from '../score/trade.js';
import { travelCost } from '../score/travel.js';
import { combineScore, partialScore } from '../score/weights.js';
import { EFF_DISTANCIEL, acceptsInPerson, acceptsRemote, inPersonModality } from './modality.js';
import { sortedHas, type PreparedRound } from './prepare.js';

/** Hard rules, in the order a rejection is attributed (the first that fails). */
export const RULES = [
  'eligibilite',
  'interdit',
  'conflit',
  'metier',
  'modalite',
  'rayon',
  'budget',
  'disponibilites',
] as const;
export type Rule = (typeof RULES)[number];
export const RULE_ELIGIBILITE = 0;
export const RULE_INTERDIT = 1;
export const RULE_CONFLIT = 2;
export const RULE_METIER = 3;
export const RULE_MODALITE = 4;
export const RULE_RAYON = 5;
export const RULE_BUDGET = 6;
export const RULE_DISPONIBILITES = 7;

/** French statement of each rule as a rejection, for coordinators. */
export const RULE_LABELS: Readonly<Record<Rule, string>> = {
  eligibilite: 'mentor non éligible (statut ou honorabilité)',
  interdit: 'binôme interdit par les contraintes',
  conflit: "conflit d'intérêts entre l'employeur du mentor et l'établissement",
  metier: 'ni le même diplôme, ni la même famille de métiers, ni la même filière, ni une fonction transverse',
  modalite: 'modalités de rencontre incompatibles',
  rayon: "établissement hors du rayon de déplacement du mentor",
  budget: 'frais de déplacement au-dessus du plafond par élève',
  disponibilites: 'aucun créneau de disponibilité commun',
};

/** Everything known about one pair; one object is reused across calls (no allocation per pair). */
export interface PairEval {
  /** Bit r set when rule r fails. 0 = the pair is a candidate. */
  failures: number;
  /** Trade level code, TRADE_NONE when no level applies. */
  level: number;
  /** Effective modality code (EFF_*). */
  modality: number;
  /** Road-estimated km (great-circle × detour factor); NaN when a commune is unknown. */
  km: number;
  /** Yearly travel cost, € (0 for distanciel). */
  cost: number;
  /** Yearly travel cost, € the pair would have in person (for the budget relaxation). */
  inPersonCost: number;
  common: number;
  tradePoints: number;
  proximityPoints: number;
  availabilityPoints: number;
  score: number;
}

/** A fresh evaluation record. */
export function newPairEval(): PairEval {
  return {
    failures: 0,
    level: TRADE_NONE,
    modality: EFF_DISTANCIEL,
    km: NaN,
    cost: 0,
    inPersonCost: 0,
    common: 0,
    tradePoints: 0,
    proximityPoints: 0,
    availabilityPoints: 0,
    score: 0,
  };
}

/** Index of the first failing rule of a failure mask, -1 when none. */
export function firstFailure(failures: number): number {
  return failures === 0 ? -1 : 31 - Math.clz32(failures & -failures);
}

/** Road-estimated km between school `s` and mentor `j`. Argument order fixed for bit-equality. */
export function pairKm(p: PreparedRound, s: number, j: number): number {
  if (s < 0) return NaN;
  return distance(p.schoolLon[s], p.schoolLat[s], p.mentorLon[j], p.mentorLat[j]) * p.params.detour;
}

/**
 * Evaluates every rule and the score of mentee `i` with mentor `j` into `out`; returns whether
 * the pair is a candidate. Scores are filled even for a failing pair (imposed pairs keep them).
 */
export function evaluatePair(p: PreparedRound, i: number, j: number, out: PairEval): boolean {
  const q = p.params;
  const s = p.menteeSchool[i];
  let failures = 0;
  if (!p.mentorEligible[j]) failures |= 1 << RULE_ELIGIBILITE;
  if (sortedHas(p.forbidden.get(i), j)) failures |= 1 << RULE_INTERDIT;
  const emp = p.mentorEmployer[j];
  if (emp >= 0 && s >= 0 && sortedHas(p.schoolConflicts[s], emp)) failures |= 1 << RULE_CONFLIT;
  const level = tradeLevel(
    p.menteeCfd[i],
    p.menteeFamille[i],
    p.menteeFiliere[i],
    p.mentorCfds,
    p.mentorCfdOffsets[j],
    p.mentorCfdOffsets[j + 1],
    p.mentorFams,
    p.mentorFamOffsets[j],
    p.mentorFamOffsets[j + 1],
    p.mentorFiliere[j],
    p.mentorTransverse[j] === 1,
  );
  if (level === TRADE_NONE) failures |= 1 << RULE_METIER;

  const km = pairKm(p, s, j);
  const ee = p.menteeModality[i];
  const or = p.mentorModality[j];
  const inPerson = acceptsInPerson(ee) && acceptsInPerson(or);
  const remote = acceptsRemote(ee) && acceptsRemote(or);
  const inRadius = km <= p.mentorRadius[j];
  const ipCost = Number.isFinite(km) ? travelCost(km, q.meetings, q.band) : Infinity;
  const underCeiling = q.allowOverrun || ipCost <= q.ceiling;
  let modality = EFF_DISTANCIEL;
  let cost = 0;
  let prox = 0;
  if (inPerson && inRadius && underCeiling) {
    modality = inPersonModality(ee, or);
    cost = ipCost;
    prox = q.proximityWeight * proximity(km, q.halfKm);
  } else if (!remote) {
    if (!inPerson) failures |= 1 << RULE_MODALITE;
    else {
      if (!inRadius) failures |= 1 << RULE_RAYON;
      if (!underCeiling) failures |= 1 << RULE_BUDGET;
    }
    // For the record, the format the pair would have had.
    if (inPerson) modality = inPersonModality(ee, or);
  }
  const common = popcount(p.menteeMask[i] & p.mentorMask[j]);
  if (common === 0 && !(modality === EFF_DISTANCIEL && remote && q.remoteWithoutSlot)) failures |= 1 << RULE_DISPONIBILITES;

  const tradePts = level === TRADE_NONE ? 0 : q.tradePoints[level];
  const availPts = q.availabilityWeight * availability(common, q.saturation);
  out.failures = failures;
  out.level = level;
  out.modality = modality;
  out.km = km;
  out.cost = cost;
  out.inPersonCost = ipCost;
  out.common = common;
  out.tradePoints = tradePts;
  out.proximityPoints = prox;
  out.availabilityPoints = availPts;
  out.score = combineScore(partialScore(tradePts, prox), availPts);
  return failures === 0;
}
