// Install in one command: `npm pack` makes a tarball of only what runs (the bundles, the WASM files,
// the docs the CLI links to), and `npm install -g ./go-mapleak-*.tgz` puts a working `go-mapleak`
// and `go-mapleak-lsp` on the PATH with nothing else to download (the bundles carry their
// dependencies, so the package has none).
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, ensureBuilt, formatKiB, npmNetworkError, npmPack, Packed } from './npm-pack';

const RANGE_DELETE_GO = `package m

func Reset(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}
`;

describe('npm package: pack and install -g', function () {
  this.timeout(60_000);
  let tmp = '';
  let packed: Packed;

  before(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-pkg-'));
    packed = npmPack(tmp);
    console.log(`      ${path.basename(packed.tarball)}: ${formatKiB(packed.size)} packed, ${formatKiB(packed.unpackedSize)} unpacked, ${packed.files.length} files`);
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it('holds the bundles, both WASM files, the bins, the schema, the linked docs and the hook definition', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/go-mapleak.js', 'bin/go-mapleak-lsp.js', 'dist/cli.js', 'dist/server.js',
      'grammars/tree-sitter.wasm', 'grammars/tree-sitter-go.wasm', 'schemas/go-mapleak.schema.json', 'docs/cli.md', 'docs/profile.md',
      'docs/rules/rangeclear.md', 'docs/rules/mapretain.md', 'docs/rules/mapshrink.md', 'docs/rules/ifacebox.md', '.pre-commit-hooks.yaml']) {
      assert.ok(packed.files.includes(f), `${f} missing from the tarball; it has:\n${packed.files.join('\n')}`);
    }
  });

  it('holds nothing else: no sources, tests, source maps, the extension or docs the CLI does not link to', () => {
    const bad = packed.files.filter((f) => /\.ts$|\.mts$|\.map$|^(server|client|test|scripts|examples|validation|bench|e2e|node_modules|\.ci)\//.test(f)
      || ['dist/extension.js', 'dist/panel.js', 'dist/panel.html', 'docs/sim-accuracy.md'].includes(f) || f.startsWith('docs/screenshots/'));
    assert.deepStrictEqual(bad, []);
  });

  it('requires only what it holds: each bin loads a bundle, and the bundles require only Node built-ins', () => {
    const { builtinModules } = require('module') as typeof import('module');
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const bin of ['bin/go-mapleak.js', 'bin/go-mapleak-lsp.js']) {
      for (const [, dep] of fs.readFileSync(path.join(__dirname, '..', bin), 'utf8').matchAll(/require\(['"]([^'"]+)['"]\)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(bin), dep));
        assert.ok(packed.files.includes(target) || packed.files.includes(target + '.js'), `${bin} requires ${dep}, not in the tarball`);
      }
    }
    for (const bundle of ['dist/cli.js', 'dist/server.js']) {
      const text = fs.readFileSync(path.join(__dirname, '..', bundle), 'utf8');
      const external = [...text.matchAll(/\brequire\("([^"]+)"\)|\bimport\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]).filter((m) => !builtins.has(m));
      assert.deepStrictEqual([...new Set(external)], [], `${bundle} requires modules it does not bundle`);
    }
  });

  describe('installed with npm install -g --prefix', () => {
    let prefix = '';
    let bin = '';

    before(function () {
      prefix = path.join(tmp, 'prefix');
      const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', './' + path.basename(packed.tarball)],
        { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), timeout: 45_000 });
      const out = `${r.stdout}\n${r.stderr}`;
      const offline = r.status !== 0 ? npmNetworkError(out) : undefined;
      if (offline) { console.log(`      skipped: npm could not reach the registry (${offline})`); this.skip(); }
      assert.strictEqual(r.status, 0, `npm install -g failed:\n${out}`);
      bin = path.join(prefix, 'bin');
    });

    it('installs no dependencies: the bundles carry them', () => {
      const pkgDir = path.join(prefix, 'lib', 'node_modules', 'go-mapleak');
      assert.ok(fs.existsSync(path.join(pkgDir, 'dist', 'cli.js')), `no ${pkgDir}/dist/cli.js`);
      const deps = fs.existsSync(path.join(pkgDir, 'node_modules')) ? fs.readdirSync(path.join(pkgDir, 'node_modules')) : [];
      assert.deepStrictEqual(deps, [], 'package.json "dependencies" should stay empty (esbuild bundles them into dist/)');
    });

    it('go-mapleak ./... in a Go module prints the rangeclear finding and exits 1', () => {
      const mod = fs.mkdtempSync(path.join(tmp, 'mod-'));
      fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
      fs.writeFileSync(path.join(mod, 'reset.go'), RANGE_DELETE_GO);
      const r = spawnSync(path.join(bin, 'go-mapleak'), ['./...'], { cwd: mod, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), timeout: 30_000 });
      assert.strictEqual(r.status, 1, `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      assert.match(r.stdout, /^reset\.go:4:2: `for k := range m \{ delete\(m, k\) \}` empties m; .*\(rangeclear\)$/m);
    });

    it('reads the rule pages from the installed package (the SARIF rule help)', () => {
      const mod = fs.mkdtempSync(path.join(tmp, 'mod-'));
      fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
      fs.writeFileSync(path.join(mod, 'reset.go'), RANGE_DELETE_GO);
      const r = spawnSync(path.join(bin, 'go-mapleak'), ['--format', 'sarif', './...'], { cwd: mod, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), timeout: 30_000 });
      assert.strictEqual(r.status, 1, r.stderr);
      const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; help?: { markdown?: string } }[];
      for (const id of ['rangeclear', 'mapretain', 'mapshrink', 'ifacebox']) {
        const rule = rules.find((x) => x.id === id);
        assert.match(rule?.help?.markdown ?? '', new RegExp(`^# ${id}\\n`), `the ${id} rule's help is not its page`);
      }
    });

    it('go-mapleak-lsp --stdio answers initialize', async () => {
      const child = spawn(path.join(bin, 'go-mapleak-lsp'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: cleanEnv() });
      try {
        const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        const reply = await new Promise<string>((resolve, reject) => {
          let out = '', err = '';
          const timer = setTimeout(() => reject(new Error(`no initialize reply in 20 s; stdout:\n${out}\nstderr:\n${err}`)), 20_000);
          child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (/"id":1\b/.test(out) && /"capabilities"/.test(out)) { clearTimeout(timer); resolve(out); }
          });
          child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`go-mapleak-lsp exited ${code}; stderr:\n${err}`)); });
        });
        assert.match(reply, /"hoverProvider"/);
      } finally {
        child.kill();
      }
    });
  });
});
