// The hover over stdio, as an editor asks for it: the finding's explanation first, then the map
// hover, for a module at go 1.22 (numbers of the go line's runtime, said to be a minimum).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type Hover } from 'vscode-languageserver/node';
import { GO_MOD, tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';

const GO = `package p

var cache = make(map[string]int, 5000)

func reset() {
	for k := range cache {
		delete(cache, k)
	}
}

func drop() { cache = nil }

func count(words []string) int {
	seen := map[string]bool{}
	for _, w := range words {
		seen[w] = true
	}
	return len(seen)
}
`;

const FOOTER = "_Bytes: the map's own allocations (not what keys and values point to), expected values for keys inserted one by one, from go-mapleak's model of this runtime, checked against measured maps of Go 1.19 to 1.26 (docs/sim-accuracy.md)._";
const CLASSIC_122 = "Go 1.22 runtime (classic hmap), the module's Go version; the go line is a minimum: a Go 1.24 or newer toolchain runs Swiss tables instead.";

describe('hover over stdio', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: string;
  let client: LspClient;

  before(async function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
    client = new LspClient();
    await client.initialize(dir, { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } });
    await client.open(uri, GO);
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const hover = (line: number, character: number) => client.hover(uri, at(line, character));
  const value = (h: Hover | null) => {
    assert.ok(h && typeof h.contents === 'object' && 'kind' in h.contents && h.contents.kind === 'markdown', JSON.stringify(h));
    return h.contents.value;
  };

  it('on a finding that names a map: the finding first, then the map hover', async () => {
    const h = await hover(5, 16); // `cache` in `for k := range cache {`, the rangeclear finding's range
    const parts = value(h).split('\n\n---\n\n');
    assert.ok(parts.length >= 2, value(h));
    assert.match(parts[0], /\[go-mapleak: rangeclear\]\(file:/);
    assert.equal(parts.at(-1), [
      '**`cache`** · `map[string]int` · package-level variable',
      '',
      CLASSIC_122,
      '',
      'key `string` 16 B · value `int` 8 B · bucket 208 B (8 slots)',
      '',
      'Made with `make(..., 5,000)`: every row starts from that size.',
      '',
      '| entries | the map holds | after `clear(cache)` |',
      '|---:|---:|---:|',
      // B = 10 for the hint: (1,024 + 64) buckets × 208 B in 28 pages = 229,376 B + hmap 48 + mapextra 24 (fact sheet E.1's R + 48 + 24).
      '| 1,000 | 224 KiB (229,448 B) | 224 KiB (229,448 B) |',
      '| 5,000 (the make hint) | 224 KiB (229,448 B) | 224 KiB (229,448 B) |',
      '| 100,000 | 3.8 MiB (3,966,289 B) | 3.5 MiB (3,620,936 B) |',
      '| 1,000,000 | 55.3 MiB (57,933,896 B) | 55.3 MiB (57,933,896 B) |',
      '',
      '`clear(cache)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too. `cache = nil` or `cache = make(...)` drops all of it, and the GC frees it once nothing else refers to the old map.',
      '',
      '`cache` is a package-level variable: what it holds stays for the life of the program unless it is reassigned.',
      '',
      FOOTER,
    ].join('\n'));
    // The finding's range, not the name's: the editor highlights what the explanation is about.
    assert.equal(h!.range!.start.line, 5);
  });

  it('on a local map: only the map hover, saying nil is not needed', async () => {
    const h = await hover(13, 1);
    assert.equal(value(h), [
      '**`seen`** · `map[string]bool` · local variable',
      '',
      CLASSIC_122,
      '',
      'key `string` 16 B · value `bool` 1 B · bucket 152 B (8 slots)',
      '',
      '| entries | the map holds | after `clear(seen)` |',
      '|---:|---:|---:|',
      '| 1,000 | 48.1 KiB (49,224 B) | 48.1 KiB (49,224 B) |',
      '| 100,000 | 2.8 MiB (2,911,744 B) | 2.5 MiB (2,646,088 B) |',
      '| 1,000,000 | 40.4 MiB (42,336,328 B) | 40.4 MiB (42,336,328 B) |',
      '',
      '`clear(seen)` keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too.',
      '',
      "`seen` is a local variable: setting it to nil is not needed. The compiler's stack liveness maps do not keep a dead local alive, so the GC frees the map once the function no longer uses it.",
      '',
      FOOTER,
    ].join('\n'));
    assert.deepEqual(h!.range, { start: { line: 13, character: 1 }, end: { line: 13, character: 5 } });
  });

  it('nothing on code that is neither a finding nor a map', async () => {
    assert.equal(await hover(12, 12), null); // `words`, a slice
    assert.equal(await hover(4, 6), null); // `reset`
  });
});
