// The standalone page (dist/panel.html): the panel outside VS Code, for the browser tests and for a
// look without an editor. It shows `sessions` of examples/cache/cache.go unless the query string
// carries other data (?data=<JSON PanelData>). Used by scripts/build.mjs.
import type { PanelData } from './data';
import { panelHtml } from './html';

/** The map examples/cache/cache.go empties after a spike (go.mod: go 1.23, so classic hmap). */
export const EXAMPLE: PanelData = {
  expr: 'sessions', keyText: 'string', valueText: '[]byte', keyType: 'string', valueType: '[]byte',
  goVersion: '1.23', versionNote: "Go 1.23, the module's go line (a minimum: a newer toolchain may build it).",
};

export function standaloneHtml(): string {
  // A file has one nonce for every load, so it guards nothing here; the policy is the webview's,
  // so the tests see the page work under it. The webview gets a fresh nonce per page (panel.ts).
  return panelHtml({ scriptUri: 'panel.js', nonce: 'standalone-page', data: EXAMPLE });
}
