// .pre-commit-hooks.yaml with the real pre-commit framework (from PyPI, in a temporary venv).
// pre-commit installs a `language: node` hook with `npm install -g git+file://<its clone>`, so the
// hook's repository must hold the built files: here a git repository of the `npm pack` contents
// (which carry .pre-commit-hooks.yaml), as a release ref would. A fixture project points its
// .pre-commit-config.yaml at that commit; `pre-commit run --all-files` must fail on a range-delete
// loop with the finding and pass once the file is clean.
import * as assert from 'assert';
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, ensureBuilt, npmNetworkError, npmPack, ROOT } from './npm-pack';

const PRE_COMMIT = 'pre-commit==4.7.0';

const BAD_GO = `package m

func Reset(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}
`;
const CLEAN_GO = `package m

func Add(m map[string]int, k string) { m[k]++ }
`;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout });
}

function git(cwd: string, ...args: string[]): string {
  const r = run('git', ['-c', 'user.name=go-mapleak test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], cwd, cleanEnv());
  assert.strictEqual(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', function () {
  this.timeout(120_000);
  let tmp = '';
  let preCommit = '';
  let project = '';
  let env: NodeJS.ProcessEnv = {};

  before(function () {
    const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    assert.match(hooks, /^- id: go-mapleak$/m);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-precommit-'));

    // pre-commit from PyPI into a venv; no python3, venv or PyPI: skip.
    const venv = path.join(tmp, 'venv');
    const mk = run('python3', ['-m', 'venv', venv], tmp, cleanEnv());
    if (mk.error || mk.status !== 0) {
      console.log(`      skipped: python3 -m venv failed (${mk.error?.message ?? mk.stderr.trim().split('\n').pop()}); apt-get install python3-venv`);
      this.skip();
    }
    const pip = run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', PRE_COMMIT], tmp, cleanEnv(), 90_000);
    if (pip.status !== 0) {
      console.log(`      skipped: pip install ${PRE_COMMIT} failed (PyPI unreachable?): ${(pip.error?.message ?? pip.stderr).trim().split('\n').slice(-2).join(' ')}`);
      this.skip();
    }
    preCommit = path.join(venv, 'bin', 'pre-commit');

    // The hook repository: the packed files, committed.
    ensureBuilt();
    const packed = npmPack(tmp);
    assert.ok(packed.files.includes('.pre-commit-hooks.yaml'), 'the tarball lacks .pre-commit-hooks.yaml');
    const hookRepo = path.join(tmp, 'hook-repo');
    fs.mkdirSync(hookRepo);
    const tar = run('tar', ['-xzf', packed.tarball, '-C', hookRepo, '--strip-components', '1'], tmp, cleanEnv());
    assert.strictEqual(tar.status, 0, tar.stderr);
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '-m', 'go-mapleak packed');
    const rev = git(hookRepo, 'rev-parse', 'HEAD');

    // The project: a Go module in a git repository using the hook at that commit.
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    git(project, 'init', '-q');
    fs.writeFileSync(path.join(project, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: go-mapleak\n`);
    // PRE_COMMIT_HOME in the temp dir: the hook's environment is made once, for both runs.
    env = cleanEnv({ PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' });
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  function preCommitRun(): SpawnSyncReturns<string> {
    git(project, 'add', '-A');
    const r = run(preCommit, ['run', '--all-files'], project, env, 90_000);
    const out = `${r.stdout}\n${r.stderr}`;
    const offline = r.status !== 0 ? npmNetworkError(out) : undefined;
    if (offline) assert.fail(`npm needed the network to install the hook (${offline}); the package should have no dependencies:\n${out}`);
    return r;
  }

  it('fails on a range-delete loop and prints the finding', () => {
    fs.writeFileSync(path.join(project, 'reset.go'), BAD_GO);
    const r = preCommitRun();
    const out = `${r.stdout}\n${r.stderr}`;
    assert.strictEqual(r.status, 1, out);
    assert.match(r.stdout, /^go-mapleak\.+Failed$/m, out);
    assert.match(r.stdout, /^reset\.go:4:2: `for k := range m \{ delete\(m, k\) \}` empties m; .*\(rangeclear\)$/m, out);
  });

  it('passes once the file is clean', () => {
    fs.writeFileSync(path.join(project, 'reset.go'), CLEAN_GO);
    const r = preCommitRun();
    const out = `${r.stdout}\n${r.stderr}`;
    assert.strictEqual(r.status, 0, out);
    assert.match(r.stdout, /^go-mapleak\.+Passed$/m, out);
  });
});
