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

func fill(m map[string]any, n int) {
	m["n"] = n
	m["g"] = runtime.NumGoroutine()
}
`;

/** A store the compiler rejects: the package does not build, the syntax findings stay. */
const BROKEN_GO = `package p

func broken(m map[string]any, n int) {
	m["n"] = n
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
      const r = run(['.'], tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO }), { ...process.env, PATH: tempTree({}) });
      assert.strictEqual(r.stderr, '');
      assert.match(r.stdout, /storing n \(int\)/);
      assert.doesNotMatch(r.stdout, /confirmed by the Go compiler|NumGoroutine/);
    });
  });

  describe('with the Go compiler', function () {
    before(function () {
      if (!GO) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
    });

    it('confirms stores and reports an unknown-type store only when the compiler logs its escape', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': BOXING_GO });
      const off = run(['--compiler', 'off', '.'], dir);
      const auto = run(['.'], dir);
      assert.strictEqual(auto.stderr, '');
      assert.deepStrictEqual(off.stdout.trim().split('\n').map((l) => l.replace(/:.*/, '')), ['p.go']);
      assert.doesNotMatch(off.stdout, /confirmed/);
      const lines = auto.stdout.trim().split('\n');
      assert.strictEqual(lines.length, 2, auto.stdout);
      assert.match(lines[0], /^p\.go:6:11: storing n \(int\) .* \(confirmed by the Go compiler: n escapes to heap\) \(ifacebox\)$/);
      assert.match(lines[1], /^p\.go:7:11: storing runtime\.NumGoroutine\(\) .* may allocate: .* \(confirmed by the Go compiler: the result of runtime\.NumGoroutine\(\) escapes to heap \(~[rR]0\)\) \(ifacebox\)$/);
      // The workspace is as it was: no binary, no go.sum.
      assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['go.mod', 'p.go']);
    });

    it('says a failed build once per package on stderr and keeps the other findings', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'a.go': BROKEN_GO, 'b.go': BOXING_GO.replace('func fill', 'func fill2') });
      const r = run(['.'], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.strictEqual(r.stderr.match(/could not build/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /declared and not used: unused/);
      // The known-type stores of both files are reported, unconfirmed; the unknown-type store is not.
      assert.match(r.stdout, /^a\.go:4:11: storing n \(int\)/m);
      assert.match(r.stdout, /^b\.go:6:11: storing n \(int\)/m);
      assert.doesNotMatch(r.stdout, /confirmed|NumGoroutine/);
    });
  });
});
