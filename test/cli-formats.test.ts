// The CI formats (issue 16): github workflow commands, checkstyle XML, GitLab Code Quality
// (codeclimate) with fingerprints that survive line moves, reviewdog's rdjson read by the real
// reviewdog (built from the Go module proxy), and SARIF's partialFingerprints.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeData, escapeProperty } from '../server/src/cli/format/github';
import { enclosingFunction, normalizedMessage } from '../server/src/cli/format/fingerprint';
import { GO_MOD, ensureBuilt, runCli, tempTree } from './cli-harness';

const GO = `package p

var m = map[string]int{}
var a = map[string]any{}

type S struct{ cache map[string]int }

func reset() {
	for k := range m {
		delete(m, k)
	}
}

func (s *S) flush() {
	for k := range s.cache {
		delete(s.cache, k)
	}
}

func fill(xs []int) {
	for _, x := range xs {
		a["k"] = x
	}
}

func drop() { m = nil }
`;

const lint = (dir: string, format: string) => runCli(['--compiler', 'off', '--min-severity', 'hint', '--format', format, '.'], dir);

interface Issue { type: string; description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number; end?: number } } }

describe('CLI: CI formats', function () {
  this.timeout(300_000);
  before(() => ensureBuilt());

  it('github: one workflow command a finding, with escaped data and properties', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const r = lint(dir, 'github');
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 3, r.stdout);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=p\.go,line=\d+,col=\d+,endLine=\d+,(endColumn=\d+,)?title=go-mapleak (rangeclear|mapretain|mapshrink|ifacebox)::\S/);
    assert.ok(lines.some((l) => /^::notice file=p\.go,line=9,col=2,.*title=go-mapleak rangeclear::/.test(l)), r.stdout);
    assert.equal(escapeData('50% done\nnext'), '50%25 done%0Anext');
    assert.equal(escapeProperty('a,b:c'), 'a%2Cb%3Ac');
  });

  it('checkstyle: XML that parses, in the checkstyle layout', function () {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO, 'q.go': 'package p\n\nfunc f() { _ = "<&\\"\'>" }\n' });
    const r = lint(dir, 'checkstyle');
    if (spawnSync('python3', ['--version']).status !== 0) { console.log('      (skipped: python3, whose XML parser checks the output, is not on PATH)'); this.skip(); }
    // Python's expat parser: a real XML parser, not a pattern.
    const py = spawnSync('python3', ['-c', `
import json, sys, xml.etree.ElementTree as E
root = E.fromstring(sys.stdin.read())
print(json.dumps({"tag": root.tag, "files": [{"name": f.get("name"), "errors": [dict(e.attrib) for e in f]} for f in root]}))`], { input: r.stdout, encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const doc = JSON.parse(py.stdout) as { tag: string; files: { name: string; errors: Record<string, string>[] }[] };
    assert.equal(doc.tag, 'checkstyle');
    assert.deepEqual(doc.files.map((f) => f.name), ['p.go']);
    for (const e of doc.files[0].errors) {
      assert.deepEqual(Object.keys(e).sort(), ['column', 'line', 'message', 'severity', 'source']);
      assert.ok(['error', 'warning', 'info'].includes(e.severity));
      assert.match(e.source, /^go-mapleak\.(rangeclear|mapretain|mapshrink|ifacebox)$/);
      assert.match(e.line, /^\d+$/);
    }
    assert.ok(doc.files[0].errors.some((e) => e.message.startsWith('`for k := range m {')));
  });

  it("codeclimate: the issue spec's required fields, unique fingerprints that survive line moves", () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const before = JSON.parse(lint(dir, 'codeclimate').stdout) as Issue[];
    assert.ok(before.length >= 3);
    for (const i of before) {
      assert.equal(i.type, 'issue');
      for (const k of ['description', 'check_name', 'fingerprint', 'severity'] as const) assert.equal(typeof i[k], 'string', k);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
      assert.equal(i.location.path, 'p.go');
      assert.ok(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1);
    }
    assert.equal(new Set(before.map((i) => i.fingerprint)).size, before.length, 'fingerprints are unique');
    // Code moved down by an edit above it, and a new function: the old findings keep their fingerprints.
    fs.writeFileSync(path.join(dir, 'p.go'), GO.replace('var m = ', '// The table.\n\n\nvar m = ').replace('func drop()', 'func other() {}\n\nfunc drop()'));
    const after = JSON.parse(lint(dir, 'codeclimate').stdout) as Issue[];
    const key = (i: Issue) => `${i.check_name}:${i.description}`;
    for (const b of before) {
      const moved = after.find((a) => key(a) === key(b));
      assert.ok(moved, key(b));
      assert.equal(moved.location.lines.begin, b.location.lines.begin + 3);
      assert.equal(moved.fingerprint, b.fingerprint, key(b));
    }
  });

  it('fingerprints: the enclosing function, and messages without positions', () => {
    assert.equal(enclosingFunction(GO, GO.split('\n').findIndex((l) => l.includes('delete(s.cache'))), 'S.flush');
    assert.equal(enclosingFunction(GO, 2), '');
    assert.equal(normalizedMessage('emptied at cache/cache.go:71,  kept'), 'emptied at FILE, kept');
  });

  it('sarif: each result has a partialFingerprint equal to the codeclimate fingerprint', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const sarif = JSON.parse(lint(dir, 'sarif').stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    const cc = (JSON.parse(lint(dir, 'codeclimate').stdout) as Issue[]).map((i) => i.fingerprint);
    assert.deepEqual(sarif.runs[0].results.map((r) => r.partialFingerprints['goMapleak/v1']), cc);
  });

  it('rdjson: the real reviewdog reads it (-f=rdjson -reporter=local) on a fixture git repository', function () {
    if (spawnSync('go', ['version']).status !== 0) { console.log('      (skipped: go is not on PATH to build reviewdog)'); this.skip(); }
    const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-reviewdog-'));
    const bin = path.join(tools, 'reviewdog');
    // v0.21.0: the newest the module proxy serves with all its packages (v0.21.1 to v0.21.3 are not).
    const b = spawnSync('go', ['install', 'github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0'], { env: { ...process.env, GOBIN: tools, GOFLAGS: '-mod=mod' }, encoding: 'utf8', timeout: 240_000 });
    if (b.status !== 0 || !fs.existsSync(bin)) { console.log(`      (skipped: reviewdog could not be built from the module proxy: ${(b.stderr || String(b.error)).trim().split('\n').pop()})`); this.skip(); }
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'fixture');
    const rd = lint(dir, 'rdjson');
    const r = spawnSync(bin, ['-f=rdjson', '-reporter=local', '-filter-mode=nofilter', '-fail-level=none'], { cwd: dir, input: rd.stdout, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const ours = (JSON.parse(rd.stdout) as { diagnostics: { code: { value: string }; location: { range: { start: { line: number } } } }[] }).diagnostics;
    // reviewdog prints each diagnostic it parsed; every one of ours is there, at its line.
    for (const d of ours) assert.ok(r.stdout.includes(`code:{value:"${d.code.value}"}`) && r.stdout.includes(`start:{line:${d.location.range.start.line} `), `${d.code.value} at ${d.location.range.start.line}:\n${r.stdout}`);
    assert.equal((r.stdout.match(/^message:/gm) ?? []).length, ours.length);
  });
});
