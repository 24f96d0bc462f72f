// Compiler confirmation (server/src/compiler/, analysis/confirm.ts): the escape records of a real
// build, their positions in UTF-16, the go command as it is run (environment, flags, timeout,
// cancellation), the workspace left untouched, failures said once, and how records confirm findings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyCompilerEvidence, confirmingRecord, subjectMatches } from '../server/src/analysis/confirm';
import type { CompilerSite, EscapeRecord, Finding, Range } from '../server/src/analysis/types';
import { buildArgs, buildPackage } from '../server/src/compiler/build';
import { CompilerConfirmations } from '../server/src/compiler/cache';
import { parseLogFile, toEscapeRecords, toPosition } from '../server/src/compiler/records';
import { findGo, runGo } from '../server/src/compiler/run';
import { analyze } from '../server/src/analysis/analyze';
import { ifacebox } from '../server/src/analysis/ifacebox';
import { createGoParser, type Parser } from '../server/src/parse/parser';
import { contextFor, ParsedFileCache } from '../server/src/workspace/context';
import { PackageViews } from '../server/src/workspace/packages';

const FIXTURES = path.join(__dirname, 'testdata', 'compiler');
const GO = findGo();
const GO119 = '/usr/lib/go-1.19/bin/go';
const TOOLCHAINS = [GO, fs.existsSync(GO119) ? GO119 : undefined].filter((g): g is string => !!g);
const POSIX = process.platform !== 'win32';

/** A copy of a fixture package in a temp directory (a build must not depend on the repository). */
function copyFixture(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-compiler-')));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/**
 * A package that does not compile, written at test time (the fixture tree must build:
 * analysis-gofmt.test.ts builds every module under test/testdata).
 */
function brokenPackage(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-broken-')));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/broken\n\ngo 1.19\n');
  fs.writeFileSync(path.join(dir, 'broken.go'), 'package broken\n\nvar m = map[string]int{}\n\nfunc reset() {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n\tunused := 1\n}\n\nfunc drop() { m = nil }\n');
  return dir;
}

/** Every path under dir with its size and modification time. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.statSync(p);
      out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The range of the `occurrence`-th (0-based) `needle` in text, as 0-based line and UTF-16 character. */
