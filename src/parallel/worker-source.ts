/**
 * Where a worker thread's entry module is: `name.js` next to the calling module in dist/; under
 * vitest or tsx (the caller is itself a `.ts` file), `name.ts` behind a small bootstrap that
 * registers tsx first. (`execArgv: ['--import', tsx]` is not enough on Node 20 for a worker whose
 * entry is itself TypeScript: the entry is resolved before tsx's hooks are in place,
 * ERR_UNKNOWN_FILE_EXTENSION; piscina gets away with it because its own entry is JS.)
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `new Worker(source, { eval })` arguments for the worker module `name` beside `callerUrl`. */
export function workerSource(callerUrl: string, name: string): { source: URL | string; eval?: boolean } {
  if (!callerUrl.endsWith('.ts')) return { source: new URL(`./${name}.js`, callerUrl) };
  // tsx's ESM API (the CommonJS build resolves its own ESM part wrongly from a worker).
  const api = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return { source: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}
