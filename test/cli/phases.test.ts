import { describe, expect, it } from 'vitest';
import { phaseDisplay, PHASE_LABELS } from '../../src/cli/phases.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { communeTable, diplomaTable, makeRound, mentee, mentor, SCHOOLS } from '../candidates/fixtures.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (t: string) => writes.push(t) };
}

describe('the step line of match', () => {
  it('on a terminal: one line rewritten at each step, erased at the end', () => {
    const s = fakeStream(true);
    const d = phaseDisplay(false, s);
    d.show('lecture');
    d.show('candidats');
    d.done();
    d.done();
    expect(s.writes).toEqual(['\r\u001b[2KLecture et contrôle du tour…', '\r\u001b[2KCalcul des mentors possibles…', '\r\u001b[2K']);
  });
  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const s = fakeStream(tty);
      const d = phaseDisplay(quiet, s);
      for (const p of Object.keys(PHASE_LABELS) as Array<keyof typeof PHASE_LABELS>) d.show(p);
      d.done();
      expect(s.writes).toEqual([]);
    }
  });
  it('runRound reports its steps in order', async () => {
    const round = makeRound({ etablissements: SCHOOLS.slice(0, 1), mentores: [mentee({ id: 'E0' })], mentors: [mentor({ id: 'M0' })] });
    const seen: string[] = [];
    await runRound(round, { communes: communeTable(), diplomas: diplomaTable(), date: '2025-09-01', quiet: true, onPhase: (p) => seen.push(p) });
    expect(seen).toEqual(['candidats', 'resolution', 'decodage']);
  });
});
