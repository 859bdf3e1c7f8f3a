/**
 * A validated round: what ingestion returns when a round folder has no error, and what the rest
 * of the pipeline (candidates → problem → solver → result → report) takes.
 */
import type { Contrainte, Etablissement, Mentor, Mentore } from './records.js';
import type { Policy } from './policy.js';
import type { RoundIssue } from './issues.js';

/** One input file as read: for the synthesis's input hashes and row accounting. */
export interface InputFile {
  name: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
  /** Data rows read (header and trailing empty rows excluded). */
  rows: number;
  encoding: 'utf-8' | 'windows-1252';
  /** CSV delimiter detected (absent for politique.json). */
  delimiter?: ';' | ',';
  kind: 'csv' | 'json';
}

export interface Round {
  /** Folder the round was read from. */
  dir: string;
  /**
   * Date of the round, ISO `YYYY-MM-DD` (readRound: `options.date`, else today). Honorability
   * verified after this date makes a mentor ineligible for this round.
   */
  date?: string;
  etablissements: Etablissement[];
  mentores: Mentore[];
  mentors: Mentor[];
  contraintes: Contrainte[];
  politique: Policy;
  files: InputFile[];
  /** Spreadsheet row number of each record, for messages that point back to the input. */
  rowOf: {
    mentores: number[];
    mentors: number[];
    etablissements: number[];
    /** Row of each constraint of `contraintes` (set by readRound). */
    contraintes?: number[];
  };
}

/** Result of reading a round: either a valid round or every problem found. */
export type RoundReadResult =
  | { ok: true; round: Round }
  | {
      ok: false;
      issues: RoundIssue[];
      /** The files that could be read, with their row counts (for the validation report). */
      files?: InputFile[];
    };
