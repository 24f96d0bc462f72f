// `go-mapleak sim`: the built CLI, its JSON shape, the Go version from go.mod, and usage errors.
import * as assert from 'assert';
import { ensureBuilt, runCli, tempTree } from './cli-harness';

interface SimJson {
  config: { goVersion: string; runtime: string; hint: number | null };
  ops: string[];
  steps: ({ op: string; bytes: number; garbage: number; dropped?: boolean } & Record<string, unknown>)[];
}

describe('go-mapleak sim', () => {
  before(ensureBuilt);
  const dir = tempTree({ 'go.mod': 'module example.com/p\n\ngo 1.22\n\ntoolchain go1.19.8\n' });

  it('prints one JSON step per operation with the classic structure and bytes', () => {
    const r = runCli(['sim', '--key', 'string', '--value', 'interface{}', '--go', '1.19', '--ops', 'insert:1e5,clear,delete:all,nil', '--json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as SimJson;
    assert.deepStrictEqual(j.ops, ['insert:100000', 'clear', 'delete:all', 'nil']);
    assert.deepStrictEqual(j.steps.map((s) => s.op), ['make', 'insert:100000', 'clear', 'delete:all', 'nil']);
    const [, filled, cleared, , dropped] = j.steps;
    assert.strictEqual(filled.runtime, 'classic');
    assert.strictEqual(filled.B, 14);
    assert.strictEqual(filled.count, 100000);
    // Go 1.19 measured 4,735,048 B after the range-delete idiom (fact sheet E.1): hmap + mapextra + main array.
    assert.strictEqual(cleared.bytes, 4_735_048);
    assert.strictEqual(cleared.overflow, 0);
    assert.ok(filled.bytes > cleared.bytes, 'the separately allocated overflow buckets go with clear');
    assert.strictEqual(dropped.bytes, 0);
    assert.strictEqual(dropped.dropped, true);
  });

  it('models Swiss tables from Go 1.24 on', () => {
    const r = runCli(['sim', '--key', 'int64', '--value', 'int64', '--go', '1.26', '--hint', '1000', '--ops', 'insert:1000,clear', '--json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as SimJson;
    assert.strictEqual(j.config.runtime, 'swiss');
    const filled = j.steps[1] as unknown as { dirLen: number; tables: { capacity: number }[]; bytes: number };
    // make(map, 1000): 1000*8/7 = 1142 slots wanted -> 2 tables of 1024 (NewMap, internal/runtime/maps/map.go).
    assert.strictEqual(filled.dirLen, 2);
    assert.deepStrictEqual(filled.tables.map((t) => t.capacity), [1024, 1024]);
    assert.strictEqual(j.steps[2].bytes, filled.bytes, 'clear frees nothing');
  });

  it('takes the runtime from the go.mod toolchain line when --go is absent', () => {
    const r = runCli(['sim', '--key', 'int64', '--value', 'int64', '--ops', 'insert:10', '--json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as SimJson;
    assert.strictEqual(j.config.goVersion, '1.19.8');
    assert.strictEqual(j.config.runtime, 'classic');
  });

  it('clones and rebuilds: from Go 1.24 maps.Clone keeps the burst\'s tables, a copy into make shrinks', () => {
    const r = runCli(['sim', '--key', 'int64', '--value', 'int64', '--go', '1.26', '--json', '--ops', 'insert:100000,delete:99000,clone,rebuild'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as SimJson;
    assert.deepStrictEqual(out.ops, ['insert:100000', 'delete:99000', 'clone', 'rebuild']);
    const [, full, drained, cloned, rebuilt] = out.steps;
    assert.strictEqual(drained.bytes, full.bytes);
    assert.strictEqual(cloned.bytes, drained.bytes);
    assert.strictEqual(cloned.garbage, drained.bytes);
    assert.ok(rebuilt.bytes * 50 < drained.bytes, `${rebuilt.bytes} B`);
  });

  it('prints a table in text mode', () => {
    const r = runCli(['sim', '--key', 'string', '--value', 'int', '--go', '1.24', '--ops', 'insert:9'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^map\[string\]int on Go 1\.24 \(Swiss tables, 64-bit\)/);
    assert.match(r.stdout, /^insert:9 +[\d,]+ +9 entries, 1 tables \(1×16 slots\)/m);
  });

  for (const [args, why] of [
    [['--key', 'string', '--value', 'int', '--go', '1.22'], /--ops is required/],
    [['--key', 'strin', '--value', 'int', '--go', '1.22', '--ops', 'insert:1'], /--key "strin"/],
    [['--key', 'string', '--value', 'int', '--go', 'x', '--ops', 'insert:1'], /invalid --go/],
    [['--key', 'string', '--value', 'int', '--go', '1.22', '--ops', 'insert:-1'], /--ops: insert/],
    [['--key', 'string', '--value', 'int', '--go', '1.22', '--ops', 'shrink'], /unknown operation "shrink"/],
    [['--key', 'string', '--value', 'int', '--go', '1.22', '--ops', 'insert:1', '--bogus'], /sim: /],
    // What the model cannot run is said in one line, not thrown.
    [['--key', 'string', '--value', 'int', '--go', '1.20', '--ops', 'insert:1,clone'], /^go-mapleak sim: maps\.Clone arrived in Go 1\.21: no clone before it\n$/],
  ] as [string[], RegExp][]) {
    it(`exits 2 on bad usage: ${args.join(' ')}`, () => {
      const r = runCli(['sim', ...args], dir);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, why);
      assert.strictEqual(r.stdout, '');
    });
  }
});
