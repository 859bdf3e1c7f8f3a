/**
 * Cell parsers: one raw, trimmed spreadsheet cell → a typed value, or an `Invalid` saying what
 * was expected (in French). Compiled once per column, they replace a per-row zod parse in the hot
 * loop; their outputs are exactly the shapes of the zod schemas in src/schema/records.ts (a test
 * re-parses every record of the sample round with those schemas).
 */
import type { IssueCode } from '../schema/issues.js';
import { SLOT_DAYS, SLOT_PARTS } from '../schema/records.js';
import { normalizeCfd } from './reference.js';
import { token } from './normalize.js';

/** A cell that does not parse: what was expected, in French, and the issue code to report. */
export class Invalid {
  constructor(
    readonly expected: string,
    readonly code: IssueCode = 'value_invalid',
  ) {}
}

/** A cell parser: the value, or `Invalid`. Never called on an empty cell (defaults apply first). */
export type CellParser<T> = (raw: string) => T | Invalid;

/**
 * Memoises a parser on the raw cell: a national round repeats the same few hundred spellings
 * (modalities, slot lists, dates) hundreds of thousands of times. Bounded, so a column of unique
 * values costs one failed lookup per row and no memory growth. Arrays are copied on the way out:
 * each record owns its own.
 */
export function memo<T>(parse: CellParser<T>, limit = 4096): CellParser<T> {
  const cache = new Map<string, T | Invalid>();
  return (raw) => {
    let v = cache.get(raw);
    if (v === undefined) {
      v = parse(raw);
      if (cache.size < limit) cache.set(raw, v);
    }
    return Array.isArray(v) ? (v.slice() as T) : v;
  };
}

/** An enumeration compared as tokens (`Présentiel` = `presentiel`), with extra spellings. */
export function enumParser<T extends string>(values: readonly T[], aliases: Record<string, T> = {}): CellParser<T> {
  const byToken = new Map<string, T>();
  for (const v of values) byToken.set(token(v), v);
  for (const [k, v] of Object.entries(aliases)) byToken.set(k, v);
  const invalid = new Invalid(`une des valeurs ${values.map((v) => `« ${v} »`).join(', ')}`);
  return memo((raw) => byToken.get(token(raw)) ?? invalid);
}

/** An integer in [min, max] (`2`, `2,0`; `2e` or `2ème` for a school year). */
export function intParser(min: number, max: number, what = 'un entier'): CellParser<number> {
  const invalid = new Invalid(`${what} de ${min} à ${max}`);
  return (raw) => {
    const m = /^(\d+)(?:[.,]0+)?(?:\s*(?:e|er|re|ere|ère|eme|ème|nde))?$/i.exec(raw);
    if (m === null) return invalid;
    const n = Number(m[1]);
    return n >= min && n <= max ? n : invalid;
  };
}

/**
 * A decimal number with a French decimal comma and optional thousands spaces and unit
 * (`1 500,50 €`, `12,5 km`); `min` is inclusive unless `strict`.
 */
export function decimalParser(min: number, strict: boolean, what: string, unit?: RegExp): CellParser<number> {
  const invalid = new Invalid(what);
  return (raw) => {
    let s = raw.replace(/[\s\u00a0\u202f]+/g, '');
    if (unit) s = s.replace(unit, '');
    if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return invalid;
    const n = Number(s.replace(',', '.'));
    if (!Number.isFinite(n) || n < min || (strict && n === min)) return invalid;
    return n;
  };
}

const TRUE = new Set(['oui', 'o', 'vrai', 'true', '1', 'x', 'yes', 'y']);
const FALSE = new Set(['non', 'n', 'faux', 'false', '0', 'no']);
const BOOL_INVALID = new Invalid('oui ou non (aussi 1/0, vrai/faux, x, ou vide pour non)');

