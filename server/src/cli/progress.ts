// The lint command's progress bar on stderr, `\r[#####     ] 1234/5564 files`: only on a terminal,
// never in CI logs (where \r redraws pile up as lines), and only for trees large enough to wait on.

/** Below this many files a run is over before a bar would help (issue 6: trees over 1,000 files). */
export const PROGRESS_MIN_FILES = 1000;
const WIDTH = 20;

/** One frame of the bar: `\r` (redraw in place), WIDTH cells, and the count. */
export function formatProgress(done: number, total: number, width = WIDTH): string {
  const d = Math.max(0, Math.min(done, total));
  const filled = total > 0 ? Math.floor((d * width) / total) : width;
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${d}/${total} files`;
}

/** Whether to draw: stderr is a terminal, the environment is not a CI job, the tree is large. */
export function wantsProgress(total: number, stderrIsTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  // CI is set by GitHub Actions, GitLab, Travis, CircleCI, Buildkite and others; TERM=dumb cannot redraw.
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return stderrIsTTY && !ci && env.TERM !== 'dumb' && total > PROGRESS_MIN_FILES;
}

export interface Progress {
  /** n more files are done. */
  advance(n?: number): void;
  /** Erases the bar so the report starts on a clean line. */
  done(): void;
}

const NONE: Progress = { advance() {}, done() {} };

/** A bar writing through `write`, or one that writes nothing when wantsProgress says no. */
export function progressBar(total: number, write: (text: string) => void, stderrIsTTY: boolean, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!wantsProgress(total, stderrIsTTY, env)) return NONE;
  let done = 0;
  let shown = '';
  const draw = () => {
    const frame = formatProgress(done, total);
    // Redraw only when a cell or the count's hundredth changes: ~100 writes, not one per file.
    const key = `${Math.floor((done * 100) / total)}`;
    if (key !== shown) { shown = key; write(frame); }
  };
  draw();
  return {
    advance(n = 1) { done += n; draw(); },
    done() { write(`\r${' '.repeat(formatProgress(total, total).length)}\r`); },
  };
}
