// One settings table (config/schema.ts) makes VS Code's settings, the config file's JSON Schema and
// the config file's checks: the committed package.json and schema are what it generates, and the
// published schema accepts exactly what the parser accepts.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ConfigError, parseConfig } from '../server/src/config/file';
import { configJsonSchema, contribution, defaultConfigText, SCHEMA_FILE } from '../server/src/config/generate';
import { SETTINGS } from '../server/src/config/schema';
import { readSettings } from '../server/src/config/settings';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Config texts: [text, valid]. Each is checked by the parser and by the schema. */
const SAMPLES: [string, boolean][] = [
  ['{}', true],
  ['tests: true\nexclude: [gen, "**/*_mock.go"]\n', true],
  ['rules:\n  rangeclear:\n    severity: error\n  ifacebox: {loopSeverity: off}\n', true],
  ['build: {tags: [integration], goos: windows, goarch: arm64}\ngoVersion: "1.22"\n', true],
  ['profile:\n  threshold: 512KiB\n  sample: alloc_space\n', true],
  ['profile: {threshold: 1048576}\n', true],
  ['compiler: {confirm: off}\nworkspaceScan: false\nenable: false\n', true],
  ['{"rules": {"mapshrink": {"severity": "hint"}}}', true],
  ['rules:\n  rangeclear:\n    severty: error\n', false],
  ['rules: {nosuchrule: {severity: hint}}\n', false],
  ['rules: {rangeclear: {severity: loud}}\n', false],
  ['tests: yes\n', false],
  ['tests: "true"\n', false],
  ['goVersion: banana\n', false],
  ['build: {tags: integration}\n', false],
  ['build: {goos: Windows}\n', false],
  ['profile: {threshold: lots}\n', false],
  ['profile: {threshold: -5}\n', false],
  ['compiler: {confirm: always}\n', false],
  ['exclude: [1, 2]\n', false],
  ['unknown: 1\n', false],
  ['rules: {mapretain: {steadyEntries: 10000}}\n', true],
  ['rules: {mapretain: {steadyEntries: 0}}\n', false],
  ['rules: {mapretain: {steadyEntries: 2.5}}\n', false],
  ['rules: {mapretain: {steadyEntries: "10000"}}\n', false],
  ['rules: 3\n', false],
];

describe('config: one table for settings, schema and checks', () => {
  it('package.json contributes exactly the generated settings (npm run settings writes them)', () => {
    assert.deepEqual(pkg.contributes.configuration, contribution());
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties), SETTINGS.map((s) => `goMapleak.${s.key}`));
  });

  it(`${SCHEMA_FILE} is the generated schema, wired to the config file names`, () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), 'utf8')), configJsonSchema());
    assert.ok(pkg.contributes.yamlValidation[0].fileMatch.includes('.go-mapleak.yaml'));
    assert.equal(pkg.contributes.jsonValidation[0].url, `./${SCHEMA_FILE}`);
  });

  it('the JSON Schema accepts exactly what the parser accepts', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(configJsonSchema());
    for (const [text, valid] of SAMPLES) {
      let parsed = true;
      try { parseConfig('t.yaml', text); } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        parsed = false;
      }
      assert.equal(parsed, valid, `parser on ${JSON.stringify(text)}`);
      assert.equal(validate(parseYaml(text)), valid, `schema on ${JSON.stringify(text)}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('the editor and the file read a key alike', () => {
    const fromFile = readSettings(undefined, parseConfig('t.yaml', SAMPLES[3][0])).settings;
    const fromEditor = readSettings({ build: { tags: ['integration'], goos: 'windows', goarch: 'arm64' }, goVersion: '1.22' }).settings;
    assert.deepEqual({ ...fromFile, config: undefined }, { ...fromEditor, config: undefined });
  });

  it('config init text validates against the schema and sets every key', () => {
    const text = defaultConfigText();
    assert.ok(new Ajv({ strict: false }).validate(configJsonSchema(), parseYaml(text)));
    assert.equal(parseConfig('t.yaml', text).values.size, SETTINGS.length);
    for (const line of text.split('\n')) assert.ok(line.length <= 100 || line.startsWith('# yaml-language-server'), `line too long: ${line}`);
  });
});
