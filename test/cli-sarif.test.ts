// The CLI's SARIF output validates against the official SARIF 2.1.0 schema and says what a
// code-scanning service needs: rules, levels, relative locations, UTF-16 columns and the fix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ensureBuilt, GO_MOD, LOOP_GO, ROOT, runCli, tempTree } from './cli-harness';

const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

// Only the parts of SARIF the assertions read.
interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface Location { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Region } }
interface Sarif {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; help: { text: string; markdown?: string }; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: Location[] }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: {
      ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Location[];
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
}

describe('go-mapleak CLI: SARIF', function () {
  this.timeout(120_000);
  let validate: (data: unknown) => boolean;
  let errors: () => string;

  before(() => {
    ensureBuilt();
    // The schema's `language` pattern has a stray `]` that is only legal without the u flag.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const v = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
    validate = (d) => v(d) as boolean;
    errors = () => ajv.errorsText(v.errors, { separator: '\n' });
  });

  it('the schema check is not vacuous: it rejects a log with a bad level and a missing message', () => {
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r', level: 'fatal' }] }] };
    assert.strictEqual(validate(bad), false);
  });

  it('validates and reports the finding with rule metadata, UTF-16 columns, a relative URI and the preferred fix', () => {
    // tab, "/* é😀 */ ": 1 + 10 UTF-16 code units before `for` (😀 is two), so column 12.
    const dir = tempTree({ 'go.mod': GO_MOD, 'sub dir/p.go': LOOP_GO.replace('\tfor k', '\t/* é😀 */ for k') });
    const r = runCli(['--format', 'sarif', './...'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif;
    assert.ok(validate(log), errors());

    assert.strictEqual(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.strictEqual(log.version, '2.1.0');
    assert.strictEqual(log.runs.length, 1);
    const [run] = log.runs;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepStrictEqual([run.tool.driver.name, run.tool.driver.version], ['go-mapleak', pkg.version]);
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    assert.strictEqual(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
    assert.deepStrictEqual(run.invocations.map((i) => i.executionSuccessful), [true]);

    assert.strictEqual(run.results.length, 1);
    const [res] = run.results;
    const rule = run.tool.driver.rules[res.ruleIndex];
    assert.strictEqual(rule.id, res.ruleId);
    assert.strictEqual(res.ruleId, 'rangeclear');
    assert.match(rule.help.markdown ?? '', /^# rangeclear/m, 'the rule page is embedded as help');
    assert.ok(rule.shortDescription.text.length > 10);
    assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration.level));
    assert.strictEqual(res.level, 'note', 'rangeclear is information or hint, both SARIF notes');

    const loc = res.locations[0].physicalLocation;
    assert.deepStrictEqual(loc.artifactLocation, { uri: 'sub%20dir/p.go', uriBaseId: '%SRCROOT%' });
    const region = loc.region!;
    assert.deepStrictEqual([region.startLine, region.startColumn], [6, 12]);
    assert.ok(region.endLine > 6 || (region.endLine === 6 && region.endColumn > 12), JSON.stringify(region));

    assert.strictEqual(res.fixes?.length, 1);
    const change = res.fixes[0].artifactChanges[0];
    assert.strictEqual(change.artifactLocation.uri, 'sub%20dir/p.go');
    assert.ok(change.replacements.some((x) => x.insertedContent.text.includes('clear(m)')), JSON.stringify(change));
  });

  it('reports skipped and unreadable files as notifications and marks the run failed on an I/O error', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO, 'bin.go': Buffer.from([0x70, 0, 0x71]) });
    fs.symlinkSync('missing.go', path.join(dir, 'bad.go'));
    const r = runCli(['--format', 'sarif'], dir);
    assert.strictEqual(r.status, 2);
    const log = JSON.parse(r.stdout) as Sarif;
    assert.ok(validate(log), errors());
    const [inv] = log.runs[0].invocations;
    assert.strictEqual(inv.executionSuccessful, false);
    const notes = inv.toolExecutionNotifications.map((n) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri]);
    assert.deepStrictEqual(notes, [['error', 'bad.go'], ['warning', 'bin.go']]);
    assert.strictEqual(log.runs[0].results.length, 1);
  });

  it('validates when there is nothing to report', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': 'package p\n' });
    const r = runCli(['--format', 'sarif'], dir);
    assert.strictEqual(r.status, 0);
    const log = JSON.parse(r.stdout) as Sarif;
    assert.ok(validate(log), errors());
    assert.deepStrictEqual(log.runs[0].results, []);
  });
});
