/**
 * `explain`: why a mentee got its mentor (score components, km, €, modality, imposed) or none
 * (reason and the nearest relaxation), read from a round's output tables. Also answers for a
 * mentor id (its mentees, or why it has none). Pure: tables in, structured answer and French text out.
 */
import type { OutputRow, OutputTables } from '../io/output-read.js';

/** The answer for one id. */
export type Explanation =
  | { kind: 'apparie'; id: string; binome: OutputRow }
  | { kind: 'non_apparie'; id: string; ligne: OutputRow }
  | { kind: 'mentor'; id: string; binomes: OutputRow[]; ligne: OutputRow | null };

/** Finds what the outputs say about `id` (a mentee first, then a mentor); null when nothing. */
export function explain(id: string, t: OutputTables): Explanation | null {
  const pair = t.binomes.find((r) => r.mentore_id === id);
  if (pair) return { kind: 'apparie', id, binome: pair };
  const row = t.nonApparies.find((r) => r.type === 'mentore' && r.id === id);
  if (row) return { kind: 'non_apparie', id, ligne: row };
  const pairs = t.binomes.filter((r) => r.mentor_id === id);
  const note = t.nonApparies.find((r) => r.type === 'mentor' && r.id === id) ?? null;
  if (pairs.length > 0 || note) return { kind: 'mentor', id, binomes: pairs, ligne: note };
  return null;
}

const MODALITE_FR: Record<string, string> = {
  presentiel: 'en présentiel',
  distanciel: 'à distance',
  mixte: 'mixte (présentiel et distance)',
};

const NIVEAU_FR: Record<string, string> = {
  meme_diplome: 'même diplôme que le métier du mentor',
  meme_famille: 'même famille de métiers',
  meme_filiere: 'même filière',
  transverse: 'fonction transverse (autre filière)',
};

const FILIERE_FR: Record<string, string> = { numerique: 'numérique', mobilite: 'mobilité', energie: 'énergie' };

function school(r: OutputRow): string {
  return `${r.etablissement} (${r.uai}), académie de ${r.academie}, filière ${FILIERE_FR[r.filiere] ?? r.filiere}`;
}

function pairLines(b: OutputRow): string[] {
  const lines = [
    `  Score du binôme : ${b.score} points = métier ${b.score_metier} + proximité ${b.score_proximite} + disponibilités ${b.score_disponibilites} − pénalité de capacité ${b.penalite_capacite}`,
  ];
  if (b.niveau_metier) lines.push(`  Proximité de métier : ${NIVEAU_FR[b.niveau_metier] ?? b.niveau_metier}`);
  if (b.creneaux_communs) lines.push(`  Créneaux de disponibilité communs : ${b.creneaux_communs}`);
  lines.push(
    `  Rencontres ${MODALITE_FR[b.modalite] ?? b.modalite}${b.modalite === 'distanciel' ? '' : `, à environ ${b.km} km par la route`} ; frais de déplacement estimés : ${b.frais_eur} € par an`,
  );
  lines.push(b.impose === 'oui' ? '  Binôme imposé par contraintes.csv.' : '  Binôme choisi par l’optimisation (non imposé).');
  return lines;
}

/** The explanation as French text for the terminal. */
export function formatExplanation(e: Explanation): string {
  const out: string[] = [];
  if (e.kind === 'apparie') {
    out.push(`Mentoré ${e.id} — ${school(e.binome)}`);
    out.push(`Mentor attribué : ${e.binome.mentor_id}`);
    out.push(...pairLines(e.binome));
  } else if (e.kind === 'non_apparie') {
    out.push(`Mentoré ${e.id} — ${school(e.ligne)}`);
    out.push('Aucun mentor attribué.');
    out.push(`  Raison (${e.ligne.raison_code}) : ${e.ligne.raison}`);
    if (e.ligne.candidats !== undefined && e.ligne.candidats !== '') out.push(`  Mentors candidats après les règles obligatoires : ${e.ligne.candidats}`);
    out.push(`  Ce qui aiderait : ${e.ligne.relaxation || 'aucune piste simple (voir rapport.html, besoins de recrutement).'}`);
  } else {
    out.push(`Mentor ${e.id}`);
    if (e.binomes.length > 0) {
      out.push(`Mentorés attribués : ${e.binomes.length}`);
      for (const b of e.binomes) {
        out.push(`- ${b.mentore_id} — ${school(b)}`);
        out.push(...pairLines(b));
      }
    } else {
      out.push('Aucun mentoré attribué.');
    }
    if (e.ligne) out.push(`  ${e.ligne.raison_code === 'capacite_libre' ? 'Capacité' : 'Non éligible'} (${e.ligne.raison_code}) : ${e.ligne.raison}`);
  }
  return out.join('\n') + '\n';
}
