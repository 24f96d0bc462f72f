// workspace/imports.ts: where an import path's package is on disk, the go command's way, offline.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareSemver, escapeModulePath, goEnv, ImportLocator, parseGoMod, type PackageLocation } from '../server/src/workspace/imports';

/** Writes files (path → content) under root; a path ending in / is a directory with one Go file. */
function tree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, ...rel.split('/'));
    if (rel.endsWith('/')) {
      fs.mkdirSync(p, { recursive: true });
      fs.writeFileSync(path.join(p, 'x.go'), `package ${path.basename(p).replace(/\W/g, '') || 'p'}\n`);
    } else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
  }
}

describe('workspace/imports', () => {
  let tmp: string;
  let goroot: string;
  let modcache: string;
  let at: (...els: string[]) => string;
  const loc = (dir: string, kind: PackageLocation['kind']): PackageLocation => ({ dir, kind });

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-imports-')));
    at = (...els) => path.join(tmp, ...els.flatMap((e) => e.split('/')));
    goroot = at('goroot');
    modcache = at('modcache');
    tree(tmp, {
      // A fake GOROOT: std packages, std's vendor tree and cmd's own.
      'goroot/src/fmt/': '',
      'goroot/src/net/http/': '',
      'goroot/src/internal/abi/': '',
      'goroot/src/vendor/golang.org/x/net/http2/': '',
      'goroot/src/cmd/go/': '',
      'goroot/src/cmd/internal/obj/': '',
      'goroot/src/cmd/vendor/golang.org/x/mod/modfile/': '',
      // A fake module cache, case-escaped.
      'modcache/github.com/!burnt!sushi/toml@v1.3.2/': '',
      'modcache/github.com/!burnt!sushi/toml@v1.3.2/internal/': '',
      'modcache/example.com/dep@v1.2.0/go.mod': 'module example.com/dep\n\ngo 1.20\n\nrequire github.com/BurntSushi/toml v1.3.2\n',
      'modcache/example.com/dep@v1.2.0/sub/': '',
      'modcache/example.com/dep@v1.1.0/sub/': '',
      'modcache/example.com/fork@v0.5.0/sub/': '',
      'modcache/example.com/pinned@v1.0.0/': '',
      'modcache/example.com/pinned@v1.1.0/': '',
      'modcache/example.com/app/tools@v0.3.0/lint/': '',
      'modcache/example.com/split@v1.0.0/': '',
      'modcache/example.com/split/inner@v1.0.0/': '',
      // The module under test.
      'work/app/go.mod': [
        'module "example.com/app" // quoted, with a comment',
        '',
        'go 1.22',
        '',
        'require (',
        '\tgithub.com/BurntSushi/toml v1.3.2 // indirect',
        '\texample.com/dep v1.2.0',
        '\texample.com/old v1.0.0',
        '\texample.com/local v0.0.0-00010101000000-000000000000',
        '\texample.com/missing v1.0.0',
        '\texample.com/app/nested v0.1.0',
        '\texample.com/app/tools v0.3.0',
        '\texample.com/pinned v1.0.0',
        '\texample.com/split v1.0.0',
        '\texample.com/split/inner v1.0.0',
        ')',
        '',
        'require example.com/single v1.0.0',
        '',
        'replace example.com/local => ../locallib',
        'replace example.com/old v1.0.0 => example.com/fork v0.5.0',
        'replace example.com/pinned v1.0.0 => example.com/pinned v1.1.0',
        'replace example.com/pinned v9.9.9 => ./nowhere',
        'replace (',
        '\texample.com/app/nested => ./nested',
        '\texample.com/unrequired => ./unrequired // not required: what tidy would add',
        ')',
        '',
      ].join('\n'),
      'work/app/': '',
      'work/app/internal/store/': '',
      'work/app/nested/go.mod': 'module example.com/app/nested\n\ngo 1.22\n',
      'work/app/nested/pkg/': '',
      'work/app/tools/go.mod': 'module example.com/app/tools\n\ngo 1.22\n',
      'work/app/tools/lint/': '',
      'work/app/unrequired/': '',
      'work/locallib/go.mod': 'module example.com/local\n\ngo 1.22\n',
      'work/locallib/util/': '',
      'work/locallib/inner/go.mod': 'module example.com/local/inner\n',
      'work/locallib/inner/deep/': '',
      // A vendored module, and one whose go line predates default vendoring.
      'work/vapp/go.mod': 'module example.com/vapp\n\ngo 1.21\n\nrequire (\n\texample.com/dep v1.2.0\n\tgithub.com/BurntSushi/toml v1.3.2\n)\n',
      'work/vapp/vendor/modules.txt': '# example.com/dep v1.2.0\n## explicit\nexample.com/dep/sub\n',
      'work/vapp/vendor/example.com/dep/sub/': '',
      'work/vapp/util/': '',
      'work/oldvendor/go.mod': 'module example.com/oldvendor\n\ngo 1.13\n\nrequire example.com/dep v1.1.0\n',
      'work/oldvendor/vendor/modules.txt': '# example.com/dep v1.1.0\nexample.com/dep/sub\n',
      'work/oldvendor/vendor/example.com/dep/sub/': '',
      // A module with a path that has no dot.
      'work/plain/go.mod': 'module myapp\n\ngo 1.22\n',
      'work/plain/util/': '',
      // A workspace: two modules, a go.work replace.
      'work/ws/go.work': 'go 1.22\n\nuse (\n\t./a\n\t"./b"\n)\n\nreplace example.com/dep => example.com/dep v1.1.0\n',
      'work/ws/a/go.mod': 'module example.com/a\n\ngo 1.22\n\nrequire example.com/dep v1.2.0\n',
      'work/ws/a/': '',
      'work/ws/b/go.mod': 'module example.com/b\n\ngo 1.22\n\nrequire github.com/BurntSushi/toml v1.3.2\n',
      'work/ws/b/pkg/': '',
      'work/ws/outside/go.mod': 'module example.com/outside\n\ngo 1.22\n\nrequire example.com/dep v1.2.0\n',
    });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const locator = () => new ImportLocator({ goroot, gomodcache: modcache });

  describe('the standard library', () => {
    it('maps a path whose first element has no dot to GOROOT/src, internal packages too', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app'), 'fmt'), loc(at('goroot/src/fmt'), 'std'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'net/http'), loc(at('goroot/src/net/http'), 'std'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'internal/abi'), loc(at('goroot/src/internal/abi'), 'std'));
      assert.deepStrictEqual(l.locate(at('elsewhere'), 'fmt'), loc(at('goroot/src/fmt'), 'std'), 'outside any module');
      assert.strictEqual(l.locate(at('work/app'), 'nosuchstd'), undefined);
      assert.strictEqual(l.locate(at('work/app'), 'fmt/nosuch'), undefined);
    });

    it("resolves golang.org/x/... to std's vendor tree only for importers inside GOROOT/src, and cmd's to cmd/vendor", () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('goroot/src/net/http'), 'golang.org/x/net/http2'),
        loc(at('goroot/src/vendor/golang.org/x/net/http2'), 'std'));
      assert.deepStrictEqual(l.locate(at('goroot/src/vendor/golang.org/x/net/http2'), 'golang.org/x/net/http2'),
        loc(at('goroot/src/vendor/golang.org/x/net/http2'), 'std'));
      assert.strictEqual(l.locate(at('work/app'), 'golang.org/x/net/http2'), undefined, 'not from a user module');
      assert.deepStrictEqual(l.locate(at('goroot/src/cmd/go'), 'golang.org/x/mod/modfile'),
        loc(at('goroot/src/cmd/vendor/golang.org/x/mod/modfile'), 'std'));
      assert.strictEqual(l.locate(at('goroot/src/cmd/go'), 'golang.org/x/net/http2'), undefined, 'cmd does not see std/vendor');
      assert.strictEqual(l.locate(at('goroot/src/net/http'), 'golang.org/x/mod/modfile'), undefined, 'std does not see cmd/vendor');
      assert.deepStrictEqual(l.locate(at('goroot/src/cmd/go'), 'cmd/internal/obj'), loc(at('goroot/src/cmd/internal/obj'), 'std'));
    });

    it('lets a module whose path has no dot own the paths std does not have', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/plain'), 'myapp/util'), loc(at('work/plain/util'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/plain/util'), 'myapp'), loc(at('work/plain'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/plain'), 'fmt'), loc(at('goroot/src/fmt'), 'std'));
    });
  });

  describe('the importing module', () => {
    it('maps the module path and paths below it into the module directory, from any of its directories', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app/internal/store'), 'example.com/app'), loc(at('work/app'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/app/internal/store'), loc(at('work/app/internal/store'), 'module'));
      assert.strictEqual(l.locate(at('work/app'), 'example.com/app/nosuch'), undefined);
      assert.strictEqual(l.locate(at('work/app'), 'example.com/application'), undefined, 'a prefix only on element boundaries');
    });

    it('leaves a nested module out of the outer one: it resolves through the requires and replaces', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/app/nested/pkg'), loc(at('work/app/nested/pkg'), 'replace'));
      // tools is a nested module required at v0.3.0, not replaced: the module cache's copy, not the local one.
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/app/tools/lint'),
        loc(at('modcache/example.com/app/tools@v0.3.0/lint'), 'dependency'));
      // From inside the nested module, its own go.mod decides.
      assert.deepStrictEqual(l.locate(at('work/app/nested'), 'example.com/app/nested/pkg'), loc(at('work/app/nested/pkg'), 'module'));
      assert.strictEqual(l.locate(at('work/app/nested'), 'example.com/app/internal/store'), undefined, 'nested does not require app');
    });
  });

  describe('dependencies', () => {
    it('maps a required module to its case-escaped directory in the module cache', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app'), 'github.com/BurntSushi/toml'),
        loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2'), 'dependency'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'github.com/BurntSushi/toml/internal'),
        loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2/internal'), 'dependency'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/dep/sub'), loc(at('modcache/example.com/dep@v1.2.0/sub'), 'dependency'));
    });

    it('picks the longest module path that has the package', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/split/inner'), loc(at('modcache/example.com/split/inner@v1.0.0'), 'dependency'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/split'), loc(at('modcache/example.com/split@v1.0.0'), 'dependency'));
    });

    it('follows replace directives: a local directory relative to go.mod, another module version, a version-specific one', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/local/util'), loc(at('work/locallib/util'), 'replace'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/local'), loc(at('work/locallib'), 'replace'));
      assert.strictEqual(l.locate(at('work/app'), 'example.com/local/inner/deep'), undefined, 'a nested module of the replacement is not its package');
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/old/sub'), loc(at('modcache/example.com/fork@v0.5.0/sub'), 'replace'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/pinned'), loc(at('modcache/example.com/pinned@v1.1.0'), 'replace'));
      assert.deepStrictEqual(l.locate(at('work/app'), 'example.com/unrequired'), loc(at('work/app/unrequired'), 'replace'));
    });

    it('answers undefined for what is not downloaded or not required, and never looks further', () => {
      const l = locator();
      assert.strictEqual(l.locate(at('work/app'), 'example.com/missing'), undefined, 'required, not downloaded');
      assert.strictEqual(l.locate(at('work/app'), 'example.com/single/pkg'), undefined, 'single-line require, not downloaded');
      assert.strictEqual(l.locate(at('work/app'), 'example.com/dep/nosuch'), undefined, 'downloaded, no such package');
      assert.strictEqual(l.locate(at('work/app'), 'example.com/fork/sub'), undefined, 'in the cache but not required');
      assert.strictEqual(l.locate(at('work/app'), 'github.com/unknown/thing'), undefined);
      assert.strictEqual(l.locate(at('elsewhere'), 'example.com/dep/sub'), undefined, 'no module, no dependencies');
      for (const bad of ['', './rel', '../up', '/abs', 'a//b', 'example.com/dep@v1.2.0', 'C']) {
        assert.strictEqual(l.locate(at('work/app'), bad), undefined, JSON.stringify(bad));
      }
      assert.strictEqual(new ImportLocator({ goroot }).locate(at('work/app'), 'example.com/dep/sub'), undefined, 'no GOMODCACHE');
      assert.strictEqual(new ImportLocator({}).locate(at('work/app'), 'fmt'), undefined, 'no GOROOT');
    });

    it('reads a dependency in the module cache through its own go.mod', () => {
      const l = locator();
      const dep = at('modcache/example.com/dep@v1.2.0/sub');
      assert.deepStrictEqual(l.locate(dep, 'github.com/BurntSushi/toml'), loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2'), 'dependency'));
      assert.deepStrictEqual(l.locate(dep, 'example.com/dep/sub'), loc(dep, 'module'));
      // A module without a go.mod (toml here) still owns its own paths.
      assert.deepStrictEqual(l.locate(at('modcache/github.com/!burnt!sushi/toml@v1.3.2'), 'github.com/BurntSushi/toml/internal'),
        loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2/internal'), 'module'));
    });
  });

  describe('vendor', () => {
    it('uses vendor/ with a modules.txt and go >= 1.14, after the module itself, before the cache', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/vapp'), 'example.com/dep/sub'), loc(at('work/vapp/vendor/example.com/dep/sub'), 'vendor'));
      assert.deepStrictEqual(l.locate(at('work/vapp/vendor/example.com/dep/sub'), 'example.com/dep/sub'),
        loc(at('work/vapp/vendor/example.com/dep/sub'), 'vendor'), 'from inside vendor/ too');
      assert.deepStrictEqual(l.locate(at('work/vapp'), 'example.com/vapp/util'), loc(at('work/vapp/util'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/vapp'), 'fmt'), loc(at('goroot/src/fmt'), 'std'));
      // Not vendored: the module cache's copy of the required version.
      assert.deepStrictEqual(l.locate(at('work/vapp'), 'github.com/BurntSushi/toml'), loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2'), 'dependency'));
    });

    it('ignores vendor/ when the go line is older than 1.14', () => {
      assert.deepStrictEqual(locator().locate(at('work/oldvendor'), 'example.com/dep/sub'), loc(at('modcache/example.com/dep@v1.1.0/sub'), 'dependency'));
    });
  });

  describe('go.work', () => {
    it('makes every used module a main module, with go.work replaces first', () => {
      const l = locator();
      assert.deepStrictEqual(l.locate(at('work/ws/a'), 'example.com/b/pkg'), loc(at('work/ws/b/pkg'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/ws/b/pkg'), 'example.com/a'), loc(at('work/ws/a'), 'module'));
      assert.deepStrictEqual(l.locate(at('work/ws/a'), 'github.com/BurntSushi/toml'), loc(at('modcache/github.com/!burnt!sushi/toml@v1.3.2'), 'dependency'), "b's requirement");
      assert.deepStrictEqual(l.locate(at('work/ws/a'), 'example.com/dep/sub'), loc(at('modcache/example.com/dep@v1.1.0/sub'), 'replace'));
    });

    it('is not used for a module outside the workspace, nor with GOWORK=off', () => {
      assert.deepStrictEqual(locator().locate(at('work/ws/outside'), 'example.com/dep/sub'), loc(at('modcache/example.com/dep@v1.2.0/sub'), 'dependency'));
      assert.strictEqual(locator().locate(at('work/ws/outside'), 'example.com/a'), undefined);
      const off = new ImportLocator({ goroot, gomodcache: modcache, gowork: 'off' });
      assert.strictEqual(off.locate(at('work/ws/a'), 'example.com/b/pkg'), undefined);
      assert.deepStrictEqual(off.locate(at('work/ws/a'), 'example.com/dep/sub'), loc(at('modcache/example.com/dep@v1.2.0/sub'), 'dependency'));
    });
  });

  describe('caching and failures', () => {
    it('reads each go.mod once and answers a repeated question from the cache', () => {
      const reads = new Map<string, number>();
      let dirChecks = 0;
      const l = new ImportLocator({ goroot, gomodcache: modcache },
        (p) => { reads.set(p, (reads.get(p) ?? 0) + 1); try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } },
        (p) => { dirChecks++; try { return fs.statSync(p).isDirectory(); } catch { return false; } });
      const first = l.locate(at('work/app/internal/store'), 'example.com/dep/sub');
      const checks = dirChecks;
      for (const from of ['work/app/internal/store', 'work/app', 'work/app/internal']) {
        assert.deepStrictEqual(l.locate(at(from), 'example.com/dep/sub'), first);
      }
      assert.strictEqual(dirChecks, checks, 'the same (module, import path): no new look-up');
      l.locate(at('work/app'), 'example.com/local/util');
      l.locate(at('work/app/nested'), 'example.com/app/nested/pkg');
      for (const [p, n] of reads) if (path.basename(p) === 'go.mod') assert.strictEqual(n, 1, `${p} read ${n} times`);
      assert.strictEqual(reads.get(at('work/app/go.mod')), 1);
    });

    it('never throws: failing readers and checkers give undefined', () => {
      const l = new ImportLocator({ goroot, gomodcache: modcache }, () => { throw new Error('EACCES'); }, () => { throw new Error('EIO'); });
      assert.strictEqual(l.locate(at('work/app'), 'fmt'), undefined);
      assert.strictEqual(l.locate(at('work/app'), 'example.com/dep/sub'), undefined);
      const garbage = new ImportLocator({ goroot, gomodcache: modcache }, () => 'module (\n\x00 "\n)\nrequire ( x\nreplace => =>\n', () => true);
      assert.doesNotThrow(() => garbage.locate(at('work/app'), 'x/y'));
    });
  });

  describe('go.mod syntax', () => {
    it('parses quoted paths, comments, blocks and both replace forms', () => {
      const m = parseGoMod([
        'module "example.com/q" // Deprecated: use example.com/r',
        'go 1.21.3 // comment',
        'require example.com/a v1.0.0 // indirect',
        'require (',
        '  "example.com/b" v0.1.0',
        '  example.com/a v1.2.0',
        '  // a comment line',
        ')',
        'replace example.com/a => ../a',
        'replace example.com/b v0.1.0 => example.com/c v0.2.0',
        'exclude example.com/a v1.1.0',
        'toolchain go1.22.0',
      ].join('\n'), '/m');
      assert.strictEqual(m.path, 'example.com/q');
      assert.deepStrictEqual(m.goVersion, { major: 1, minor: 21, patch: 3 });
      assert.deepStrictEqual([...m.require], [['example.com/a', 'v1.2.0'], ['example.com/b', 'v0.1.0']]);
      assert.deepStrictEqual(m.replace.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion, r.local]), [
        ['example.com/a', undefined, path.resolve('/m', '../a'), undefined, true],
        ['example.com/b', 'v0.1.0', 'example.com/c', 'v0.2.0', false],
      ]);
    });

    it("accepts a module block as the go command does, and refuses what modfile refuses", () => {
      assert.strictEqual(parseGoMod('module (\n\texample.com/m\n)\n', '/m').path, 'example.com/m');
      assert.strictEqual(parseGoMod('module `example.com/m`\n', '/m').path, undefined);
      assert.strictEqual(parseGoMod('module example.com/m extra\n', '/m').path, undefined);
      assert.strictEqual(parseGoMod('module "unterminated\n', '/m').path, undefined);
      assert.deepStrictEqual(parseGoMod('replace a => b\nreplace c => ./d v1.0.0\n', '/m').replace, []);
    });

    it('escapes module paths and orders versions as the module cache and MVS do', () => {
      assert.strictEqual(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
      assert.strictEqual(escapeModulePath('github.com/Azure/azure-SDK'), 'github.com/!azure/azure-!s!d!k');
      assert.ok(compareSemver('v1.10.0', 'v1.9.9') > 0);
      assert.ok(compareSemver('v1.0.0', 'v1.0.0-rc.1') > 0);
      assert.ok(compareSemver('v0.0.0-20240101000000-abcdef012345', 'v0.0.0-20230101000000-abcdef012345') > 0);
      assert.strictEqual(compareSemver('v2.0.0+incompatible', 'v2.0.0'), 0);
    });
  });

  describe('goEnv', () => {
    it('takes GOROOT and GOMODCACHE, else GOPATH[0]/pkg/mod, from the environment', () => {
      const abs = (p: string) => path.resolve(p);
      assert.deepStrictEqual(goEnv({ GOROOT: abs('/r'), GOMODCACHE: abs('/c') }), { goroot: abs('/r'), gomodcache: abs('/c') });
      assert.deepStrictEqual(goEnv({ GOROOT: abs('/r'), GOPATH: [abs('/p'), abs('/q')].join(path.delimiter) }),
        { goroot: abs('/r'), gomodcache: path.join(abs('/p'), 'pkg', 'mod') });
    });

    it('without go on PATH: no GOROOT, and the default module cache under the home directory', () => {
      const home = path.resolve('/home/someone');
      const env = { PATH: '', HOME: home, USERPROFILE: home };
      assert.deepStrictEqual(goEnv(env), { goroot: undefined, gomodcache: path.join(home, 'go', 'pkg', 'mod') });
      assert.deepStrictEqual(goEnv({ PATH: '' }), { goroot: undefined, gomodcache: undefined });
    });
  });

  describe('on this machine', function () {
    this.timeout(120_000);
    const goAvailable = !spawnSync('go', ['version']).error;
    const goOut = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = os.tmpdir()) =>
      spawnSync('go', args, { cwd, encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', ...env }, timeout: 90_000 });

    it('agrees with `go env GOROOT` and finds net/http in it', function () {
      if (!goAvailable) { console.log('      (skipped: go is not on PATH)'); this.skip(); }
      const r = goOut(['env', 'GOROOT']);
      assert.strictEqual(r.status, 0, r.stderr);
      const env = goEnv();
      assert.strictEqual(env.goroot, r.stdout.trim());
      const from = process.platform === 'win32' ? os.tmpdir() : '/tmp';
      assert.deepStrictEqual(new ImportLocator(env).locate(from, 'net/http'), loc(path.join(r.stdout.trim(), 'src', 'net', 'http'), 'std'));
    });

    it('resolves a dependency in the module cache to the directory `go list` prints', function () {
      if (!goAvailable) { console.log('      (skipped: go is not on PATH)'); this.skip(); }
      const env = goEnv();
      const mod = 'github.com/google/uuid';
      const version = 'v1.6.0';
      const cached = env.gomodcache !== undefined && fs.existsSync(path.join(env.gomodcache, escapeModulePath(mod) + '@' + version, 'go.mod'));
      if (!cached) {
        const cfg = goOut(['env', 'GOPROXY', 'GOFLAGS']);
        const [proxy, flags] = cfg.stdout.split('\n');
        const why = cfg.status !== 0 ? `go env failed: ${cfg.stderr.trim()}`
          : /(^|,|\|)off($|,|\|)/.test(proxy ?? '') ? `${mod}@${version} is not in the module cache and GOPROXY=${proxy} forbids downloading it`
          : /-mod=vendor/.test(flags ?? '') ? `${mod}@${version} is not in the module cache and GOFLAGS=${flags} forbids downloading it`
          : undefined;
        if (why) { console.log(`      (skipped: ${why})`); this.skip(); }
        const dl = goOut(['mod', 'download', '-json', `${mod}@${version}`], { GOFLAGS: '' });
        if (dl.status !== 0) { console.log(`      (skipped: go mod download ${mod}@${version} failed: ${(dl.stdout + dl.stderr).trim().split('\n').slice(-3).join(' ')})`); this.skip(); }
      }
      const dir = at('real/uuidcheck');
      tree(tmp, {
        'real/uuidcheck/go.mod': `module example.com/uuidcheck\n\ngo 1.21\n\nrequire ${mod} ${version}\n`,
        'real/uuidcheck/main.go': `package main\n\nimport "${mod}"\n\nfunc main() { _ = uuid.New() }\n`,
      });
      const list = goOut(['list', '-f', '{{.Dir}}', mod], { GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off' }, dir);
      assert.strictEqual(list.status, 0, list.stderr);
      const want = list.stdout.trim();
      assert.deepStrictEqual(new ImportLocator(env).locate(dir, mod), loc(want, 'dependency'));
      assert.deepStrictEqual(new ImportLocator(env).locate(dir, mod), loc(path.join(env.gomodcache!, 'github.com', 'google', 'uuid@v1.6.0'), 'dependency'));
    });
  });
});