function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const pos = (off: number) => {
    const before = text.slice(0, off);
    const line = before.split('\n').length - 1;
    return { line, character: off - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

/** The site of a store `stmt` (e.g. `m["str"] = s`) whose value is `value`. */
function storeSite(text: string, stmt: string, value: string, onlyIfConfirmed = true): CompilerSite {
  assert.ok(stmt.endsWith(value));
  const range = rangeOf(text, stmt);
  const v = { start: { line: range.end.line, character: range.end.character - value.length }, end: range.end };
  return { range, onlyIfConfirmed, value: { range: v, text: value } };
}

function finding(site: CompilerSite, message = 'boxes'): Finding {
  return { rule: 'ifacebox', message, range: site.range, severity: 'hint', fixes: [], explanation: '', impact: { level: 'medium', evidence: [] }, compiler: site };
}

/** A shell script standing in for `go`: it logs its arguments and environment, then does `body`. */
function fakeGo(body: string): { go: string; dir: string; log: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-fakego-')));
  const log = path.join(dir, 'log');
  const go = path.join(dir, 'go');
  fs.writeFileSync(go, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}.args'\nenv > '${log}.env'\npwd > '${log}.pwd'\n${body}\n`, { mode: 0o755 });
  return { go, dir, log };
}

/** Whether a process still runs; a killed one waiting to be reaped (a zombie, on Linux) does not. */
function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8')); } catch { return true; }
}

async function waitFor(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('compiler: records', () => {
  it('converts 1-based byte columns to 0-based UTF-16 characters', () => {
    const text = 'package p\n\t/* é日本 */ m["str"] = s\n';
    // The m is byte 17 (1-based): tab, "/* ", é (2 bytes), 日本 (6 bytes), " */ ".
    assert.deepStrictEqual(toPosition(text, 2, 17), { line: 1, character: 11 });
    assert.strictEqual(text.split('\n')[1][11], 'm');
    // An astral character counts two UTF-16 units (4 bytes in UTF-8).
    assert.deepStrictEqual(toPosition('x := "😀" + s', 1, 12), { line: 0, character: 9 });
  });

  it('keeps escape records with a message, drops duplicates and other codes, skips generated files', () => {
    const log = [
      '{"version":0,"package":"p","goos":"linux","goarch":"amd64","gc_version":"go1.26.8","file":"/w/p/a.go"}',
      '{"range":{"start":{"line":3,"character":2},"end":{"line":3,"character":2}},"severity":3,"code":"escapes","source":"go compiler","message":"i escapes to heap"}',
      '{"range":{"start":{"line":3,"character":2},"end":{"line":3,"character":2}},"severity":3,"code":"escape","source":"go compiler","message":""}',
      '{"range":{"start":{"line":3,"character":2},"end":{"line":3,"character":2}},"severity":3,"code":"escape","source":"go compiler","message":"i escapes to heap"}',
      '{"range":{"start":{"line":1,"character":6},"end":{"line":1,"character":6}},"severity":3,"code":"canInlineFunction","source":"go compiler","message":"cost: 4"}',
      '{"range":{"start":{"line":2,"character":9},"end":{"line":2,"character":9}},"severity":3,"code":"leak","source":"go compiler","message":"leaking param: p"}',
    ].join('\n');
    const parsed = parseLogFile(log);
    assert.ok(parsed);
    assert.strictEqual(parsed.file, path.resolve('/w/p/a.go'));
    assert.deepStrictEqual(parsed.records, [{ line: 3, byteColumn: 2, message: 'i escapes to heap' }]);
    assert.strictEqual(parseLogFile('{"version":0,"file":"<autogenerated>"}\n'), undefined);
    assert.strictEqual(parseLogFile('{"version":0,"file":"_testmain.go"}\n'), undefined);
  });

  for (const go of TOOLCHAINS) {
    it(`reads the records of a real build at the store (${go})`, async function () {
      const dir = copyFixture('boxing');
      const result = await buildPackage(dir, { go });
      assert.ok(result.ok, JSON.stringify(result));
      const file = path.join(dir, 'boxing.go');
      const got = result.files.get(file);
      assert.ok(got, `no records for ${file}: ${[...result.files.keys()].join(', ')}`);
      const text = fs.readFileSync(file, 'utf8');
      assert.strictEqual(got.text, text);
      const lines = text.split('\n');
      // The store after non-ASCII text: Go 1.19 logs it at the statement start, newer releases at the value.
      const str = got.records.find((r) => r.message === 's escapes to heap');
      assert.ok(str, JSON.stringify(got.records));
      assert.strictEqual(str.range.start.line, 7);
      const at = lines[7].slice(str.range.start.character);
      assert.ok(at.startsWith('m["str"] = s') || at === 's', `record at ${JSON.stringify(at)}`);
      // Every escape record of a store lies in its line's statement, never before it.
      const n = got.records.find((r) => r.message === 'n escapes to heap');
      assert.ok(n && n.range.start.line === 6 && ['m["int"] = n', 'n'].includes(lines[6].slice(n.range.start.character)), JSON.stringify(n));
      // A pointer is stored as it is: no record for m["ptr"] = p.
      assert.ok(!got.records.some((r) => r.range.start.line === 8), JSON.stringify(got.records));
      // The test file of the package is compiled too (go test -c).
      assert.ok([...result.files.keys()].every((f) => path.dirname(f) === dir));
    });
  }

  it('finds no record for a site the compiler did not log (records are keyed by file)', () => {
    const recs = toEscapeRecords([{ line: 1, byteColumn: 1, message: 'x escapes to heap' }], 'x');
    assert.deepStrictEqual(recs, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'x escapes to heap' }]);
  });
});

