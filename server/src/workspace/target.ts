// The build target files are judged against, the go command's way (workspace/buildtags.ts): the
// environment's GOOS, GOARCH, CGO_ENABLED, GOEXPERIMENT and GOFLAGS -tags, the host by default,
// extra tags (--tags, goMapleak.build.tags) and GOOS/GOARCH overrides (goMapleak.build.goos/goarch),
// and the release tags go1.1 .. go1.N of the Go release that builds the module: its toolchain
// line, else its go line, else the newest release the simulation models. A file outside the
// target is not linted and does not enter its package's view, as go vet sees it.
import * as path from 'path';
import { formatGoVersion, type GoVersion } from '../analysis/goversion';
import { targetFromEnv, whyExcluded, type BuildTarget } from './buildtags';
import { findModule, type GoModule } from './module';

/** The newest Go minor version whose release tags apply when no go.mod says (sim/: Go 1.26). */
export const NEWEST_GO_MINOR = 26;

export interface TargetOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra build tags, comma or space separated entries. */
  tags?: readonly string[];
  goos?: string;
  goarch?: string;
}

export class BuildTargets {
  private byMinor = new Map<number, BuildTarget>();
  private modules = new Map<string, GoModule | null>();

  constructor(private opts: TargetOptions = {}) {}

  /** The target for files of a module built by Go release `v` (undefined: the newest). */
  forVersion(v: GoVersion | undefined): BuildTarget {
    const minor = v && v.major === 1 ? v.minor : NEWEST_GO_MINOR;
    let t = this.byMinor.get(minor);
    if (!t) {
      const env = { ...(this.opts.env ?? process.env) };
      if (this.opts.goos) env.GOOS = this.opts.goos;
      if (this.opts.goarch) env.GOARCH = this.opts.goarch;
      this.byMinor.set(minor, (t = targetFromEnv(env, minor, this.opts.tags ?? [])));
    }
    return t;
  }

  /** The target for the files of a directory: its module's toolchain, else go line. */
  forDir(dir: string): BuildTarget {
    const mod = findModule(dir, this.modules);
    return this.forVersion(mod?.toolchain ?? mod?.goVersion);
  }

  /** Why the file is outside the target ("//go:build windows", "file name _darwin"), or undefined. */
  excluded(filePath: string, text: string): string | undefined {
    return whyExcluded(path.basename(filePath), text, this.forDir(path.dirname(path.resolve(filePath))));
  }

  /** For messages: "linux/amd64, go1.26, tags integration". */
  describe(dir: string): string {
    const t = this.forDir(dir);
    const tags = [...t.tags];
    return `${t.goos}/${t.goarch}, go${formatGoVersion({ major: 1, minor: t.goMinor, patch: 0 })}${tags.length ? `, tags ${tags.join(',')}` : ''}`;
  }
}

/** One BuildTargets per build setting (goMapleak.build, a config file's build: plus --tags). */
export class TargetsByOptions {
  private byKey = new Map<string, BuildTargets>();
  /** The targets asked for last. */
  last: BuildTargets | undefined;

  for(build: TargetOptions): BuildTargets {
    const key = JSON.stringify([build.tags ?? [], build.goos ?? '', build.goarch ?? '']);
    let t = this.byKey.get(key);
    if (!t) this.byKey.set(key, (t = new BuildTargets(build)));
    return (this.last = t);
  }
}
