// New findings only: --new-from-rev, --new-from-patch and --baseline on a git repository built
// in a temp directory. Code is moved (lines inserted above it, a function moved below another)
// and one finding is added; each way of asking for new findings reports that one only.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureBuilt, GO_MOD, runCli, tempTree, type Run } from './cli-harness';
import { changedLines, parseUnifiedDiff } from '../server/src/cli/newonly';

const P_GO = `package p

// sessions holds the open sessions by id.
var sessions = map[string][]byte{}

// Reset forgets every session.
func Reset() {
	for k := range sessions {
		delete(sessions, k)
	}
}

func Add(id string, v []byte) { sessions[id] = v }

var seen = map[int]bool{}

// Forget empties seen twice over, the second time to be sure.
func Forget() {
	for k := range seen {
		delete(seen, k)
	}
	for k := range seen {
		delete(seen, k)
	}
}

func Mark(n int) { seen[n] = true }
`;

const Q_GO = `package q

var counts = map[string]int{}

func Clear() {
	for k := range counts {
		delete(counts, k)
	}
}

func Count(s string) { counts[s]++ }
`;

/** The third loop of Forget: the one new finding site after the edit. */
const THIRD_LOOP = `	for k := range seen { // a third time
		delete(seen, k)
	}
`;

/** P_GO with lines inserted at the top, Reset moved below Forget, and a third loop in Forget. */
function edited(): string {
  const reset = P_GO.slice(P_GO.indexOf('// Reset forgets'), P_GO.indexOf('func Add'));
  let s = P_GO.replace(reset, '');
  s = s.replace('package p\n', 'package p\n\n// maxSessions bounds the table.\nconst maxSessions = 1000\n');
  s = s.replace('\t}\n}\n\nfunc Mark', `\t}\n${THIRD_LOOP}}\n\nfunc Mark`);
  return `${s}\n${reset}`;
}

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], { cwd: dir, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A repository with P_GO and Q_GO committed. */
function repo(): string {
  const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': P_GO, 'q/q.go': Q_GO });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

/** Moves code in both files and adds the new loop; nothing committed. */
function edit(dir: string): void {
  fs.writeFileSync(path.join(dir, 'p.go'), edited());
  fs.writeFileSync(path.join(dir, 'q/q.go'), Q_GO.replace('func Clear', '// Clear empties counts.\n// It keeps the storage.\nfunc Clear'));
}

interface Finding { file: string; line: number; rule: string; message: string }
function findings(r: Run): Finding[] {
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map(({ file, line, rule, message }) => ({ file, line, rule, message }));
}

const lint = (dir: string, ...args: string[]) => runCli(['--format', 'json', '--compiler', 'off', ...args, './...'], dir);

/** The findings of the whole tree on the third loop's line: what each filter must leave. */
function added(dir: string): Finding[] {
  const line = edited().split('\n').indexOf(THIRD_LOOP.split('\n')[0]) + 1;
  const all = findings(lint(dir));
  const there = all.filter((f) => f.file === 'p.go' && f.line === line);
  assert.ok(there.some((f) => f.rule === 'rangeclear'), JSON.stringify(all));
  assert.ok(all.length > there.length, 'other findings remain to be left out');
  return there;
}

describe('cli: new findings only', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  it('--new-from-rev HEAD reports only the added finding, not the moved ones; uncommitted and untracked changes count', () => {
    const dir = repo();
    const before = lint(dir, '--new-from-rev', 'HEAD');
    assert.deepStrictEqual([before.status, findings(before)], [0, []], before.stderr);
    edit(dir);
    const want = added(dir);
    const r = lint(dir, '--new-from-rev', 'HEAD');
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(findings(r), want);
    assert.match(r.stderr, /go-mapleak: \d+ new findings?; not shown: \d+ on lines unchanged since HEAD\n/);
    // Staged or committed on a branch: the same against the first commit.
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'edit');
    assert.deepStrictEqual(findings(lint(dir, '--new-from-rev', 'HEAD~1')), want);
    assert.deepStrictEqual(findings(lint(dir, '--new-from-rev', 'HEAD')), []);
    // An untracked file is new throughout; the same on two worker threads.
    fs.writeFileSync(path.join(dir, 'q/r.go'), 'package q\n\nvar hits = map[int]int{}\n\nfunc Drop() {\n\tfor k := range hits {\n\t\tdelete(hits, k)\n\t}\n}\n');
    const untracked = lint(dir, '--new-from-rev', 'HEAD');
    assert.deepStrictEqual(findings(untracked).map((f) => [f.file, f.line, f.rule]).filter(([, , rule]) => rule === 'rangeclear'), [['q/r.go', 6, 'rangeclear']]);
    const threads = lint(dir, '--new-from-rev', 'HEAD', '--jobs', '2');
    assert.strictEqual(threads.stdout, untracked.stdout);
  });

  it('--new-from-patch with git diff output reports the same', () => {
    const dir = repo();
    edit(dir);
    const patch = path.join(dir, 'changes.diff');
    fs.writeFileSync(patch, git(dir, 'diff', '--no-color', '--no-ext-diff'));
    const want = added(dir);
    const r = lint(dir, '--new-from-patch', 'changes.diff');
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(findings(r), want);
    assert.match(r.stderr, /not shown: \d+ on lines not changed by changes\.diff\n/);
    // From a subdirectory, the patch's paths are still the repository's.
    const sub = runCli(['--format', 'json', '--compiler', 'off', '--new-from-patch', patch, '../...'], path.join(dir, 'q'));
    assert.deepStrictEqual(findings(sub).map((f) => f.line), want.map((f) => f.line));
    // A patch with default context (3 lines) marks the same lines.
    fs.writeFileSync(patch, git(dir, 'diff', '--no-color', '--no-ext-diff', '-U3'));
    assert.deepStrictEqual(findings(lint(dir, '--new-from-patch', patch)), want);
    // An empty patch: nothing is new.
    fs.writeFileSync(patch, '');
    const none = lint(dir, '--new-from-patch', patch);
    assert.deepStrictEqual([none.status, findings(none)], [0, []]);
  });

  it('a baseline written before the moves matches after them and reports only the added finding', () => {
    const dir = repo();
    const w = lint(dir, '--write-baseline', 'mapleak-baseline.json');
    assert.deepStrictEqual([w.status, w.stdout], [0, ''], w.stderr);
    const count = findings(lint(dir)).length;
    assert.match(w.stderr, new RegExp(`go-mapleak: wrote ${count} findings to mapleak-baseline\\.json\\n`));
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'mapleak-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; file: string; function: string; line?: number }[] };
    assert.strictEqual(doc.version, 1);
    assert.strictEqual(doc.findings.length, count);
    assert.ok(doc.findings.every((f) => /^[0-9a-f]{64}$/.test(f.fingerprint) && f.line === undefined));
    assert.deepStrictEqual([...new Set(doc.findings.map((f) => `${f.file} ${f.function}`))].sort(), ['p.go Forget', 'p.go Reset', 'q/q.go Clear']);
    const same = lint(dir, '--baseline', 'mapleak-baseline.json');
    assert.deepStrictEqual([same.status, findings(same)], [0, []], same.stderr);
    assert.match(same.stderr, new RegExp(`go-mapleak: 0 new findings; not shown: ${count} in the baseline\\n`));

    edit(dir);
    // Forget's loop was there twice and is there three times now: one of the three is new, the last.
    const r = lint(dir, '--baseline', 'mapleak-baseline.json');
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(findings(r), added(dir));
    // Paths in the baseline are relative to its file: the same from a subdirectory.
    const sub = runCli(['--format', 'json', '--compiler', 'off', '--baseline', '../mapleak-baseline.json', '../...'], path.join(dir, 'q'));
    assert.deepStrictEqual(findings(sub).map((f) => f.line), added(dir).map((f) => f.line));
    // Both filters: new since HEAD and not in the baseline.
    assert.deepStrictEqual(findings(lint(dir, '--baseline', 'mapleak-baseline.json', '--new-from-rev', 'HEAD')), added(dir));
  });

  it('a bad REV, a missing file, a directory outside git or a bad baseline is an error (exit 2)', () => {
    const dir = repo();
    const cases: [string[], string | RegExp, string?][] = [
      [['--new-from-rev', 'no-such-rev'], 'go-mapleak: --new-from-rev: unknown revision "no-such-rev"\n'],
      [['--new-from-rev', 'HEAD'], /^go-mapleak: --new-from-rev: .* is not in a git repository\n$/, tempTree({ 'p.go': P_GO })],
      [['--new-from-patch', 'missing.diff'], 'go-mapleak: --new-from-patch: cannot read missing.diff: no such file\n'],
      [['--baseline', 'missing.json'], 'go-mapleak: --baseline: cannot read missing.json: no such file (--write-baseline writes one)\n'],
      [['--baseline', 'go.mod'], /^go-mapleak: --baseline: cannot read go\.mod: not JSON/],
    ];
    for (const [args, message, cwd] of cases) {
      const r = runCli(['--compiler', 'off', ...args, '.'], cwd ?? dir);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.strictEqual(r.stdout, '');
      if (typeof message === 'string') assert.strictEqual(r.stderr, message); else assert.match(r.stderr, message);
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'just words\n');
    assert.match(runCli(['--new-from-patch', 'notes.txt', '.'], dir).stderr, /--new-from-patch: notes\.txt is not a unified diff/);
    fs.writeFileSync(path.join(dir, 'other.json'), '{"findings": []}');
    assert.match(runCli(['--baseline', 'other.json', '.'], dir).stderr, /other\.json is not a go-mapleak baseline/);
    for (const [args, message] of [
      [['--new-from-rev', 'HEAD', '--new-from-patch', 'x.diff'], '--new-from-rev and --new-from-patch cannot both be given'],
      [['--write-baseline', 'b.json', '--baseline', 'b.json'], '--write-baseline writes every finding; it cannot be combined with --baseline'],
      [['--new-from-rev', 'HEAD', '--fix'], '--new-from-rev cannot be combined with --fix or --diff'],
      [['--baseline='], '--baseline needs a value'],
    ] as const) {
      const r = runCli([...args, '.'], dir);
      assert.strictEqual(r.status, 2);
      assert.ok(r.stderr.startsWith(`go-mapleak: ${message}\n`), r.stderr);
    }
  });
});

