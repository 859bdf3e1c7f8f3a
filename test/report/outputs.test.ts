import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { OutputFolderError, writeOutputFolder } from '../../src/io/outputs.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mm-out-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeOutputFolder', () => {
  it('creates the folder (and missing parents) with exactly the given files', async () => {
    const out = join(root, 'a', 'b', 'tour');
    await writeOutputFolder(out, [
      { name: 'synthese.json', content: '{}' },
      { name: 'x.csv', content: 'é' },
    ]);
    expect((await readdir(out)).sort()).toEqual(['synthese.json', 'x.csv']);
    expect(await readFile(join(out, 'x.csv'), 'utf8')).toBe('é');
    // No temporary folder is left beside it.
    expect(await readdir(join(root, 'a', 'b'))).toEqual(['tour']);
  });
  it('replaces a previous output folder entirely', async () => {
    const out = join(root, 'tour');
    await writeOutputFolder(out, [{ name: 'synthese.json', content: '1' }, { name: 'old.csv', content: '' }]);
    await writeOutputFolder(out, [{ name: 'synthese.json', content: '2' }]);
    expect(await readdir(out)).toEqual(['synthese.json']);
    expect(await readFile(join(out, 'synthese.json'), 'utf8')).toBe('2');
    expect(await readdir(root)).toEqual(['tour']);
  });
  it('refuses to replace a folder that is not a mentormatch output, and writes nothing', async () => {
    const out = join(root, 'docs');
    await mkdir(out);
    await writeFile(join(out, 'important.txt'), 'keep');
    await expect(writeOutputFolder(out, [{ name: 'synthese.json', content: '{}' }])).rejects.toBeInstanceOf(OutputFolderError);
    expect(await readdir(out)).toEqual(['important.txt']);
    expect(await readdir(root)).toEqual(['docs']);
  });
  it('refuses a path that is a file', async () => {
    const out = join(root, 'f');
    await writeFile(out, 'x');
    await expect(writeOutputFolder(out, [])).rejects.toBeInstanceOf(OutputFolderError);
  });
  it('leaves no half round and keeps the previous outputs when a write fails', async () => {
    const out = join(root, 'tour');
    await writeOutputFolder(out, [{ name: 'synthese.json', content: 'ancien' }]);
    await expect(
      writeOutputFolder(out, [
        { name: 'synthese.json', content: 'nouveau' },
        { name: '../evasion', content: 'x' },
      ]),
    ).rejects.toThrow();
    expect(await readdir(root)).toEqual(['tour']);
    expect(await readFile(join(out, 'synthese.json'), 'utf8')).toBe('ancien');
  });
});