/** A boolean: `oui/non`, `1/0`, `vrai/faux`, `true/false`, `x` (an empty cell is `false`, upstream). */
export const boolParser: CellParser<boolean> = memo((raw) => {
  const t = token(raw);
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return BOOL_INVALID;
});

const DATE_INVALID = new Invalid('une date jj/mm/aaaa ou aaaa-mm-jj');

/** A date `jj/mm/aaaa` (also `jj-mm-aaaa`, `jj.mm.aaaa`) or ISO `aaaa-mm-jj` (time ignored) → ISO. */
export const dateParser: CellParser<string> = memo((raw) => parseDate(raw) ?? DATE_INVALID);

/** Parses a French or ISO date to `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseDate(raw: string): string | null {
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw.trim());
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(raw.trim());
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  if (mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's local date, ISO `YYYY-MM-DD` (the default round date). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// Every accepted spelling of a slot, as a token: `lun_pm`, `lundi_apres_midi`, `lun_matin` …
const DAY_NAMES: Record<string, string[]> = {
  lun: ['lun', 'lundi'],
  mar: ['mar', 'mardi'],
  mer: ['mer', 'mercredi'],
  jeu: ['jeu', 'jeudi'],
  ven: ['ven', 'vendredi'],
  sam: ['sam', 'samedi'],
};
const PART_NAMES: Record<string, string[]> = { am: ['am', 'matin'], pm: ['pm', 'apres_midi', 'aprem'], soir: ['soir'] };
const SLOT_BY_TOKEN = new Map<string, string>();
for (const d of SLOT_DAYS)
  for (const p of SLOT_PARTS) for (const dn of DAY_NAMES[d]) for (const pn of PART_NAMES[p]) SLOT_BY_TOKEN.set(`${dn}_${pn}`, `${d}-${p}`);

const SLOT_EXPECTED = 'des créneaux séparés par « | », de la forme jour-moment : jour lun, mar, mer, jeu, ven ou sam ; moment am, pm ou soir (ex. « lun-pm|mer-am »)';

/** Availability slots separated by `|` (or `,` `;` `/` `+`), each normalised to `lun-pm`; duplicates dropped. */
export const slotsParser: CellParser<string[]> = memo((raw) => {
  const out: string[] = [];
  for (const part of raw.split(/[|,;/+]+/)) {
    const t = token(part);
    if (t === '') continue;
    const slot = SLOT_BY_TOKEN.get(t);
    if (slot === undefined) return new Invalid(SLOT_EXPECTED, 'unknown_slot');
    if (!out.includes(slot)) out.push(slot);
  }
  return out;
});

const UAI_INVALID = new Invalid('un code UAI : 7 chiffres et une lettre (ex. 0691234A)');

/** A UAI, upper-cased, inner spaces removed. */
export const uaiParser: CellParser<string> = (raw) => {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  return /^\d{7}[A-Z]$/.test(s) ? s : UAI_INVALID;
};

const COMMUNE_INVALID = new Invalid('un code commune INSEE à 5 caractères (ex. 69123, 2A004), pas un code postal');

/**
 * An INSEE commune code's shape, upper-cased. A 4-digit code is a code whose leading zero a
 * spreadsheet dropped (01004 shown as 1004): it is padded back. Existence is checked elsewhere.
 */
export const communeShapeParser: CellParser<string> = (raw) => {
  let s = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{4}$/.test(s)) s = `0${s}`;
  return /^(\d{5}|2[AB]\d{3})$/.test(s) ? s : COMMUNE_INVALID;
};

/** A list of CFD codes separated by `|` (or `,` `;` `/`), normalised without spaces. */
export const cfdListParser: CellParser<string[]> = memo((raw) => {
  const out: string[] = [];
  for (const part of raw.split(/[|,;/]+/)) {
    const c = normalizeCfd(part);
    if (c !== '' && !out.includes(c)) out.push(c);
  }
  return out;
});

/** Free text, inner runs of spaces collapsed. */
export const textParser: CellParser<string> = (raw) => raw.replace(/\s+/g, ' ');
