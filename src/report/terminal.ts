/**
 * The French summary `mentormatch match` prints at the end of a round: headline figures and where
 * the outputs are. Pure: synthesis in, text out.
 */
import type { Synthese } from './summary.js';
import { frNumber, frPairsDelta, frPercent, frReconciliation, frResult, frSignedPercent, frSplitMode } from './format.js';

function frDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function s_(n: number, one: string, many: string): string {
  return `${frNumber(n, 0)} ${n > 1 ? many : one}`;
}

/** A regional split in one line: lots, border mentors and what it lost against one solve of the whole round. */
export function splitLine(s: Synthese): string | null {
  const d = s.decoupage;
  if (!d || d.exact) return null;
  const head = `  Découpage ${frSplitMode(d.mode)} : ${s_(d.lots, 'lot', 'lots')}, ${s_(d.mentors_frontaliers, 'mentor frontalier', 'mentors frontaliers')}`;
  const r = frReconciliation(d.reconciliation);
  const recon = r ? ` (${r})` : '';
  const l = d.perte;
  const loss = l
    ? `écart avec une résolution d'ensemble : ${frPairsDelta(-l.mentores_perdus)}, score net ${frSignedPercent(-l.part_score_perdue)}`
    : `perte non mesurée (${d.perte_non_mesuree ?? 'raison inconnue'})`;
  return `${head}${recon} ; ${loss}`;
}

/** The end-of-round summary, French, for the terminal. */
export function formatRoundSummary(s: Synthese, roundDir: string, outDir: string): string {
  const c = s.comptes;
  const result = frResult(s.statut, s.certificat);
  const sansCandidat = Object.entries(c.non_apparies_par_raison)
    .filter(([k]) => k.startsWith('sans_candidat'))
    .reduce((a, [, n]) => a + n, 0);
  const pris = c.non_apparies_par_raison.candidats_pris ?? 0;
  const echec = c.non_apparies_par_raison.lot_en_echec ?? 0;
  const limites = (c.non_apparies_par_raison.budget_etablissement ?? 0) + (c.non_apparies_par_raison.quota_employeur ?? 0);
  const autres = c.non_apparies - sansCandidat - pris - echec - limites;
  const lines = [
    `Tour « ${roundDir} » du ${frDate(s.date)} — solveur ${s.solveur}, découpage ${s.par}, résultat ${result}`,
    `  Mentorés : ${frNumber(c.mentores, 0)} ; appariés : ${frNumber(c.apparies, 0)} (${frPercent(s.couverture)}) ; sans mentor : ${frNumber(c.non_apparies, 0)}`,
  ];
  if (c.non_apparies > 0) {
    const parts = [
      sansCandidat ? s_(sansCandidat, 'sans aucun mentor possible', 'sans aucun mentor possible') : '',
      pris ? `${frNumber(pris, 0)} dont les mentors possibles sont pris` : '',
      limites ? `${frNumber(limites, 0)} écartés par le budget de leur établissement ou un quota` : '',
      echec ? `${frNumber(echec, 0)} non traités (lot en échec)` : '',
      autres ? `${frNumber(autres, 0)} pour d'autres raisons` : '',
    ].filter(Boolean);
    lines.push(`    dont ${parts.join(', ')}`);
  }
  const split = splitLine(s);
  if (split) lines.push(split);
  lines.push(
    `  Mentors : ${frNumber(c.mentors, 0)} ; engagés : ${frNumber(c.mentors_utilises, 0)} ; non éligibles : ${frNumber(c.mentors_ineligibles, 0)} ; places encore libres : ${frNumber(c.places_libres, 0)}`,
    `  Frais de déplacement estimés : ${frNumber(c.cout_total_eur, 0)} € par an, pour un budget de ${frNumber(c.budget_total_eur, 0)} €`,
    `Résultats écrits dans ${outDir} :`,
    `  binomes.csv       ${s_(c.apparies, 'binôme', 'binômes')}`,
    `  non_apparies.csv  ${s_(c.non_apparies, 'mentoré sans mentor', 'mentorés sans mentor')}, ${s_(c.mentors_ineligibles, 'mentor non éligible', 'mentors non éligibles')}, ${s_(c.mentors_capacite_libre, 'mentor avec des places libres', 'mentors avec des places libres')}`,
    `  synthese.json     la synthèse chiffrée (pour les outils)`,
    `  rapport.html      le rapport à ouvrir dans un navigateur`,
    `Pour comprendre un appariement : mentormatch explain ${outDir} <identifiant>`,
  );
  return lines.join('\n') + '\n';
}
