// .go-mapleak.yaml on the command line (issue 16): found walking up from each linted directory,
// --config and --no-config, flags over keys, and no lint at all on a config with a problem.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../server/src/config/file';
import { SETTINGS } from '../server/src/config/schema';
import { DEFAULT_SETTINGS, readSettings } from '../server/src/config/settings';
import { GO_MOD, THREE_RULES_GO, ensureBuilt, runCli, tempTree } from './cli-harness';

const GO = THREE_RULES_GO;
const pkg = (name: string) => GO.replace('package p', `package ${name}`);

interface Out { findings: { rule: string; file: string; severity: string }[] }
const found = (stdout: string) => (JSON.parse(stdout) as Out).findings.map((f) => `${f.file} ${f.rule} ${f.severity}`).sort();

describe('config file: the CLI', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());
  const lint = (dir: string, ...args: string[]) => runCli(['--compiler', 'off', '--min-severity', 'hint', '--format', 'json', ...args], dir);

  it('applies the file found walking up from each directory: rules off, severities, exclude relative to the file', () => {
    const dir = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'go.mod': GO_MOD,
      'p.go': GO,
      '.go-mapleak.yaml': 'rules:\n  mapretain:\n    severity: off\n  rangeclear: {severity: error}\nexclude: [gen]\n',
      'gen/g.go': pkg('gen'),
      // A nested file wins below it (the nearest, as .golangci.yml is found).
      'sub/.go-mapleak.yml': 'rules:\n  ifacebox:\n    loopSeverity: off\n',
      'sub/s.go': pkg('sub'),
    });
    const r = lint(dir, './...');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(found(r.stdout), [
      'p.go ifacebox warning', 'p.go rangeclear error',
      'sub/s.go mapretain hint', 'sub/s.go rangeclear information',
    ]);
    // From a subdirectory the same files apply (walking up), with paths relative to it.
    assert.deepEqual(found(lint(path.join(dir, 'sub'), '.').stdout), ['s.go mapretain hint', 's.go rangeclear information']);
  });

  it('flags given win over the file: --enable, --tests; --no-config and --config FILE', () => {
    const dir = tempTree({
      'go.mod': GO_MOD, 'p.go': GO, 'p_test.go': pkg('p'),
      '.go-mapleak.yaml': 'rules:\n  mapretain: {severity: off}\n  ifacebox: {severity: off, loopSeverity: off}\ntests: true\n',
      'ci/strict.yaml': 'rules:\n  rangeclear: {severity: warning}\n',
    });
    assert.deepEqual(found(lint(dir, '.').stdout), ['p.go rangeclear information', 'p_test.go rangeclear information']);
    // --enable brings a rule the file turned off back, at its own severities; --tests=false is not a flag, so
    // the file's tests: true stands until --no-config.
    assert.deepEqual(found(lint(dir, '--enable', 'mapretain', '.').stdout), ['p.go mapretain hint', 'p.go rangeclear information', 'p_test.go mapretain hint', 'p_test.go rangeclear information']);
    assert.deepEqual(found(lint(dir, '--no-config', '.').stdout), ['p.go ifacebox warning', 'p.go mapretain hint', 'p.go rangeclear information', 'p_test.go rangeclear information']);
    assert.deepEqual(found(lint(dir, '--config', 'ci/strict.yaml', '--disable', 'ifacebox,mapretain', '.').stdout), ['p.go rangeclear warning', 'p_test.go rangeclear warning']);
    // The same on worker threads: each reads the config of the directories it is given.
    const deep = tempTree({ 'go.mod': GO_MOD, '.go-mapleak.yaml': 'rules:\n  rangeclear: {severity: off}\n', 'a/a.go': pkg('a'), 'b/b.go': pkg('b') });
    assert.deepEqual(found(lint(deep, '--jobs', '2', './...').stdout), ['a/a.go ifacebox warning', 'a/a.go mapretain hint', 'b/b.go ifacebox warning', 'b/b.go mapretain hint']);
  });

  it('names file, line, column and key of each problem, lints nothing and exits 2', () => {
    const dir = tempTree({
      'go.mod': GO_MOD, 'p.go': GO,
      '.go-mapleak.yaml': 'rules:\n  rangeclear:\n    severty: error\n  mapretain: {severity: loud}\ntests: yes\nbuild:\n  tags: integration\n',
    });
    const r = lint(dir, '.');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '', 'nothing is linted on a half-read config');
    assert.match(r.stderr, /^\.go-mapleak\.yaml:3:5: rules\.rangeclear\.severty: unknown key; did you mean rules\.rangeclear\.severity\?$/m);
    assert.match(r.stderr, /^\.go-mapleak\.yaml:4:25: rules\.mapretain\.severity: "loud": want one of default, off, hint, information, warning, error$/m);
    assert.match(r.stderr, /^\.go-mapleak\.yaml:5:8: tests: "yes": want true or false$/m);
    assert.match(r.stderr, /^\.go-mapleak\.yaml:7:9: build\.tags: "integration": want a list of strings$/m);
    assert.match(r.stderr, /nothing linted: the config file above has problems/);
    // YAML that does not parse, and a --config that is not there.
    fs.writeFileSync(path.join(dir, '.go-mapleak.yaml'), 'rules: [\n');
    const y = lint(dir, '.');
    assert.equal(y.status, 2);
    assert.match(y.stderr, /^\.go-mapleak\.yaml:\d+:\d+: /m);
    const missing = lint(dir, '--config', 'nope.yaml', '.');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.yaml:1:1: .*(no such file|ENOENT)/);
  });

  it('rules.mapretain.steadyEntries sets the steady size of mapretain\'s figures and of its bounded fix', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO, '.go-mapleak.yaml': 'rules:\n  mapretain:\n    steadyEntries: 5000\n' });
    const msg = (stdout: string) => (JSON.parse(stdout) as { findings: { rule: string; message: string; fixes?: { title: string }[] }[] }).findings.find((f) => f.rule === 'mapretain')!;
    const mine = msg(lint(dir, '.').stdout);
    assert.match(mine.message, /at a steady 5,000 entries it keeps [\d.]+ KiB for reuse; after a spike to 50,000 it keeps/);
    assert.match(msg(lint(dir, '--no-config', '.').stdout).message, /at a steady 100,000 entries/);
    const diff = runCli(['--compiler', 'off', '--min-severity', 'hint', '--disable', 'rangeclear', '--diff', '.'], dir);
    assert.match(diff.stdout, /if len\(m\) > 5000 \{/);
  });

  it('stops walking up at the repository root', () => {
    const outer = tempTree({ '.go-mapleak.yaml': 'rules:\n  rangeclear: {severity: off}\n', 'repo/.git/HEAD': 'x\n', 'repo/go.mod': GO_MOD, 'repo/p.go': GO });
    assert.ok(found(lint(path.join(outer, 'repo'), '.').stdout).includes('p.go rangeclear information'));
  });

  it('config init writes a commented file of every default; config check reads it back', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    const init = runCli(['config', 'init'], dir);
    assert.equal(init.status, 0, init.stderr);
    const text = fs.readFileSync(path.join(dir, '.go-mapleak.yaml'), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=https:\/\//);
    assert.match(text, /\n\s+# Severity of rangeclear findings/);
    // It parses, sets every key, and those keys are the defaults.
    assert.deepEqual(readSettings(undefined, parseConfig('x', text)).settings, { ...DEFAULT_SETTINGS, config: parseConfig('x', text) });
    assert.equal(runCli(['config', 'init'], dir).status, 2, 'an existing file is kept without --force');
    assert.equal(runCli(['config', 'init', '--force'], dir).status, 0);
    const check = runCli(['config', 'check'], dir);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stderr, new RegExp(`${SETTINGS.length} keys set, no problems`));
    // The lint over the generated file finds what it finds with no file.
    assert.deepEqual(found(lint(dir, '.').stdout), found(lint(dir, '--no-config', '.').stdout));
    fs.writeFileSync(path.join(dir, '.go-mapleak.yaml'), 'goVersion: banana\n');
    const bad = runCli(['config', 'check'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^\.go-mapleak\.yaml:1:12: goVersion: "banana": want a Go version such as 1\.22$/m);
  });
});
