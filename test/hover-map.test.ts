// The map hover (analysis/syntax/mapat.ts + explain/maphover.ts) on exact text. The numbers in
// the expected text are checked apart from the snapshot where a measurement exists: the classic
// make(map[int64]int64, 100000) holds 2,506,824 B empty and after clear (fact sheet E.1, Go 1.19.8;
// the same bucket array on 1.22: docs/sim-accuracy.md), 40,108,104 B for B = 18 after clear.
import { strict as assert } from 'assert';
import { passFor } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { mapAt } from '../server/src/analysis/syntax/mapat';
import type { ParsedFile, Position } from '../server/src/analysis/types';
import { mapHover } from '../server/src/explain/maphover';
import { parseGo } from '../server/src/parse/parser';
import { goParser } from './analysistest';
import { hoverAt } from '../server/src/lsp/hover';
import type { Finding } from '../server/src/analysis/types';

const SRC = `package p

import "example.com/store"

const size = 100_000

type Cache map[string]int

type Server struct {
	sessions map[uint64][]byte
}

var counts = make(map[int64]int64, size)

func Handle(s *Server, byName map[string]*Server) int {
	seen := map[string]bool{}
	var readers map[store.Key]int
	s.sessions[1] = nil
	return len(seen) + len(readers) + len(byName)
}

func NewCounter() func(string) {
	hits := map[string]int{}
	return func(k string) {
		hits[k]++
	}
}
`;

async function hover(at: string, nth = 0, versions: { go?: string; runtime?: string } = { go: '1.22', runtime: '1.22' }): Promise<string | undefined> {
  const file: ParsedFile = { path: 'p.go', text: SRC, tree: parseGo(await goParser(), SRC) };
  const pass = passFor(file, { goVersion: versions.go ? parseGoVersion(versions.go) : undefined, runtimeVersion: versions.runtime ? parseGoVersion(versions.runtime) : undefined });
  const lines = SRC.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let c = lines[line].indexOf(at); c >= 0; c = lines[line].indexOf(at, c + 1)) {
      if (seen++ === nth) {
        const pos: Position = { line, character: c };
        const m = mapAt(file.tree.rootNode, pos, pass.resolver());
        return m && mapHover({ map: m, runtimeVersion: pass.runtimeVersion, goVersion: pass.goVersion });
      }
    }
  }
  throw new Error(`no ${at} #${nth}`);
}

const FOOTER = "_Bytes: the map's own allocations (not what keys and values point to), expected values for keys inserted one by one, from go-mapleak's model of this runtime, checked against measured maps of Go 1.19 to 1.26 (docs/sim-accuracy.md)._";
const CLASSIC_122 = "Go 1.22 runtime (classic hmap), the module's Go version; the go line is a minimum: a Go 1.24 or newer toolchain runs Swiss tables instead.";

