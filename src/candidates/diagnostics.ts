/**
 * Why a mentee has no candidate, and what would change it, without O(mentees × mentors): only
 * mentees with an empty row are diagnosed, each against a bounded pool (its nearest mentors found
 * by geokdbush on an index of every located mentor, plus, if it accepts distanciel, the distanciel
 * mentors of its filière), and mentees sharing a school, trade key, modality and slots share one
 * diagnosis. Each pooled mentor is evaluated on every rule: rejections are counted under the
 * first rule failed, and a mentor failing exactly one relaxable rule counts for that relaxation.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { acceptsRemote } from './modality.js';
import { RULES, RULE_BUDGET, RULE_DISPONIBILITES, RULE_ELIGIBILITE, RULE_MODALITE, RULE_RAYON, evaluatePair, firstFailure, newPairEval, type Rule } from './pair.js';
import type { CandidateContext, PreparedRound } from './prepare.js';
import type { CandidateSet, NoCandidateDiagnostic, Relaxation } from './set.js';

/** Nearest mentors examined per diagnosed mentee. */
export const DIAG_NEAREST = 200;
/** Farthest a nearest mentor is looked for, great-circle km. */
export const DIAG_MAX_KM = 200;
/** Distanciel mentors of the filière examined per diagnosed mentee. */
export const DIAG_REMOTE = 300;

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

function emptyRejections(): Record<Rule, number> {
  return Object.fromEntries(RULES.map((r) => [r, 0])) as Record<Rule, number>;
}

/** Diagnoses every mentee of `set` without a candidate (ascending mentee index). */
export function diagnoseMentees(p: PreparedRound, set: CandidateSet, _ctx: CandidateContext): NoCandidateDiagnostic[] {
  const out: NoCandidateDiagnostic[] = [];
  let index: KDBush | null = null;
  let located: Int32Array | null = null;
  const cache = new Map<string, Omit<NoCandidateDiagnostic, 'mentee'>>();
  const nearBySchool = new Map<number, number[]>();
  const stamp = new Int32Array(p.nMentors);
  const ev = newPairEval();
  const remoteAll: number[] = [];
  for (let j = 0; j < p.nMentors; j++) if (acceptsRemote(p.mentorModality[j])) remoteAll.push(j);

  for (let i = 0; i < p.nMentees; i++) {
    if (set.offsets[i + 1] > set.offsets[i]) continue;
    const s = p.menteeSchool[i];
    const key = p.menteeKey[i];
    if (s < 0 || key < 0) {
      out.push({
        mentee: i,
        reason: s < 0 ? 'etablissement_inconnu' : 'diplome_inconnu',
        examined: 0,
        rejections: emptyRejections(),
        relaxations: [],
        nearest: null,
      });
      continue;
    }
    const cacheKey = p.forbidden.has(i) ? null : `${s}|${key}|${p.menteeModality[i]}|${p.menteeMask[i]}`;
    const hit = cacheKey === null ? undefined : cache.get(cacheKey);
    if (hit) {
      out.push({ mentee: i, ...hit });
      continue;
    }

    // The pool: nearest located mentors, then distanciel mentors of the filière.
    const pool: number[] = [];
    if (Number.isFinite(p.schoolLat[s])) {
      if (!index) {
        const ids: number[] = [];
        for (let j = 0; j < p.nMentors; j++) if (Number.isFinite(p.mentorLat[j])) ids.push(j);
        located = Int32Array.from(ids);
        index = new KDBush(Math.max(1, ids.length), 64, Float64Array);
        for (const j of ids) index.add(p.mentorLon[j], p.mentorLat[j]);
        if (ids.length === 0) index.add(0, 0);
        index.finish();
      }
      if (located!.length > 0) {
        // One nearest-mentor query per school, shared by its diagnosed mentees.
        let near = nearBySchool.get(s);
        if (!near) {
          near = around(index, p.schoolLon[s], p.schoolLat[s], DIAG_NEAREST, DIAG_MAX_KM).map((id) => located![id]);
          nearBySchool.set(s, near);
        }
        for (const j of near) pool.push(j);
      }
    }
    if (acceptsRemote(p.menteeModality[i])) {
      const bit = 1 << p.menteeFiliere[i];
      let taken = 0;
      for (let k = 0; k < remoteAll.length && taken < DIAG_REMOTE; k++) {
        const j = remoteAll[k];
        if (p.mentorRelevance[j] & bit) {
          pool.push(j);
          taken++;
        }
      }
    }

    const rejections = emptyRejections();
    const radiusNeeded: number[] = [];
    let slots = 0;
    let modality = 0;
    let budget = 0;
    let honour = 0;
    let examined = 0;
    for (const j of pool) {
      if (stamp[j] === i + 1) continue;
      stamp[j] = i + 1;
      examined++;
      if (evaluatePair(p, i, j, ev)) continue; // cannot happen: the row would not be empty
      const f = ev.failures;
      rejections[RULES[firstFailure(f)]]++;
      if (f === 1 << RULE_RAYON) radiusNeeded.push(ev.km);
      else if (f === 1 << RULE_DISPONIBILITES) slots++;
      else if (f === 1 << RULE_MODALITE) modality++;
      else if (f === 1 << RULE_BUDGET) budget++;
      else if (f === 1 << RULE_ELIGIBILITE && p.mentorIneligibility[j] !== 'etudiant') honour++;
    }

    const relaxations: Relaxation[] = [];
    if (radiusNeeded.length > 0) {
      const km = Math.ceil(Math.min(...radiusNeeded) / 5) * 5;
      const added = radiusNeeded.filter((x) => x <= km).length;
      relaxations.push({ kind: 'rayon', km, added, message: `un rayon de ${km} km ajouterait ${plural(added, 'candidat')}` });
    }
    if (slots > 0) relaxations.push({ kind: 'disponibilites', added: slots, message: `un créneau de disponibilité commun ajouterait ${plural(slots, 'candidat')}` });
    if (modality > 0) {
      relaxations.push({ kind: 'modalite', added: modality, message: `accepter une autre modalité de rencontre ajouterait ${plural(modality, 'candidat')}` });
    }
    if (budget > 0) {
      relaxations.push({ kind: 'budget', added: budget, message: `autoriser le dépassement du plafond de frais ajouterait ${plural(budget, 'candidat')}` });
    }
    if (honour > 0) {
      relaxations.push({ kind: 'honorabilite', added: honour, message: `finaliser la vérification d'honorabilité ajouterait ${plural(honour, 'candidat')}` });
    }
    let reason: NoCandidateDiagnostic['reason'] = 'aucun_mentor';
    let most = 0;
    for (const r of RULES) {
      if (rejections[r] > most) {
        most = rejections[r];
        reason = r;
      }
    }
    const d = { reason, examined, rejections, relaxations, nearest: relaxations[0] ?? null };
    if (cacheKey !== null) cache.set(cacheKey, d);
    out.push({ mentee: i, ...d });
  }
  return out;
}
