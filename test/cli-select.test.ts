// --enable, --disable and --exclude (issue 16): which rules run and which paths are linted.
import { strict as assert } from 'assert';
import { globRegExp } from '../server/src/workspace/glob';
import { GO_MOD, THREE_RULES_GO, ensureBuilt, runCli, tempTree } from './cli-harness';

const GO = THREE_RULES_GO;

const rules = (out: string) => [...new Set((JSON.parse(out) as { findings: { rule: string; file: string }[] }).findings.map((f) => f.rule))].sort();
const files = (out: string) => [...new Set((JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();

describe('CLI: --enable, --disable, --exclude', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());
  const lint = (dir: string, ...args: string[]) => runCli(['--compiler', 'off', '--min-severity', 'hint', '--format', 'json', ...args], dir);

  it('--disable turns rules off, on one thread and on several', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO, 'q/q.go': GO.replace('package p', 'package q') });
    assert.deepEqual(rules(lint(dir, './...').stdout), ['ifacebox', 'mapretain', 'rangeclear']);
    assert.deepEqual(rules(lint(dir, '--disable', 'ifacebox,mapretain', './...').stdout), ['rangeclear']);
    assert.deepEqual(rules(lint(dir, '--disable', 'ifacebox', '--disable', 'mapretain', '--jobs', '2', './...').stdout), ['rangeclear']);
    assert.deepEqual(rules(lint(dir, '--disable', 'rangeclear', './...').stdout), ['ifacebox', 'mapretain']);
  });

  it('an unknown rule, or one both enabled and disabled, is a usage error', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const r = lint(dir, '--disable', 'rangeclaer', '.');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--disable "rangeclaer": no such rule \(the rules: rangeclear, mapretain, mapshrink, ifacebox\)/);
    const b = lint(dir, '--enable', 'ifacebox', '--disable', 'ifacebox', '.');
    assert.equal(b.status, 2);
    assert.match(b.stderr, /--enable and --disable both name ifacebox/);
  });

  it('--exclude leaves out matching files and directories', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO, 'gen/g.go': GO.replace('package p', 'package gen'), 'x/y/z_mock.go': GO.replace('package p', 'package y') });
    assert.deepEqual(files(lint(dir, './...').stdout), ['gen/g.go', 'p.go', 'x/y/z_mock.go']);
    assert.deepEqual(files(lint(dir, '--exclude', 'gen', '--exclude', '**/*_mock.go', './...').stdout), ['p.go']);
    assert.deepEqual(files(lint(dir, '--exclude', 'gen/**', './...').stdout), ['p.go', 'x/y/z_mock.go']);
  });

  it('globs: * within a segment, ** across, ? one character', () => {
    assert.ok(globRegExp('*.go').test('a.go'));
    assert.ok(!globRegExp('*.go').test('d/a.go'));
    assert.ok(globRegExp('**/*.go').test('a.go') && globRegExp('**/*.go').test('d/e/a.go'));
    assert.ok(globRegExp('a?c').test('abc') && !globRegExp('a?c').test('a/c'));
    assert.ok(globRegExp('./internal/').test('internal/x/y.go'));
    assert.ok(!globRegExp('int').test('internal/x.go'));
  });
});
