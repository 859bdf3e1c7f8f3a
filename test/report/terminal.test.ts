import { describe, expect, it } from 'vitest';
import { formatRoundSummary } from '../../src/report/terminal.js';
import { summarize } from '../../src/report/summary.js';
import { frResult } from '../../src/report/format.js';
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
  });
});
