// `go-mapleak config init|check`: writes the commented default .go-mapleak.yaml, or checks the
// config file that applies to a directory (the one the lint would read) without linting.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CONFIG_NAMES, ConfigFinder, ConfigError } from '../config/file';
import { configProblemLines } from './report';
import { defaultConfigText } from '../config/generate';
import { displayPath } from '../workspace/discover';
import { EXIT_CLEAN, EXIT_ERROR, type CliIo } from './io';

export const CONFIG_USAGE = `usage: go-mapleak config init [--force] [DIR]
       go-mapleak config check [--config FILE] [DIR]

init   writes DIR/${CONFIG_NAMES[0]} (default: the current directory): every key at its default,
       each under its description; --force replaces a file that is there
check  reads the config file that applies to DIR (found walking up, as the lint finds it, or
       FILE), and prints each problem as FILE:LINE:COLUMN: KEY: MESSAGE; exit 2 if any
`;

const FLAGS = { force: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runConfig(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`go-mapleak config: ${(err as Error).message}\n\n${CONFIG_USAGE}`);
    return EXIT_ERROR;
  }
  const v = parsed.values;
  const [action, dirArg, ...extra] = parsed.positionals;
  if (v.help) { io.out(CONFIG_USAGE); return EXIT_CLEAN; }
  if ((action !== 'init' && action !== 'check') || extra.length) {
    io.err(`go-mapleak config: ${action ? `unknown action ${JSON.stringify(action)}` : 'init or check is required'}\n\n${CONFIG_USAGE}`);
    return EXIT_ERROR;
  }
  const dir = path.resolve(io.cwd, dirArg ?? '.');
  return action === 'init' ? init(dir, v.force ?? false, io) : check(dir, v.config, io);
}

function init(dir: string, force: boolean, io: CliIo): number {
  const there = CONFIG_NAMES.map((n) => path.join(dir, n)).find((p) => fs.existsSync(p));
  const file = path.join(dir, CONFIG_NAMES[0]);
  if (there && !force) {
    io.err(`go-mapleak config: ${displayPath(there, io.cwd)} exists; --force replaces it\n`);
    return EXIT_ERROR;
  }
  try {
    if (there && there !== file) fs.unlinkSync(there); // one config file per directory
    fs.writeFileSync(file, defaultConfigText());
  } catch (err) {
    io.err(`go-mapleak config: cannot write ${displayPath(file, io.cwd)}: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  io.err(`go-mapleak config: wrote ${displayPath(file, io.cwd)}\n`);
  return EXIT_CLEAN;
}

function check(dir: string, explicit: string | undefined, io: CliIo): number {
  const finder = new ConfigFinder(explicit === undefined ? undefined : path.resolve(io.cwd, explicit));
  const file = finder.fileFor(dir);
  if (!file) {
    io.err(`go-mapleak config: no ${CONFIG_NAMES.join(', ')} applies to ${displayPath(dir, io.cwd) || '.'} (the defaults do)\n`);
    return EXIT_CLEAN;
  }
  try {
    const config = finder.for(dir)!;
    io.err(`go-mapleak config: ${displayPath(file, io.cwd)}: ${config.values.size} key${config.values.size === 1 ? '' : 's'} set, no problems\n`);
    return EXIT_CLEAN;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(configProblemLines(err.problems, io.cwd));
    return EXIT_ERROR;
  }
}
