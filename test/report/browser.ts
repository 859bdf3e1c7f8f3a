/**
 * Opens an HTML report in the Debian Chromium through playwright-core (no browser download) and
 * collects what the tests check: console errors, every request attempted besides the file itself,
 * the headline figures and the map marks.
 */
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

export interface ReportView {
  consoleErrors: string[];
  /** URLs requested other than the page itself (all blocked). */
  otherRequests: string[];
  /** data-chiffre → { valeur (raw), texte (displayed) }. */
  headlines: Record<string, { valeur: string; texte: string }>;
  /** data-uai of every school mark of the map. */
  schoolMarks: string[];
  title: string;
  lang: string;
  /** The map has a non-empty rendered box. */
  mapVisible: boolean;
}

export async function openReport(file: string): Promise<ReportView> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const consoleErrors: string[] = [];
    const otherRequests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      otherRequests.push(u);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    // A string, evaluated in the page: the project compiles without the DOM library.
    const data = (await page.evaluate(`(() => {
      const headlines = {};
      for (const el of document.querySelectorAll('[data-chiffre]')) {
        headlines[el.getAttribute('data-chiffre')] = { valeur: el.getAttribute('data-valeur'), texte: el.textContent };
      }
      const marks = Array.from(document.querySelectorAll('svg.carte .ecole')).map((e) => e.getAttribute('data-uai'));
      const map = document.querySelector('svg.carte');
      const box = map ? map.getBoundingClientRect() : null;
      return {
        headlines,
        schoolMarks: marks,
        title: document.title,
        lang: document.documentElement.lang,
        mapVisible: !!box && box.width > 100 && box.height > 100,
      };
    })()`)) as Omit<ReportView, 'consoleErrors' | 'otherRequests'>;
    return { consoleErrors, otherRequests, ...data };
  } finally {
    await browser.close();
  }
}

/** Reads a dotted path (`comptes.apparies`) in the synthesis. */
export function atPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}
