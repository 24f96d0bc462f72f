// The CLI's pieces in-process: column conversion, option parsing, fix planning and safe writing,
// and the Go version and package files each file is analyzed with.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ColumnMap } from '../server/src/cli/columns';
import { ConflictError, planFixes, writeFixed } from '../server/src/cli/fix';
import { formatText } from '../server/src/cli/format/text';
import { lintFiles } from '../server/src/cli/lint';
import { parseLintOptions, UsageError } from '../server/src/cli/options';
import { formatGoVersion } from '../server/src/analysis/goversion';
import type { Finding, Pass, Rule } from '../server/src/analysis/types';
import { Parser } from 'web-tree-sitter';
import { CLEAN_GO, GO_MOD, LOOP_GO, tempTree } from './cli-harness';

function finding(line: number, from: number, to: number, newText: string, preferred = true): Finding {
  const range = { start: { line, character: from }, end: { line, character: to } };
  return { rule: 'r', message: 'm', severity: 'warning', explanation: '', impact: { level: 'medium', evidence: [] }, range, fixes: [{ title: 't', preferred, edits: [{ range, newText }] }] };
}

describe('CLI units', () => {
  describe('ColumnMap', () => {
    const text = 'a\n\té😀x\nlast';
    const cols = new ColumnMap(text);

    it('gives 1-based byte columns counting UTF-8 bytes and 1-based UTF-16 columns', () => {
      // line 1: tab(1 byte, 1 unit) é(2, 1) 😀(4, 2) x
      assert.deepStrictEqual(cols.bytes({ line: 1, character: 4 }), { line: 2, column: 1 + 1 + 2 + 4 });
      assert.deepStrictEqual(cols.utf16({ line: 1, character: 4 }), { line: 2, column: 5 });
      assert.deepStrictEqual(cols.bytes({ line: 0, character: 0 }), { line: 1, column: 1 });
    });

    it('clamps positions past the end of a line or of the file', () => {
      assert.deepStrictEqual(cols.bytes({ line: 0, character: 99 }), { line: 1, column: 2 });
      assert.deepStrictEqual(cols.bytes({ line: 9, character: 0 }), { line: 3, column: 1 });
    });

    it('counts a byte order mark on the first line only, as go/scanner does', () => {
      const bom = new ColumnMap('package p\nvar x', true);
      assert.strictEqual(bom.bytes({ line: 0, character: 8 }).column, 12);
      assert.strictEqual(bom.bytes({ line: 1, character: 4 }).column, 5);
      assert.strictEqual(bom.utf16({ line: 0, character: 8 }).column, 9);
    });
  });

  describe('parseLintOptions', () => {
    it('has defaults: text, information and above (hints counted, not shown), exit 1 on findings, tests and tags from a config file, an offline compiler pass of 120 s, the current directory', () => {
      const o = parseLintOptions([]);
      assert.deepStrictEqual([o.format, o.fix, o.goVersion, o.minSeverity, o.issuesExitCode, o.tests, o.tags, o.config, o.compilerGiven, o.compilerDownload, o.compilerBudgetSeconds, o.patterns],
        ['text', false, undefined, 'information', 1, undefined, undefined, undefined, false, false, 120, ['.']]);
    });

    it('reads --config and --no-config, not both', () => {
      assert.strictEqual(parseLintOptions(['--config', 'ci/.go-mapleak.yaml']).config, 'ci/.go-mapleak.yaml');
      assert.strictEqual(parseLintOptions(['--no-config']).config, null);
      assert.throws(() => parseLintOptions(['--no-config', '--config', 'x.yaml']), UsageError);
      assert.throws(() => parseLintOptions(['--config=']), UsageError);
      assert.strictEqual(parseLintOptions(['--compiler', 'auto']).compilerGiven, true);
    });

    it('reads --tests, --compiler-download and --compiler-timeout (seconds or minutes)', () => {
      const o = parseLintOptions(['--tests', '--compiler-download', '--compiler-timeout', '5m']);
      assert.deepStrictEqual([o.tests, o.compilerDownload, o.compilerBudgetSeconds], [true, true, 300]);
      assert.strictEqual(parseLintOptions(['--compiler-timeout=90s']).compilerBudgetSeconds, 90);
      for (const bad of ['0', '-1', 'soon', '5h']) assert.throws(() => parseLintOptions(['--compiler-timeout', bad]), UsageError, bad);
    });

    it('takes --flag=value and --flag value, and keeps paths in order', () => {
      const o = parseLintOptions(['--format=sarif', 'a/...', '--go-version', 'go1.21.3', 'b.go', '--fix']);
      assert.deepStrictEqual([o.format, o.fix, formatGoVersion(o.goVersion!), o.patterns], ['sarif', true, '1.21.3', ['a/...', 'b.go']]);
    });

    it('rejects bad values and flags that take no value', () => {
      for (const argv of [['--issues-exit-code', '256'], ['--issues-exit-code', '1.5'], ['--fix=yes'], ['--go-version', '2'], ['-x']]) {
        assert.throws(() => parseLintOptions(argv), UsageError, argv.join(' '));
      }
    });
  });

  describe('planFixes', () => {
    const text = 'abcdefghij\n';

    it('applies every non-overlapping preferred fix and counts only those', () => {
      const fs3 = [finding(0, 0, 2, 'X'), finding(0, 1, 3, 'Y'), finding(0, 5, 6, 'Z'), finding(0, 8, 9, 'W', false)];
      const plan = planFixes(text, fs3);
      assert.strictEqual(plan.text, 'XcdeZghij\n');
      assert.deepStrictEqual(plan.fixed, [fs3[0], fs3[2]]);
    });

    it('leaves the text alone when nothing is fixable', () => {
      assert.deepStrictEqual(planFixes(text, [finding(0, 0, 1, 'X', false)]), { fixed: [], text });
    });
  });

  describe('writeFixed', () => {
    it('refuses to overwrite a file whose text changed since it was read, and leaves no temp file', () => {
      const dir = tempTree({ 'p.go': 'package p // edited\n' });
      const file = path.join(dir, 'p.go');
      assert.throws(() => writeFixed(file, 'package p\n', false, 'package q\n'), ConflictError);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'package p // edited\n');
      assert.deepStrictEqual(fs.readdirSync(dir), ['p.go']);
    });

    it('keeps a byte order mark', () => {
      const dir = tempTree({ 'p.go': Buffer.from('\ufeffpackage p\n') });
      const file = path.join(dir, 'p.go');
      writeFixed(file, 'package p\n', true, 'package q\n');
      assert.deepStrictEqual(fs.readFileSync(file), Buffer.from('\ufeffpackage q\n'));
    });
  });

  describe('lintFiles', () => {
    // A rule that reports what it was given: the file's Go version and its package siblings.
    const probe: Rule = {
      name: 'probe', doc: 'reports its pass', defaultSeverity: 'hint', severities: { high: 'hint', medium: 'hint', low: 'hint' }, inTests: true,
      run(pass: Pass): Finding[] {
        const version = pass.goVersion ? formatGoVersion(pass.goVersion) : 'unknown';
        const siblings = pass.packageFiles.map((f) => path.basename(f.path)).sort().join(',');
        return [{ ...finding(0, 0, 1, ''), rule: 'probe', message: `${version} [${siblings}]` }];
      },
    };
    const opts = { fix: false, minSeverity: 'hint' as const };
    const messages = async (dir: string, files: string[], goVersion?: string) => {
      const v = goVersion ? parseLintOptions(['--go-version', goVersion]).goVersion : undefined;
      const r = await lintFiles(files.map((f) => path.join(dir, f)), { ...opts, goVersion: v }, dir, [probe]);
      return r.files.map((f) => `${f.display}: ${f.findings.map((d) => d.message).join()}`);
    };

    it('uses the nearest go.mod, --go-version over it, and unknown without either', async () => {
      const dir = tempTree({ 'mod/go.mod': GO_MOD, 'mod/p.go': CLEAN_GO, 'mod/sub/go.mod': 'module x\n\ngo 1.20\n', 'mod/sub/s.go': CLEAN_GO });
      assert.deepStrictEqual(await messages(dir, ['mod/p.go', 'mod/sub/s.go']), ['mod/p.go: 1.22 []', 'mod/sub/s.go: 1.20 []']);
      assert.deepStrictEqual(await messages(dir, ['mod/p.go', 'mod/sub/s.go'], '1.23'), ['mod/p.go: 1.23 []', 'mod/sub/s.go: 1.23 []']);
      const bare = tempTree({ 'p.go': CLEAN_GO });
      if (!fs.existsSync(path.join(path.dirname(bare), 'go.mod'))) assert.deepStrictEqual(await messages(bare, ['p.go']), ['p.go: unknown []']);
    });

    it('gives each file the readable files of its own package as siblings', async () => {
      const dir = tempTree({
        'go.mod': GO_MOD, 'a.go': CLEAN_GO, 'b.go': LOOP_GO, 'other.go': 'package q\n', 'bin.go': Buffer.from('package p\x00'),
      });
      assert.deepStrictEqual(await messages(dir, ['a.go', 'b.go']), ['a.go: 1.22 [b.go]', 'b.go: 1.22 [a.go]']);
    });
  });

  describe('lintFiles parsing', () => {
    it('parses each file once, though every file of a package sees the others', async () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'a.go': CLEAN_GO, 'b.go': LOOP_GO, 'c.go': CLEAN_GO, 'sub/d.go': LOOP_GO, 'sub/e.go': CLEAN_GO });
      const files = ['a.go', 'b.go', 'c.go', 'sub/d.go', 'sub/e.go'].map((f) => path.join(dir, f));
      const parse = Parser.prototype.parse;
      let parses = 0;
      Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) { parses++; return parse.apply(this, args); };
      try {
        const r = await lintFiles(files, { fix: false, minSeverity: 'hint' }, dir);
        assert.strictEqual(r.files.length, 5);
      } finally {
        Parser.prototype.parse = parse;
      }
      assert.strictEqual(parses, 5);
    });
  });

  describe('lintFiles on a failure', () => {
    it('reports an unexpected exception for its file only and goes on with the others', async () => {
      const dir = tempTree({ 'go.mod': GO_MOD, 'a.go': CLEAN_GO, 'b.go': CLEAN_GO });
      const bomb: Rule = {
        name: 'bomb', doc: 'throws outside its run', defaultSeverity: 'hint', severities: { high: 'hint', medium: 'hint', low: 'hint' }, inTests: true,
        run(pass: Pass): Finding[] {
          const f = finding(0, 0, 1, '');
          // A finding that explodes when the CLI reads it, after analyze() has returned.
          if (pass.file.path.endsWith('a.go')) Object.defineProperty(f, 'severity', { get() { throw new Error('boom'); } });
          return [f];
        },
      };
      const r = await lintFiles(['a.go', 'b.go'].map((f) => path.join(dir, f)), { fix: false, minSeverity: 'hint' }, dir, [bomb]);
      assert.deepStrictEqual(r.problems.map((p) => [p.file, p.kind, p.fatal]), [['a.go', 'internal', true]]);
      assert.match(r.problems[0].message, /^internal error: boom/);
      assert.deepStrictEqual(r.files.map((f) => [f.display, f.findings.length]), [['b.go', 1]]);
    });
  });

  describe('formatText', () => {
    it('prints one line per finding in order with byte columns', () => {
      const text = 'x := "ü"; y\nz\n';
      const f1 = finding(0, 10, 11, '');
      const f2 = { ...finding(1, 0, 1, ''), rule: 'other', message: 'second' };
      const out = formatText({ cwd: '/', problems: [], fixed: { findings: 0, files: 0 }, notShown: {}, excluded: 0, files: [{ file: '/a.go', display: 'a.go', columns: new ColumnMap(text), findings: [f1, f2] }] });
      assert.strictEqual(out, 'a.go:1:12: m (r)\na.go:2:1: second (other)\n');
    });
  });
});
