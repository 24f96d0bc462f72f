// Where a command writes and which directory it runs in: the process in cli.ts, a buffer in tests.
export interface CliIo {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal (the progress bar may redraw there). */
  errIsTTY?: boolean;
}

export function processIo(): CliIo {
  // A reader that goes away (`go-mapleak | head`) is not an error of ours: stop quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    cwd: process.cwd(),
    out: (t) => { process.stdout.write(t); },
    err: (t) => { process.stderr.write(t); },
    errIsTTY: process.stderr.isTTY === true,
  };
}

/** Exit codes, as go vet and golangci-lint use them. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
