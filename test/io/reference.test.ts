import { describe, expect, it } from 'vitest';
import { loadCommunes, loadDiplomas, normalizeCfd, parseCommunes } from '../../src/io/reference.js';

describe('communes', () => {
  it('loads the 2024 table, memoised, with Corsica and the Paris/Lyon/Marseille city codes', () => {
    const c = loadCommunes();
    expect(loadCommunes()).toBe(c);
    expect(c.code.length).toBe(35415 + 3);
    const aj = c.index.get('2A004')!;
    expect([c.nom[aj], c.academie[aj], c.regionAcademique[aj]]).toEqual(['Ajaccio', 'Corse', 'Corse']);
    expect(c.lat[aj]).toBeCloseTo(41.92274, 5);
    const lyon = c.index.get('69123')!;
    expect([c.nom[lyon], c.academie[lyon], c.academieCode[lyon]]).toEqual(['Lyon', 'Lyon', '10']);
    // Population-weighted centroid of the 9 arrondissements: inside the city.
    expect(c.lat[lyon]).toBeGreaterThan(45.72);
    expect(c.lat[lyon]).toBeLessThan(45.79);
    expect(c.population[c.index.get('75056')!]).toBeGreaterThan(2_000_000);
  });
  it('parses quoted names with commas and doubled quotes', () => {
    const t = parseCommunes(
      'code_insee,nom,type,dep,reg,code_academie,academie,region_academique,lat,lon,population_2021\n' +
        '01001,"A, ""B""",COM,01,84,10,"Lyon","Auvergne-Rhône-Alpes",46.1,4.9,832\n',
    );
    expect(t.nom).toEqual(['A, "B"']);
    expect(t.population[0]).toBe(832);
    expect(t.lon[0]).toBe(4.9);
  });
});

describe('diplomas', () => {
  it('65 diplomas by normalised CFD; transport/logistique mapped to mobilite', () => {
    const d = loadDiplomas();
    expect(d.all.length).toBe(65);
    expect(d.byCfd.get('40025519R')).toMatchObject({ filiere: 'numerique', diplome: 'BAC PRO', groupe: 'numerique' });
    expect(d.byCfd.get('40031106M')).toMatchObject({ filiere: 'mobilite', groupe: 'transport_logistique' });
    expect(d.all.every((x) => /^[0-9A-Z]+$/.test(x.cfd))).toBe(true);
    expect(new Set(d.all.map((x) => x.filiere))).toEqual(new Set(['numerique', 'mobilite', 'energie']));
  });
  it('normalizeCfd removes spaces and hyphens and upper-cases', () => {
    expect(normalizeCfd(' 400-25519 r ')).toBe('40025519R');
  });
});
