// go-mapleak language server: LSP wiring only. `go-mapleak-lsp --stdio` (any editor) or
// --node-ipc (the VS Code client). The logic lives in lsp/: documents (incremental parse),
// analyzer, settings, diagnostics, code actions, hover, scheduler.
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  MessageType, ProposedFeatures, ShowMessageNotification, StreamMessageWriter, TextDocumentSyncKind, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { format } from 'util';
import { setFlagsFromString } from 'v8';
import { ResyncingMessageReader } from './lsp/framing';
import { createGoParser } from './parse/parser';
import { ParsedFileCache } from './workspace/context';
import { packageName } from './workspace/package';
import { DocumentStore, type OpenDocument } from './lsp/documents';
import { Analyzer, uriToPath, type Analysis } from './lsp/analyzer';
import { SettingsSource } from './lsp/settings';
import { analyzes, ruleOff, SECTION, type Settings } from './config/settings';
import type { ConfigError } from './config/file';
import { diagnosticsOf } from './lsp/diagnostics';
import { CODE_ACTION_KINDS, FIX_ALL_KIND, PAYLOAD_ACTION_KIND, PLAIN_EDITS, editSupport, fixAll, payloadActions, quickFixes, wanted } from './lsp/codeactions';
import { passFor } from './analysis/analyze';
import { structPayloads } from './analysis/structpayload';
import { hoverAt } from './lsp/hover';
import { BigDocuments, docWorkerEntry } from './lsp/bigdocs';
import { MEMORY_REQUEST, memoryReport } from './lsp/debug';
import { warmMapMemory } from './explain/mapmemory';
import { Debouncer } from './lsp/scheduler';
import { jsonEncoder } from './lsp/encoder';
import { connectionHost, WorkspaceScan } from './lsp/workspacescan';
import { Foreground } from './lsp/foreground';
import { ruleDocsDir } from './ruledocs';
import { CompilerConfirmations } from './compiler/cache';
import { SaveConfirmation, trustedFrom, WORKSPACE_TRUSTED } from './lsp/confirm';
import { CLEAR_PROFILE_COMMAND, LOAD_PROFILE_COMMAND, LoadedProfile, PROFILE_STATUS_NOTIFICATION } from './lsp/profile';
import { MAP_AT_REQUEST, panelFrom, SHOW_SIMULATION_COMMAND, SIMULATION_ACTION_KIND, simulationActions, simulationLink, type PanelArgs, type PanelMap } from './lsp/panel';

const DOCS_DIR = ruleDocsDir();

// The server lives for hours beside the editor, and analysis allocates fast enough that V8 lets
// the heap grow to 4 times what is live between full collections: 1.5 times instead costs a few
// ms of (mostly concurrent) marking per collection and keeps 500 open files under 200 MB (issue 6).
setFlagsFromString('--heap-growing-percent=50');

/** Set by shutdown: the exit code when the client's end of stdio closes (0 after shutdown, as the library does). */
let shutdownReceived = false;

/**
 * Over stdio the connection reads through lsp/framing.ts, which resynchronises after a framing
 * error where vscode-jsonrpc's reader would stay out of step. Passing our own reader skips what
 * createConnection does for --stdio itself, so it is done here: console output goes to the client's
 * log (stdout is the protocol), and the server exits when the client closes stdin.
 */
function stdioConnection(): Connection {
  const reader = new ResyncingMessageReader(process.stdin, (problem) => process.stderr.write(`go-mapleak-lsp: bad LSP framing from the client: ${problem}\n`));
  const c = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonEncoder }));
  console.log = console.info = console.debug = (...args: unknown[]) => c.console.log(format(...args));
  console.warn = (...args: unknown[]) => c.console.warn(format(...args));
  console.error = (...args: unknown[]) => c.console.error(format(...args));
  const exit = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return c;
}

