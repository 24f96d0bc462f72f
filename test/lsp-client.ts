// The protocol tests' one LSP client: the bundled server (dist/server.js) run as a process over
// stdio or node IPC, spoken to the way an editor does, with what the server sent back kept for
// assertions. It answers the server's own requests (workspace/configuration, registrations).
import * as assert from 'assert';
import { fork, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
  type CodeAction, type CodeActionContext, type ConfigurationItem, type Hover, type InitializeResult, type Position,
  type ProtocolConnection, type PublishDiagnosticsParams, type Range, type Registration, type RegistrationParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export const ROOT = path.resolve(__dirname, '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
/** Long enough for a slow CI machine, short enough that a broken server fails the test instead of hanging it. */
export const WAIT_MS = 5000;

/** Bundles dist/ (`npm run build`): the protocol tests run the server the package ships. */
export function buildServer(): void {
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export const at = (line: number, character: number): Position => ({ line, character });

export interface ClientOptions {
  /** stdio by default; node-ipc is the VS Code client's transport. */
  transport?: 'stdio' | 'node-ipc';
  /** More arguments after the transport flag. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** A directory put first on the server's PATH (a fake `go`). */
  pathPrefix?: string;
  cwd?: string;
  /** How long until() waits by default. */
  waitMs?: number;
}

/** A publishDiagnostics and when it arrived (Date.now()). */
export type Published = PublishDiagnosticsParams & { at: number };

/** An editor in miniature: a JSON-RPC connection to a server process and what the server sent back. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly published: Published[] = [];
  /** window/showMessage notifications. */
  readonly messages: { type: number; message: string }[] = [];
  readonly configRequests: ConfigurationItem[] = [];
  readonly registrations: Registration[] = [];
  /** What workspace/configuration answers for each item; null plays an editor with nothing configured. */
  config: Record<string, unknown> | null = {};
  stderr = '';
  readonly waitMs: number;
  private readonly waiters = new Set<() => void>();

  constructor(options: ClientOptions = {}) {
    this.waitMs = options.waitMs ?? WAIT_MS;
    let env = { ...process.env, ...options.env };
    if (options.pathPrefix) env = { ...env, PATH: `${options.pathPrefix}${path.delimiter}${env.PATH ?? ''}` };
    const args = options.args ?? [];
    if (options.transport === 'node-ipc') {
      this.proc = fork(SERVER, ['--node-ipc', ...args], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, cwd: options.cwd });
      this.conn = createProtocolConnection(new IPCMessageReader(this.proc), new IPCMessageWriter(this.proc));
    } else {
      // SERVER_NODE_ARGS: node options for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under a bench.
      const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
      this.proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env, cwd: options.cwd });
      this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    }
    this.proc.stderr!.on('data', (d) => { this.stderr += String(d); });
    // A waiter re-checks on exit too, so a crashed server fails the test at once instead of at the timeout.
    this.proc.once('exit', () => this.wake());
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push({ ...p, at: Date.now() });
      this.wake();
    });
    this.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => { this.messages.push(m); this.wake(); });
    this.conn.onNotification('window/logMessage', () => { /* the server's log; stderr is shown on failure */ });
    this.conn.onRequest('workspace/configuration', (p: { items: ConfigurationItem[] }) => {
      this.configRequests.push(...p.items);
      return p.items.map(() => this.config);
    });
    this.conn.onRequest('client/registerCapability', (p: RegistrationParams) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.listen();
  }

  private wake(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  private exited(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /**
   * Resolves when `probe` returns a value: checked after every message from the server and every
   * 50 ms (for state outside the server, such as files a fake go writes).
   */
  until<T>(what: string, probe: () => T | undefined, timeoutMs = this.waitMs): Promise<T> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
        reject(new Error(`${why} waiting for ${what}; ${this.receivedSummary()}\n${this.stderr}`));
      };
      const check = (): void => {
        const v = probe();
        if (v !== undefined) {
          clearTimeout(timer);
          clearInterval(poll);
          this.waiters.delete(check);
          resolve(v);
        } else if (this.exited()) {
          fail(`the server exited (${this.proc.exitCode ?? this.proc.signalCode})`);
        } else {
          this.waiters.add(check);
        }
      };
      const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      const poll = setInterval(check, 50);
      check();
    });
  }

  /** The first publish for `uri` from index `skip` of `published` on that satisfies `ok`. */
  diagnostics(uri: string, skip: number, ok: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Published> {
    return this.until(`diagnostics for ${uri}`, () => this.published.slice(skip).find((p) => p.uri === uri && ok(p)));
  }

  /** Where the next publish will be in `published`: pass it to diagnostics() to wait for a new one. */
  mark(): number {
    return this.published.length;
  }

  /** initialize with `dir` as root and only workspace folder, then initialized. */
  async initialize(dir: string, capabilities: object = {}, initializationOptions?: unknown): Promise<InitializeResult> {
    const uri = pathToFileURL(dir).href;
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'p' }], capabilities, initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
  }

  change(uri: string, version: number, ...contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  save(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  configChanged(settings: unknown = null): Promise<void> {
    return this.conn.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context });
  }

  /** A request round trip: the server has handled everything sent before it. */
  async settle(uri: string): Promise<void> {
    await this.hover(uri, at(0, 0));
  }

  /** shutdown + exit; resolves with the exit code, kills the server and throws if it does not exit. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.exited()) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), this.waitMs); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    this.conn.dispose();
    if (code === 'timeout') { this.proc.kill(); throw new Error(`server did not exit after shutdown + exit\n${this.stderr}`); }
    return code;
  }

  /** For after hooks: ends the connection and the process if a test did not stop it. */
  kill(): void {
    this.conn.dispose();
    if (!this.exited()) this.proc.kill();
  }

  /** What came from the server so far, for a failure message. */
  private receivedSummary(): string {
    const published = this.published.map((p) => [path.basename(p.uri), p.version, p.diagnostics.map((d) => d.code)]);
    return `published (file, version, codes): ${JSON.stringify(published)}; registrations: ${JSON.stringify(this.registrations)}`;
  }
}