describe('newonly: unified diffs', () => {
  it('reads added lines, quoted paths, new and deleted files, and leaves out blocks moved between files', () => {
    const diff = [
      'diff --git a/a.go b/a.go',
      '--- a/a.go',
      '+++ b/a.go',
      '@@ -1,6 +1,2 @@',
      ' package a',
      '-func moved() {',
      '-\tfor k := range m {',
      '-\t\tdelete(m, k)',
      '-\t}',
      '-}',
      '+var x = 1',
      '\\ No newline at end of file',
      'diff --git "a/b c\\303\\251.go" "b/b c\\303\\251.go"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/b c\\303\\251.go"',
      '@@ -0,0 +1,7 @@',
      '+package a',
      '+',
      '+  func moved() {',
      '+\tfor k := range m {',
      '+\t\tdelete(m, k)',
      '+\t}',
      '+}',
      'diff --git a/gone.go b/gone.go',
      'deleted file mode 100644',
      '--- a/gone.go',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-package a',
      '--- not a header',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(diff);
    assert.deepStrictEqual(files.map((f) => f.path), ['a.go', 'b cé.go', '']);
    assert.deepStrictEqual(files[0].added, [{ line: 2, text: 'var x = 1' }]);
    assert.deepStrictEqual(files[2].removed, [['package a', '-- not a header']]);
    const changed = changedLines(files, '/r');
    assert.deepStrictEqual([...changed.get('/r/a.go') ?? []], [2]);
    // The function moved from a.go (white space aside) is not new; the lines around it are.
    assert.deepStrictEqual([...changed.get('/r/b cé.go') ?? []], [1, 2]);
  });

  it('a block added twice and removed once is moved once, new once', () => {
    const block = ['for k := range m {', '\tdelete(m, k)', '}'];
    const files = parseUnifiedDiff([
      '--- a/a.go', '+++ b/a.go', '@@ -1,3 +1,7 @@',
      ...block.map((l) => `-${l}`), ...block.map((l) => `+${l}`), '+// again', ...block.map((l) => `+${l}`), '',
    ].join('\n'));
    assert.deepStrictEqual([...changedLines(files, '/r').get('/r/a.go') ?? []], [4, 5, 6, 7]);
  });
});
