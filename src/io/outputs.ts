/**
 * Writes a round's output folder atomically: every file goes into a temporary folder beside the
 * target, which is then renamed into place. A crash (or an error) mid-way leaves the previous
 * outputs untouched and no half round; the temporary folder is removed on error.
 */
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** One output file: name inside the folder and its full content. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

/** An expected failure of the output step, with a French message for the coordinator. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** The file that marks a folder as a mentormatch output (safe to replace). */
export const OUTPUT_MARKER = 'synthese.json';

async function existingKind(path: string): Promise<'none' | 'replaceable' | 'foreign'> {
  let st;
  try {
    st = await stat(path);
  } catch {
    return 'none';
  }
  if (!st.isDirectory()) return 'foreign';
  const entries = await readdir(path);
  // Replace only an empty folder or a previous round's outputs, never an unrelated folder.
  return entries.length === 0 || entries.includes(OUTPUT_MARKER) ? 'replaceable' : 'foreign';
}

function foreignError(outDir: string): OutputFolderError {
  return new OutputFolderError(
    `le dossier de sortie « ${outDir} » existe déjà et ne contient pas de résultats de mentormatch : ` +
      `choisissez un dossier nouveau ou vide (rien n'a été écrit).`,
  );
}

/** Throws `OutputFolderError` now if `outDir` could not take the outputs (checked before a long solve). */
export async function checkOutputTarget(outDir: string): Promise<void> {
  if ((await existingKind(resolve(outDir))) === 'foreign') throw foreignError(outDir);
}

/**
 * Writes `files` as the folder `outDir`, replacing a previous output folder there. Throws
 * `OutputFolderError` when `outDir` is a file or a folder that is not a mentormatch output.
 */
export async function writeOutputFolder(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const target = resolve(outDir);
  const kind = await existingKind(target);
  if (kind === 'foreign') throw foreignError(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  let old: string | null = null;
  try {
    // mkdtemp creates the folder private (0700); the outputs get the usual permissions.
    await chmod(tmp, 0o777 & ~process.umask());
    for (const f of files) {
      if (f.name.includes('/') || f.name.includes('\\') || f.name.startsWith('.')) {
        throw new Error(`invalid output file name: ${f.name}`);
      }
      await writeFile(join(tmp, f.name), f.content);
    }
    if (kind === 'replaceable') {
      old = `${tmp}.ancien`;
      await rename(target, old);
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // Put the previous outputs back if the new folder could not take their place.
    if (old) await rename(old, target).catch(() => undefined);
    throw err;
  }
  if (old) await rm(old, { recursive: true, force: true });
}
