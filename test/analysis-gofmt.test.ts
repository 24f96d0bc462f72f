// The Go fixtures are real Go: gofmt-clean, and every fixture module builds, before and after
// the preferred fixes (the .go.golden files put in place of their sources). Needs `go` on PATH.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TESTDATA } from './analysistest';

const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off', GOWORK: 'off' };

function run(cmd: string, args: string[], cwd: string) {
  return spawnSync(cmd, args, { cwd, env: GO_ENV, encoding: 'utf8' });
}

function filesUnder(dir: string, pred: (f: string) => boolean): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile() && pred(f));
}

/** A copy of the module tree at dir with every X.go replaced by its X.go.golden when there is one. */
function withGoldens(dir: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-golden-'));
  fs.cpSync(dir, out, { recursive: true });
  for (const g of filesUnder(out, (f) => f.endsWith('.go.golden'))) fs.renameSync(g, g.slice(0, -'.golden'.length));
  return out;
}

describe('Go fixtures are valid Go', function () {
  this.timeout(180_000);
  const modules = filesUnder(TESTDATA, (f) => path.basename(f) === 'go.mod').map(path.dirname);

  before(function () {
    const v = spawnSync('go', ['version'], { encoding: 'utf8' });
    if (v.error || v.status !== 0) {
      console.log('    (go is not on PATH: skipping the gofmt and build checks of the fixtures)');
      this.skip(); // reason printed above: these checks need the Go toolchain
    }
  });

  it('fixtures and goldens are gofmt-clean', () => {
    const goldens = withGoldens(TESTDATA);
    try {
      for (const root of [TESTDATA, goldens]) {
        const r = run('gofmt', ['-l', '.'], root);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout, '', `gofmt would change (in ${root === TESTDATA ? 'fixtures' : 'goldens, as .go'}):\n${r.stdout}`);
      }
    } finally {
      fs.rmSync(goldens, { recursive: true, force: true });
    }
  });

  it('there are fixture modules to build', () => {
    assert.ok(modules.length >= 3, `found go.mod files: ${modules.join(', ')}`);
  });

  for (const dir of modules) {
    const rel = path.relative(TESTDATA, dir);
    it(`${rel} builds, before and after the preferred fixes`, () => {
      const before = run('go', ['build', './...'], dir);
      assert.strictEqual(before.status, 0, `go build ./... in ${rel}:\n${before.stderr}`);
      const fixed = withGoldens(dir);
      try {
        const after = run('go', ['build', './...'], fixed);
        assert.strictEqual(after.status, 0, `go build ./... of ${rel} with the goldens:\n${after.stderr}`);
      } finally {
        fs.rmSync(fixed, { recursive: true, force: true });
      }
    });
  }
});