describe('map hover', () => {
  it("a package-level map with a make hint, module at go 1.22 without a toolchain line: the go line's runtime (classic), said to be a minimum", async () => {
    assert.equal(await hover('counts'), [
      "**`counts`** · `map[int64]int64` · package-level variable",
      "",
      CLASSIC_122,
      "",
      "key `int64` 8 B · value `int64` 8 B · bucket 144 B (8 slots)",
      "",
      "Made with `make(..., 100,000)`: every row starts from that size.",
      "",
      "| entries | the map holds | after `clear(counts)` |",
      "|---:|---:|---:|",
      "| 1,000 | 2.4 MiB (2,506,824 B) | 2.4 MiB (2,506,824 B) |",
      "| 100,000 (the make hint) | 2.6 MiB (2,770,515 B) | 2.4 MiB (2,506,824 B) |",
      "| 1,000,000 | 38.3 MiB (40,157,280 B) | 38.3 MiB (40,108,104 B) |",
      "",
      "`clear(counts)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. `counts = nil` or `counts = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`counts` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("the same under Swiss tables (go 1.24)", async () => {
    assert.equal(await hover('counts', 0, { go: '1.24', runtime: '1.24' }), [
      "**`counts`** · `map[int64]int64` · package-level variable",
      "",
      "Go 1.24 runtime (Swiss tables), the module's Go version.",
      "",
      "key `int64` 8 B · value `int64` 8 B · group 136 B (8 slots)",
      "",
      "Made with `make(..., 100,000)`: every row starts from that size.",
      "",
      "| entries | the map holds | after `clear(counts)` |",
      "|---:|---:|---:|",
      "| 1,000 | 2.3 MiB (2,364,592 B) | 2.3 MiB (2,364,592 B) |",
      "| 100,000 (the make hint) | 2.3 MiB (2,364,656 B) | 2.3 MiB (2,364,656 B) |",
      "| 1,000,000 | 36.0 MiB (37,742,769 B) | 36.0 MiB (37,742,769 B) |",
      "",
      "`clear(counts)` and deleting every key keep the groups, tables and directory. `counts = nil` or `counts = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`counts` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a toolchain line newer than the go line decides the runtime", async () => {
    assert.equal(await hover('counts', 0, { go: '1.22', runtime: '1.26.1' }), [
      "**`counts`** · `map[int64]int64` · package-level variable",
      "",
      "Go 1.26.1 runtime (Swiss tables), from go.mod's toolchain line.",
      "",
      "key `int64` 8 B · value `int64` 8 B · group 136 B (8 slots)",
      "",
      "Made with `make(..., 100,000)`: every row starts from that size.",
      "",
      "| entries | the map holds | after `clear(counts)` |",
      "|---:|---:|---:|",
      "| 1,000 | 2.3 MiB (2,364,592 B) | 2.3 MiB (2,364,592 B) |",
      "| 100,000 (the make hint) | 2.3 MiB (2,364,656 B) | 2.3 MiB (2,364,656 B) |",
      "| 1,000,000 | 36.0 MiB (37,742,769 B) | 36.0 MiB (37,742,769 B) |",
      "",
      "`clear(counts)` and deleting every key keep the groups, tables and directory. `counts = nil` or `counts = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`counts` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("no go.mod: the newest modelled release, said so", async () => {
    assert.equal(await hover('counts', 0, {}), [
      "**`counts`** · `map[int64]int64` · package-level variable",
      "",
      "No Go version known (no go.mod): numbers for Go 1.26, the newest release modelled (Swiss tables).",
      "",
      "key `int64` 8 B · value `int64` 8 B · group 136 B (8 slots)",
      "",
      "Made with `make(..., 100,000)`: every row starts from that size.",
      "",
      "| entries | the map holds | after `clear(counts)` |",
      "|---:|---:|---:|",
      "| 1,000 | 2.3 MiB (2,364,592 B) | 2.3 MiB (2,364,592 B) |",
      "| 100,000 (the make hint) | 2.3 MiB (2,364,656 B) | 2.3 MiB (2,364,656 B) |",
      "| 1,000,000 | 36.0 MiB (37,742,769 B) | 36.0 MiB (37,742,769 B) |",
      "",
      "`clear(counts)` and deleting every key keep the groups, tables and directory. `counts = nil` or `counts = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`counts` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a map parameter", async () => {
    assert.equal(await hover('byName'), [
      "**`byName`** · `map[string]*Server` · parameter",
      "",
      CLASSIC_122,
      "",
      "key `string` 16 B · value `*Server` 8 B · bucket 208 B (8 slots)",
      "",
      "| entries | the map holds | after `clear(byName)` |",
      "|---:|---:|---:|",
      "| 1,000 | 56.1 KiB (57,416 B) | 56.1 KiB (57,416 B) |",
      "| 100,000 | 3.8 MiB (3,966,289 B) | 3.5 MiB (3,620,936 B) |",
      "| 1,000,000 | 55.3 MiB (57,933,896 B) | 55.3 MiB (57,933,896 B) |",
      "",
      "`clear(byName)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too.",
      "",
      "`byName` belongs to the caller: assigning to it here releases nothing the caller still holds.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a map type in a func signature", async () => {
    assert.equal(await hover('map[string]*Server'), [
      "**`map[string]*Server`**",
      "",
      CLASSIC_122,
      "",
      "key `string` 16 B · value `*Server` 8 B · bucket 208 B (8 slots)",
      "",
      "| entries | the map holds | after `clear` |",
      "|---:|---:|---:|",
      "| 1,000 | 56.1 KiB (57,416 B) | 56.1 KiB (57,416 B) |",
      "| 100,000 | 3.8 MiB (3,966,289 B) | 3.5 MiB (3,620,936 B) |",
      "| 1,000,000 | 55.3 MiB (57,933,896 B) | 55.3 MiB (57,933,896 B) |",
      "",
      "`clear` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. Only dropping every reference to the map (assigning nil or a new map) lets the GC free it.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a local map: setting it to nil is not needed, and why", async () => {
    assert.equal(await hover('seen'), [
      "**`seen`** · `map[string]bool` · local variable",
      "",
      CLASSIC_122,
      "",
      "key `string` 16 B · value `bool` 1 B · bucket 152 B (8 slots)",
      "",
      "| entries | the map holds | after `clear(seen)` |",
      "|---:|---:|---:|",
      "| 1,000 | 48.1 KiB (49,224 B) | 48.1 KiB (49,224 B) |",
      "| 100,000 | 2.8 MiB (2,911,744 B) | 2.5 MiB (2,646,088 B) |",
      "| 1,000,000 | 40.4 MiB (42,336,328 B) | 40.4 MiB (42,336,328 B) |",
      "",
      "`clear(seen)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too.",
      "",
      "`seen` is a local variable: setting it to nil is not needed. The compiler's stack liveness maps do not keep a dead local alive, so the GC frees the map once the function no longer uses it.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a local map that a returned closure captures is not a plain local: the closure keeps it", async () => {
    const paragraphs = (await hover('hits'))!.split('\n\n');
    assert.equal(paragraphs[0], "**`hits`** · `map[string]int` · local variable");
    assert.deepEqual(paragraphs.slice(-3), [
      "`clear(hits)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. `hits = nil` or `hits = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "`hits` is a local variable captured by a closure that outlives its function (returned from NewCounter): the map lives as long as that closure, and what it holds stays unless it is reassigned.",
      FOOTER,
    ]);
    // The same name at its use inside the closure says the same.
    assert.equal((await hover('hits', 1))!.split('\n\n').at(-2), paragraphs.at(-2));
  });

  it("a struct field map through a selector", async () => {
    assert.equal(await hover('sessions', 1), [
      "**`s.sessions`** · `map[uint64][]byte` · struct field",
      "",
      CLASSIC_122,
      "",
      "key `uint64` 8 B · value `[]byte` 24 B · bucket 272 B (8 slots)",
      "",
      "| entries | the map holds | after `clear(s.sessions)` |",
      "|---:|---:|---:|",
      "| 1,000 | 80.1 KiB (81,992 B) | 80.1 KiB (81,992 B) |",
      "| 100,000 | 5.0 MiB (5,213,229 B) | 4.5 MiB (4,735,048 B) |",
      "| 1,000,000 | 72.3 MiB (75,759,688 B) | 72.3 MiB (75,759,688 B) |",
      "",
      "`clear(s.sessions)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. `s.sessions = nil` or `s.sessions = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`s.sessions` is a struct field: what it holds stays as long as the struct is reachable, unless the field is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a struct field map at its declaration", async () => {
    assert.equal(await hover('sessions', 0), [
      "**`sessions`** · `map[uint64][]byte` · struct field",
      "",
      CLASSIC_122,
      "",
      "key `uint64` 8 B · value `[]byte` 24 B · bucket 272 B (8 slots)",
      "",
      "| entries | the map holds | after `clear(sessions)` |",
      "|---:|---:|---:|",
      "| 1,000 | 80.1 KiB (81,992 B) | 80.1 KiB (81,992 B) |",
      "| 100,000 | 5.0 MiB (5,213,229 B) | 4.5 MiB (4,735,048 B) |",
      "| 1,000,000 | 72.3 MiB (75,759,688 B) | 72.3 MiB (75,759,688 B) |",
      "",
      "`clear` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. Assigning nil or a new map to the field drops all of it, and the GC frees it once nothing else refers to the old map.",
      "",
      "`sessions` is a struct field: what it holds stays as long as the struct is reachable, unless the field is reassigned.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("a map with a key type of another package: no numbers, says why", async () => {
    assert.equal(await hover('readers'), [
      "**`readers`** · `map[store.Key]int` · local variable",
      "",
      "No numbers: the key type store.Key has no known layout (example.com/store.Key is declared in another package). go-mapleak reads only this package's declarations and does not guess a layout.",
      "",
      "`readers` is a local variable: setting it to nil is not needed. The compiler's stack liveness maps do not keep a dead local alive, so the GC frees the map once the function no longer uses it.",
    ].join('\n'));
  });

  it("a named map type", async () => {
    assert.equal(await hover('Cache'), [
      "**`Cache`** · `map[string]int` · map type",
      "",
      CLASSIC_122,
      "",
      "key `string` 16 B · value `int` 8 B · bucket 208 B (8 slots)",
      "",
      "| entries | the map holds | after `clear` |",
      "|---:|---:|---:|",
      "| 1,000 | 56.1 KiB (57,416 B) | 56.1 KiB (57,416 B) |",
      "| 100,000 | 3.8 MiB (3,966,289 B) | 3.5 MiB (3,620,936 B) |",
      "| 1,000,000 | 55.3 MiB (57,933,896 B) | 55.3 MiB (57,933,896 B) |",
      "",
      "`clear` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. Only dropping every reference to the map (assigning nil or a new map) lets the GC free it.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it("the map type of a make call carries the hint", async () => {
    assert.equal(await hover('map[int64'), [
      "**`map[int64]int64`**",
      "",
      CLASSIC_122,
      "",
      "key `int64` 8 B · value `int64` 8 B · bucket 144 B (8 slots)",
      "",
      "Made with `make(..., 100,000)`: every row starts from that size.",
      "",
      "| entries | the map holds | after `clear` |",
      "|---:|---:|---:|",
      "| 1,000 | 2.4 MiB (2,506,824 B) | 2.4 MiB (2,506,824 B) |",
      "| 100,000 (the make hint) | 2.6 MiB (2,770,515 B) | 2.4 MiB (2,506,824 B) |",
      "| 1,000,000 | 38.3 MiB (40,157,280 B) | 38.3 MiB (40,108,104 B) |",
      "",
      "`clear` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. Only dropping every reference to the map (assigning nil or a new map) lets the GC free it.",
      "",
      FOOTER,
    ].join('\n'));
  });

  it('numbers that were measured (fact sheet E.1) appear in the hover', async () => {
    const classic = (await hover('counts'))!;
    // make(map[int64]int64, 100000): 2,506,824 B empty and after clear; B = 18 after clear: 40,108,104 B.
    assert.ok(classic.includes('| 100,000 (the make hint) | 2.6 MiB (2,770,515 B) | 2.4 MiB (2,506,824 B) |'));
    assert.ok(classic.includes('38.3 MiB (40,108,104 B) |'));
    // map[uint64][]byte has the 272-byte bucket of map[string]interface{}: after clear 4,735,048 B at 1e5 (measured).
    assert.ok((await hover('sessions', 1))!.includes('4.5 MiB (4,735,048 B) |'));
  });

  it("lsp: a finding's explanation comes first, then the map hover; the range is the finding's", () => {
    const range = { start: { line: 3, character: 1 }, end: { line: 3, character: 20 } };
    const f: Finding = { rule: 'rangeclear', message: 'm', range, severity: 'information', fixes: [], explanation: 'Why.\n', impact: { level: 'medium', evidence: [] } };
    const map = { value: 'MAP', range: { start: { line: 3, character: 16 }, end: { line: 3, character: 17 } } };
    const h = hoverAt([f], { line: 3, character: 16 }, '/docs', map);
    assert.deepEqual(h, { contents: { kind: 'markdown', value: 'Why.\n\n[go-mapleak: rangeclear](file:///docs/rangeclear.md)\n\n---\n\nMAP' }, range });
    assert.deepEqual(hoverAt([], { line: 3, character: 16 }, '/docs', map), { contents: { kind: 'markdown', value: 'MAP' }, range: map.range });
    assert.equal(hoverAt([f], { line: 9, character: 0 }, '/docs'), null);
  });

  it('a key type of few values: one row per reachable size, said so', async () => {
    const src = 'package p\n\nvar flags = map[bool]int{}\n';
    const file: ParsedFile = { path: 'f.go', text: src, tree: parseGo(await goParser(), src) };
    const pass = passFor(file, { goVersion: parseGoVersion('1.25'), runtimeVersion: parseGoVersion('1.25') });
    const text = mapHover({ map: mapAt(file.tree.rootNode, { line: 2, character: 4 }, pass.resolver())!, runtimeVersion: pass.runtimeVersion, goVersion: pass.goVersion });
    const rows = text.split('\n').filter((l) => /^\| \d/.test(l));
    // Swiss small map: one group, 8 ctrl bytes + 8 slots of 16 B (bool padded to int's alignment) = 136 B,
    // charged at the 144 B size class, plus the 48 B map header.
    assert.deepEqual(rows, ['| 2 (every value of the key type) | 192 B | 192 B |']);
  });

  it('a value over 128 B: stored through a pointer, its objects go with clear (Swiss, Go 1.26)', async () => {
    const src = 'package p\n\ntype Block [200]byte\n\nvar blocks map[string]Block\n';
    const file: ParsedFile = { path: 'b.go', text: src, tree: parseGo(await goParser(), src) };
    const pass = passFor(file, { goVersion: parseGoVersion('1.26'), runtimeVersion: parseGoVersion('1.26') });
    const text = mapHover({ map: mapAt(file.tree.rootNode, { line: 4, character: 5 }, pass.resolver())!, runtimeVersion: pass.runtimeVersion, goVersion: pass.goVersion });
    assert.equal(text, [
      '**`blocks`** · `map[string]Block` · package-level variable',
      '',
      "Go 1.26 runtime (Swiss tables), the module's Go version.",
      '',
      // The slot is a 16 B string and an 8 B pointer: 8 + 8 × 24 = 200 B per group.
      'key `string` 16 B · value `Block` 200 B, stored through a pointer (over 128 B) · group 200 B (8 slots)',
      '',
      '| entries | the map holds | after `clear(blocks)` |',
      '|---:|---:|---:|',
      // Held minus kept is the value objects: 1,000 × 208 B (the size class of 200 B) = 208,000 B.
      '| 1,000 | 257 KiB (262,656 B) | 53.4 KiB (54,656 B) |',
      '| 100,000 | 23.2 MiB (24,295,181 B) | 3.3 MiB (3,495,181 B) |',
      '| 1,000,000 | 252 MiB (263,787,663 B) | 53.2 MiB (55,787,663 B) |',
      '',
      '`clear(blocks)` and deleting every key keep the groups, tables and directory. Keys or values over 128 B are objects of their own, freed with their entries. `blocks = nil` or `blocks = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.',
      '',
      '`blocks` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.',
      '',
      FOOTER,
    ].join('\n'));
    assert.equal(262_656 - 54_656, 1000 * 208);
  });

  it('no hover on names that are not maps', async () => {
    assert.equal(await hover('size'), undefined);
    assert.equal(await hover('Handle'), undefined);
  });
});
