import { describe, expect, it } from 'vitest';
import { buildCandidates } from '../../src/candidates/build.js';
import { encodeProblem } from '../../src/encode/encode.js';
import { decodeAssignment } from '../../src/encode/decode.js';
import { PolicySchema } from '../../src/schema/policy.js';
import { SCHOOLS, communeTable, diplomaTable, makeRound, mentee, mentor } from '../candidates/fixtures.js';

const policy = PolicySchema.parse({ priorite: { qpv: 0.5, ase: 1, handicap: 0.25 } });
const round = makeRound(
  {
    etablissements: [{ ...SCHOOLS[0], budget_eur: 300 }, SCHOOLS[1]],
    mentores: [mentee({ id: 'E0', qpv: true, ase: true }), mentee({ id: 'E1', uai: SCHOOLS[1].uai, handicap: true }), mentee({ id: 'E2', diplome: 'M1' })],
    mentors: [mentor({ id: 'A', capacite: 3, metier: ['N1'] }), mentor({ id: 'B', code_commune: '69266' })],
    contraintes: [{ mentore_id: 'E1', mentor_id: 'B', type: 'impose' }],
  },
  policy,
);
const cands = buildCandidates(round, { communes: communeTable(), diplomas: diplomaTable(), date: '2024-10-01', policy });

describe('encodeProblem', () => {
  const { problem, menteeSchool } = encodeProblem(round, cands, policy);
  it('fills the Problem from the candidates and the policy', () => {
    expect(problem.sense).toBe('max');
    expect([problem.nMentees, problem.nMentors]).toEqual([3, 2]);
    expect(Array.from(problem.capacity)).toEqual([3, 1]);
    expect(problem.offsets).toBe(cands.offsets);
    expect(problem.edgeWeight).toBe(cands.score);
    expect(Array.from(problem.priority!)).toEqual([2.5, 1.25, 1]);
    expect(Array.from(problem.slotPenalty!)).toEqual([0, 10, 20]);
    expect(problem.edgeImposed).toBe(cands.imposed);
    expect(Array.from(menteeSchool)).toEqual([0, 1, 0]);
    expect(Array.from(problem.side!.groupBudget!)).toEqual([300, 500]);
    expect(problem.side!.edgeCost).toBe(cands.cost);
  });
  it('the sensitive flags leave only as a priority number', () => {
    expect(JSON.stringify(Object.keys(problem))).not.toMatch(/qpv|ase|handicap/);
  });
});

describe('encodeProblem: quotas of the policy', () => {
  it('adds no quota row by default', () => {
    const { problem } = encodeProblem(round, cands, policy);
    expect(problem.side!.groupMinPriority).toBeUndefined();
    expect(problem.side!.employerMax).toBeUndefined();
  });
  it('per school ⌊share × priority mentees with a candidate⌋; per employer (trimmed, any case or accent) the cap', () => {
    const q = PolicySchema.parse({ ...policy, quotas: { part_min_prioritaires: 0.5, max_par_employeur: 2 } });
    const withEmployers = {
      ...round,
      mentors: [
        { ...round.mentors[0], employeur: ' Keolis ' },
        { ...round.mentors[1], employeur: 'KÉOLIS' },
      ],
    };
    const { problem } = encodeProblem(withEmployers, cands, q);
    // School 0: E0 (priority 2.5, has candidates) and E2 (priority 1); school 1: E1 (priority 1.25).
    const withCandidate = (i: number) => cands.offsets[i + 1] > cands.offsets[i];
    expect(withCandidate(0) && withCandidate(1)).toBe(true);
    expect(Array.from(problem.side!.groupMinPriority!)).toEqual([0, 0]); // ⌊0.5 × 1⌋ in each
    const all = encodeProblem(withEmployers, cands, PolicySchema.parse({ ...q, quotas: { part_min_prioritaires: 1 } })).problem;
    expect(Array.from(all.side!.groupMinPriority!)).toEqual([1, 1]);
    expect(Array.from(problem.side!.mentorEmployer!)).toEqual([0, 0]);
    expect(Array.from(problem.side!.employerMax!)).toEqual([2]);
  });
  it('rejects a share outside 0–1 and a cap below 1', () => {
    expect(PolicySchema.safeParse({ quotas: { part_min_prioritaires: 1.5 } }).success).toBe(false);
    expect(PolicySchema.safeParse({ quotas: { max_par_employeur: 0 } }).success).toBe(false);
    expect(PolicySchema.safeParse({ quotas: { autre: 1 } }).success).toBe(false);
  });
});

describe('decodeAssignment', () => {
  it('maps mentor indices back to ids with the pair details', () => {
    const e1 = Array.from(cands.mentor.subarray(cands.offsets[1], cands.offsets[2]));
    expect(e1).toContain(1);
    const d = decodeAssignment(round, cands, [0, 1, -1]);
    expect(d.unmatched).toEqual([2]);
    expect(d.pairs.map((p) => [p.menteeId, p.mentorId, p.uai, p.impose, p.niveauMetier, p.modalite])).toEqual([
      ['E0', 'A', '0690001A', false, 'meme_diplome', 'presentiel'],
      ['E1', 'B', '0690002B', true, 'meme_filiere', 'presentiel'],
    ]);
    const p0 = d.pairs[0];
    expect(p0.components.metier + p0.components.proximite + p0.components.disponibilites).toBe(p0.score);
  });
  it('refuses a mentor that is not a candidate', () => {
    expect(() => decodeAssignment(round, cands, [-1, -1, 0])).toThrow(/not one of its candidates/);
  });
});
