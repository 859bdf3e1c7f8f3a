/**
 * Runs a commander program and turns what happened into an exit code. Expected failures are
 * `CliError`s (French message, no stack); anything else is an internal error.
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';

/** Exit codes, documented in the README. */
export const EXIT = {
  OK: 0,
  /** Invalid input (round, policy, problem file) or bad arguments. */
  INVALID: 1,
  /** The round ran but is incomplete (a region failed). */
  INCOMPLETE: 3,
  /** A bug: an unexpected internal error. */
  INTERNAL: 70,
} as const;

/** An expected failure: its French message is printed as is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.INVALID,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Command actions set this to report a non-zero outcome without throwing. */
export let pendingExitCode: number = EXIT.OK;
export function setExitCode(code: number): void {
  pendingExitCode = Math.max(pendingExitCode, code);
}

export async function runCli(program: Command, argv: string[]): Promise<number> {
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return pendingExitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (help, version, or a usage error).
      return err.exitCode === 0 ? EXIT.OK : EXIT.INVALID;
    }
    if (err instanceof CliError) {
      process.stderr.write(`Erreur : ${err.message}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(
      `Erreur interne de mentormatch (ce n'est pas une erreur de vos fichiers).\n` +
        `Merci de la signaler avec ce détail sur le dépôt du projet (onglet « Issues ») :\n${detail}\n`,
    );
    return EXIT.INTERNAL;
  }
}

/**
 * Resolves once everything written so far to `stream` has been handed to the OS. `process.exit`
 * drops what a pipe has not taken yet: `mentormatch match --format json | jq` would read a
 * truncated summary (64 KiB, the pipe's buffer) without this.
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

