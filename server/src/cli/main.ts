// Dispatch: `go-mapleak [flags] [PATH ...]` lints; a first word naming a sub-command runs it
// instead (`sim`, `profile`, `config`). Every failure ends as an exit code, never a crash.
import { EXIT_CLEAN, EXIT_ERROR, type CliIo } from './io';
import { runLint } from './lint';
import { TOOL_NAME, TOOL_VERSION } from './meta';
import { parseLintOptions, UsageError } from './options';
import { USAGE } from './usage';
import { runSim } from './sim';
import { runProfile } from './profile';
import { runConfig } from './configcmd';

export type SubCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Sub-commands by name; `go-mapleak NAME args...` dispatches to one. */
export const SUBCOMMANDS: ReadonlyMap<string, SubCommand> = new Map([['sim', runSim], ['profile', runProfile], ['config', runConfig]]);

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const sub = argv.length && !argv[0].startsWith('-') ? SUBCOMMANDS.get(argv[0]) : undefined;
    if (sub) return await sub(argv.slice(1), io);
    const opts = parseLintOptions(argv);
    if (opts.help) { io.out(USAGE); return EXIT_CLEAN; }
    if (opts.version) { io.out(`${TOOL_NAME} ${TOOL_VERSION}\n`); return EXIT_CLEAN; }
    return await runLint(opts, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`go-mapleak: ${err.message}\n\n${USAGE}`);
      return EXIT_ERROR;
    }
    io.err(`go-mapleak: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return EXIT_ERROR;
  }
}
