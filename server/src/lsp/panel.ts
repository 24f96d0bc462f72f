// The memory simulation panel's server side (the VS Code client draws it, client/src/panel/):
// `goMapleak/mapAt` answers which map is at a position, from the same code as the map hover
// (analysis/syntax/mapat.ts, the analysis run's Pass), else from the subject of a finding there;
// and, for clients that said they can show the panel (initializationOptions `{ panel: true }`),
// the hover's link and the code action that open it. The page runs the simulation itself.
import { CodeActionKind, type CodeAction, type Position } from 'vscode-languageserver';
import { passFor } from '../analysis/analyze';
import { compareGoVersions, formatGoVersion, type GoVersion } from '../analysis/goversion';
import { mapAt, type MapAt } from '../analysis/syntax/mapat';
import { field } from '../analysis/syntax/nodes';
import type { TypeResolver } from '../analysis/syntax/resolve';
import type { SyntaxNode } from '../parse/parser';
import type { AnalysisContext, Finding, MapSubject, ParsedFile, Range } from '../analysis/types';
import { NEWEST_MODELLED_GO } from '../explain/mapmemory';
import { touches } from './codeactions';
import { MAP_AT_REQUEST, SHOW_SIMULATION_COMMAND, type PanelMap } from '../protocol/panel';

export { MAP_AT_REQUEST, SHOW_SIMULATION_COMMAND, type PanelMap };

export const SIMULATION_ACTION_KIND = `${CodeActionKind.QuickFix}.go-mapleak.simulation`;

export interface PanelArgs { uri: string; position: Position }

/** Whether the client can show the panel: only our VS Code client says so. */
export function panelFrom(initializationOptions: unknown): boolean {
  return typeof initializationOptions === 'object' && initializationOptions !== null &&
    (initializationOptions as { panel?: unknown }).panel === true;
}

function version(runtime: GoVersion | undefined, go: GoVersion | undefined): Pick<PanelMap, 'goVersion' | 'versionNote'> {
  if (!runtime) return { goVersion: NEWEST_MODELLED_GO, versionNote: `No Go version known (no go.mod): Go ${NEWEST_MODELLED_GO}, the newest release modelled.` };
  const v = formatGoVersion(runtime);
  if (go && compareGoVersions(runtime, go) > 0) return { goVersion: v, versionNote: `Go ${v}, from go.mod's toolchain line.` };
  return { goVersion: v, versionNote: `Go ${v}, the module's go line (a minimum: a newer toolchain may build it).` };
}

function fromSubject(s: MapSubject): Omit<PanelMap, 'goVersion' | 'versionNote'> {
  const out: Omit<PanelMap, 'goVersion' | 'versionNote'> = { expr: s.expr, keyText: s.keyType ?? 'unknown', valueText: s.valueType ?? 'unknown' };
  if (s.keyType !== undefined) out.keyType = s.keyType;
  if (s.valueType !== undefined) out.valueType = s.valueType;
  if (s.keyType === undefined || s.valueType === undefined) out.unknown = 'the map\'s key or value type has no layout known here';
  if (s.hint !== undefined) out.hint = s.hint;
  return out;
}

const at = (p: Position): Range => ({ start: p, end: p });

/**
 * The map at `position`: the one the map hover would describe, else the subject of a shown
 * finding there (a code action passes the finding's start, which may be a `for` keyword).
 * `profilePeak`: the scenario starts from the entry count a loaded heap profile showed.
 */
export function panelMapAt(run: { file: ParsedFile; context: AnalysisContext }, shown: readonly Finding[], position: Position, profilePeak?: number): PanelMap | null {
  const pass = passFor(run.file, run.context);
  const root = run.file.tree.rootNode;
  const f = shown.find((x) => x.subject && touches(x.range, at(position)));
  const m = mapAt(root, position, pass.resolver()) ?? (f?.subject && subjectMapAt(root, f.range, f.subject.expr, pass.resolver()));
  const v = version(pass.runtimeVersion, pass.goVersion);
  const burst = f?.subject?.burst;
  // mapshrink: the burst and drain its numbers describe.
  // A loaded heap profile: the entry count the map's storage is sized for.
  const scenario = burst ? { scenario: { n: burst.peak, ops: `insert:N,delete:${burst.peak - burst.rest}` } }
    : profilePeak ? { scenario: { n: profilePeak, ops: 'insert:N' } } : {};
  if (m) {
    const out: PanelMap = { expr: m.text, keyText: m.keyText, valueText: m.valueText, ...v, ...scenario };
    if (m.keyType !== undefined) out.keyType = m.keyType;
    if (m.valueType !== undefined) out.valueType = m.valueType;
    if (m.unknown !== undefined) out.unknown = m.unknown;
    else if (m.keyType === undefined || m.valueType === undefined) out.unknown = 'a type with no layout known here';
    if (m.hint) out.hint = m.hint; // make(map[K]V, 0) is no hint
    return out;
  }
  return f?.subject ? { ...fromSubject(f.subject), ...v, ...scenario } : null;
}

/**
 * The map a finding is about, found where its expression is written inside the finding's range
 * (`sessions` in `for id := range sessions {`): the types as the code spells them. The subject
 * alone has them spelled for the simulation (`[]uint8` for `[]byte`).
 */
function subjectMapAt(root: SyntaxNode, range: Range, expr: string, resolver: TypeResolver): MapAt | undefined {
  const start = { row: range.start.line, column: range.start.character }, end = { row: range.end.line, column: range.end.character };
  for (const n of root.descendantsOfType(['identifier', 'selector_expression'], start, end)) {
    if (!n || n.text !== expr) continue;
    const name = n.type === 'selector_expression' ? field(n, 'field') ?? n : n;
    const m = mapAt(root, { line: name.startPosition.row, character: name.startPosition.column }, resolver);
    if (m) return m;
  }
  return undefined;
}

/** `command:` URI of the show command with its argument, for markdown links. */
export function simulationCommandUri(args: PanelArgs): string {
  return `command:${SHOW_SIMULATION_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/** The hover's link to the panel, when there is a map (or a finding's map) at the position. */
export function simulationLink(uri: string, position: Position, hasMap: boolean, shown: readonly Finding[]): string | undefined {
  const onFinding = shown.some((f) => f.subject && touches(f.range, at(position)));
  return hasMap || onFinding ? `[Show memory simulation](${simulationCommandUri({ uri, position })})` : undefined;
}

/**
 * One action per map that the findings touching `range` are about (rangeclear and mapretain often
 * flag the same loop): open the panel on it.
 */
export function simulationActions(uri: string, findings: readonly Finding[], range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.subject || !touches(f.range, range) || seen.has(f.subject.expr)) continue;
    seen.add(f.subject.expr);
    const title = `Show memory simulation for ${f.subject.expr}`;
    const args: PanelArgs = { uri, position: f.range.start };
    out.push({ title, kind: SIMULATION_ACTION_KIND, command: { title, command: SHOW_SIMULATION_COMMAND, arguments: [args] } });
  }
  return out;
}
