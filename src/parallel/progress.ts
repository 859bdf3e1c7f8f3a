/**
 * Progress over parts, on stderr, only when stderr is a terminal and the caller is not quiet: a
 * redirected stderr (CI logs, files) gets nothing, so outputs stay byte-identical.
 */
import cliProgress from 'cli-progress';

/** A progress sink; `tick()` after each finished part, `stop()` once at the end. */
export interface Progress {
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick() {}, stop() {} };

/** A bar over `total` parts on `stream` (default stderr) when it is a TTY and not `quiet`. */
export function partProgress(total: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || !stream.isTTY || total <= 1) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'Lots résolus {bar} {value}/{total} | {duration_formatted}',
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
