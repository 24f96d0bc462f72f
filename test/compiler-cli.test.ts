// `go-mapleak --compiler auto|off` (dist/cli.js; `npm run build` first): which packages are
// built, what a confirmed finding says, and a failed build said once on stderr with the other
// findings kept.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findGo } from '../server/src/compiler/run';
import { CLI, GO_MOD, LOOP_GO, tempTree, type Run } from './cli-harness';

const GO = findGo();

const BOXING_GO = `package p

import "runtime"

func fill(m map[string]any, ns []int) {
	for _, n := range ns {
		m["n"] = n
		m["g"] = runtime.NumGoroutine()
	}
}
`;

/** A store the compiler rejects: the package does not build, the syntax findings stay. */
const BROKEN_GO = `package p

func broken(m map[string]any, ns []int) {
	for _, n := range ns {
		m["n"] = n
	}
	unused := 1
}
`;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...env, GO_MAPLEAK_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A directory holding a `go` that only logs that it ran, put first on PATH. */
function fakeGoPath(): { env: NodeJS.ProcessEnv; ran: () => boolean } {
  const dir = tempTree({});
  const log = path.join(dir, 'ran');
  fs.writeFileSync(path.join(dir, 'go'), `#!/bin/sh\necho "$@" >> '${log}'\nexit 0\n`, { mode: 0o755 });
  return { env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` }, ran: () => fs.existsSync(log) };
}

describe('cli --compiler', () => {
  it('rejects a mode other than auto or off', () => {
    const r = run(['--compiler', 'always', '.'], tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO }));
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /invalid --compiler "always": want one of auto, off/);
  });

  describe('which packages are built', function () {
    before(function () {
      if (process.platform === 'win32') { console.log('    (skipped: the fake go is a shell script)'); this.skip(); }
    });

    it('never runs go with --compiler off', () => {
      const fake = fakeGoPath();
      const r = run(['--compiler', 'off', '.'], tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO }), fake.env);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.ok(!fake.ran());
    });

    it('runs go only for a package with a finding the compiler can confirm', () => {
      const fake = fakeGoPath();
      const loopOnly = run(['.'], tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO }), fake.env);
      assert.strictEqual(loopOnly.status, 1, loopOnly.stderr);
      assert.ok(!fake.ran(), 'a package with only rangeclear findings was built');
      const boxing = run(['.'], tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO }), fake.env);
      assert.strictEqual(boxing.status, 1, boxing.stderr);
      assert.ok(fake.ran());
    });

    it('is off without go on PATH, silently', () => {
      const r = run(['.'], tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO }), { ...process.env, PATH: tempTree({}), HOME: tempTree({}) });
      assert.strictEqual(r.stderr, '');
      assert.match(r.stdout, /storing n \(int\)/);
      assert.doesNotMatch(r.stdout, /confirmed by the Go compiler|NumGoroutine/);
    });
  });

  describe('with the Go compiler', function () {
    before(function () {
      if (!GO) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
    });

    it('confirms an allocation claim, and never reports an unknown-type store on the compiler\'s word alone', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO });
      const off = run(['--compiler', 'off', '.'], dir);
      const auto = run(['.'], dir);
      assert.match(auto.stderr, /^go-mapleak: compiler: built 1 package in [\d.]+ s; 1 finding confirmed\n$/);
      assert.deepStrictEqual(off.stdout.trim().split('\n').map((l) => l.replace(/:.*/, '')), ['p.go']);
      assert.doesNotMatch(off.stdout, /confirmed/);
      const lines = auto.stdout.trim().split('\n');
      // runtime.NumGoroutine() escapes too (the compiler logs it), but its type is not read here:
      // "escapes to heap" alone is no allocation claim.
      assert.strictEqual(lines.length, 1, auto.stdout);
      assert.match(lines[0], /^p\.go:7:12: storing n \(int\) .* \(confirmed by the Go compiler: n escapes to heap\) \(ifacebox\)$/);
      const json = JSON.parse(run(['--format', 'json', '.'], dir).stdout) as { findings: { compiler?: unknown }[]; compiler: { built: number; confirmed: number } };
      assert.deepStrictEqual(json.findings.map((f) => f.compiler), [{ status: 'confirmed', record: 'n escapes to heap' }]);
      assert.deepStrictEqual([json.compiler.built, json.compiler.confirmed], [1, 1]);
      const offJson = JSON.parse(run(['--format', 'json', '--compiler', 'off', '.'], dir).stdout) as { findings: { compiler?: unknown }[] };
      assert.deepStrictEqual(offJson.findings.map((f) => f.compiler), [{ status: 'not-run' }]);
      // The workspace is as it was: no binary, no go.sum.
      assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['go.mod', 'p.go']);
    });

    it('builds offline: a module missing from the cache fails the build with GOPROXY=off and says how to allow downloads', () => {
      const mod = 'module example.com/p\n\ngo 1.22\n\nrequire example.com/not/in/cache v1.0.0\n';
      const dir = tempTree({ 'go.mod': mod, 'p.go': BOXING_GO.replace('import "runtime"', 'import (\n\t"runtime"\n\n\t_ "example.com/not/in/cache"\n)') });
      const r = run(['.'], dir);
      assert.match(r.stderr, /could not build/);
      assert.match(r.stderr, /--compiler-download lets the go command fetch modules/);
      assert.match(r.stderr, /compiler: built 0 packages in [\d.]+ s; 0 findings confirmed; 1 package failed to build/);
      assert.match(r.stdout, /storing n \(int\)/, 'the finding stands, unconfirmed');
    });

    it('stops building once its time budget is spent, and says so', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'a/p.go': BOXING_GO, 'b/p.go': BOXING_GO });
      const r = run(['--compiler-timeout', '0.001s', './...'], dir);
      assert.match(r.stderr, /the compiler pass's time budget \(0\.001 s, --compiler-timeout\) is spent/);
      assert.match(r.stderr, /skipped: time budget spent/);
      assert.strictEqual(r.stdout.trim().split('\n').length, 2, 'both findings stand, unconfirmed');
    });

    it('says a failed build once per package on stderr and keeps the other findings', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'a.go': BROKEN_GO, 'b.go': BOXING_GO.replace('func fill', 'func fill2') });
      const r = run(['.'], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.strictEqual(r.stderr.match(/could not build/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /declared and not used: unused/);
      // The known-type stores of both files are reported, unconfirmed; the unknown-type store is not.
      assert.match(r.stdout, /^a\.go:5:12: storing n \(int\)/m);
      assert.match(r.stdout, /^b\.go:7:12: storing n \(int\)/m);
      assert.doesNotMatch(r.stdout, /confirmed|NumGoroutine/);
    });
  });
});
