import { describe, expect, it } from 'vitest';
import { formatRoundSummary, splitLine } from '../../src/report/terminal.js';
import { summarize } from '../../src/report/summary.js';
import { frPairsDelta as pairsDelta, frReconciliation, frResult, frSignedPercent as signedPercent } from '../../src/report/format.js';
import { tinyOutcome } from './fixture.js';

describe('the end-of-round summary', () => {
  it('is French, exact, and says where the outputs are', () => {
    expect(formatRoundSummary(summarize(tinyOutcome()), 'tours/lyon', 'out/lyon')).toBe(
      [
        'Tour « tours/lyon » du 01/09/2025 — solveur flow, découpage aucun, résultat optimal (certificat vérifié)',
        '  Mentorés : 5 ; appariés : 3 (60\u00A0%) ; sans mentor : 2',
        '    dont 1 sans aucun mentor possible, 1 dont les mentors possibles sont pris',
        '  Mentors : 4 ; engagés : 2 ; non éligibles : 1 ; places encore libres : 3',
        '  Frais de déplacement estimés : 300 € par an, pour un budget de 2\u202F500 €',
        'Résultats écrits dans out/lyon :',
        '  binomes.csv       3 binômes',
        '  non_apparies.csv  2 mentorés sans mentor, 1 mentor non éligible, 2 mentors avec des places libres',
        '  synthese.json     la synthèse chiffrée (pour les outils)',
        '  rapport.html      le rapport à ouvrir dans un navigateur',
        'Pour comprendre un appariement : mentormatch explain out/lyon <identifiant>',
        '',
      ].join('\n'),
    );
  });
  it('words every status in French', () => {
    expect(frResult('feasible', 'absent')).toBe('réalisable, optimalité non prouvée (pas de certificat (solveur heuristique))');
    expect(frResult('incomplete', 'non_verifie')).toBe('INCOMPLET (un lot a échoué) (certificat non vérifié)');
    expect(frResult('feasible', 'verifie_par_lot')).toBe("réalisable, optimalité non prouvée (certificats vérifiés lot par lot ; le découpage régional peut apparier moins qu'une résolution d'ensemble)");
  });
  it('words a regional split and what it lost, or why that was not measured', () => {
    const s = summarize({
      ...tinyOutcome(),
      par: 'academie',
      split: {
        mode: 'academie',
        lots: 30,
        exact: false,
        mentorsFrontaliers: 21614,
        candidatsHorsRegion: 227883,
        reconciliation: { mentors: 59782, mentores: 145433, statut: 'optimal', niveau: 'etendue' },
        perte: {
          statutReference: 'optimal',
          appariesNational: 81639,
          appariesDecoupage: 81603,
          scoreNetNational: 5931137.8,
          scoreNetDecoupage: 5929240,
          mentoresPerdus: 36,
          scoreNetPerdu: 1897.8,
          partScorePerdue: 0.00032,
        },
      },
    });
    expect(s.decoupage?.perte?.part_score_perdue).toBe(0.00032);
    expect(splitLine(s)).toBe(
      "  Découpage par académie : 30 lots, 21\u202F614 mentors frontaliers (réconciliation : 145\u202F433 mentorés re-traités) ; écart avec une résolution d'ensemble : 36 binômes en moins, score net −0,032\u00A0%",
    );
    expect(formatRoundSummary(s, 't', 'o').split('\n')[3]).toBe(splitLine(s));
    const unmeasured = summarize({ ...tinyOutcome(), split: { mode: 'region', lots: 13, exact: false, mentorsFrontaliers: 2, candidatsHorsRegion: 9, nonMesuree: 'tour incomplet : un lot a échoué' } });
    expect(splitLine(unmeasured)).toBe('  Découpage par région académique : 13 lots, 2 mentors frontaliers ; perte non mesurée (tour incomplet : un lot a échoué)');
    expect(splitLine(summarize({ ...tinyOutcome(), split: { mode: 'composantes', lots: 6, exact: true, mentorsFrontaliers: 0, candidatsHorsRegion: 0 } }))).toBeNull();
    expect([signedPercent(0.00012), signedPercent(-0.00032), signedPercent(1e-9)]).toEqual(['+0,012\u00A0%', '−0,032\u00A0%', '0\u00A0%']);
    // The three reconciliation levels, and the mentors a split without reconciliation still re-solves.
    expect(frReconciliation({ mentors: 0, mentores: 0, statut: 'non_demandee', niveau: 'aucune' })).toBe('sans réconciliation : chaque mentor frontalier reste dans le lot où il a le plus de candidats');
    expect(frReconciliation({ mentors: 1, mentores: 3, statut: 'optimal', niveau: 'aucune' })).toBe('sans réconciliation, sauf pour 1 mentor imposé à des mentorés de plusieurs lots : 3 mentorés re-traités');
    expect(frReconciliation({ mentors: 4, mentores: 1, statut: 'optimal', niveau: 'frontaliers' })).toBe('réconciliation des seuls mentors frontaliers : 1 mentoré re-traité');
    expect(frReconciliation({ mentors: 0, mentores: 0, statut: 'non_faite', niveau: 'etendue' })).toBeNull();
    expect([pairsDelta(-3), pairsDelta(1), pairsDelta(0)]).toEqual(['3 binômes en moins', '1 binôme en plus', 'autant de binômes']);
  });
});
