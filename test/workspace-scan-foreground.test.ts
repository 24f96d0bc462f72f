// The workspace scan (lsp/workspacescan.ts) and the open documents' work (lsp/foreground.ts):
// while a request or a due analysis is in flight the scan parses and lints nothing, and it goes
// on when that work ends. A fake host, no server process, no timing.
import * as assert from 'assert';
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { Foreground } from '../server/src/lsp/foreground';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { WorkspaceScan, type ScanHost } from '../server/src/lsp/workspacescan';
import { createGoParser } from '../server/src/parse/parser';
import { GO_MOD, tempTree } from './cli-harness';

const retain = (name: string) => `package p\n\nvar ${name} = map[string]int{}\n\nfunc Reset${name}() {\n\tclear(${name})\n}\n`;

describe('workspace scan and foreground work', () => {
  it('lints no file while foreground work is in flight, then every file', async () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'a/a.go': retain('m'), 'a/b.go': retain('n'), 'c/c.go': retain('o') });
    const parser = await createGoParser();
    const foreground = new Foreground();
    const published: string[] = [];
    let found!: () => void;
    const foundBusy = new Promise<void>((resolve) => { found = resolve; });
    const host: ScanHost = {
      publish: (uri, diagnostics) => { if (diagnostics.length) published.push(uri); },
      progress: async () => ({ begin() {}, report() {}, done() {}, cancelled: false }),
      settings: async () => DEFAULT_SETTINGS,
      open: { text: () => undefined, pathsIn: () => [] },
      docsDir: '',
      log: () => {},
      idle: () => {
        if (foreground.busy) found();
        return foreground.idle();
      },
    };
    try {
      const end = foreground.begin(); // a hover, say
      const scan = new WorkspaceScan(parser, host);
      scan.setFolders([pathToFileURL(dir).href]);
      await foundBusy;
      assert.strictEqual(published.length, 0, 'a file was linted while the request was in flight');
      end();
      await scan.running;
      assert.deepStrictEqual(published.map((u) => u.slice(pathToFileURL(dir).href.length)).sort(), ['/a/a.go', '/a/b.go', '/c/c.go']);
      assert.strictEqual(foreground.busy, false);
    } finally {
      parser.delete();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Foreground: idle resolves when the last work ends, each end counts once', async () => {
    const f = new Foreground();
    const a = f.begin();
    const b = f.begin();
    let idle = false;
    const waiting = f.idle().then(() => { idle = true; });
    a();
    a(); // twice: still one
    await Promise.resolve();
    assert.strictEqual(idle, false);
    assert.strictEqual(f.busy, true);
    b();
    await waiting;
    assert.strictEqual(f.busy, false);
    await f.wrap(async () => assert.strictEqual(f.busy, true))();
    assert.strictEqual(f.busy, false);
  });
});
