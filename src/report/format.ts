/**
 * French formatting helpers shared by the report and the CLI: numbers with a decimal comma and a
 * narrow no-break space between thousands, percentages, HTML escaping. Hand-written rather than
 * `Intl`, so the output does not depend on the ICU data of the Node build.
 */

/** `1234.5` → `1 234,5` (narrow no-break space U+202F), at most `decimals` digits, never `-0`. */
export function frNumber(x: number, decimals = 1): string {
  if (!Number.isFinite(x)) return '–';
  const s = 10 ** decimals;
  let r = Math.round(x * s) / s;
  if (Object.is(r, -0)) r = 0;
  const neg = r < 0;
  const [int, frac] = Math.abs(r).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202F');
  const fracTrim = frac ? frac.replace(/0+$/, '') : '';
  return (neg ? '-' : '') + grouped + (fracTrim ? `,${fracTrim}` : '');
}

/** A 0..1 share as a French percentage: `0.8765` → `87,7 %`. */
export function frPercent(share: number, decimals = 1): string {
  return `${frNumber(share * 100, decimals)}\u00A0%`;
}

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STATUS_FR: Record<string, string> = {
  optimal: 'optimal',
  feasible: 'réalisable, optimalité non prouvée',
  timeout: 'délai dépassé, meilleure solution trouvée',
  infeasible: 'sans solution respectant les contraintes',
  incomplete: 'INCOMPLET (un lot a échoué)',
};

const CERTIFICATE_FR: Record<string, string> = {
  verifie: 'certificat vérifié',
  verifie_par_lot: "certificats vérifiés lot par lot ; le découpage régional peut apparier moins qu'une résolution d'ensemble",
  non_verifie: 'certificat non vérifié',
  absent: 'pas de certificat (solveur heuristique)',
};

/** A signed share of a total: "+0,012 %", "−0,032 %", "0 %" (below 0,001 %). */
export function frSignedPercent(share: number): string {
  if (Math.round(share * 1e5) === 0) return frPercent(0, 3);
  return `${share > 0 ? '+' : '−'}${frPercent(Math.abs(share), 3)}`;
}

/** A difference in pairs: "3 binômes en moins", "1 binôme en plus", "autant de binômes". */
export function frPairsDelta(delta: number): string {
  if (delta === 0) return 'autant de binômes';
  const n = Math.abs(delta);
  return `${frNumber(n, 0)} ${n > 1 ? 'binômes' : 'binôme'} en ${delta < 0 ? 'moins' : 'plus'}`;
}

const SPLIT_FR: Record<string, string> = { academie: 'par académie', region: 'par région académique' };

/** A regional split mode in words: "par académie", "par région académique". */
export function frSplitMode(mode: string): string {
  return SPLIT_FR[mode] ?? mode;
}

/** The border reconciliation of a regional split in words, or null when it re-solved nothing. */
export function frReconciliation(r: { mentors: number; mentores: number; statut: string; niveau: string } | null): string | null {
  if (!r || r.statut === 'non_faite') return null;
  if (r.statut === 'non_demandee') return 'sans réconciliation : chaque mentor frontalier reste dans le lot où il a le plus de candidats';
  const retraites = `${frNumber(r.mentores, 0)} ${r.mentores > 1 ? 'mentorés re-traités' : 'mentoré re-traité'}`;
  if (r.niveau === 'aucune') {
    return `sans réconciliation, sauf pour ${frNumber(r.mentors, 0)} ${r.mentors > 1 ? 'mentors imposés' : 'mentor imposé'} à des mentorés de plusieurs lots : ${retraites}`;
  }
  return `${r.niveau === 'frontaliers' ? 'réconciliation des seuls mentors frontaliers' : 'réconciliation'} : ${retraites}`;
}

/** A solve status in French words (`réalisable, optimalité non prouvée`). */
export function frStatus(statut: string): string {
  return STATUS_FR[statut] ?? statut;
}

/** A solve status and certificate status in French words (`optimal (certificat vérifié)`). */
export function frResult(statut: string, certificat: string): string {
  return `${frStatus(statut)} (${CERTIFICATE_FR[certificat] ?? certificat})`;
}