describe('compiler: confirming findings', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'boxing', 'boxing.go'), 'utf8');

  it('reads the compiler\'s short prints of expressions', () => {
    assert.ok(subjectMatches('point{...}', 'point{n, n}'));
    assert.ok(subjectMatches('fmt.Sprint(... argument...)', 'fmt.Sprint(x, y)'));
    assert.ok(subjectMatches('fmt.Sprint(x)', 'fmt.Sprint(x)'));
    assert.ok(subjectMatches('struct {}{}', 'struct{}{}'));
    assert.ok(subjectMatches('([]byte)("y")', '[]byte("y")'));
    assert.ok(subjectMatches('n + 1', 'n+1'));
    assert.ok(!subjectMatches('s + "k"', 'i'));
    assert.ok(!subjectMatches('x', 'fmt.Sprint(x)'));
  });

  // Records as each release writes them for the fixture (observed; the real builds are above).
  const go119: EscapeRecord[] = [[6, 1, 'n'], [7, 11, 's'], [9, 1, 'point{...}'], [11, 4, 'i'], [11, 5, 's + "k"'], [13, 4, 's + "p"']]
    .map(([line, character, subject]) => ({ range: { start: { line: +line, character: +character }, end: { line: +line, character: +character } }, message: `${subject} escapes to heap` }));
  const go126: EscapeRecord[] = [[6, 12, 'n'], [7, 22, 's'], [9, 16, 'point{...}'], [11, 5, 's + "k"'], [11, 13, 'i'], [13, 4, 's + "p"']]
    .map(([line, character, subject]) => ({ range: { start: { line: +line, character: +character }, end: { line: +line, character: +character } }, message: `${subject} escapes to heap` }));

  // Sites as ifacebox gives them: the whole statement (go line below 1.21) or the value (from 1.21),
  // against records of either compiler (the go on PATH need not be the go line's release).
  const sites = { statement: (c: CompilerSite) => c, value: (c: CompilerSite) => ({ ...c, range: c.value!.range }) };
  for (const [name, records] of [['Go 1.19', go119], ['Go 1.26', go126]] as const) {
    for (const [shape, shaped] of Object.entries(sites)) {
      it(`confirms the stored value, not the key (${name} records, site at the ${shape})`, () => {
        const site = (stmt: string, value: string) => shaped(storeSite(text, stmt, value));
        assert.strictEqual(confirmingRecord(site('m["int"] = n', 'n'), records)?.message, 'n escapes to heap');
        assert.strictEqual(confirmingRecord(site('m["str"] = s', 's'), records)?.message, 's escapes to heap');
        assert.strictEqual(confirmingRecord(site('m["pt"] = point{n, n}', 'point{n, n}'), records)?.message, 'point{...} escapes to heap');
        assert.strictEqual(confirmingRecord(site('m[s+"k"] = i', 'i'), records)?.message, 'i escapes to heap');
        // The key s+"p" escapes (it is copied into the map); the pointer p does not: not confirmed.
        assert.strictEqual(confirmingRecord(site('m[s+"p"] = p', 'p'), records), undefined);
        assert.strictEqual(confirmingRecord(site('m["ptr"] = p', 'p'), records), undefined);
      });
    }
  }

  it('takes an inlined call\'s result temporary as the value, not an allocation inside the call', () => {
    const src = '\tm["g"] = runtime.NumGoroutine()\n\tm["w"] = tabwriter.NewWriter(os.Stdout, 0, 0, 0, \' \', 0)\n';
    const rec = (line: number, character: number, subject: string): EscapeRecord => ({ range: { start: { line, character }, end: { line, character } }, message: `${subject} escapes to heap` });
    const g = storeSite(src, 'm["g"] = runtime.NumGoroutine()', 'runtime.NumGoroutine()');
    const gAtValue: CompilerSite = { ...g, range: g.value!.range }; // the site ifacebox gives for Go >= 1.21
    // Observed: Go 1.26.8 logs `~r0` at the call's parenthesis, Go 1.19.8 `~R0` at the statement start.
    assert.ok(confirmingRecord(gAtValue, [rec(0, 30, '~r0')]));
    assert.ok(confirmingRecord(g, [rec(0, 30, '~r0')]));
    assert.ok(confirmingRecord(g, [rec(0, 1, '~R0')]));
    // NewWriter's own `new(tabwriter.Writer)` escapes at its parenthesis; the stored pointer does not.
    const w = storeSite(src, `m["w"] = tabwriter.NewWriter(os.Stdout, 0, 0, 0, ' ', 0)`, `tabwriter.NewWriter(os.Stdout, 0, 0, 0, ' ', 0)`);
    assert.strictEqual(confirmingRecord({ ...w, range: w.value!.range }, [rec(1, 29, 'new(tabwriter.Writer)')]), undefined);
  });

  it('matches a zero-width site at the statement start by position when the value is not named', () => {
    const start = rangeOf(text, 'm["str"] = s').start;
    for (const records of [go119, go126]) {
      assert.strictEqual(confirmingRecord({ range: { start, end: start }, onlyIfConfirmed: true }, records)?.message, 's escapes to heap');
    }
  });

  it('marks confirmed findings, drops unconfirmed unknown-type ones, keeps the others', () => {
    const confirmed = finding(storeSite(text, 'm["str"] = s', 's', false));
    const unknown = finding(storeSite(text, 'm["ptr"] = p', 'p', true));
    const known = finding(storeSite(text, 'm[s+"p"] = p', 'p', false), 'known');
    const plain: Finding = { ...finding(confirmed.compiler!), compiler: undefined, message: 'syntax only' };
    const out = applyCompilerEvidence([confirmed, unknown, known, plain], go126);
    assert.deepStrictEqual(out.map((f) => f.message), ['boxes (confirmed by the Go compiler: s escapes to heap)', 'known', 'syntax only']);
    // Without a build (no go, a failed build, an edited text): only the compiler-only findings go.
    assert.deepStrictEqual(applyCompilerEvidence([confirmed, unknown, known, plain], undefined).map((f) => f.message), ['boxes', 'known', 'syntax only']);
  });
});

