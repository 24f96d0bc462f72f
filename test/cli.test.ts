// The built command-line linter (dist/cli.js) run as a process on Go files in temp directories:
// every output format and exit code, path patterns, skipped files and --fix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLEAN_GO, ensureBuilt, GO_MOD, LOOP_FIXED_GO, LOOP_GO, ROOT, runCli, tempTree } from './cli-harness';

interface JsonEdit { line: number; column: number; endLine: number; endColumn: number; newText: string }
interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  rule: string; severity: string; message: string;
  fixes: { title: string; preferred: boolean; edits: JsonEdit[] }[];
}
interface JsonReport {
  version: number;
  findings: JsonFinding[];
  errors: { file: string; kind: string; fatal: boolean; message: string }[];
  fixed: { findings: number; files: number };
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe('go-mapleak CLI', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  describe('text output and exit codes', () => {
    it('prints go vet style lines with a relative path and exits 1 on findings', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const r = runCli([], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^p\.go:6:2: .+ \(rangeclear\)\n$/);
      assert.strictEqual(r.stderr, '');
    });

    it('exits 0 and prints nothing on clean code', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': CLEAN_GO });
      const r = runCli(['.'], dir);
      assert.deepStrictEqual([r.status, r.stdout, r.stderr], [0, '', '']);
    });

    it('--issues-exit-code replaces the 1 and still prints the findings', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const zero = runCli(['--issues-exit-code', '0'], dir);
      assert.strictEqual(zero.status, 0);
      assert.match(zero.stdout, /p\.go:6:2:/);
      assert.strictEqual(runCli(['--issues-exit-code=7'], dir).status, 7);
    });

    it('counts the column in UTF-8 bytes when non-ASCII text precedes the finding on its line', () => {
      // tab, "/* é😀 */ ": 1 + 13 bytes before `for` (é is 2 bytes, 😀 is 4), so byte column 15.
      const src = LOOP_GO.replace('\tfor k', '\t/* é😀 */ for k');
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': src });
      const r = runCli(['p.go'], dir);
      assert.match(r.stdout, /^p\.go:6:15: /);
    });

