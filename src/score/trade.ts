/**
 * Trade criterion: how close the mentor's trade is to the mentee's diploma. Levels, best first:
 *
 * | level | code | value | when |
 * |---|---|---|---|
 * | same diploma | `cfd` | 1.00 | the mentee's CFD is in the mentor's `metier` |
 * | same famille de métiers | `famille` | 0.70 | one of the mentor's CFDs shares the famille of the mentee's |
 * | same filière | `filiere` | 0.40 | the mentor's filière is the mentee's |
 * | transverse | `transverse` | 0.15 | other filière, but a transverse function (`fonction=rh` …) |
 *
 * Anything else is not a candidate (FAQ: the mentor works « dans la mesure du possible » in the
 * mentee's filière; a DRH may mentor any student: transverse, low value).
 */
import type { Filiere } from '../schema/records.js';

/** Trade level codes (stored as Uint8 in the candidate set); `TRADE_NONE` is not a candidate. */
export const TRADE_CFD = 0;
export const TRADE_FAMILLE = 1;
export const TRADE_FILIERE = 2;
export const TRADE_TRANSVERSE = 3;
export const TRADE_NONE = -1;

/** Names of the trade levels, indexed by code (as written in the outputs). */
export const TRADE_LEVEL_NAMES = ['meme_diplome', 'meme_famille', 'meme_filiere', 'transverse'] as const;
export type TradeLevelName = (typeof TRADE_LEVEL_NAMES)[number];

/** Value in [0, 1] of each trade level, indexed by code. */
export const TRADE_VALUES: readonly number[] = [1, 0.7, 0.4, 0.15];

/** Default transverse functions (normalised: lower case, no accents, `_` for spaces). */
export const DEFAULT_TRANSVERSE_FUNCTIONS = ['rh', 'drh', 'ressources_humaines', 'recrutement', 'direction', 'dirigeant'];

/** Normalises a `fonction` cell for comparison: trimmed, lower case, accents dropped, spaces → `_`. */
export function normaliseFunction(f: string): string {
  return f
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]+/g, '_');
}

/** Filière codes (index in FILIERES) as small ints, for bit masks. */
export function filiereBit(f: Filiere | number): number {
  return 1 << (typeof f === 'number' ? f : ['numerique', 'mobilite', 'energie'].indexOf(f));
}

/**
 * Trade level of a pair from pre-encoded ids: the mentee's CFD id and famille id (-1 when its
 * diploma is a bare filière name or has no famille), its filière code; the mentor's sorted CFD
 * ids and famille ids, filière code and transverse flag.
 */
export function tradeLevel(
  menteeCfd: number,
  menteeFamille: number,
  menteeFiliere: number,
  mentorCfds: Int32Array,
  cfdFrom: number,
  cfdTo: number,
  mentorFamilles: Int32Array,
  famFrom: number,
  famTo: number,
  mentorFiliere: number,
  mentorTransverse: boolean,
): number {
  if (menteeCfd >= 0) for (let k = cfdFrom; k < cfdTo; k++) if (mentorCfds[k] === menteeCfd) return TRADE_CFD;
  if (menteeFamille >= 0) for (let k = famFrom; k < famTo; k++) if (mentorFamilles[k] === menteeFamille) return TRADE_FAMILLE;
  if (menteeFiliere >= 0 && menteeFiliere === mentorFiliere) return TRADE_FILIERE;
  if (mentorTransverse && menteeFiliere >= 0) return TRADE_TRANSVERSE;
  return TRADE_NONE;
}
