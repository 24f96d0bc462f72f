// ifacebox's struct-shaped payloads (analysis/structpayload.ts): which map[string]any locals are
// offered as a struct, the struct's text, and the per-build comparison, whose numbers are
// recomputed here from the simulation (explain/mapmemory.ts mapMemory, sim/ simulate), ifacebox's
// store classification (storeSites) and the allocator model (sim/alloc.ts allocCharge).
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { passFor } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { storeSites } from '../server/src/analysis/ifacebox';
import {
  fieldName, structPayloadCandidates, structPayloads, type BlockedPayload, type StructPayload,
} from '../server/src/analysis/structpayload';
import type { ParsedFile } from '../server/src/analysis/types';
import { mapMemory, isUnknownMemory } from '../server/src/explain/mapmemory';
import { parseGo } from '../server/src/parse/parser';
import { layoutOf, simulate } from '../server/src/sim';
import { allocCharge } from '../server/src/sim/alloc';
import { isUnknown } from '../server/src/sim/layout';
import { goParser } from './analysistest';
import { payloadActions } from '../server/src/lsp/codeactions';

async function candidates(body: string, version = '1.26'): Promise<{ all: (StructPayload | BlockedPayload)[]; file: ParsedFile; version: string }> {
  const text = `package p\n\nimport (\n\t"encoding/json"\n\t"net/http"\n\t"time"\n)\n\n${body}`;
  const file: ParsedFile = { path: 'p.go', text, tree: parseGo(await goParser(), text) };
  return { all: structPayloadCandidates(passFor(file, { goVersion: parseGoVersion(version) })), file, version };
}

async function offered(body: string, version?: string): Promise<StructPayload & { file: ParsedFile; version: string }> {
  const { all, file, version: v } = await candidates(body, version);
  assert.strictEqual(all.length, 1, JSON.stringify(all));
  const p = all[0];
  assert.ok(!('blocked' in p), `not offered: ${'blocked' in p ? p.blocked : ''}`);
  return { ...p, file, version: v };
}

async function blockedBy(body: string): Promise<string> {
  const { all } = await candidates(body);
  assert.strictEqual(all.length, 1, JSON.stringify(all));
  const p = all[0];
  assert.ok('blocked' in p, `offered: ${JSON.stringify(p)}`);
  return p.blocked;
}

const USER = `type Role int

// writeUser answers the user.
func writeUser(w http.ResponseWriter, id int64, name string, tags []string, role Role, at time.Time) {
	m := map[string]any{"user_id": id, "name": name}
	m["tags"] = tags
	m["role"] = role
	m["kind"] = "user"
	m["created_at"] = at
	json.NewEncoder(w).Encode(m)
}
`;

