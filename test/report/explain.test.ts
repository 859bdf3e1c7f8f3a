import { describe, expect, it } from 'vitest';
import { parseOutputCsv } from '../../src/io/output-read.js';
import { binomesCsv, nonAppariesCsv } from '../../src/io/output-tables.js';
import { explain, formatExplanation } from '../../src/report/explain.js';
import { tinyOutcome } from './fixture.js';

async function tables() {
  const o = tinyOutcome();
  return { binomes: await parseOutputCsv(binomesCsv(o)), nonApparies: await parseOutputCsv(nonAppariesCsv(o)) };
}

describe('explain', () => {
  it('explains a pair with its components, km, €, modality and imposed flag', async () => {
    const e = explain('E2', await tables());
    expect(e?.kind).toBe('apparie');
    expect(formatExplanation(e!)).toBe(
      [
        'Mentoré E2 — LP Alpha (0690001A), académie de Lyon, filière numérique',
        'Mentor attribué : M1',
        '  Score du binôme : 50 points = métier 40 + proximité 10 + disponibilités 10 − pénalité de capacité 10',
        '  Proximité de métier : même famille de métiers',
        '  Créneaux de disponibilité communs : 1',
        '  Rencontres mixte (présentiel et distance), à environ 20 km par la route ; frais de déplacement estimés : 200 € par an',
        '  Binôme imposé par contraintes.csv.',
        '',
      ].join('\n'),
    );
  });
  it('finds an id that had to be neutralised in the CSV', async () => {
    const e = explain('=E3', await tables());
    expect(e?.kind).toBe('apparie');
    expect(formatExplanation(e!)).toContain('Rencontres à distance ; frais de déplacement estimés : 0 € par an');
  });
  it('explains an unmatched mentee with its reason and relaxation', async () => {
    const e = explain('E4', await tables());
    expect(formatExplanation(e!)).toBe(
      [
        'Mentoré E4 — LP Bêta; "Sud" (0690002B), académie de Lyon, filière énergie',
        'Aucun mentor attribué.',
        '  Raison (sans_candidat_rayon) : Aucun mentor éligible de sa filière à moins de 30 km.',
        '  Mentors candidats après les règles obligatoires : 0',
        '  Ce qui aiderait : Un rayon de 45 km ajouterait 2 candidats.',
        '',
      ].join('\n'),
    );
  });
  it('answers for a mentor too, and null for an unknown id', async () => {
    const t = await tables();
    const m1 = explain('M1', t);
    expect(m1?.kind === 'mentor' && m1.binomes.map((b) => b.mentore_id)).toEqual(['E1', 'E2']);
    expect(formatExplanation(explain('M3', t)!)).toContain('Non éligible (etudiant) : Un étudiant ne peut pas être mentor.');
    expect(explain('nobody', t)).toBeNull();
  });
});
