// The VS Code side: start the bundled language server and restart it on request, and show the
// memory simulation panel (panel/). Everything else (diagnostics, fixes, hover, settings) is the
// server's, so other editors get the same.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SHOW_SIMULATION_COMMAND } from './panel/data';
import { SimulationPanel } from './panel/panel';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = { module, transport: TransportKind.ipc };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    // Settings are pulled by the server (workspace/configuration); it registers for change events.
    outputChannel: output,
    // The server builds packages with the Go compiler on save only in a trusted workspace.
    // A function: read again when the server is restarted after the user trusted the workspace.
    // `panel`: this client shows the simulation panel, so hovers may link to it and findings get an action.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted, panel: true }),
    // The hover's "Show memory simulation" link is a command: URI; only that command may run from markdown.
    markdown: { isTrusted: { enabledCommands: [SHOW_SIMULATION_COMMAND] } },
  };
  return new LanguageClient('goMapleak', 'Go Map Leak', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Go Map Leak', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('goMapleak.restartServer', async () => {
      if (client) await client.restart();
      else {
        client = createClient(context, output);
        await client.start();
      }
    }),
  );
  const panel = new SimulationPanel(context.extensionUri, () => client);
  context.subscriptions.push(panel, vscode.commands.registerCommand(SHOW_SIMULATION_COMMAND, (arg?: unknown) => panel.show(arg)));
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('goMapleak/workspaceTrusted')),
  );
  registerProfileCommands(context);
  await client.start();
  // The server says which heap profile is loaded; the status bar shows it until it is cleared.
  const status = vscode.window.createStatusBarItem('goMapleak.profile', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Go Map Leak heap profile';
  status.command = 'goMapleak.clearProfile';
  context.subscriptions.push(status, client.onNotification('goMapleak/profileStatus', (s: { text: string; source: string } | null) => {
    if (!s) { status.hide(); return; }
    status.text = `$(graph) ${s.text}`;
    status.tooltip = `Heap profile ${s.source} loaded by go-mapleak; click to clear it`;
    status.show();
  }));
}

/**
 * "Load Heap Profile…": a file from a picker or a URL typed in, handed to the server's
 * goMapleak.profile.load (the command other editors call with workspace/executeCommand).
 */
function registerProfileCommands(context: vscode.ExtensionContext): void {
  const send = (command: string, args: unknown[]) => client?.sendRequest('workspace/executeCommand', { command, arguments: args }) as Promise<{ ok: boolean; message: string } | undefined>;
  context.subscriptions.push(
    vscode.commands.registerCommand('goMapleak.loadProfile', async (source?: unknown) => {
      let chosen = typeof source === 'string' ? source : undefined;
      if (!chosen) {
        const how = await vscode.window.showQuickPick(['From a file…', 'From a URL (net/http/pprof)…'], { title: 'Load a heap profile' });
        if (!how) return;
        if (how.startsWith('From a file')) {
          const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Heap profile (pprof)', filters: { 'pprof profiles': ['pb.gz', 'gz', 'pprof', 'pb', 'prof', 'out'], 'All files': ['*'] } });
          chosen = picked?.[0]?.fsPath;
        } else {
          chosen = await vscode.window.showInputBox({ title: 'Heap profile URL', value: 'http://127.0.0.1:6060/debug/pprof/heap', prompt: 'A URL of this machine (goMapleak.profile.allowRemote allows others)' });
        }
      }
      if (chosen) await send('goMapleak.profile.load', [chosen]);
    }),
    vscode.commands.registerCommand('goMapleak.clearProfile', () => send('goMapleak.profile.clear', [])),
  );
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