    it('reports paths outside the working directory as absolute paths', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const elsewhere = tempTree({});
      const r = runCli([path.join(dir, 'p.go')], elsewhere);
      assert.ok(r.stdout.startsWith(`${path.join(dir, 'p.go')}:6:2: `), r.stdout);
    });

    it('still reports the well-formed parts of a file that does not parse', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO + '\nfunc broken( {\n' });
      const r = runCli([], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^p\.go:6:2: /);
    });
  });

  describe('flags', () => {
    it('names an unknown flag plainly', () => {
      assert.match(runCli(['--bogus'], tempTree({})).stderr, /^go-mapleak: unknown flag --bogus\n/);
    });

    it('--help prints the usage on stdout and exits 0; --version prints the package version', () => {
      const dir = tempTree({});
      const help = runCli(['--help'], dir);
      assert.strictEqual(help.status, 0);
      assert.match(help.stdout, /^usage: go-mapleak/);
      assert.match(help.stdout, /--issues-exit-code/);
      const version = runCli(['--version'], dir);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.deepStrictEqual([version.status, version.stdout], [0, `go-mapleak ${pkg.version}\n`]);
    });

    for (const args of [['--bogus'], ['--format', 'xml'], ['--go-version', '1.x'], ['--min-severity', 'loud'], ['--issues-exit-code', '-1'], ['--format']]) {
      it(`is a usage error (exit 2, message and usage on stderr): ${args.join(' ')}`, () => {
        const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
        const r = runCli(args, dir);
        assert.strictEqual(r.status, 2);
        assert.strictEqual(r.stdout, '');
        assert.match(r.stderr, /^go-mapleak: [^]+\n\nusage: go-mapleak/);
      });
    }

    it('--min-severity keeps findings at that level and drops those below it', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const [f] = json(runCli(['--format', 'json'], dir).stdout).findings;
      const levels = ['hint', 'information', 'warning', 'error'];
      const at = levels.indexOf(f.severity);
      assert.ok(at >= 0 && at < 3, `unexpected severity ${f.severity}`);
      const same = runCli(['--min-severity', f.severity], dir);
      assert.strictEqual(same.status, 1);
      assert.match(same.stdout, /p\.go:6:2:/);
      const above = runCli(['--min-severity', levels[at + 1]], dir);
      assert.deepStrictEqual([above.status, above.stdout], [0, '']);
    });

    it('--go-version wins over go.mod: clear (Go 1.21) is offered at 1.22 and not at 1.20', () => {
      const offersClear = (dir: string, args: string[]) => {
        const [f] = json(runCli(['--format', 'json', ...args], dir).stdout).findings;
        return f.fixes.some((x) => x.edits.some((e) => e.newText.includes('clear(m)')));
      };
      const mod122 = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const mod120 = tempTree({ 'go.mod': GO_MOD.replace('go 1.22', 'go 1.20'), 'p.go': LOOP_GO });
      assert.strictEqual(offersClear(mod122, []), true, 'go.mod says 1.22');
      assert.strictEqual(offersClear(mod120, []), false, 'go.mod says 1.20');
      assert.strictEqual(offersClear(mod122, ['--go-version', '1.20']), false, 'the flag lowers it');
      assert.strictEqual(offersClear(mod120, ['--go-version=go1.21.3']), true, 'the flag raises it');
    });
  });

  describe('paths', () => {
    it('exits 2 on a path that does not exist, printing nothing on stdout', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      const r = runCli(['p.go', 'nope/...'], dir);
      assert.strictEqual(r.status, 2);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /nope\/\.\.\.: no such file or directory/);
    });

    it('./... recurses but skips vendor, testdata, .hidden and _under; a directory named explicitly is analyzed', () => {
      const dir = tempTree({
        'go.mod': GO_MOD, 'b.go': LOOP_GO, 'a/a.go': LOOP_GO, 'a/deep/d.go': LOOP_GO, 'a/notgo.txt': LOOP_GO,
        'vendor/v.go': LOOP_GO, 'a/testdata/t.go': LOOP_GO, '.hidden/h.go': LOOP_GO, '_under/u.go': LOOP_GO, '_skip.go': LOOP_GO,
      });
      const files = (r: { stdout: string }) => r.stdout.trim().split('\n').map((l) => l.split(':')[0]);
      assert.deepStrictEqual(files(runCli(['./...'], dir)), ['b.go', 'a/a.go', 'a/deep/d.go']);
      assert.deepStrictEqual(files(runCli(['./a/...'], dir)), ['a/a.go', 'a/deep/d.go']);
      assert.deepStrictEqual(files(runCli(['a'], dir)), ['a/a.go'], 'a directory is not recursive');
      assert.deepStrictEqual(files(runCli(['vendor', 'a/testdata/...'], dir)), ['a/testdata/t.go', 'vendor/v.go']);
      assert.deepStrictEqual(files(runCli([], dir)), ['b.go'], 'the default is the current directory');
    });

    it('reports an unreadable file (dangling symlink), goes on with the others and exits 2', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
      fs.symlinkSync('missing.go', path.join(dir, 'bad.go'));
      const r = runCli(['./...'], dir);
      assert.strictEqual(r.status, 2);
      assert.match(r.stdout, /^p\.go:6:2: /, 'the readable file is still analyzed');
      assert.match(r.stderr, /bad\.go: cannot read/);
      const j = json(runCli(['--format', 'json'], dir).stdout);
      assert.deepStrictEqual(j.errors.map((e) => [e.file, e.kind, e.fatal]), [['bad.go', 'unreadable', true]]);
      assert.strictEqual(j.findings.length, 1);
    });

    it('skips binary and non-UTF-8 .go files with a message, without changing the exit code', () => {
      const dir = tempTree({
        'go.mod': GO_MOD, 'p.go': LOOP_GO,
        'bin.go': Buffer.from('package p\x00\x01\x02\n', 'latin1'),
        'latin1.go': Buffer.from('package p\n// caf\xe9\n', 'latin1'),
      });
      const r = runCli([], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^p\.go:6:2: /);
      assert.match(r.stderr, /skipping bin\.go: binary file/);
      assert.match(r.stderr, /skipping latin1\.go: not valid UTF-8/);
      const clean = tempTree({ 'go.mod': GO_MOD, 'p.go': CLEAN_GO, 'bin.go': Buffer.from([0, 1, 2]) });
      assert.strictEqual(runCli([], clean).status, 0, 'a skipped file alone is not an error');
      const j = json(runCli(['--format', 'json'], dir).stdout);
      assert.deepStrictEqual(j.errors.map((e) => [e.file, e.kind, e.fatal]), [['bin.go', 'binary', false], ['latin1.go', 'encoding', false]]);
    });
  });

  describe('json', () => {
    it('has the documented shape with 1-based lines and byte columns for findings and fix edits', () => {
      const src = LOOP_GO.replace('\tfor k', '\t/* é😀 */ for k');
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': src });
      const r = runCli(['--format', 'json'], dir);
      assert.strictEqual(r.status, 1);
      const j = json(r.stdout);
      // `compiler` (what the compiler pass did) only when go is on PATH and --compiler auto.
      assert.deepStrictEqual(Object.keys(j).filter((k) => k !== 'compiler'), ['version', 'findings', 'errors', 'fixed', 'notShown', 'excluded']);
      assert.strictEqual(j.version, 1);
      assert.deepStrictEqual(j.errors, []);
      const [f] = j.findings;
      assert.deepStrictEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'impact', 'fixes']);
      assert.deepStrictEqual([f.file, f.line, f.column, f.rule], ['p.go', 6, 15, 'rangeclear']);
      assert.ok(f.endLine > 6 || (f.endLine === 6 && f.endColumn > 15), JSON.stringify(f));
      const preferred = f.fixes.filter((x) => x.preferred);
      assert.strictEqual(preferred.length, 1);
      const edit = preferred[0].edits.find((e) => e.newText.includes('clear(m)'));
      assert.ok(edit, JSON.stringify(preferred));
      assert.deepStrictEqual(Object.keys(edit), ['line', 'column', 'endLine', 'endColumn', 'newText']);
      assert.ok(edit.line >= 1 && edit.column >= 1 && edit.endLine <= 9, JSON.stringify(edit));
    });
  });

  describe('--fix', () => {
    it('rewrites the file to the preferred fix, keeps its mode, says so and exits 0', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO, 'q.go': CLEAN_GO });
      const file = path.join(dir, 'p.go');
      fs.chmodSync(file, 0o640);
      const r = runCli(['--fix'], dir);
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      assert.strictEqual(r.stdout, '', 'fixed findings are not reported');
      assert.match(r.stderr, /fixed 1 finding in 1 file/);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), LOOP_FIXED_GO);
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['go.mod', 'p.go', 'q.go'], 'no temporary file left');
      assert.deepStrictEqual(runCli([], dir).status, 0, 'nothing left to report');
    });

    it('fixes through a symlink without replacing the link', () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'real/p.go': LOOP_GO });
      fs.mkdirSync(path.join(dir, 'pkg'));
      fs.symlinkSync(path.join(dir, 'real', 'p.go'), path.join(dir, 'pkg', 'p.go'));
      assert.strictEqual(runCli(['--fix', 'pkg'], dir).status, 0);
      assert.ok(fs.lstatSync(path.join(dir, 'pkg', 'p.go')).isSymbolicLink());
      assert.strictEqual(fs.readFileSync(path.join(dir, 'real', 'p.go'), 'utf8'), LOOP_FIXED_GO);
    });
  });
});
