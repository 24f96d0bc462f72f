// `npm run package` makes a .vsix with the bundles, the WASM files and the docs, and nothing else.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { zipEntries } from './zip';

const root = path.resolve(__dirname, '..');

describe('vsix package', function () {
  this.timeout(180_000);
  let entries: string[] = [];

  before(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-vsix-')), 'go-mapleak.vsix');
    // Same tool and flags as `npm run package`; vsce runs vscode:prepublish (the build) itself.
    const r = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', out],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.strictEqual(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
    entries = zipEntries(out).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('holds the bundles (the panel page\'s too), both WASM files, the rule docs and the manifest', () => {
    for (const f of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/panel.js',
      'grammars/tree-sitter.wasm', 'grammars/tree-sitter-go.wasm', 'docs/rules/rangeclear.md', 'docs/cli.md', 'readme.md']) {
      assert.ok(entries.includes(f), `${f} missing from the vsix; it has:\n${entries.join('\n')}`);
    }
  });

  it('holds no sources, tests, maps or dependencies', () => {
    const bad = entries.filter((e) => /\.ts$|\.map$|^(server|client|test|scripts|examples|node_modules)\//.test(e));
    assert.deepStrictEqual(bad, []);
  });
});