const connection = process.argv.slice(2).includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
const log = connection.console;
const debouncer = new Debouncer();
/** Whole parses of documents typed into, once idle (Analyzer.rebase). */
const rebaser = new Debouncer();
/** How long typing pauses before the document is parsed whole again (Analyzer.rebase). */
const REBASE_IDLE_MS = 500;
/** Requests and due analyses of open documents: the workspace scan waits for them between files. */
const foreground = new Foreground();
/** Per document, the foreground work its due analysis holds from schedule() until the run ends. */
const due = new Map<string, () => void>();
let store: DocumentStore;
let analyzer: Analyzer;
let settings: SettingsSource;
let registerForConfigChanges = false;
/** Whether fixes may carry change annotations (the simulation's figures in the refactor preview). */
let clientEdits = PLAIN_EDITS;
/** Compiler confirmation on save (lsp/confirm.ts). */
let saves: SaveConfirmation | undefined;
/** The client sends workspace/didChangeWatchedFiles once we register: package views follow the disk. */
let watchFiles = false;
/** The client shows the memory simulation panel (our VS Code client): hovers link to it, findings get an action. */
let panel = false;
/** Background lint of the workspace folders' closed files (lsp/workspacescan.ts). */
let scan: WorkspaceScan | undefined;
let folderUris: string[] = [];
let folderEvents = false;
/** The heap profile loaded with goMapleak.profile.load, if any (lsp/profile.ts). */
let profile: LoadedProfile | undefined;
/** The client asks for code lenses again on workspace/codeLens/refresh. */
let lensRefresh = false;

/** The run's findings with the loaded profile's evidence on them. */
function findingsOf(run: Analysis) {
  return profile ? profile.withEvidence(run.findings, run) : run.findings;
}

