// `go-mapleak profile PROFILE|URL [PATH ...]`: reads a heap or allocs profile, puts its bytes on the
// maps of the modules PATH is in, and lints PATH with the profile's figures on the findings.
import * as path from 'path';
import { parseArgs } from 'util';
import { formatGoVersion, parseGoVersion } from '../analysis/goversion';
import { RULES } from '../analysis/rules';
import { SEVERITIES, type Severity } from '../analysis/types';
import { createGoParser } from '../parse/parser';
import { decodeProfile, loadProfileBytes, MEMORY_SAMPLES, ProfileError, profileView, type MemorySample, type ModuleRoot, type ProfileView } from '../profile';
import { formatValue, entriesText, parseSize } from '../profile/evidence';
import { findModule } from '../workspace/module';
import { FilePasses } from '../workspace/passes';
import { discoverFiles, displayPath, PathError } from '../workspace/discover';
import { jsonFindings } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, type CliIo } from './io';
import { lintFiles } from './lint';
import { oneOf, UsageError } from './options';
import { atOrAbove, configProblemLines, notShownLine, problemLine } from './report';
import { ConfigError, ConfigFinder } from '../config/file';
import { DEFAULT_SETTINGS, readSettings } from '../config/settings';

export const PROFILE_USAGE = `usage: go-mapleak profile [flags] PROFILE|URL [PATH ...]

Reads a heap profile of the running program and puts its bytes on the maps they belong to:
which map each profiled line grows, makes or boxes into, its storage and boxes, the entry count
its storage is sized for, and the lint's findings on it with the profile's figures.

PROFILE is a heap or allocs profile, gzipped or not (curl .../debug/pprof/heap, go test
-memprofile, pprof.WriteHeapProfile), or an http(s) URL of this machine (?gc=1 is added to a
/heap URL without a query). PATH (default ./...) names the code, as for the lint; the profile's
frames are matched to the files of the modules PATH is in.

flags:
  --sample TYPE          inuse_space (default), inuse_objects, alloc_space or alloc_objects
  --base OLD             subtract the profile OLD (growth since then, as pprof -base)
  --go VERSION           the Go release the program ran on (default: the module's toolchain or go line)
  --threshold SIZE       an emptied map holding at least SIZE in use is a warning, less a hint
                         (default 1MiB; B, KiB, MiB, GiB)
  --format text|json|sarif
  --min-severity LEVEL   as for the lint (default information)
  --allow-remote         fetch a URL of another host
  --timeout D            time for fetching a URL (default 30s)
  --tests, --tags T,...  as for the lint

The profile keys of the .go-mapleak.yaml that applies (profile.sample, threshold, goVersion,
allowRemote) are the defaults of --sample, --threshold, --go and --allow-remote.

exit codes: 0 no findings, 1 findings, 2 usage error, unreadable profile or no frame in the modules.
See docs/profile.md.
`;

const FLAGS = {
  sample: { type: 'string' }, base: { type: 'string' }, go: { type: 'string' }, threshold: { type: 'string' },
  format: { type: 'string' }, 'min-severity': { type: 'string' }, 'allow-remote': { type: 'boolean' }, timeout: { type: 'string' },
  tests: { type: 'boolean' }, tags: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
} as const;

const PROFILE_FORMATS = ['text', 'json', 'sarif'] as const;

