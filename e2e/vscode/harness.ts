// Runs VS Code for the end-to-end test: VS Code's own server from the code-server npm package
// (server-main.js; the `code-server` CLI rejects --enable-smoke-test-driver), with the workbench
// in headless Chromium driven by playwright-core. The extension is loaded from the repo folder
// (extensionDevelopmentPath), as @vscode/test-electron would, which cannot run here (it downloads
// VS Code). See /work/shared/reference/real-editors.md for how this was found to work.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..');
export const SUITE = path.join(__dirname, 'suite');

/** server-main.js of a code-server install, or why there is none. */
export function locateCodeServer(): { serverMain: string } | { missing: string } {
  const dir = process.env.GO_MAPLEAK_CODE_SERVER || path.join(REPO, '.e2e', 'code-server');
  const serverMain = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (fs.existsSync(serverMain)) return { serverMain };
  return { missing: `no code-server in ${dir} (scripts/install-code-server.sh installs it; GO_MAPLEAK_CODE_SERVER overrides the folder)` };
}

/** The Chromium binary playwright-core drives (Debian's; playwright never downloads one here). */
export function locateChromium(): { chromium: string } | { missing: string } {
  const exe = process.env.GO_MAPLEAK_CHROMIUM || '/usr/bin/chromium';
  return fs.existsSync(exe) ? { chromium: exe } : { missing: `no Chromium at ${exe} (apt-get install chromium; GO_MAPLEAK_CHROMIUM overrides)` };
}

/** A fresh directory under the OS temp dir, with symlinks resolved (VS Code compares real paths). */
export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** HOME and XDG_* under `root`, so neither VS Code, Chromium nor the tools they run write to $HOME. */
export function isolatedEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: path.join(root, 'home') };
  for (const x of ['CONFIG', 'CACHE', 'DATA', 'STATE']) env[`XDG_${x}_HOME`] = path.join(root, 'xdg', x.toLowerCase());
  for (const d of [env.HOME!, env.XDG_CONFIG_HOME!, env.XDG_CACHE_HOME!, env.XDG_DATA_HOME!, env.XDG_STATE_HOME!]) fs.mkdirSync(d, { recursive: true });
  // The module cache and build cache stay where the machine has them: a fresh GOCACHE would make
  // a compile on save rebuild the standard library.
  for (const k of ['GOCACHE', 'GOMODCACHE', 'GOPATH']) if (!env[k] && process.env.HOME) env[k] = defaultGoDir(k);
  return { ...env, ...extra };
}

function defaultGoDir(k: string): string {
  const home = process.env.HOME!;
  if (k === 'GOCACHE') return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'go-build');
  if (k === 'GOMODCACHE') return path.join(process.env.GOPATH || path.join(home, 'go'), 'pkg', 'mod');
  return process.env.GOPATH || path.join(home, 'go');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  serverMain: string;
  /** Work folder: user data, extensions dir and logs go below it. */
  root: string;
  /** false: leave workspace trust on (the folder opens untrusted unless the user trusts it). */
  trust: boolean;
  env: NodeJS.ProcessEnv;
}

export class VSCodeServer {
  private output = '';
  private exited = false;
  private constructor(private readonly child: ChildProcess, readonly port: number) {
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('exit', () => (this.exited = true));
  }

  static async start(o: ServerOptions): Promise<VSCodeServer> {
    const port = await freePort();
    const args = [
      o.serverMain, '--host', '127.0.0.1', '--port', String(port),
      '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
      '--disable-telemetry', '--user-data-dir', path.join(o.root, 'user-data'),
      '--extensions-dir', path.join(o.root, 'extensions'),
      // The extension host gets this process's environment as is. Otherwise the server resolves a
      // login shell's environment for it, whose PATH would drop the test's fake `go`.
      '--force-disable-user-env',
    ];
    if (o.trust) args.push('--disable-workspace-trust');
    // Its own process group: stop() kills the server, its extension hosts and our language server.
    const child = spawn(process.execPath, args, { env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new VSCodeServer(child, port);
    await server.waitReady(60_000);
    return server;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`VS Code server exited:\n${this.output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/version`);
        if (res.status < 500) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`VS Code server not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  /** The workbench URL for `folder`, loading the extension at `extensionPath` and, when given, running the tests at `testsPath`. */
  url(folder: string, extensionPath: string, testsPath?: string): string {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionPath)]];
    if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  log(): string { return this.output; }

  stop(): void {
    if (this.exited || this.child.pid === undefined) return;
    try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/** Headless Chromium with its own profile under `root`. */
export async function launchBrowser(exe: string, root: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(path.join(root, 'chromium'), {
    executablePath: exe,
    env: isolatedEnv(root) as Record<string, string>,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

export interface SuiteResult { code: number; log: string }

/**
 * Opens the workbench on `folder` with the in-host suite and waits for it to report its exit code
 * (the workbench calls window.codeAutomationExit when the extension tests end, and forwards the
 * extension host's console through window.codeAutomationLog).
 */
export async function runInHostSuite(browser: BrowserContext, server: VSCodeServer, folder: string, timeoutMs: number): Promise<SuiteResult> {
  const page = await browser.newPage();
  let log = '';
  try {
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The extension host's console arguments, format string first (mocha's reporter uses %s, %d).
      const text = format(...(Array.isArray(args) ? args : [args]));
      log += type === 'error' ? `[error] ${text}\n` : `${text}\n`;
    });
    await page.goto(server.url(folder, REPO, SUITE));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the in-host suite did not finish in ${timeoutMs} ms; its output:\n${log}`)), timeoutMs);
    });
    try {
      return { code: await Promise.race([exit, timeout]), log };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Opens the workbench on `folder` with the extension loaded (no tests): the page a person would see. */
export async function openWorkbench(browser: BrowserContext, server: VSCodeServer, folder: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.url(folder, REPO));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

/** Copies examples/ (the workspace the tests open) to `dest`. */
export function copyExamples(dest: string): string {
  fs.cpSync(path.join(REPO, 'examples'), dest, { recursive: true });
  return dest;
}