/** Runs a handler; a failure is logged and answered with `fallback` instead of killing the server. */
function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      log.error(`${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  };
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const parser = await createGoParser();
  store = new DocumentStore(parser);
  const entry = docWorkerEntry(); // big documents are analyzed off this thread (lsp/bigdocs.ts)
  const big = entry ? new BigDocuments(entry, (m) => log.error(m)) : undefined;
  analyzer = new Analyzer(store, new ParsedFileCache(parser), undefined, big);
  const pull = params.capabilities.workspace?.configuration
    ? (scopeUri: string) => connection.workspace.getConfiguration({ scopeUri, section: SECTION })
    : undefined;
  // A plain window/showMessage notification: window.showWarningMessage would send a request that waits for an answer.
  const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  settings = new SettingsSource(pull, warn, params.initializationOptions);
  registerForConfigChanges = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  clientEdits = editSupport(params.capabilities);
  watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  panel = panelFrom(params.initializationOptions);
  scan = new WorkspaceScan(parser, connectionHost(connection, store, settings, DOCS_DIR, () => foreground.idle(), big));
  folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  lensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  profile = new LoadedProfile({
    parser,
    folders: () => folderUris.map((u) => uriToPath(u)).filter((p): p is string => !!p),
    changed: (status) => {
      void connection.sendNotification(PROFILE_STATUS_NOTIFICATION, status);
      for (const doc of store.all()) schedule(doc.uri, 0);
      if (lensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
    warn,
  });
  // Builds on save run offline (GOPROXY=off), as gopls's do: saving never downloads modules.
  saves = new SaveConfirmation(new CompilerConfirmations({ offline: true }), analyzer, {
    settings: (uri) => settings.get(uri),
    reanalyze: (uri) => schedule(uri, 0),
    warn,
    log: (m) => log.info(m),
  }, trustedFrom(params.initializationOptions));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [LOAD_PROFILE_COMMAND, CLEAR_PROFILE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'go-mapleak' },
  };
});

connection.onInitialized(() => {
  // The simulation's first estimate costs ~15 ms (JIT, tables): paid here, not by the first hover.
  setImmediate(warmMapMemory);
  // Clients that pull settings send didChangeConfiguration only to servers that register for it.
  if (registerForConfigChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
  // Siblings of open files change on disk (git checkout, code generators, another editor): the
  // package views follow; go.mod carries the Go version.
  if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.go' }, { globPattern: '**/go.mod' }, { globPattern: '**/.go-mapleak.{yaml,yml,json}' }] });
  if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => scan?.setFolders(added.map((f) => f.uri), removed.map((f) => f.uri)));
  scan?.setFolders(folderUris);
});

/** The version of each open document whose skip was looked for: a file not analyzed is logged once per version. */
const skipChecked = new Map<string, number>();

/** Logs, once per version, that a document was not analyzed (nested too deep), else its lack of diagnostics looks like a clean file. */
function logSkipped(uri: string, version: number, run: Analysis): void {
  if (!run.skipped || skipChecked.get(uri) === version) return;
  skipChecked.set(uri, version);
  log.warn(`${uri}: ${run.skipped}`);
}

/** The workspace folder a file is in (the innermost), if any. */
function folderOf(file: string): string | undefined {
  let best: string | undefined;
  for (const u of folderUris) {
    const f = uriToPath(u);
    if (f && (file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

/** Whether the document is analyzed: go-mapleak enabled, its config file usable, the file not excluded. */
function analyzed(s: Settings, uri: string): boolean {
  if (s.configError) publishConfigProblems(s.configError);
  const file = uriToPath(uri);
  return file ? analyzes(s, file, folderOf(file)) : s.enable && !s.configError;
}

/** The config files whose problems are published as their diagnostics (cleared when they change). */
const brokenConfigs = new Set<string>();

function publishConfigProblems(err: ConfigError): void {
  const uri = pathToFileURL(err.problems[0].file).href;
  if (brokenConfigs.has(uri)) return;
  brokenConfigs.add(uri);
  void connection.sendDiagnostics({
    uri,
    diagnostics: err.problems.map((p) => ({
      range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 } },
      severity: 1, source: 'go-mapleak', code: 'config',
      message: `${p.key ? `${p.key}: ` : ''}${p.message} (nothing is analyzed under this file until it is mended)`,
    })),
  });
}

/** A config file was created, changed or deleted: read them again and analyze everything again. */
function configsChanged(): void {
  settings.configChanged();
  for (const uri of brokenConfigs) void connection.sendDiagnostics({ uri, diagnostics: [] });
  brokenConfigs.clear();
  for (const doc of store.all()) schedule(doc.uri, 0);
  scan?.start();
}

/** Analyzes the document's current version and publishes, unless it changed while settings loaded. */
const refresh = guard('analysis', undefined, async (uri: string) => {
  const doc = store.get(uri);
  if (!doc) return;
  const version = doc.version;
  const s = await settings.get(uri);
  if (store.get(uri) !== doc || doc.version !== version || debouncer.pending(uri)) return; // a newer run is due
  const run = analyzed(s, uri) ? await analyzer.analyzeAsync(doc, s) : undefined;
  if (store.get(uri) !== doc || doc.version !== version) return; // changed while a big document was analyzed
  if (run) logSkipped(uri, version, run);
  const diagnostics = run ? diagnosticsOf(findingsOf(run), s, DOCS_DIR).map((d) => d.diagnostic) : [];
  // A rule that failed leaves the file's findings incomplete: say so where the user looks, once per version.
  if (run?.failures) {
    const what = run.failures.map((f) => `rule ${f.rule} failed (${f.message})`).join('; ');
    if (skipChecked.get(`failed:${uri}`) !== version) { skipChecked.set(`failed:${uri}`, version); log.error(`${uri}: internal error: ${what}`); }
    diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, source: 'go-mapleak', code: 'internal',
      message: `go-mapleak internal error: ${what}; its findings in this file are missing (please report it)` });
  }
  void connection.sendDiagnostics({ uri, version, diagnostics });
  // Once typing pauses, the whole parse the typing skipped (Analyzer.rebase). Not sooner: it would
  // hold up the next keystroke's didChange, and a new base makes the next function edit read the
  // package's facts again.
  if (run && run.how !== 'full') rebaser.schedule(uri, () => void rebase(uri, doc), REBASE_IDLE_MS);
});

const rebase = guard('rebase', undefined, (uri: string, doc: OpenDocument) => {
  if (!debouncer.pending(uri) && store.get(uri) === doc) analyzer.rebase(doc);
});

function schedule(uri: string, delayMs?: number): void {
  // Held during the debounce delay too: the scan does not start a file the edit's analysis would wait for.
  if (!due.has(uri)) due.set(uri, foreground.begin());
  debouncer.schedule(uri, () => {
    const end = due.get(uri);
    due.delete(uri);
    void refresh(uri).finally(() => end?.());
  }, delayMs);
}

function unschedule(uri: string): void {
  debouncer.cancel(uri);
  rebaser.cancel(uri);
  due.get(uri)?.();
  due.delete(uri);
}

/** The other open files of the document's package see its new text: re-analyze them too. */
function scheduleNeighbours(uri: string): void {
  const doc = store.get(uri);
  const name = doc && packageName(doc.text.getText());
  analyzer.touched(uri);
  for (const n of analyzer.neighbours(uri)) if (name === undefined || packageName(n.text.getText()) === name) schedule(n.uri);
}

connection.onDidOpenTextDocument(guard('didOpen', undefined, ({ textDocument: t }) => {
  store.open(t.uri, t.languageId, t.version, t.text);
  if (!watchFiles) analyzer.rescan(t.uri); // no events tell us of files added since the directory was listed
  if (!watchFiles && settings.configStale()) configsChanged(); // nor of config files edited
  schedule(t.uri, 0);
}));

connection.onDidChangeTextDocument(guard('didChange', undefined, ({ textDocument: t, contentChanges }) => {
  if (!store.change(t.uri, t.version ?? 0, contentChanges)) return;
  schedule(t.uri);
  scheduleNeighbours(t.uri);
}));

connection.onDidCloseTextDocument(guard('didClose', undefined, ({ textDocument: t }) => {
  unschedule(t.uri);
  scheduleNeighbours(t.uri); // they go back to reading this file from disk
  store.close(t.uri);
  analyzer.forget(t.uri);
  settings.forget(t.uri);
  skipChecked.delete(t.uri);
  skipChecked.delete(`failed:${t.uri}`);
  void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  void scan?.closed(t.uri); // the disk's findings, when the workspace scan is on
}));

const CHANGE: Record<number, 'created' | 'changed' | 'deleted'> = {
  [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted',
};

connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, ({ changes }) => {
  const files: { path: string; change: 'created' | 'changed' | 'deleted' }[] = [];
  for (const c of changes) {
    const p = uriToPath(c.uri);
    if (p && CHANGE[c.type]) files.push({ path: p, change: CHANGE[c.type] });
  }
  if (files.some((f) => SettingsSource.isConfigFile(f.path))) configsChanged();
  const sources = files.filter((f) => !SettingsSource.isConfigFile(f.path));
  for (const doc of analyzer.filesChanged(sources)) schedule(doc.uri);
  void scan?.filesChanged(sources);
}));

connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, ({ settings: pushed }) => {
  settings.changed(pushed);
  for (const doc of store.all()) schedule(doc.uri, 0);
  scan?.start(); // the scan setting, or what the rules report, may have changed
}));

connection.onCodeAction(guard('codeAction', [], foreground.wrap(async ({ textDocument, range, context }) => {
  const doc = store.get(textDocument.uri);
  if (!doc) return [];
  const s = await settings.get(doc.uri);
  if (!analyzed(s, doc.uri)) return [];
  const run = await analyzer.analyzeAsync(doc, s);
  if (!run || run.version !== doc.version) return [];
  const items = diagnosticsOf(findingsOf(run), s, DOCS_DIR);
  const target = { uri: doc.uri, version: doc.version, text: doc.text.getText() };
  const actions = wanted('quickfix', context.only) ? quickFixes(target, items, range, clientEdits) : [];
  if (wanted(FIX_ALL_KIND, context.only)) {
    const all = fixAll(target, items.map((i) => i.finding), clientEdits);
    if (all) actions.push(all);
  }
  if (panel && wanted(SIMULATION_ACTION_KIND, context.only)) actions.push(...simulationActions(doc.uri, items.map((i) => i.finding), range));
  // ifacebox's struct-shaped payloads, on the run's Pass (a big document's tree is the worker's: none there).
  if (wanted(PAYLOAD_ACTION_KIND, context.only) && !run.remote && !ruleOff(s, 'ifacebox')) actions.push(...payloadActions(target, payloadsOf(run), range, clientEdits));
  return actions;
})));

/**
 * The struct-shaped payloads of a run, found once per run: code actions are asked for at every
 * cursor stop, and each would walk the file and build its package's index again.
 */
const payloadsByRun = new WeakMap<Analysis, ReturnType<typeof structPayloads>>();
function payloadsOf(run: Analysis): ReturnType<typeof structPayloads> {
  let found = payloadsByRun.get(run);
  if (!found) payloadsByRun.set(run, (found = structPayloads(passFor(run.file, run.context))));
  return found;
}

connection.onHover(guard('hover', null, foreground.wrap(async ({ textDocument, position }) => {
  const doc = store.get(textDocument.uri);
  if (!doc) return null;
  const s = await settings.get(doc.uri);
  if (!analyzed(s, doc.uri)) return null;
  const run = await analyzer.analyzeAsync(doc, s);
  if (!run) return null;
  const shown = diagnosticsOf(findingsOf(run), s, DOCS_DIR).map((i) => i.finding);
  const map = await analyzer.mapHover(doc, run, position);
  // Beside the simulation, what the loaded profile measured of this map (not for a big document: its tree is the worker's).
  const measured = map && !run.remote && profile?.hoverAt(run, position);
  if (map && measured) map.value += `\n\n${measured}`;
  return hoverAt(shown, position, DOCS_DIR, map, panel ? simulationLink(doc.uri, position, !!map, shown) : undefined);
})));

connection.onRequest(MAP_AT_REQUEST, guard('mapAt', null, foreground.wrap(async ({ textDocument, position }: { textDocument: { uri: string } } & Pick<PanelArgs, 'position'>): Promise<PanelMap | null> => {
  const doc = store.get(textDocument.uri);
  if (!doc) return null;
  const s = await settings.get(doc.uri);
  const run = await analyzer.analyzeAsync(doc, s);
  if (!run) return null;
  return analyzer.panelMap(doc, run, diagnosticsOf(findingsOf(run), s, DOCS_DIR).map((i) => i.finding), position, () => profile?.peakAt(run, position));
})));

connection.onRequest(MEMORY_REQUEST, () => memoryReport(analyzer?.bigWorkerRunning ?? false));

connection.onCodeLens(guard('codeLens', [], async ({ textDocument }) => {
  const p = uriToPath(textDocument.uri);
  return p && profile ? profile.lenses(p, panel ? SHOW_SIMULATION_COMMAND : undefined, textDocument.uri) : [];
}));

/**
 * goMapleak.profile.load [source]: a file (absolute, or relative to the first folder) or an http(s)
 * URL; answers { ok, message }, and says the same in a message. goMapleak.profile.clear drops it.
 */
connection.onExecuteCommand(guard('executeCommand', { ok: false, message: 'internal error (see the log)' }, async ({ command, arguments: args }) => {
  if (!profile) return { ok: false, message: 'the server is not initialized' };
  if (command === CLEAR_PROFILE_COMMAND) {
    profile.clear();
    return { ok: true, message: 'heap profile cleared' };
  }
  if (command !== LOAD_PROFILE_COMMAND) return { ok: false, message: `unknown command ${command}` };
  const source = typeof args?.[0] === 'string' ? args[0] : typeof (args?.[0] as { source?: unknown })?.source === 'string' ? (args![0] as { source: string }).source : undefined;
  if (!source) return { ok: false, message: `${LOAD_PROFILE_COMMAND} needs a profile file or URL as its argument` };
  const s = await settings.get(folderUris[0] ?? '');
  try {
    const text = await profile.load(source, s.profile);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `go-mapleak: loaded ${text}` });
    return { ok: true, message: text };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `go-mapleak: cannot load the heap profile: ${message}` });
    return { ok: false, message };
  }
}));

connection.onDidSaveTextDocument(guard('didSave', undefined, ({ textDocument }) => {
  if (!watchFiles && settings.configStale()) configsChanged();
  return saves?.saved(textDocument.uri);
}));

connection.onNotification(WORKSPACE_TRUSTED, () => { if (saves) saves.trusted = true; });

connection.onShutdown(() => {
  shutdownReceived = true;
  debouncer.dispose();
  rebaser.dispose();
  for (const end of due.values()) end();
  due.clear();
  scan?.stop();
  saves?.dispose();
  profile?.dispose();
});

// A bug in one request must not take the editor's diagnostics down with it.
process.on('uncaughtException', (err) => log.error(`uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (err) => log.error(`unhandled rejection: ${String(err)}`));

connection.listen();
