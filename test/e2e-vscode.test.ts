// VS Code end to end: the extension loaded from this folder into real VS Code (code-server's
// server and web workbench, in headless Chromium). The in-host suite (e2e/vscode/suite) checks
// diagnostics, fixes, hover and settings against the CLI; the UI part checks what a person sees
// and takes the README's screenshots; a second server, with workspace trust on, checks that an
// untrusted workspace never runs the Go compiler. Skips when code-server or Chromium is absent.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  REPO, VSCodeServer, copyExamples, isolatedEnv, launchBrowser, locateChromium, locateCodeServer, openWorkbench,
  runInHostSuite, tempDir,
} from '../e2e/vscode/harness';
import { ensureBuilt } from './cli-harness';
import { screenshotPath } from './screenshots';
import { frame, heap, synthProfile } from './profile-synth';


/** Quick Open (Ctrl+P) on `name`, then waits for its editor tab. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').waitFor();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
}

/** Puts the cursor at 1-based `line`:`column` with Go to Line (Ctrl+G). */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Saves what the page showed when a step failed (in the temp dir, not docs/) and names it in the error. */
async function withFailureShot(page: Page, e: unknown): Promise<unknown> {
  const file = path.join(os.tmpdir(), `mapleak-vscode-failure-${Date.now()}.png`);
  try {
    await page.screenshot({ path: file });
    if (e instanceof Error) e.message += `\n(the page at the failure: ${file})`;
  } catch { /* the page is gone */ }
  return e;
}