describe('structpayload: struct-shaped payloads', () => {
  it('offers the struct of a map with constant keys handed to an encoder: names, types, tags in order', async () => {
    const p = await offered(USER);
    assert.strictEqual(p.variable, 'm');
    assert.strictEqual(p.encoder, 'json.NewEncoder(w).Encode');
    assert.strictEqual(p.typeName, 'writeUserPayload');
    assert.strictEqual(p.structText, [
      'type writeUserPayload struct {',
      '\tUserID    int64     `json:"user_id"`',
      '\tName      string    `json:"name"`',
      '\tTags      []string  `json:"tags"`',
      '\tRole      Role      `json:"role"`',
      '\tKind      string    `json:"kind"`',
      '\tCreatedAt time.Time `json:"created_at"`',
      '}',
      '',
    ].join('\n'));
    // Above the doc comment of writeUser (0-based line of "// writeUser answers the user.").
    assert.strictEqual(p.file.text.split('\n')[p.insertAt.line], '// writeUser answers the user.');
    assert.strictEqual(p.insertAt.character, 0);
    // Offered on the declaration and on each store.
    assert.strictEqual(p.ranges.length, 5);
  });

  it('computes the comparison from the simulation, the stores\' classification and the allocator model', async () => {
    for (const version of ['1.22', '1.26']) {
      const p = await offered(USER, version);
      const { cost } = p;
      assert.strictEqual(cost.entries, 6);
      assert.strictEqual(cost.hint, 2, 'a literal of two elements: make(map, 2) (walk/complit.go maplit)');
      // The map: six entries, hint 2, the simulation's estimate and its step mode agree (no growth below 9).
      const mm = mapMemory({ keyType: 'string', valueType: 'interface{}', runtimeVersion: version, hint: 2 }, [6]);
      assert.ok(!isUnknownMemory(mm));
      assert.ok(!('unknown' in cost.map));
      assert.strictEqual(cost.map.bytes, mm.sizes[0].bytes);
      assert.strictEqual(cost.map.allocations, 2, 'header and one bucket or group');
      // The boxes: what ifacebox's storeSites says of the function's stores.
      const sites = storeSites(passFor(p.file, { goVersion: parseGoVersion(version) })).filter((s) => s.verdict === 'allocates');
      assert.strictEqual(cost.boxes.allocations, sites.length);
      assert.strictEqual(cost.boxes.allocations, 5, 'id, name, tags, role, at ("user" is a constant)');
      assert.strictEqual(cost.boxes.bytes, sites.reduce((s, x) => s + (x.bytes ?? 0), 0));
      // The struct: its layout, one copy by the allocator model when handed over as an interface value.
      const l = layoutOf('struct{UserID int64; Name string; Tags []string; Role int; Kind string; CreatedAt time.Time}');
      assert.ok(!isUnknown(l));
      assert.strictEqual(cost.struct.size, l.size);
      assert.ok('runtimeFunc' in cost.struct.box);
      assert.strictEqual(cost.struct.box.runtimeFunc, 'convT');
      assert.strictEqual(cost.struct.box.bytes, allocCharge(l.size, l.hasPointers, version));
      const before = `at most ${2 + sites.length} allocations, ${mm.sizes[0].bytes + cost.boxes.bytes} B`;
      assert.ok(p.comparison.startsWith(`Per build on Go ${version}: map ${before} (its header and one ${version === '1.22' ? 'bucket' : 'group'}: 2 allocations, ${mm.sizes[0].bytes} B by the simulation; 5 boxes at most, ${cost.boxes.bytes} B by ifacebox's classification)`), p.comparison);
      assert.ok(p.comparison.endsWith(`vs struct 0 allocations while it does not escape; handed to json.NewEncoder(w).Encode as an interface value, 1 allocation of ${cost.struct.box.bytes} B (runtime.convT: the struct's ${l.size} B by the allocator model)`), p.comparison);
    }
  });

  it('counts the growth of a map with more than eight keys in bytes (step simulation), not in allocations', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `\tm["k${i}"] = n + ${i}\n`).join('');
    const p = await offered(`func big(n int) ([]byte, error) {\n\tm := make(map[string]any)\n${keys}\treturn json.Marshal(m)\n}\n`);
    assert.ok(!('unknown' in p.cost.map));
    assert.strictEqual(p.cost.map.allocations, undefined);
    const key = layoutOf('string'), value = layoutOf('interface{}');
    assert.ok(!isUnknown(key) && !isUnknown(value));
    const steps = simulate({ key, value, goVersion: '1.26' }, [{ op: 'insert', n: 10 }]);
    assert.strictEqual(p.cost.map.bytes, steps[1].bytes + steps[0].garbage + steps[1].garbage);
    const held = mapMemory({ keyType: 'string', valueType: 'interface{}', runtimeVersion: '1.26' }, [10]);
    assert.ok(!isUnknownMemory(held));
    assert.ok(p.cost.map.bytes > held.sizes[0].bytes, 'what growing discarded comes on top of what the map holds');
    assert.match(p.comparison, /its header, directory and tables: \d+ B by the simulation, growth included, allocations not counted/);
    assert.strictEqual(p.fields.length, 10);
    assert.strictEqual(p.fields[3].name, 'K3');
  });

  it('is not offered with a key that is not a constant', async () => {
    assert.match(await blockedBy('func f(k string, v int) ([]byte, error) {\n\tm := map[string]any{"a": v}\n\tm[k] = v\n\treturn json.Marshal(m)\n}\n'),
      /^the key k is not a string constant \(line 11\)$/);
    assert.match(await blockedBy('func f(k string, v int) ([]byte, error) {\n\tm := map[string]any{k: v}\n\treturn json.Marshal(m)\n}\n'), /the key k is not a string constant/);
  });

  it('is not offered for a map returned, read, passed elsewhere or stored on some paths only', async () => {
    assert.match(await blockedBy('func f(v int) map[string]any {\n\tm := map[string]any{"a": v}\n\tjson.Marshal(m)\n\treturn m\n}\n'), /^m is returned/);
    assert.match(await blockedBy('func f(v int) any {\n\tm := map[string]any{"a": v}\n\tjson.Marshal(m)\n\treturn m["a"]\n}\n'), /^m\["a"\] reads m/);
    assert.match(await blockedBy('func keep(map[string]any) {}\n\nfunc f(v int) {\n\tm := map[string]any{"a": v}\n\tkeep(m)\n\tjson.Marshal(m)\n}\n'), /^m is passed to keep, not an encoder/);
    assert.match(await blockedBy('func f(v int) {\n\tm := map[string]any{"a": v}\n\tfor range m {\n\t}\n\tjson.Marshal(m)\n}\n'), /^m is ranged over/);
    assert.match(await blockedBy('func f(v int) ([]byte, error) {\n\tm := map[string]any{"a": v}\n\tif v > 3 {\n\t\tm["big"] = true\n\t}\n\treturn json.Marshal(m)\n}\n'),
      /stored on some paths only/);
  });

  it('is not offered for a map not handed to an encoder', async () => {
    assert.match(await blockedBy('func f(v int) int {\n\tm := map[string]any{"a": v}\n\tm["b"] = v\n\treturn 1\n}\n'), /^m is not handed to an encoder/);
  });

  it('maps stored values to field types: constants take their default type, unknown or mixed types are any', async () => {
    const p = await offered(`type Kind string

func lookup(string) *Kind { return nil }

func f(w http.ResponseWriter, r *http.Request, d time.Duration, b []byte, k Kind, x any) {
	m := map[string]interface{}{
		"count":    3,
		"ratio":    0.5,
		"ok":       true,
		"none":     nil,
		"kind":     k,
		"kindPtr":  lookup("x"),
		"elapsed":  d,
		"raw":      b,
		"header":   r.Header,
		"x":        x,
		"mixed":    1,
	}
	m["mixed"] = "one"
	json.NewEncoder(w).Encode(m)
}
`);
    assert.deepStrictEqual(p.fields.map((f) => [f.key, f.name, f.type]), [
      ['count', 'Count', 'int'], ['ratio', 'Ratio', 'float64'], ['ok', 'Ok', 'bool'], ['none', 'None', 'any'],
      ['kind', 'Kind', 'Kind'], ['kindPtr', 'KindPtr', '*Kind'], ['elapsed', 'Elapsed', 'time.Duration'], ['raw', 'Raw', '[]byte'],
      ['header', 'Header', 'any'], ['x', 'X', 'any'], ['mixed', 'Mixed', 'any'],
    ]);
    assert.strictEqual(p.fields.find((f) => f.key === 'mixed')!.stores, 2);
  });

  it('names fields as Go does: words capitalized, initialisms upper-cased, deterministic', () => {
    assert.strictEqual(fieldName('user_id'), 'UserID');
    assert.strictEqual(fieldName('name'), 'Name');
    assert.strictEqual(fieldName('avatarUrl'), 'AvatarURL');
    assert.strictEqual(fieldName('http-status'), 'HTTPStatus');
    assert.strictEqual(fieldName('api.key'), 'APIKey');
    assert.strictEqual(fieldName('created_at'), 'CreatedAt');
    assert.strictEqual(fieldName('2fa'), 'F2fa');
    assert.strictEqual(fieldName('__'), 'Field');
    assert.strictEqual(fieldName('ok'), 'Ok');
    assert.strictEqual(fieldName('userURLs'), 'UserURLs');
  });

  it('keeps field and type names unique, and reads constant keys of the package', async () => {
    const p = await offered(`const keyID = "id"

type fPayload struct{}

func f(a, b int) ([]byte, error) {
	var body = map[string]any{keyID: a, "ID": b, "user-id": a, "userID": b}
	return json.Marshal(body)
}
`);
    assert.strictEqual(p.typeName, 'fBodyPayload');
    assert.deepStrictEqual(p.fields.map((f) => [f.key, f.name]), [['id', 'ID'], ['ID', 'ID2'], ['user-id', 'UserID'], ['userID', 'UserID2']]);
  });

  it('inserts Go that gofmt leaves as it is and that builds, the struct filled in place of the map', async function () {
    if (spawnSync('go', ['version']).status !== 0) this.skip(); // needs the Go toolchain on PATH
    const p = await offered(USER);
    const lines = p.file.text.split('\n');
    lines.splice(p.insertAt.line, 0, ...(p.structText + '\n').split('\n').slice(0, -1));
    // A use of the struct the way the suggestion reads: each key's store becomes its field.
    const fill = `\nfunc fill(id int64, name string, tags []string, role Role, at time.Time) ${p.typeName} {\n\treturn ${p.typeName}{UserID: id, Name: name, Tags: tags, Role: role, Kind: "user", CreatedAt: at}\n}\n`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-payload-'));
    try {
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
      fs.writeFileSync(path.join(dir, 'p.go'), lines.join('\n') + fill);
      const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOWORK: 'off', GOFLAGS: '-mod=mod' };
      const fmt = spawnSync('gofmt', ['-l', '.'], { cwd: dir, env, encoding: 'utf8' });
      assert.strictEqual(fmt.status, 0, fmt.stderr);
      assert.strictEqual(fmt.stdout, '', `gofmt would change:\n${fs.readFileSync(path.join(dir, 'p.go'), 'utf8')}`);
      const vet = spawnSync('go', ['vet', '.'], { cwd: dir, env, encoding: 'utf8' });
      assert.strictEqual(vet.status, 0, vet.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds a code action that inserts only the type declaration, with the comparison in its annotation', async () => {
    const p = await offered(USER);
    const doc = { uri: 'file:///p.go', version: 3, text: p.file.text };
    const inStore = { start: { line: p.ranges[1].start.line, character: 3 }, end: { line: p.ranges[1].start.line, character: 3 } };
    const [a] = payloadActions(doc, structPayloads(passFor(p.file, { goVersion: parseGoVersion('1.26') })), inStore, { annotations: true });
    assert.ok(a);
    assert.strictEqual(a.kind, 'refactor.rewrite.go-mapleak');
    assert.match(a.title, /^Show the struct this payload would be \(6 fields\): up to 7 allocations, \d+ B per build -> 1, \d+ B$/);
    const change = a.edit!.documentChanges![0] as { edits: { range: unknown; newText: string; annotationId?: string }[] };
    assert.strictEqual(change.edits.length, 1);
    assert.deepStrictEqual(change.edits[0].range, { start: p.insertAt, end: p.insertAt });
    assert.strictEqual(change.edits[0].newText, p.structText + '\n');
    assert.strictEqual(a.edit!.changeAnnotations![change.edits[0].annotationId!].description, p.comparison);
    // Away from the map: nothing.
    assert.deepStrictEqual(payloadActions(doc, [p], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), []);
  });
});
