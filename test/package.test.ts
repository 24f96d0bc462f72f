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
  let size = 0;

  before(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-vsix-')), 'go-mapleak.vsix');
    // Same tool and flags as `npm run package`; vsce runs vscode:prepublish (the build) itself.
    const r = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', out],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.strictEqual(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
    entries = zipEntries(out).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    size = fs.statSync(out).size;
    console.log(`      go-mapleak.vsix: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files`);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('holds the extension\'s and the server\'s bundles (the panel page\'s too), both WASM files, the rule docs and the manifest, not the CLI', () => {
    // The CLI is npm pack's package, not the extension's (the extension never runs it).
    assert.deepStrictEqual(entries.filter((e) => e === 'dist/cli.js' || e.startsWith('bin/')), []);
    for (const f of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/panel.js',
      'grammars/tree-sitter.wasm', 'grammars/tree-sitter-go.wasm', 'docs/rules/rangeclear.md', 'docs/cli.md', 'docs/profile.md', 'readme.md',
      'schemas/go-mapleak.schema.json']) {
      assert.ok(entries.includes(f), `${f} missing from the vsix; it has:\n${entries.join('\n')}`);
    }
  });

  it('stays under 800 KB: no sim-accuracy.md, no screenshots (the README shows them from the repository)', () => {
    assert.ok(size < 800_000, `the vsix is ${size} bytes`);
    assert.deepStrictEqual(entries.filter((e) => e === 'docs/sim-accuracy.md' || e.startsWith('docs/screenshots/') || /\.png$/.test(e)), []);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const local = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]).filter((u) => !/^https:\/\//.test(u));
    assert.deepStrictEqual(local, [], 'README images the vsix does not hold');
  });

  it('holds no sources, tests, maps or dependencies', () => {
    const bad = entries.filter((e) => /\.ts$|\.map$|^(server|client|test|scripts|examples|node_modules)\//.test(e));
    assert.deepStrictEqual(bad, []);
  });
});
