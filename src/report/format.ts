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
