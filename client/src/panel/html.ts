// The panel's HTML, for the VS Code webview (panel.ts) and the standalone test page (standalone.ts):
// a strict content security policy (nothing but our nonce'd script and style; no network, no
// inline handlers), the data as inert JSON, the styles in the editor's theme colours (the
// --vscode-* variables a webview gets, with fallbacks for a plain browser).

export interface PanelHtmlOptions {
  /** The page script's URL (webview.asWebviewUri(dist/panel.js), or a relative path). */
  scriptUri: string;
  /** A fresh random value per page. */
  nonce: string;
  /** The PanelData (or undefined: the page then says there is nothing to show). */
  data: unknown;
  /** The webview's own origin (webview.cspSource): VS Code's default webview styles come from it. */
  cspSource?: string;
}

export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const styles = [cspSource, `'nonce-${nonce}'`].filter(Boolean).join(' ');
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${styles}`, `img-src data:`].join('; ');
}

/** JSON that cannot end the <script> element it sits in. */
function inertJson(x: unknown): string {
  return JSON.stringify(x ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const STYLE = `
:root {
  --fg: var(--vscode-editor-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --input-bg: var(--vscode-input-background, #ffffff);
  --input-fg: var(--vscode-input-foreground, #1f2328);
  --input-border: var(--vscode-input-border, #d1d9e0);
  --button-bg: var(--vscode-button-background, #0969da);
  --button-fg: var(--vscode-button-foreground, #ffffff);
  --error: var(--vscode-errorForeground, #d1242f);
  --selected: var(--vscode-list-activeSelectionBackground, #ddf4ff);
  --selected-fg: var(--vscode-list-activeSelectionForeground, inherit);
}
body { color: var(--fg); background: var(--bg); font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px); margin: 0; padding: 12px 20px; }
h1 { font-size: 1.3em; margin: 0 0 4px; font-weight: 600; }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
.muted { color: var(--muted); }
.facts { margin: 4px 0 12px; line-height: 1.6; }
form { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin: 8px 0; }
label { display: flex; flex-direction: column; gap: 2px; font-size: 0.9em; color: var(--muted); }
input { background: var(--input-bg); color: var(--input-fg); border: 1px solid var(--input-border); padding: 4px 6px;
  font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
input#n { width: 9em; }
input#ops { width: min(40em, 70vw); }
button { background: var(--button-bg); color: var(--button-fg); border: none; padding: 6px 14px; cursor: pointer; }
#error { color: var(--error); min-height: 1.2em; margin: 0 0 6px; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
.chart-box { position: relative; height: 260px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--border); padding: 3px 10px; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tbody tr { cursor: pointer; }
tbody tr.selected { background: var(--selected); color: var(--selected-fg); }
.occupancy { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.occupancy canvas { width: 100%; height: 120px; border: 1px solid var(--border); }
.occupancy p { margin: 4px 0; }
.note { font-size: 0.9em; color: var(--muted); max-width: 70em; }
`;

export function panelHtml(o: PanelHtmlOptions): string {
  const n = attr(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.nonce, o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Go Map Leak: memory simulation</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Loading the simulation…</p></main>
<script id="panel-data" type="application/json">${inertJson(o.data)}</script>
<script nonce="${n}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
