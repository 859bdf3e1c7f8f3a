/**
 * Errors are data: validation collects every problem of a round as a `RoundIssue`, with the file,
 * the row as the spreadsheet numbers it (header = row 1), the column and what was expected.
 * Rendering them as French text for coordinators is the CLI's job; the API returns them as is.
 */

/** Machine-readable reason of a validation problem. */
export type IssueCode =
  | 'file_missing'
  | 'file_empty'
  | 'file_not_csv'
  | 'column_missing'
  | 'column_duplicate'
  | 'value_invalid'
  | 'value_missing'
  | 'duplicate_id'
  | 'unknown_uai'
  | 'unknown_commune'
  | 'unknown_diploma'
  | 'unknown_slot'
  | 'unknown_mentee'
  | 'unknown_mentor'
  | 'constraint_contradiction'
  | 'imposed_pair_invalid'
  | 'policy_invalid';

/** One validation problem. `value` is absent for sensitive columns: their content never leaves the core. */
export interface RoundIssue {
  code: IssueCode;
  /** File name inside the round folder, e.g. `mentores.csv`. */
  file: string;
  /** Row number as the spreadsheet shows it (the header is row 1), when the issue is about a row. */
  row?: number;
  /** Canonical column name, when the issue is about a cell or a column. */
  column?: string;
  /** The offending value as read (never set for sensitive columns). */
  value?: string;
  /** What was expected, in French (e.g. « un entier de 1 à 5 »). */
  expected: string;
  /**
   * French sentence for coordinators: what is wrong and what to do. The location is in
   * `file`/`row`/`column`; the CLI prints `fichier:ligne colonne — message`.
   */
  message: string;
}
