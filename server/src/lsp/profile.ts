// A heap profile loaded into the server (workspace/executeCommand goMapleak.profile.load, any
// editor; the VS Code client's "Load Heap Profile…" picks a file or asks for a URL). Its view is
// built once per load, against the disk: the maps' bytes, and the findings of the packages it names.
// Each analysis of an open document then gets the evidence on its findings, a code lens on each
// profiled map's declaration, and hovers get the figures. A file source is watched (polled) and
// read again when it changes. The server fetches URLs; it never listens on a port.
import type { ProfileSettings } from '../config/settings';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeLens, Position } from 'vscode-languageserver';
import { passFor } from '../analysis/analyze';
import { formatGoVersion, type GoVersion } from '../analysis/goversion';
import type { AnalysisContext, Finding, ParsedFile } from '../analysis/types';
import { discoverFiles, skippedDir } from '../workspace/discover';
import type { Parser } from '../parse/parser';
import { decodeProfile, loadProfileBytes, isUrl, profileView, ProfileError, type MemorySample, type ModuleRoot, type ProfileView, type MapView } from '../profile';
import { applyEvidence, entriesText, evidenceSentence, findingMapId, formatValue, held, sourceName } from '../profile/evidence';
import { FileMatcher } from '../profile/match';
import { mapIdOf } from '../profile/mapid';
import { collectSites } from '../profile/sites';
import { findModule } from '../workspace/module';
import { FilePasses } from '../workspace/passes';

export const LOAD_PROFILE_COMMAND = 'goMapleak.profile.load';
export const CLEAR_PROFILE_COMMAND = 'goMapleak.profile.clear';
/** Server → client: which profile is loaded (the VS Code status bar shows it); `null` when none. */
export const PROFILE_STATUS_NOTIFICATION = 'goMapleak/profileStatus';


export interface ProfileStatus { source: string; sampleType: string; total: string; maps: number; text: string }

export interface ProfileHost {
  parser: Parser;
  folders(): string[];
  /** The view changed (loaded, reloaded, cleared): re-analyze, refresh lenses, show the status. */
  changed(status: ProfileStatus | null): void;
  warn(message: string): void;
}

const POLL_MS = 1000;

export class LoadedProfile {
  view: ProfileView | undefined;
  private source: string | undefined;
  /** Where paths in messages are relative to: the first workspace folder. */
  private cwd = '.';
  private settings: ProfileSettings | undefined;
  private watched: string | undefined;
  private loading: Promise<unknown> = Promise.resolve();

  constructor(private host: ProfileHost) {}

  /** Loads (or replaces) the profile; resolves to a one-line summary, rejects with a ProfileError's message. */
  load(source: string, settings: ProfileSettings): Promise<string> {
    const run = this.loading.then(() => this.read(source, settings));
    this.loading = run.catch(() => undefined);
    return run;
  }

  clear(): void {
    this.unwatch();
    this.view = this.source = this.settings = undefined;
    this.host.changed(null);
  }

  dispose(): void {
    this.unwatch();
  }

  private async read(source: string, settings: ProfileSettings): Promise<string> {
    const folders = this.host.folders();
    const modules = modulesIn(folders);
    if (!modules.length) throw new ProfileError('no go.mod in the workspace folders: the profile has no module to be matched to');
    const file = isUrl(source) ? source : path.resolve(folders[0] ?? '.', source);
    const loaded = await loadProfileBytes(file, { allowRemote: settings.allowRemote });
    let profile;
    try { profile = decodeProfile(loaded.bytes); } catch (err) {
      if (err instanceof ProfileError) throw new ProfileError(`${loaded.source}: ${err.message}`);
      throw err;
    }
    const matcher = new FileMatcher(modules);
    // The findings of the packages the profile names: which maps are emptied, and where.
    const table = collectSites(profile, settings.sample, matcher);
    const dirs = new Set([...table.sites.values()].map((s) => path.dirname(s.file)));
    const files = discoverFiles([...dirs], folders[0] ?? '.');
    const passes = new FilePasses(this.host.parser);
    const findings = files.flatMap((f) => passes.findingsOf(f).map((finding) => ({ file: f, finding })));
    const mod = findModule(modules[0].dir);
    const go = settings.goVersion ?? mod?.toolchain ?? mod?.goVersion;
    const view = profileView({
      profile, source: loaded.source, sample: settings.sample, goVersion: go ? formatGoVersion(go) : '1.26', modules, threshold: settings.threshold, cwd: folders[0] ?? '.', table,
    }, passes.passOf, findings, matcher);
    if (!view.maps.length && !view.others.length) {
      const top = view.foreign.top.slice(0, 3).map((f) => f.function).join(', ');
      throw new ProfileError(`${loaded.source}: no sample has a frame in the workspace's modules (${modules.map((m) => m.path ?? m.dir).join(', ')}): is it a profile of another program?${top ? ` Its top frames: ${top}.` : ''}`);
    }
    this.view = view;
    this.cwd = folders[0] ?? '.';
    this.source = file;
    this.settings = settings;
    if (!isUrl(file)) this.watch(file); else this.unwatch();
    const status = this.status()!;
    this.host.changed(status);
    return status.text;
  }

  status(): ProfileStatus | null {
    const v = this.view;
    if (!v) return null;
    const inMaps = v.maps.reduce((n, m) => n + m.value, 0);
    const text = `${sourceName(v.source)} (${v.sample}): ${formatValue(inMaps, v.unit)} in ${v.maps.length} map${v.maps.length === 1 ? '' : 's'} of ${formatValue(v.total, v.unit)}`;
    return { source: v.source, sampleType: v.sample, total: formatValue(v.total, v.unit), maps: v.maps.length, text };
  }

