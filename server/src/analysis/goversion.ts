// Go language versions as go.mod and build constraints spell them ("1.21", "1.21.3", "go1.22").
export interface GoVersion { major: number; minor: number; patch: number }

export function parseGoVersion(s: string): GoVersion | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(s.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function formatGoVersion(v: GoVersion): string {
  return v.patch ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}`;
}

export function compareGoVersions(a: GoVersion, b: GoVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** True when v is known and at least major.minor. */
export function atLeast(v: GoVersion | undefined, major: number, minor: number): boolean {
  return v !== undefined && compareGoVersions(v, { major, minor, patch: 0 }) >= 0;
}

/** The `go` line of a go.mod file (the language version the module is compiled with). */
export function goModVersion(goMod: string): GoVersion | undefined {
  const m = /^\s*go\s+(\S+)\s*(?:\/\/.*)?$/m.exec(goMod);
  return m ? parseGoVersion(m[1]) : undefined;
}

/** The `module` line of a go.mod file (quoted or not). */
export function goModPath(goMod: string): string | undefined {
  const m = /^\s*module\s+"?([^"\s]+)"?\s*(?:\/\/.*)?$/m.exec(goMod);
  return m?.[1];
}

/** The `toolchain` line of a go.mod file (the Go release that builds it, so the runtime it runs). */
export function goModToolchain(goMod: string): GoVersion | undefined {
  const m = /^\s*toolchain\s+go(\S+?)(?:-\S+)?\s*(?:\/\/.*)?$/m.exec(goMod);
  return m ? parseGoVersion(m[1]) : undefined;
}

/**
 * The version a file is compiled at: since Go 1.21 a `//go:build` line that requires go1.N
 * (as a conjunct the whole expression needs) raises the file's language version to 1.N.
 * We only raise on the simple forms `go1.N` and `go1.N && ...`, which is what the go
 * command itself derives (cmd/go/internal/load: FileVersion via go/build/constraint.GoVersion).
 */
export function fileGoVersion(text: string, module: GoVersion | undefined): GoVersion | undefined {
  const head = text.slice(0, text.search(/^\s*package\s/m) >>> 0);
  const m = /^\/\/go:build\s+(.+)$/m.exec(head);
  if (!m) return module;
  const terms = m[1].split('&&').map((t) => t.trim().replace(/^\((.*)\)$/, '$1'));
  let best = module;
  for (const t of terms) {
    const v = /^go(\d+)\.(\d+)$/.exec(t);
    if (!v) continue;
    const tagged = { major: Number(v[1]), minor: Number(v[2]), patch: 0 };
    if (!best || compareGoVersions(tagged, best) > 0) best = tagged;
  }
  return best;
}
