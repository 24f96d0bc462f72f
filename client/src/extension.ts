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
  await client.start();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