describe('compiler: ifacebox findings confirmed by real builds', function () {
  let parser: Parser;
  before(async function () {
    if (!TOOLCHAINS.length) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
    parser = await createGoParser();
  });
  after(() => parser?.delete());

  // The fixture's go line decides the site ifacebox gives (the statement below Go 1.21, the value's
  // compiler position from 1.21); each toolchain logs where it logs. Every pairing must agree.
  for (const go of TOOLCHAINS) {
    for (const goLine of ['1.19', '1.22']) {
      it(`confirms every allocating store and nothing else (go line ${goLine}, ${go})`, async () => {
        const dir = copyFixture('boxing');
        fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/boxing\n\ngo ${goLine}\n`);
        const result = await buildPackage(dir, { go });
        assert.ok(result.ok, JSON.stringify(result));
        const file = path.join(dir, 'boxing.go');
        const text = fs.readFileSync(file, 'utf8');
        const trees = new ParsedFileCache(parser);
        const ctx = contextFor(file, text, new PackageViews(trees));
        const findings = analyze(trees.get(file, text), { ...ctx, escapes: result.files.get(file)!.records }, [ifacebox]);
        const lines = text.split('\n');
        const got = findings.map((f) => `${lines[f.range.start.line].trim()} ${/confirmed by the Go compiler/.test(f.message) ? 'confirmed' : 'unconfirmed'}`);
        assert.deepStrictEqual(got, [
          'm["int"] = n confirmed',
          '/* é日本 */ m["str"] = s confirmed',
          'm["pt"] = point{n, n} confirmed',
          'm[s+"k"] = i confirmed',
        ]);
      });
    }
  }
});

describe('compiler: running go', function () {
  before(function () {
    if (!POSIX) { console.log('    (skipped: the fake go is a shell script)'); this.skip(); }
  });

  it('runs go test -c with GOTOOLCHAIN=local, -mod=readonly, a fresh log directory and the null device', async () => {
    const fake = fakeGo('exit 0');
    const dir = copyFixture('boxing');
    const result = await buildPackage(dir, { go: fake.go, offline: true });
    assert.ok(result.ok);
    const args = fs.readFileSync(`${fake.log}.args`, 'utf8').trim().split('\n');
    const env = fs.readFileSync(`${fake.log}.env`, 'utf8');
    assert.deepStrictEqual(args.slice(0, 4), ['test', '-c', '-vet=off', '-mod=readonly']);
    assert.match(args[4], /^-gcflags=-json=0,\/.*go-mapleak-build-/);
    assert.deepStrictEqual(args.slice(5), [`-o=${os.devNull}`, '.']);
    assert.match(env, /^GOTOOLCHAIN=local$/m);
    assert.match(env, /^GOPROXY=off$/m);
    assert.strictEqual(fs.readFileSync(`${fake.log}.pwd`, 'utf8').trim(), dir);
    // The log directory is gone after the build.
    assert.ok(!fs.existsSync(args[4].slice('-gcflags=-json=0,'.length)));
  });

  it('overrides a GOTOOLCHAIN from the environment, and uses -mod=vendor in a vendoring module', async () => {
    const fake = fakeGo('exit 0');
    const res = await runGo(['version'], { cwd: os.tmpdir(), go: fake.go, env: { GOTOOLCHAIN: 'go1.99.0' } });
    assert.strictEqual(res.code, 0);
    assert.match(fs.readFileSync(`${fake.log}.env`, 'utf8'), /^GOTOOLCHAIN=local$/m);
    const dir = copyFixture('boxing');
    fs.mkdirSync(path.join(dir, 'vendor'));
    fs.writeFileSync(path.join(dir, 'vendor', 'modules.txt'), '');
    assert.ok(buildArgs(dir, '/tmp/x').includes('-mod=vendor'));
  });

  it('kills the build and what it started on timeout', async () => {
    const fake = fakeGo(`sleep 30 &\necho $! > "$(dirname "$0")/child"\nwait`);
    const res = await runGo(['build'], { cwd: os.tmpdir(), go: fake.go, timeoutMs: 300 });
    assert.ok(res.timedOut);
    const child = Number(fs.readFileSync(path.join(fake.dir, 'child'), 'utf8'));
    await waitFor('the sleeping child to die', () => !alive(child));
  });

  it('kills the build on cancellation, and a newer build of the package cancels the older', async () => {
    const fake = fakeGo(`sleep 30 &\necho $! >> "$(dirname "$0")/children"\nwait`);
    const ctl = new AbortController();
    const running = runGo(['build'], { cwd: os.tmpdir(), go: fake.go, signal: ctl.signal });
    await waitFor('the child to start', () => fs.existsSync(path.join(fake.dir, 'children')));
    ctl.abort();
    const res = await running;
    assert.ok(res.cancelled && !res.timedOut);
    const first = Number(fs.readFileSync(path.join(fake.dir, 'children'), 'utf8').split('\n')[0]);
    await waitFor('the sleeping child to die', () => !alive(first));

    fs.rmSync(path.join(fake.dir, 'children'));
    const dir = copyFixture('boxing');
    const confirmations = new CompilerConfirmations({ env: { PATH: fake.dir }, timeoutMs: 20_000 });
    const older = confirmations.build(dir);
    await waitFor('the first build', () => fs.existsSync(path.join(fake.dir, 'children')));
    const newer = confirmations.build(dir);
    assert.strictEqual((await older).kind, 'cancelled');
    confirmations.cancelAll();
    assert.strictEqual((await newer).kind, 'cancelled');
    const pids = fs.readFileSync(path.join(fake.dir, 'children'), 'utf8').trim().split('\n').map(Number);
    for (const pid of pids) await waitFor(`child ${pid} to die`, () => !alive(pid));
  });

  it('says a failed build once per package and message, with the first lines of the output', async () => {
    const fake = fakeGo(`echo '# example.com/broken' >&2\necho './broken.go:9:2: declared and not used: unused' >&2\nexit 1`);
    const confirmations = new CompilerConfirmations({ env: { PATH: fake.dir } });
    const dir = brokenPackage();
    const first = await confirmations.build(dir);
    assert.strictEqual(first.kind, 'failed');
    assert.ok(first.kind === 'failed' && first.message);
    assert.match(first.message, /could not build/);
    assert.match(first.message, /broken\.go:9:2: declared and not used: unused/);
    const second = await confirmations.build(dir);
    assert.deepStrictEqual(second, { kind: 'failed', dir });
  });

  it('reports a build stopped by the timeout as a failure of the package', async () => {
    const fake = fakeGo('sleep 30 & wait');
    const confirmations = new CompilerConfirmations({ env: { PATH: fake.dir }, timeoutMs: 300 });
    const out = await confirmations.build(copyFixture('boxing'));
    assert.ok(out.kind === 'failed' && out.message && /did not finish in 0\.3 s and was stopped/.test(out.message), JSON.stringify(out));
  });

  it('says once that go is not on PATH', async () => {
    const confirmations = new CompilerConfirmations({ env: { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-nogo-')) } });
    const first = await confirmations.build(FIXTURES);
    assert.ok(first.kind === 'nogo' && first.message && /not on PATH/.test(first.message));
    assert.deepStrictEqual(await confirmations.build(FIXTURES), { kind: 'nogo', dir: FIXTURES });
  });
});

describe('compiler: real builds', function () {
  before(function () {
    if (!GO) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
  });

  it('leaves the package directory as it was', async () => {
    const dir = copyFixture('boxing');
    const before = listing(dir);
    const result = await buildPackage(dir, { go: GO! });
    assert.ok(result.ok);
    assert.deepStrictEqual(listing(dir), before);
  });

  it('builds again after an edit: a fresh log directory defeats the build cache', async () => {
    const confirmations = new CompilerConfirmations();
    const dir = copyFixture('boxing');
    const file = path.join(dir, 'boxing.go');
    const text = fs.readFileSync(file, 'utf8');
    assert.strictEqual((await confirmations.build(dir)).kind, 'built');
    assert.ok(confirmations.escapesFor(file, text)?.length);
    // The same text built twice: the second build still logs (the flags differ by the log directory).
    assert.strictEqual((await confirmations.build(dir)).kind, 'built');
    const again = confirmations.escapesFor(file, text);
    assert.ok(again?.length);
    // After an edit the records no longer apply to the buffer's text...
    const edited = text.replace('m["int"] = n', 'm["int"] = n + 1');
    assert.strictEqual(confirmations.escapesFor(file, edited), undefined);
    // ...until it is saved and built.
    fs.writeFileSync(file, edited);
    assert.strictEqual((await confirmations.build(dir)).kind, 'built');
    const rec = confirmations.escapesFor(file, edited)?.find((r) => r.range.start.line === 6);
    assert.ok(rec && /n \+ 1 escapes to heap/.test(rec.message), JSON.stringify(rec));
  });

  it('reports a package that does not compile, with the compiler\'s message', async () => {
    const confirmations = new CompilerConfirmations();
    const out = await confirmations.build(brokenPackage());
    assert.ok(out.kind === 'failed' && out.message && /declared and not used: unused/.test(out.message), JSON.stringify(out));
  });
});
