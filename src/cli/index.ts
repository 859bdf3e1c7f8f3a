#!/usr/bin/env node
/**
 * The mentormatch command line. The only `process.exit` of the project lives here: each command
 * returns an exit code (or throws), and this entry tells an expected failure (a French message,
 * no stack trace) from an internal error (says so, and where to report it).
 *
 * Each command lives in its own file and exports `register(program)`.
 */
import { Command } from 'commander';
import { drained, runCli } from './run.js';
import { register as registerGenerate } from './generate.js';
import { register as registerValidate } from './validate.js';
import { register as registerMatch } from './match.js';
import { register as registerExplain } from './explain.js';
import { register as registerSolve } from './solve.js';

const program = new Command();
program
  .name('mentormatch')
  .description('Appariement optimal de lycéens professionnels (mentorés) et de mentors.')
  .showHelpAfterError();

// Commands register themselves here, one line each.
const commands: Array<(p: Command) => void> = [registerValidate, registerGenerate, registerMatch, registerExplain, registerSolve];

for (const register of commands) register(program);

// Exit only once stdout and stderr are drained (a pipe's reader may be slower than us).
runCli(program, process.argv)
  .then(async (code) => {
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    return code;
  })
  .then((code) => process.exit(code));