export async function runProfile(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`go-mapleak profile: ${(err as Error).message}\n\n${PROFILE_USAGE}`);
    return EXIT_ERROR;
  }
  const v = parsed.values;
  if (v.help) { io.out(PROFILE_USAGE); return EXIT_CLEAN; }
  try {
    const [source, ...rest] = parsed.positionals;
    if (!source) throw new UsageError('a profile file or URL is required');
    const sampleFlag: MemorySample | undefined = v.sample === undefined ? undefined : oneOf('sample', v.sample, MEMORY_SAMPLES);
    const format = v.format === undefined ? 'text' : oneOf('format', v.format, PROFILE_FORMATS);
    const minSeverity: Severity = v['min-severity'] === undefined ? 'information' : oneOf('min-severity', v['min-severity'], SEVERITIES);
    const thresholdFlag = v.threshold === undefined ? undefined : parseSize(v.threshold);
    if (v.threshold !== undefined && thresholdFlag === undefined) throw new UsageError(`invalid --threshold ${JSON.stringify(v.threshold)}: want a size such as 1MiB or 524288`);
    let timeoutMs: number | undefined;
    if (v.timeout !== undefined) {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.timeout);
      if (!m || Number(m[1]) <= 0) throw new UsageError(`invalid --timeout ${JSON.stringify(v.timeout)}: want a duration such as 30s`);
      timeoutMs = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[m[2] ?? 's'];
    }
    const goFlag = v.go === undefined ? undefined : parseGoVersion(v.go);
    if (v.go !== undefined && !goFlag) throw new UsageError(`invalid --go ${JSON.stringify(v.go)}: want a Go version such as 1.22 or go1.24.3`);
    const patterns = rest.length ? rest : ['./...'];
    let files: string[];
    try { files = discoverFiles(patterns, io.cwd); } catch (err) {
      if (err instanceof PathError) { io.err(`go-mapleak profile: ${err.message}\n`); return EXIT_ERROR; }
      throw err;
    }
    const modules = modulesOf(patterns, io.cwd);
    const mod = findModule(modules[0].dir);
    // The profile.* keys of the config file that applies to the first module; flags win.
    let conf = DEFAULT_SETTINGS;
    try {
      const config = new ConfigFinder().for(modules[0].dir);
      if (config) conf = readSettings(undefined, config).settings;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.err(configProblemLines(err.problems, io.cwd));
      return EXIT_ERROR;
    }
    const sample = sampleFlag ?? conf.profile.sample;
    const threshold = thresholdFlag ?? conf.profile.threshold;
    const allowRemote = v['allow-remote'] ?? conf.profile.allowRemote;
    const goVersion = goFlag ?? conf.profile.goVersion ?? mod?.toolchain ?? mod?.goVersion;
    if (!goVersion) throw new UsageError('--go is required here (no go.mod with a go line for PATH)');

    const load = async (s: string) => {
      const loaded = await loadProfileBytes(s, { allowRemote, timeoutMs });
      try { return { ...loaded, profile: decodeProfile(loaded.bytes) }; } catch (err) {
        if (err instanceof ProfileError) throw new ProfileError(`${loaded.source}: ${err.message}`);
        throw err;
      }
    };
    const main = await load(source);
    const base = v.base === undefined ? undefined : await load(v.base);

    const lint = await lintFiles(files, { fix: false, minSeverity: 'hint', tests: v.tests, tags: v.tags }, io.cwd, RULES);
    if (lint.problems.some((p) => p.kind === 'config')) { for (const p of lint.problems) io.err(problemLine(p)); return EXIT_ERROR; }
    const parser = await createGoParser();
    const passes = new FilePasses(parser, { tags: v.tags, tests: v.tests });
    const findings = lint.files.flatMap((f) => f.findings.map((finding) => ({ file: f.file, finding })));
    let view: ProfileView;
    try {
      view = profileView({
        profile: main.profile, base: base?.profile, source: main.source, sample, goVersion: formatGoVersion(goVersion), modules, threshold, cwd: io.cwd,
      }, passes.passOf, findings);
    } finally {
      parser.delete();
    }
    // The profile may have moved a finding's severity: filter after it.
    for (const f of lint.files) f.findings = atOrAbove(f.findings, minSeverity, lint.notShown);
    if (format === 'json') io.out(JSON.stringify(jsonReport(view, io.cwd, jsonFindings(lint)), null, 2) + '\n');
    else if (format === 'sarif') io.out(formatSarif(lint));
    else io.out(textReport(view, io.cwd) + formatText(lint));
    io.err(notShownLine(lint, minSeverity));
    if (!view.maps.length && !view.others.length) {
      io.err(`go-mapleak profile: no sample of ${main.source} has a frame in ${modules.map((m) => m.path ?? m.dir).join(', ')}: is it a profile of another program? ${foreignLine(view)}\n`);
      return EXIT_ERROR;
    }
    const shown = lint.files.reduce((n, f) => n + f.findings.length, 0);
    return shown ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (err) {
    if (err instanceof UsageError) { io.err(`go-mapleak profile: ${err.message}\n\n${PROFILE_USAGE}`); return EXIT_ERROR; }
    if (err instanceof ProfileError) { io.err(`go-mapleak profile: ${err.message}\n`); return EXIT_ERROR; }
    throw err;
  }
}

/** The modules the PATH patterns are in (the directory itself when it has no go.mod above). */
function modulesOf(patterns: readonly string[], cwd: string): ModuleRoot[] {
  const roots = new Map<string, ModuleRoot>();
  for (const p of patterns) {
    const dir = path.resolve(cwd, p.replace(/(^|[\\/])\.\.\.$/, '') || '.');
    const m = findModule(/\.go$/.test(dir) ? path.dirname(dir) : dir);
    const root = m ? { dir: m.dir, path: m.path } : { dir };
    roots.set(root.dir, root);
  }
  return [...roots.values()];
}