/** Writes VS Code user settings for a server whose work folder is `dir` (before it starts). */
function writeUserSettings(dir: string, settings: Record<string, unknown>): void {
  const user = path.join(dir, 'user-data', 'User');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(path.join(user, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Types a comment on a new last line of the active editor, saves (Ctrl+S) and waits for it on disk. */
async function editAndSave(page: Page, file: string, comment: string): Promise<void> {
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${comment}`);
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 15_000;
  while (!fs.readFileSync(file, 'utf8').includes(comment)) {
    if (Date.now() > deadline) throw new Error(`${file} was not saved with "${comment}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
}

describe('VS Code end to end (code-server)', function () {
  this.timeout(240_000);
  const cs = locateCodeServer();
  const cr = locateChromium();
  let root = '';
  let browser: BrowserContext | undefined;
  const servers: VSCodeServer[] = [];
  const started = Date.now();

  before(async function () {
    const missing = 'missing' in cs ? cs.missing : 'missing' in cr ? cr.missing : undefined;
    if (missing) {
      console.log(`    skipped: ${missing}`);
      this.skip();
    }
    ensureBuilt();
    root = tempDir('mapleak-vscode-');
    browser = await launchBrowser((cr as { chromium: string }).chromium, root);
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    for (const s of servers) s.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (root) console.log(`    VS Code end to end: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  async function server(name: string, trust: boolean, extraEnv: NodeJS.ProcessEnv = {}, settings: Record<string, unknown> = {}): Promise<VSCodeServer> {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    // No welcome page: it opens over the files (and takes the focus from Quick Open).
    writeUserSettings(dir, { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, ...settings });
    const s = await VSCodeServer.start({ serverMain: (cs as { serverMain: string }).serverMain, root: dir, trust, env: isolatedEnv(dir, extraEnv) });
    servers.push(s);
    return s;
  }

  it('passes the in-host suite: diagnostics, quick fix, fix-all, hover, settings', async function () {
    const s = await server('trusted', true);
    const ws = copyExamples(path.join(root, 'ws-suite'));
    const result = await runInHostSuite(browser!, s, ws, 180_000);
    // From mocha's first line on: before it, the workbench's connection chatter.
    const start = result.log.indexOf('go-mapleak in VS Code');
    const shown = start < 0 ? result.log : result.log.slice(result.log.lastIndexOf('\n', start) + 1);
    console.log(shown.trimEnd().replace(/^/gm, '      | '));
    assert.equal(result.code, 0, `the in-host suite failed (exit ${result.code}); server log:\n${s.log()}`);
  });

  it('shows the squiggle and its hover, the Problems panel, a fix\'s refactor preview and the simulation panel (screenshots)', async function () {
    const s = servers[0] ?? (await server('trusted', true));
    const ws = copyExamples(path.join(root, 'ws-ui'));
    const page = await openWorkbench(browser!, s, ws);
    try {
      await openFile(page, 'cache.go');
      const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
      await squiggle.waitFor({ timeout: 30_000 });

      // Hover the mapretain squiggle of `for id := range sessions`: the finding, then the map's numbers.
      await goTo(page, 21, 18);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:visible').first();
      await hover.waitFor({ timeout: 15_000 });
      await page.locator('.monaco-hover:visible', { hasText: 'go-mapleak: mapretain' }).first().waitFor({ timeout: 15_000 });
      const hoverText = await hover.innerText();
      assert.match(hoverText, /\d{1,3}(,\d{3})+ B/, hoverText);
      // The hover opens on the findings' text; the picture shows its table of bytes.
      await hover.locator('table').first().evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await shot(page, 'vscode-hover');
      await page.keyboard.press('Escape');

      // The Problems panel lists the file's warnings and information (hints are not listed).
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.first().waitFor({ timeout: 15_000 });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'mapretain' }).first().waitFor({ timeout: 15_000 });
      const problems = await page.locator('.markers-panel').innerText();
      for (const rule of ['rangeclear', 'mapretain']) assert.ok(problems.includes(rule), problems);
      await shot(page, 'vscode-problems');

      // The quick fix menu on the finding, then its preview (Ctrl+Enter): the refactor preview
      // shows the change annotation (label; the description is its tooltip) with the simulation's numbers.
      await goTo(page, 21, 18);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.waitFor({ timeout: 15_000 });
      await page.keyboard.press('Control+Enter');
      const preview = page.locator('.bulk-edit-panel, .refactor-preview');
      await preview.first().waitFor({ timeout: 15_000 });
      await shot(page, 'vscode-preview');
      await page.locator('.monaco-button', { hasText: 'Discard' }).first().click();

      // Fix-all previewed from the Source Action menu: several annotations, so the preview can group
      // the changes by type, each under its label with the simulation's numbers.
      // Asked again when the menu opens without it: seen once in a fresh-clone CI run on a loaded
      // machine (passed on rerun; the cause was not pinned down).
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.type('Source Action');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Source Action' }).first().waitFor();
        await page.keyboard.press('Enter');
        try {
          await page.locator('.action-widget', { hasText: 'Fix all go-mapleak findings' }).waitFor({ timeout: 15_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
      await page.keyboard.press('Control+Enter');
      await preview.first().waitFor({ timeout: 15_000 });
      await page.locator('.part.panel .action-label[aria-label*="Group Changes By Type"]').first().click();
      // The groups are sorted by label and the list shows the first few: `clear(counts)` comes first.
      const label = preview.first().locator('.monaco-list-row', { hasText: 'clear(counts) keeps' }).first();
      await label.waitFor({ timeout: 15_000 });
      assert.match(await label.innerText(), /clear\(counts\) keeps [\d.]+ (B|KiB|MiB|GiB)/);
      // The sessions loop is flagged by rangeclear and mapretain: fix-all takes mapretain's bounded release.
      const bounded = preview.first().locator('.monaco-list-row', { hasText: 'release past 100,000 entries: frees' }).first();
      await bounded.waitFor({ timeout: 15_000 });
      assert.match(await bounded.innerText(), /release past 100,000 entries: frees [\d.]+ (B|KiB|MiB|GiB) after a spike/);
      await shot(page, 'vscode-preview-annotations');
      await page.locator('.monaco-button', { hasText: 'Discard' }).first().click();

      // The memory simulation panel for the map at the cursor (command goMapleak.showSimulation).
      // Hide the bottom panel area (Ctrl+J toggles it): the webview gets the height.
      if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
      await goTo(page, 21, 18);
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type('Go Map Leak: Show Memory Simulation');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Memory Simulation' }).first().waitFor();
      await page.keyboard.press('Enter');
      // The webview's page sits in nested iframes; its chart is a canvas.
      const webview = page.frameLocator('iframe.webview').frameLocator('iframe');
      await webview.locator('canvas').first().waitFor({ timeout: 30_000 });
      const panelText = await webview.locator('body').innerText();
      assert.match(panelText, /sessions|map\[string\]\[\]byte/, panelText.slice(0, 500));
      assert.match(panelText, /\d{1,3}(,\d{3})+/, panelText.slice(0, 500));
      await page.waitForTimeout(500); // the chart's first animation frame
      await shot(page, 'vscode-panel');
    } catch (e) {
      throw await withFailureShot(page, e);
    } finally {
      await page.close();
    }
  });

  it('applies ifacebox\'s narrowing through the refactor preview: the map becomes map[string]string, the assertion goes', async function () {
    const s = servers[0] ?? (await server('trusted', true));
    const ws = tempDir('mapleak-vscode-narrow-');
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module example.com/narrow\n\ngo 1.22\n');
    const file = path.join(ws, 'names.go');
    fs.writeFileSync(file, [
      'package narrow', '', 'type rec struct{ ID, Name string }', '',
      '// byID is built for every request.', 'func byID(rs []rec) string {', '\tm := make(map[string]any)',
      '\tfor _, r := range rs {', '\t\tm[r.ID] = r.Name', '\t}', '\tname, _ := m["root"].(string)', '\treturn name', '}', '',
    ].join('\n'));
    const page = await openWorkbench(browser!, s, ws);
    try {
      await openFile(page, 'names.go');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
      // The quick fix on the store, previewed (Ctrl+Enter), then applied from the refactor preview.
      await goTo(page, 9, 14);
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget', { hasText: 'Narrow m to map[string]string' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Control+Enter');
      const preview = page.locator('.bulk-edit-panel, .refactor-preview').first();
      await preview.waitFor({ timeout: 15_000 });
      // Both edits are listed (the change annotation's numbers: test/narrow-protocol.test.ts).
      await preview.locator('.monaco-list-row', { hasText: 'm := make(map[string]' }).first().waitFor({ timeout: 15_000 });
      await preview.locator('.monaco-list-row', { hasText: 'name, _ := m["root"]' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-button', { hasText: 'Apply' }).first().click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'make(map[string]string)' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor textarea').first().focus();
      await page.keyboard.press('Control+S');
      const deadline = Date.now() + 15_000;
      let text = '';
      while (!(text = fs.readFileSync(file, 'utf8')).includes('map[string]string')) {
        if (Date.now() > deadline) throw new Error(`names.go was not saved narrowed:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(text, /m := make\(map\[string\]string\)/);
      assert.match(text, /name, _ := m\["root"\]\n/);
      // Narrowed, nothing boxes: the store's finding is gone.
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
    } catch (e) {
      throw await withFailureShot(page, e);
    } finally {
      await page.close();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('loads a heap profile by URL: the code lens on the map, the finding raised with its bytes, the status bar (screenshot)', async function () {
    const s = servers[0] ?? (await server('trusted', true));
    const ws = copyExamples(path.join(root, 'ws-profile'));
    // The running program's /debug/pprof/heap, as net/http/pprof serves it: sessions holds 24 MiB at its store.
    const body = synthProfile([{ stack: [frame('example.com/mapleak-examples/cache.Add', '/build/examples/cache/cache.go', 17)], values: heap(320, 24 << 20) }]);
    const http = await import('http');
    const pprof = http.createServer((_req, res) => res.end(Buffer.from(body)));
    await new Promise<void>((r) => pprof.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(pprof.address() as { port: number }).port}/debug/pprof/heap`;
    const page = await openWorkbench(browser!, s, ws);
    try {
      await openFile(page, 'cache.go');
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type('Go Map Leak: Load Heap Profile');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Load Heap Profile' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'From a URL' }).first().click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(url);
      await page.keyboard.press('Enter');
      // The lens on `var sessions` and the status bar item.
      const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'in use' }).first();
      await lens.waitFor({ timeout: 30_000 });
      assert.match(await lens.innerText(), /^24\.0 MiB in use · storage for .* entries \(heap profile\)$/);
      await page.locator('.statusbar-item', { hasText: '24.0 MiB in 1 map' }).first().waitFor({ timeout: 15_000 });
      // The range-delete loop's finding now carries the profile's figures, as a warning.
      await goTo(page, 21, 18);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:visible', { hasText: 'Heap profile' }).first();
      await hover.waitFor({ timeout: 15_000 });
      assert.match(await hover.innerText(), /sessions holds 24\.0 MiB in use/);
      await shot(page, 'vscode-profile');
      await page.keyboard.press('Escape');
    } catch (e) {
      throw await withFailureShot(page, e);
    } finally {
      await page.close();
      pprof.close();
    }
  });

  it('never runs the Go compiler in an untrusted workspace, and does once it is trusted', async function () {
    // A `go` first on PATH that only records its arguments: the server finds go on PATH.
    const bin = path.join(root, 'fake-go');
    const calls = path.join(root, 'go-calls.log');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'go'), `#!/bin/sh\necho "$*" >> '${calls}'\necho 'fake go: not a Go toolchain' >&2\nexit 1\n`, { mode: 0o755 });
    fs.writeFileSync(calls, '');
    // No startup prompt: the folder simply opens in Restricted Mode, as after "Don't trust".
    const s = await server('untrusted', false, { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' });
    const ws = copyExamples(path.join(root, 'ws-untrusted'));
    const file = path.join(ws, 'ifacebox', 'latest.go');
    const page = await openWorkbench(browser!, s, ws);
    try {
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
      await openFile(page, 'latest.go');
      // The extension runs (limited support): the loop's ifacebox store is reported.
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
      await editAndSave(page, file, '// saved untrusted');
      // A build would start right after the save; give it the time the trusted save below needs.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(fs.readFileSync(calls, 'utf8'), '', 'go ran in an untrusted workspace');

      // Trust the folder (the Restricted Mode item opens the trust editor), then save again.
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click();
      await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust/ }).first().click();
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('.tab', { hasText: 'latest.go' }).first().click();
      await editAndSave(page, file, '// saved trusted');
      const deadline = Date.now() + 20_000;
      while (!fs.readFileSync(calls, 'utf8') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const ran = fs.readFileSync(calls, 'utf8');
      assert.match(ran, /\btest -c\b/, `go did not build after the save in the trusted workspace: ${JSON.stringify(ran)}`);
    } catch (e) {
      throw await withFailureShot(page, e);
    } finally {
      await page.close();
    }
  });
});
