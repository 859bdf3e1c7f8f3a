/**
 * The step `mentormatch match` is at, on one line of stderr, when stderr is a terminal and the
 * coordinator did not ask for `--quiet`: a national round takes several seconds per step and, as
 * one connected component, shows no bar over lots. A redirected stderr (logs, CI) gets nothing,
 * so what is written stays the same whatever the terminal.
 */

/** The steps of a round, in order, with what the coordinator reads. */
export const PHASE_LABELS = {
  lecture: 'Lecture et contrôle du tour',
  candidats: 'Calcul des mentors possibles',
  resolution: 'Appariement',
  decodage: 'Explication des binômes',
  ecriture: 'Écriture des résultats',
} as const;

export type Phase = keyof typeof PHASE_LABELS;

/** Writes what a phase display needs: the stream's `isTTY` and `write`. */
export interface PhaseStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Reports phases (`show`) and clears the line at the end (`done`); silent off a terminal or when quiet. */
export interface PhaseDisplay {
  show(phase: Phase): void;
  done(): void;
}

const SILENT: PhaseDisplay = { show() {}, done() {} };

// Carriage return + "erase line": the next phase (or the lot bar, or the summary) takes its place.
const CLEAR = '\r\u001b[2K';

export function phaseDisplay(quiet: boolean, stream: PhaseStream = process.stderr): PhaseDisplay {
  if (quiet || !stream.isTTY) return SILENT;
  let shown = false;
  return {
    show(phase) {
      stream.write(`${CLEAR}${PHASE_LABELS[phase]}…`);
      shown = true;
    },
    done() {
      if (shown) stream.write(CLEAR);
      shown = false;
    },
  };
}
