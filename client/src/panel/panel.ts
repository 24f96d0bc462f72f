// "Go Map Leak: Show Memory Simulation" (goMapleak.showSimulation): asks the server which map is
// at the cursor (or at the { uri, position } the hover link or code action passes) and shows it
// in one webview panel, whose page (dist/panel.js) runs the simulation itself.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MAP_AT_REQUEST, panelData, type PanelData } from './data';
import { panelHtml } from './html';

interface Target { uri: string; position: { line: number; character: number } }

/** The command's argument when a link or action passes one; anything else means "the cursor". */
function targetOf(arg: unknown): Target | undefined {
  const a = arg as Partial<Target> | undefined;
  const p = a?.position;
  return typeof a?.uri === 'string' && p && Number.isInteger(p.line) && Number.isInteger(p.character) ? { uri: a.uri, position: p } : undefined;
}

function cursorTarget(): Target | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== 'go') return undefined;
  const p = ed.selection.active;
  return { uri: ed.document.uri.toString(), position: { line: p.line, character: p.character } };
}

export class SimulationPanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: () => LanguageClient | undefined) {}

  async show(arg?: unknown): Promise<void> {
    const target = targetOf(arg) ?? cursorTarget();
    const client = this.client();
    if (!target) {
      void vscode.window.showInformationMessage('Go Map Leak: open a Go file and put the cursor on a map to see its memory simulation.');
      return;
    }
    if (!client?.isRunning()) {
      void vscode.window.showInformationMessage('Go Map Leak: the language server is not running.');
      return;
    }
    const data = panelData(await client.sendRequest(MAP_AT_REQUEST, { textDocument: { uri: target.uri }, position: target.position }));
    if (!data) {
      void vscode.window.showInformationMessage('Go Map Leak: no map at the cursor. Put it on a map variable, field or type, or on a finding.');
      return;
    }
    this.render(data);
  }

  private render(data: PanelData): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('goMapleak.simulation', '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, localResourceRoots: [dist],
      });
      this.panel.onDidDispose(() => { this.panel = undefined; });
    } else {
      this.panel.reveal(undefined, true);
    }
    const webview = this.panel.webview;
    this.panel.title = `Memory: ${data.expr}`;
    // A fresh nonce per page: the only script and style the policy lets run are ours.
    webview.html = panelHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      nonce: randomBytes(18).toString('base64'), data, cspSource: webview.cspSource,
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
