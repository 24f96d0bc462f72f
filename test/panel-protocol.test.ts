// The memory simulation panel over the protocol: `goMapleak/mapAt` answers the map at a position
// (from the map hover's code, or a finding's subject), and only a client that says it shows the
// panel (initializationOptions { panel: true }) gets the hover link and the code action.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Hover } from 'vscode-languageserver/node';
import { GO_MOD, tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';

const GO = `package p

var cache = make(map[string]int, 5000)

func reset() {
	for k := range cache {
		delete(cache, k)
	}
}

type point struct{ x, y int32 }

func count(words []string) int {
	seen := map[point]bool{}
	return len(seen) + len(words)
}

var blobs = map[string][]byte{}

func wipe() {
	for k := range blobs {
		delete(blobs, k)
	}
}
`;

const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const LINK = /\[Show memory simulation\]\(command:goMapleak\.showSimulation\?([^)]+)\)/;

describe('memory simulation panel over the protocol', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: string;
  const clients: LspClient[] = [];

  async function start(initializationOptions?: unknown): Promise<LspClient> {
    const c = new LspClient();
    clients.push(c);
    await c.initialize(dir, { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } }, initializationOptions);
    await c.open(uri, GO);
    await c.diagnostics(uri, 0);
    return c;
  }

  const mapAtReq = (c: LspClient, line: number, character: number) =>
    c.conn.sendRequest<unknown>('goMapleak/mapAt', { textDocument: { uri }, position: at(line, character) });
  const actions = (c: LspClient, line: number, character: number, only?: string[]) =>
    c.codeActions(uri, { start: at(line, character), end: at(line, character) }, { diagnostics: [], only });

  before(function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
  });

  after(() => {
    for (const c of clients) c.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mapAt: the map under the cursor with its types, make hint and the module Go version', async () => {
    const c = await start({ panel: true });
    assert.deepEqual(await mapAtReq(c, 2, 5), {
      expr: 'cache', keyText: 'string', valueText: 'int', keyType: 'string', valueType: 'int', hint: 5000,
      goVersion: '1.22', versionNote: "Go 1.22, the module's go line (a minimum: a newer toolchain may build it).",
    });
    // A named struct key: displayed as written, spelled out for the simulation.
    assert.deepEqual(await mapAtReq(c, 13, 1), {
      expr: 'seen', keyText: 'point', valueText: 'bool', keyType: 'struct{x int32; y int32}', valueType: 'bool',
      goVersion: '1.22', versionNote: "Go 1.22, the module's go line (a minimum: a newer toolchain may build it).",
    });
    // On `for` of the rangeclear loop (no map there): the map the finding is about, found in its range.
    assert.deepEqual(await mapAtReq(c, 5, 1), await mapAtReq(c, 2, 5));
    // Types as the code spells them ([]byte), and as the simulation reads them.
    const blobs = await mapAtReq(c, 20, 1) as { expr: string; valueText: string; valueType: string };
    assert.deepEqual([blobs.expr, blobs.valueText, blobs.valueType], ['blobs', '[]byte', '[]uint8']);
    // Nothing map-like: null.
    assert.equal(await mapAtReq(c, 0, 2), null);
  });

  it('with { panel: true }: a hover link and one action per flagged map that open the panel there', async () => {
    const c = clients[0];
    const h = hoverText(await c.hover(uri, at(2, 5)));
    const m = LINK.exec(h);
    assert.ok(m, h);
    assert.deepEqual(JSON.parse(decodeURIComponent(m[1])), [{ uri, position: at(2, 5) }]);
    assert.ok(h.trimEnd().endsWith(m[0]), 'the link is the last line');

    const all = await actions(c, 5, 1);
    const show = all.filter((a) => a.command?.command === 'goMapleak.showSimulation');
    assert.equal(show.length, 1, JSON.stringify(all));
    const a: CodeAction = show[0];
    assert.equal(a.title, 'Show memory simulation for cache');
    assert.equal(a.kind, 'quickfix.go-mapleak.simulation');
    assert.equal(a.edit, undefined);
    const [arg] = a.command!.arguments as [{ uri: string; position: { line: number; character: number } }];
    assert.equal(arg.uri, uri);
    // Its position leads mapAt back to the same map.
    assert.equal((await mapAtReq(c, arg.position.line, arg.position.character) as { expr: string }).expr, 'cache');
    // The editor's Quick Fix menu asks for quickfix only: the sub-kind is included; a source request is not.
    assert.equal((await actions(c, 5, 1, ['quickfix'])).filter((x) => x.command).length, 1);
    assert.equal((await actions(c, 5, 1, ['source'])).filter((x) => x.command).length, 0);
    // No finding on line 13: no action, though the hover there links (a map is under the cursor).
    assert.equal((await actions(c, 13, 1)).filter((x) => x.command).length, 0);
    assert.match(hoverText(await c.hover(uri, at(13, 1))), LINK);
  });

  it('without the option (Neovim, Emacs...): neither link nor action; mapAt still answers', async () => {
    const c = await start();
    assert.doesNotMatch(hoverText(await c.hover(uri, at(2, 5))), /Show memory simulation/);
    const all = await actions(c, 5, 1);
    assert.ok(all.length > 0, 'the quick fixes are still there');
    assert.equal(all.filter((a) => a.command).length, 0);
    assert.equal((await mapAtReq(c, 2, 5) as { expr: string }).expr, 'cache');
  });
});
