/**
 * A hand-written log–log line chart as standalone SVG (no dependency, deterministic text for the
 * same data). Axes in decades, one polyline with markers per series, a legend.
 */
import type { Chart } from './lib.js';

const W = 640;
const H = 400;
const M = { left: 70, right: 170, top: 40, bottom: 50 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Label of a power of ten: 1, 10, 100, 1k, 10k … or 0.1, 0.01. */
function decadeLabel(e: number): string {
  if (e >= 6) return `${10 ** (e - 6)}M`;
  if (e >= 3) return `${10 ** (e - 3)}k`;
  if (e >= 0) return String(10 ** e);
  return String(Number((10 ** e).toFixed(-e)));
}

/** Renders a chart; non-positive points (not drawable on a log scale) are skipped. */
export function renderLogLogSvg(chart: Chart): string {
  const pts = chart.series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  const lx = pts.map((p) => Math.log10(p.x));
  const ly = pts.map((p) => Math.log10(p.y));
  // Axes span whole decades around the data (one decade when there is no drawable point).
  const x0 = pts.length > 0 ? Math.floor(Math.min(...lx)) : 0;
  const x1 = Math.max(x0 + 1, pts.length > 0 ? Math.ceil(Math.max(...lx)) : 1);
  const y0 = pts.length > 0 ? Math.floor(Math.min(...ly)) : 0;
  const y1 = Math.max(y0 + 1, pts.length > 0 ? Math.ceil(Math.max(...ly)) : 1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number): number => M.left + ((Math.log10(x) - x0) / (x1 - x0)) * pw;
  const sy = (y: number): number => M.top + ph - ((Math.log10(y) - y0) / (y1 - y0)) * ph;
  const r = (v: number): string => v.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(chart.title)}</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = sx(10 ** e);
    out.push(`<line x1="${r(x)}" y1="${M.top}" x2="${r(x)}" y2="${M.top + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${r(x)}" y="${M.top + ph + 16}" text-anchor="middle">${decadeLabel(e)}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = sy(10 ** e);
    out.push(`<line x1="${M.left}" y1="${r(y)}" x2="${M.left + pw}" y2="${r(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${r(y + 4)}" text-anchor="end">${decadeLabel(e)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 12}" text-anchor="middle">${esc(chart.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const p = s.points.filter((q) => q.x > 0 && q.y > 0);
    if (p.length > 1) {
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${p.map((q) => `${r(sx(q.x))},${r(sy(q.y))}`).join(' ')}"/>`,
      );
    }
    for (const q of p) out.push(`<circle cx="${r(sx(q.x))}" cy="${r(sy(q.y))}" r="3.5" fill="${color}"/>`);
    const ly0 = M.top + 10 + k * 20;
    out.push(`<line x1="${W - M.right + 12}" y1="${ly0}" x2="${W - M.right + 32}" y2="${ly0}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${W - M.right + 38}" y="${ly0 + 4}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