  private watch(file: string): void {
    if (this.watched === file) return;
    this.unwatch();
    this.watched = file;
    fs.watchFile(file, { interval: POLL_MS }, (cur, prev) => {
      if (cur.mtimeMs === prev.mtimeMs && cur.size === prev.size) return;
      if (!this.settings || this.source !== file) return;
      // A profile being rewritten may be read half-written: the next change reads it again.
      this.load(file, this.settings).catch((err: Error) => this.host.warn(`go-mapleak: could not reload the heap profile: ${err.message}`));
    });
  }

  private unwatch(): void {
    if (this.watched) fs.unwatchFile(this.watched);
    this.watched = undefined;
  }

  /** The profiled map `f` is about, if any. */
  private mapOf(f: Finding, run: { file: ParsedFile; context: AnalysisContext }): MapView | undefined {
    const v = this.view;
    if (!v) return undefined;
    const id = findingMapId(f, passFor(run.file, run.context));
    return id && v.maps.find((m) => m.id.key === id.key);
  }

  /** The run's findings with the profile's evidence: copies, the run's own are kept as analyzed. */
  withEvidence(findings: readonly Finding[], run: { file: ParsedFile; context: AnalysisContext }): Finding[] {
    const v = this.view;
    if (!v || !this.settings) return [...findings];
    // Findings name maps of their own package: a file of no profiled package is left as it is.
    const dir = path.dirname(run.file.path);
    if (!v.maps.some((m) => path.dirname(m.id.file) === dir)) return [...findings];
    return findings.map((f) => {
      const m = this.mapOf(f, run);
      if (!m) return f;
      const copy: Finding = { ...f, impact: { ...f.impact, evidence: [...f.impact.evidence] } };
      applyEvidence(copy, m, v, this.settings!.threshold, this.cwd);
      return copy;
    });
  }

  /** A lens on the declaration of each profiled map in `file`: "36.0 MiB in use · storage for about 200,000 entries". */
  lenses(file: string, command?: string, uri?: string): CodeLens[] {
    const v = this.view;
    if (!v) return [];
    return v.maps.filter((m) => m.id.file === file).map((m) => {
      const position: Position = { line: m.id.line - 1, character: 0 };
      const title = lensTitle(m, v);
      return { range: { start: position, end: position }, command: { title, command: command ?? '', arguments: command ? [{ uri, position }] : undefined } };
    });
  }

  /** The profiled map at a position: a name or selector of it, or its declaration's line. */
  private mapAt(run: { file: ParsedFile; context: AnalysisContext }, position: Position): MapView | undefined {
    const v = this.view;
    if (!v) return undefined;
    const node = run.file.tree.rootNode.descendantForPosition({ row: position.line, column: position.character });
    const expr = node?.type === 'field_identifier' && node.parent?.type === 'selector_expression' ? node.parent : node;
    const id = expr && (expr.type === 'identifier' || expr.type === 'selector_expression') ? mapIdOf(expr, passFor(run.file, run.context)) : undefined;
    return v.maps.find((m) => (id && m.id.key === id.key) || (m.id.file === run.file.path && m.id.line === position.line + 1));
  }

  /** The map's profile figures for a hover on it, in markdown. */
  hoverAt(run: { file: ParsedFile; context: AnalysisContext }, position: Position): string | undefined {
    const v = this.view;
    const m = this.mapAt(run, position);
    if (!v || !m) return undefined;
    const sites = [...m.sites].sort((a, b) => b.value - a.value).slice(0, 5)
      .map((s) => `- ${s.what} at ${path.basename(s.file)}:${s.line}: ${formatValue(s.value, v.unit)}`);
    return `**Heap profile** (${sourceName(v.source)}, ${v.sample}): ${evidenceSentence(m, v, this.cwd)}.\n\n${sites.join('\n')}${m.entriesNote ? `\n\n${m.entriesNote}.` : ''}`;
  }

  /** The entry count the panel's scenario starts from: the middle of the range of the map at the position. */
  peakAt(run: { file: ParsedFile; context: AnalysisContext }, position: Position): number | undefined {
    const m = this.mapAt(run, position);
    return m?.entries ? Math.round((m.entries.low + m.entries.high) / 2) : undefined;
  }
}

export function lensTitle(m: MapView, v: ProfileView): string {
  const parts = [`${formatValue(m.value, v.unit)} ${held(v)}`];
  if (m.boxing) parts.push(`${formatValue(m.boxing, v.unit)} boxed`);
  if (m.entries) parts.push(`storage for ${entriesText(m.entries)} entries`);
  return `${parts.join(' · ')} (heap profile)`;
}

/** The modules of the workspace folders: the go.mod at or above each, and those below it. */
export function modulesIn(folders: readonly string[]): ModuleRoot[] {
  const found = new Map<string, ModuleRoot>();
  const add = (dir: string) => {
    const m = findModule(dir);
    if (m) found.set(m.dir, { dir: m.dir, path: m.path });
  };
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    if (entries.some((e) => e.name === 'go.mod' && e.isFile())) add(dir);
    if (depth < 3) for (const e of entries) if (e.isDirectory() && !skippedDir(e.name) && e.name !== 'node_modules') walk(path.join(dir, e.name), depth + 1);
  };
  for (const f of folders) { add(f); walk(f, 0); }
  return [...found.values()];
}