function foreignLine(view: ProfileView): string {
  const top = view.foreign.top.slice(0, 5).map((f) => `${f.function} (${formatValue(f.value, view.unit)})`);
  return top.length ? `Its top frames: ${top.join(', ')}.` : 'It has no samples of this type.';
}

const rel = (cwd: string, file: string) => displayPath(file, cwd);

export function jsonReport(view: ProfileView, cwd: string, findings: unknown[]) {
  return {
    version: 1,
    profile: { source: view.source, sampleType: view.sample, unit: view.unit, total: view.total, goVersion: view.goVersion, period: view.period, split: view.split },
    maps: view.maps.map((m) => ({
      name: m.id.name, kind: m.id.kind, file: rel(cwd, m.id.file), line: m.id.line,
      ...(m.id.typeText ? { type: m.id.typeText } : {}), ...(m.id.elementOf ? { elementOf: m.id.elementOf } : {}),
      bytes: m.value, storageBytes: m.storage, boxingBytes: m.boxing, split: view.split,
      entries: m.entries ? { low: m.entries.low, high: m.entries.high } : null,
      ...(m.entriesNote ? { entriesNote: m.entriesNote } : {}),
      sites: m.sites.map((s) => ({ file: rel(cwd, s.file), line: s.line, bytes: s.value, what: s.what })),
      findings: m.findings.map((f) => ({ rule: f.rule, file: rel(cwd, f.file), line: f.line })),
    })),
    otherSites: view.others.map((o) => ({ file: rel(cwd, o.file), line: o.line, function: o.function, bytes: o.value, why: o.why })),
    unattributed: { bytes: view.foreign.value, top: view.foreign.top.map((f) => ({ function: f.function, file: f.file, line: f.line, bytes: f.value })) },
    unmatched: { bytes: view.unmatched.value, top: view.unmatched.top.map((f) => ({ function: f.function, file: f.file, line: f.line, bytes: f.value })) },
    findings,
  };
}

function pct(part: number, total: number): string {
  return total > 0 ? `${((100 * part) / total).toFixed(0)}%` : '-';
}

/** The "where is my memory" report: maps by bytes, their sites, and what is not a map's. */
export function textReport(view: ProfileView, cwd: string): string {
  const u = view.unit;
  const inMaps = view.maps.reduce((n, m) => n + m.value, 0);
  const lines = [`${view.source}: ${view.sample}, total ${formatValue(view.total, u)}; ${formatValue(inMaps, u)} (${pct(inMaps, view.total)}) in ${view.maps.length} map${view.maps.length === 1 ? '' : 's'}; Go ${view.goVersion}; storage and boxes split ${view.split === 'frames' ? 'by runtime frames' : 'by object size'}`];
  for (const m of view.maps.slice(0, 20)) {
    const facts = [`storage ${formatValue(m.storage, u)}`];
    if (m.boxing) facts.push(`boxes ${formatValue(m.boxing, u)}`);
    if (m.entries) facts.push(`sized for ${entriesText(m.entries)} entries`);
    if (m.findings.length) facts.push(`findings: ${m.findings.map((f) => `${f.rule} at ${rel(cwd, f.file)}:${f.line}`).join(', ')}`);
    lines.push(`${formatValue(m.value, u).padStart(10)}  ${m.id.name} (${m.id.kind}, ${rel(cwd, m.id.file)}:${m.id.line}): ${facts.join('; ')}`);
    for (const s of [...m.sites].sort((a, b) => b.value - a.value).slice(0, 5)) lines.push(`${''.padStart(12)}${s.what} ${rel(cwd, s.file)}:${s.line} ${formatValue(s.value, u)}`);
  }
  if (view.maps.length > 20) lines.push(`  ... ${view.maps.length - 20} more maps (--format json lists them all)`);
  const others = view.others.reduce((n, o) => n + o.value, 0);
  if (others) lines.push(`${formatValue(others, u).padStart(10)}  not map allocations, in the modules (top: ${view.others.slice(0, 3).map((o) => `${rel(cwd, o.file)}:${o.line}`).join(', ')})`);
  if (view.foreign.value) lines.push(`${formatValue(view.foreign.value, u).padStart(10)}  outside the modules (top: ${view.foreign.top.slice(0, 3).map((f) => f.function).join(', ')})`);
  if (view.unmatched.value) lines.push(`${formatValue(view.unmatched.value, u).padStart(10)}  in the modules' packages but no workspace file matched (${view.unmatched.top.slice(0, 3).map((f) => `${f.file}:${f.line}`).join(', ')})`);
  return lines.join('\n') + '\n\n';
}
