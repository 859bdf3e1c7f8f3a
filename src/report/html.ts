/**
 * The French HTML report (`rapport.html`) for the référent mentorat: one self-contained page (CSS
 * and SVG inlined, no script, no external resource) rendered from the outcome and its synthesis.
 * Headline figures carry `data-chiffre` (their path in synthese.json) and `data-valeur` (the raw
 * number), so tests can check they equal the synthesis. It holds no sensitive mentee field: the
 * outcome does not have any.
 */
import type { RoundOutcome, UnmatchedMentee } from './outcome.js';
import type { GroupStats, Synthese } from './summary.js';
import { esc, frNumber, frPairsDelta, frPercent, frResult, frSignedPercent, frSplitMode, frStatus } from './format.js';
import { binValues, histogramSvg, mapSvg } from './svg.js';

/** Rows of the unmatched list shown in the page; the full list is in non_apparies.csv. */
export const MAX_UNMATCHED_ROWS = 500;

const FILIERE_LABEL: Record<string, string> = { numerique: 'Numérique', mobilite: 'Mobilité', energie: 'Énergie' };

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1e1e1e;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1.2rem 2rem}
header h1{margin:0 0 .3rem;font-size:1.6rem}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border-radius:6px;padding:1rem 1.5rem;margin:1rem 0;box-shadow:0 1px 2px #0002}
h2{font-size:1.25rem;color:#000091;margin-top:.2rem}
dl.chiffres{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.8rem;margin:0}
dl.chiffres div{background:#eef;border-radius:6px;padding:.6rem .8rem}
dl.chiffres dt{font-size:.85rem;color:#444}
dl.chiffres dd{margin:0;font-size:1.5rem;font-weight:700}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.jauge{display:inline-block;height:.7rem;background:#000091;vertical-align:middle}
.jauge.depasse{background:#c9191e}
svg{max-width:100%;height:auto}
svg.histo{max-width:640px;display:block}
svg.carte{max-width:760px;display:block}
.carte .nom{font-size:10px;fill:#333}
.carte .echelle line{stroke:#1e1e1e;stroke-width:2}
svg text{font-size:12px;fill:#1e1e1e}
.carte .fond{fill:#eef3f8}
.carte .mentors{fill:#6a6af4;fill-opacity:.35;stroke:#6a6af4}
.carte .ecole{stroke:#000;stroke-width:1}
.carte .haut{fill:#18753c}.carte .moyen{fill:#ff9940}.carte .bas{fill:#c9191e}
.histo .barre{fill:#000091}
.legende span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
.note{color:#555;font-size:.85rem}
`;

interface Headline {
  path: string;
  label: string;
  value: number;
  text: string;
}

function headlines(s: Synthese): Headline[] {
  const c = s.comptes;
  const cover = s.couverture;
  return [
    { path: 'comptes.mentores', label: 'Mentorés', value: c.mentores, text: frNumber(c.mentores, 0) },
    { path: 'comptes.apparies', label: 'Mentorés appariés', value: c.apparies, text: frNumber(c.apparies, 0) },
    { path: 'comptes.non_apparies', label: 'Sans mentor', value: c.non_apparies, text: frNumber(c.non_apparies, 0) },
    { path: 'couverture', label: 'Couverture', value: cover, text: frPercent(cover) },
    { path: 'comptes.mentors', label: 'Mentors inscrits', value: c.mentors, text: frNumber(c.mentors, 0) },
    { path: 'comptes.mentors_utilises', label: 'Mentors engagés', value: c.mentors_utilises, text: frNumber(c.mentors_utilises, 0) },
    { path: 'comptes.mentors_ineligibles', label: 'Mentors non éligibles', value: c.mentors_ineligibles, text: frNumber(c.mentors_ineligibles, 0) },
    { path: 'comptes.places_libres', label: 'Places de mentor libres', value: c.places_libres, text: frNumber(c.places_libres, 0) },
    { path: 'objectif.score_total', label: 'Score total', value: s.objectif.score_total, text: frNumber(s.objectif.score_total, 1) },
    { path: 'comptes.cout_total_eur', label: 'Frais de déplacement (€/an)', value: c.cout_total_eur, text: `${frNumber(c.cout_total_eur, 0)} €` },
    { path: 'comptes.budget_total_eur', label: 'Budget (€)', value: c.budget_total_eur, text: `${frNumber(c.budget_total_eur, 0)} €` },
  ];
}

function headlineBlock(s: Synthese): string {
  const items = headlines(s).map(
    (h) =>
      `<div><dt>${esc(h.label)}</dt><dd data-chiffre="${h.path}" data-valeur="${h.value}">${esc(h.text)}</dd></div>`,
  );
  return `<dl class="chiffres">${items.join('')}</dl>`;
}

function gauge(share: number): string {
  const w = Math.min(share, 1.5) * 80;
  return `<span class="jauge${share > 1 ? ' depasse' : ''}" style="width:${w.toFixed(1)}px"></span>`;
}

function groupTable(rows: readonly GroupStats[], first: string, label: (g: GroupStats) => string, budget: boolean): string {
  const head =
    `<tr><th>${esc(first)}</th><th class="n">Mentorés</th><th class="n">Appariés</th><th class="n">Couverture</th>` +
    `<th class="n">Score moyen</th><th class="n">Km moyen</th><th class="n">Frais (€)</th>` +
    (budget ? `<th class="n">Budget (€)</th><th>Part du budget</th>` : '') +
    `</tr>`;
  const body = rows.map(
    (g) =>
      `<tr><td>${esc(label(g))}</td><td class="n">${g.mentores}</td><td class="n">${g.apparies}</td>` +
      `<td class="n">${frPercent(g.couverture)}</td><td class="n">${frNumber(g.score_moyen)}</td>` +
      `<td class="n">${frNumber(g.km_moyen)}</td><td class="n">${frNumber(g.cout_eur, 0)}</td>` +
      (budget ? `<td class="n">${frNumber(g.budget_eur, 0)}</td><td>${gauge(g.part_budget)} ${frPercent(g.part_budget)}</td>` : '') +
      `</tr>`,
  );
  return `<table>${head}${body.join('')}</table>`;
}

/** Recruitment gaps: unmatched mentees grouped by school and filière, largest first. */
export function recruitmentGaps(unmatched: readonly UnmatchedMentee[]): Array<{
  academie: string;
  uai: string;
  etablissement: string;
  filiere: string;
  manquants: number;
  relaxation: string;
}> {
  const m = new Map<string, { academie: string; uai: string; etablissement: string; filiere: string; manquants: number; relax: Map<string, number> }>();
  for (const u of unmatched) {
    const k = `${u.uai}\u0000${u.filiere}`;
    let g = m.get(k);
    if (!g) {
      g = { academie: u.academie, uai: u.uai, etablissement: u.etablissement, filiere: u.filiere, manquants: 0, relax: new Map() };
      m.set(k, g);
    }
    g.manquants++;
    if (u.relaxation) g.relax.set(u.relaxation, (g.relax.get(u.relaxation) ?? 0) + 1);
  }
  return [...m.values()]
    .map((g) => {
      // The most frequent suggestion of the group; ties broken by text for determinism.
      const best = [...g.relax.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
      return { academie: g.academie, uai: g.uai, etablissement: g.etablissement, filiere: g.filiere, manquants: g.manquants, relaxation: best ? best[0] : '' };
    })
    .sort((a, b) => b.manquants - a.manquants || (a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : 0) || (a.filiere < b.filiere ? -1 : 1));
}

function frDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** The regional split and its measured loss (nothing for an exact or no split). */
function splitBlock(s: Synthese): string {
  const d = s.decoupage;
  if (!d || d.exact) return '';
  const l = d.perte;
  const loss = l
    ? `<p>Par rapport à une résolution du tour entier (même solveur, résultat ${esc(frStatus(l.statut_reference))}) : <strong>${esc(frPairsDelta(-l.mentores_perdus))}</strong> (<span data-chiffre="decoupage.perte.apparies_decoupage" data-valeur="${l.apparies_decoupage}">${frNumber(l.apparies_decoupage, 0)}</span> contre <span data-chiffre="decoupage.perte.apparies_national" data-valeur="${l.apparies_national}">${frNumber(l.apparies_national, 0)}</span>), score net <strong>${esc(frSignedPercent(-l.part_score_perdue))}</strong>. Le calcul maximise d'abord la couverture (pondérée par les priorités), puis le score : un découpage peut apparier moins avec un meilleur score.</p>`
    : `<p>Perte non mesurée : ${esc(d.perte_non_mesuree ?? '')}.</p>`;
  const r = d.reconciliation;
  const recon = !r || r.statut === 'non_faite'
    ? ''
    : r.statut === 'non_demandee'
      ? ' Sans réconciliation, comme demandé : chaque mentor frontalier n\'est proposé que dans le lot où il a le plus de candidats.'
      : r.niveau === 'aucune'
        ? ` Sans réconciliation, comme demandé, sauf pour ${frNumber(r.mentors, 0)} mentor(s) imposé(s) à des mentorés de plusieurs lots : leurs binômes imposés sont tenus, et <span data-chiffre="decoupage.reconciliation.mentores" data-valeur="${r.mentores}">${frNumber(r.mentores, 0)}</span> mentoré(s) ont été re-traités avec eux.`
        : ` Une réconciliation${r.niveau === 'frontaliers' ? ' limitée aux mentors frontaliers' : ''} a re-traité ensemble ces mentors et <span data-chiffre="decoupage.reconciliation.mentores" data-valeur="${r.mentores}">${frNumber(r.mentores, 0)}</span> mentoré(s).`;
  return `<section id="decoupage"><h2>Découpage régional</h2><p>Calcul ${esc(frSplitMode(d.mode))} en ${d.lots} lot(s) ; ${frNumber(d.mentors_frontaliers, 0)} mentor(s) ont des candidats dans plusieurs lots.${recon}</p>${loss}</section>`;
}

/** Renders rapport.html. Deterministic: no clock, no random, no timing in the page. */
export function renderReport(o: RoundOutcome, s: Synthese): string {
  const coverage = new Map(s.par_etablissement.map((g) => [g.cle, g.couverture]));
  const kmBins = binValues(o.pairs.filter((p) => p.modalite !== 'distanciel').map((p) => p.km), [0, 5, 10, 20, 30, 45, 60], 'km');
  const scoreBins = binValues(o.pairs.map((p) => p.score), [0, 20, 40, 60, 80], 'pts');
  const distanciel = o.pairs.filter((p) => p.modalite === 'distanciel').length;
  const gaps = recruitmentGaps(o.unmatched);
  const shown = o.unmatched.slice(0, MAX_UNMATCHED_ROWS);
  const certif = esc(frResult(s.statut, s.certificat));
  const failed = s.regions.filter((r) => r.statut === 'failed');

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Rapport d'appariement du ${esc(frDate(s.date))}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Rapport d'appariement mentorés–mentors</h1>
<p>Tour du ${esc(frDate(s.date))} · solveur ${esc(s.solveur)} · résultat ${certif} · graine ${s.graine}</p></header>
<main>
${failed.length ? `<section class="alerte"><h2>Tour incomplet</h2><p>${failed.length} lot(s) régional(aux) en échec : ${failed.map((r) => `${esc(r.region)} (${esc(r.raison ?? '')})`).join(', ')}. Leurs mentorés figurent dans non_apparies.csv.</p></section>` : ''}
<section id="chiffres"><h2>Chiffres clés</h2>${headlineBlock(s)}</section>
${splitBlock(s)}
<section id="carte"><h2>Carte des établissements et des mentors</h2>
${mapSvg(o.schools, o.mentorPlaces, coverage)}
<p class="legende">Établissements (carrés) selon la couverture :<span style="background:#18753c"></span>≥ 90 %<span style="background:#ff9940"></span>60 à 90 %<span style="background:#c9191e"></span>&lt; 60 %<span style="background:#6a6af4;opacity:.5;border-radius:50%"></span>mentors éligibles par commune</p>
</section>
<section id="couverture"><h2>Couverture par établissement</h2>
${groupTable(s.par_etablissement, 'Établissement', (g) => `${g.libelle} (${g.cle})`, true)}
<h2>Couverture par filière</h2>
${groupTable(s.par_filiere, 'Filière', (g) => FILIERE_LABEL[g.cle] ?? g.cle, false)}
<h2>Couverture par académie</h2>
${groupTable(s.par_academie, 'Académie', (g) => g.libelle, true)}
</section>
<section id="distributions"><h2>Distances et scores</h2>
<h3>Distance estimée mentor–établissement (binômes en présentiel ou mixtes)</h3>
${histogramSvg(kmBins, 'Distribution des distances')}
<p class="note">${distanciel} binôme(s) à distance ne sont pas comptés. Distance routière estimée : distance à vol d'oiseau entre centres de communes × facteur de détour.</p>
<h3>Score des binômes</h3>
${histogramSvg(scoreBins, 'Distribution des scores')}
</section>
<section id="budget"><h2>Budget des frais de déplacement</h2>
<p>Frais annuels estimés : <strong>${frNumber(s.comptes.cout_total_eur, 0)} €</strong> pour un budget de <strong>${frNumber(s.comptes.budget_total_eur, 0)} €</strong> (${frPercent(s.comptes.budget_total_eur ? s.comptes.cout_total_eur / s.comptes.budget_total_eur : 0)}). Le détail par établissement figure dans le tableau de couverture.</p>
</section>
<section id="manques"><h2>Besoins de recrutement</h2>
${gaps.length === 0 ? '<p>Tous les mentorés ont un mentor.</p>' : `<p>Où manquent des mentors, et de quelle filière :</p><table><tr><th>Académie</th><th>Établissement</th><th>Filière</th><th class="n">Mentorés sans mentor</th><th>Piste</th></tr>${gaps
    .map((g) => `<tr><td>${esc(g.academie)}</td><td>${esc(g.etablissement)} (${esc(g.uai)})</td><td>${esc(FILIERE_LABEL[g.filiere] ?? g.filiere)}</td><td class="n">${g.manquants}</td><td>${esc(g.relaxation)}</td></tr>`)
    .join('')}</table>`}
</section>
<section id="non-apparies"><h2>Mentorés sans mentor</h2>
${o.unmatched.length === 0 ? '<p>Aucun.</p>' : `<table><tr><th>Mentoré</th><th>Établissement</th><th>Filière</th><th>Raison</th><th>Ce qui aiderait</th></tr>${shown
    .map((u) => `<tr class="non-apparie"><td>${esc(u.id)}</td><td>${esc(u.etablissement)}</td><td>${esc(FILIERE_LABEL[u.filiere] ?? u.filiere)}</td><td>${esc(u.raison)}</td><td>${esc(u.relaxation)}</td></tr>`)
    .join('')}</table>${o.unmatched.length > shown.length ? `<p class="note">${shown.length} premiers sur ${o.unmatched.length} : la liste complète est dans non_apparies.csv.</p>` : ''}`}
</section>
<footer class="note"><p>Produit par mentormatch. Politique ${esc(s.politique_sha256.slice(0, 12))}…, fichiers d'entrée : ${s.entrees.map((e) => `${esc(e.fichier)} (${e.lignes} lignes)`).join(', ')}.</p></footer>
</main>
</body>
</html>
`;
}
