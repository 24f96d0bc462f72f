// ifacebox's narrowing over the protocol (issue 17): the quick fix on a store, its change
// annotation with the box removed per store, the storage before and after from the simulation at
// 1e3/1e5/1e6 entries on the module's runtime, and what each read becomes; the hover of a map it
// cannot narrow says which use blocks it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AnnotatedTextEdit, TextDocumentEdit } from 'vscode-languageserver/node';
import { GO_MOD, tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';
import { mapMemory } from '../server/src/explain/mapmemory';
import { NARROW_SIZES } from '../server/src/explain/findingnumbers';

const GO = `package p

func counts(names []string, sizes []int64) (int, int64) {
	m := make(map[string]any)
	for i, n := range names {
		m[n] = sizes[i]
	}
	v, ok := m["total"].(int64)
	if !ok {
		return 0, 0
	}
	return len(m), v + m["first"].(int64)
}

func payload(names []string) map[string]any {
	out := map[string]any{}
	for _, n := range names {
		out[n] = n
	}
	return out
}
`;

describe('narrowing over the protocol: the quick fix and its preview', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient | undefined;
  before(function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': GO_MOD, 'p.go': GO });
  });
  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers Narrow m to map[string]int64 with the numbers, and says why out is not narrowed', async () => {
    const c = (client = new LspClient());
    const uri = pathToFileURL(path.join(dir, 'p.go')).href;
    await c.initialize(dir, {
      workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true } },
    });
    await c.open(uri, GO);
    await c.diagnostics(uri, 0, (p) => p.diagnostics.length > 0);
    const actions = await c.codeActions(uri, { start: at(5, 9), end: at(5, 9) }, { diagnostics: [], only: ['quickfix'] });
    const narrow = actions.find((a) => a.title.startsWith('Narrow m to map[string]int64'));
    assert.ok(narrow, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(narrow.isPreferred, true);
    assert.match(narrow.title, /every store is an int64, so none boxes \(runtime\.convT64, 8 B per store\); 2 type assertions on its reads go/);
    const change = narrow.edit!.documentChanges![0] as TextDocumentEdit;
    const edits = change.edits as AnnotatedTextEdit[];
    assert.deepStrictEqual(edits.map((e) => e.newText), ['int64', '', '']);
    const note = narrow.edit!.changeAnnotations![edits[0].annotationId];
    // The figures are the simulation's for the module's Go 1.22 (classic hmap): recomputed here.
    const before = mapMemory({ keyType: 'string', valueType: 'interface{}', runtimeVersion: '1.22' }, NARROW_SIZES);
    const after = mapMemory({ keyType: 'string', valueType: 'int64', runtimeVersion: '1.22' }, NARROW_SIZES);
    assert.ok(!('unknown' in before) && !('unknown' in after));
    assert.ok(after.sizes[1].bytes < before.sizes[1].bytes, 'an 8-byte slot against a 16-byte interface value');
    for (let i = 0; i < NARROW_SIZES.length; i++) {
      assert.ok(note.description!.includes(`${before.sizes[i].bytes.toLocaleString('en-US')} B) -> `), note.description);
      assert.ok(note.description!.includes(`(${after.sizes[i].bytes.toLocaleString('en-US')} B)`), note.description);
    }
    assert.match(note.description!, /each of its 1 stores|its store no longer boxes \(runtime\.convT64, 8 B per store/);
    assert.match(note.description!, /v, ok := m\["total"\]\.\(int64\) becomes v, ok := m\["total"\], the same for a missing key/);
    assert.match(note.description!, /m\["first"\]\.\(int64\) becomes m\["first"\]; a missing key now gives the zero value where the assertion panicked/);

    const hover = await c.hover(uri, at(17, 11));
    assert.match(JSON.stringify(hover?.contents), /Narrowing the map to one value type is not offered: out is returned: that use keeps its type map\[K\]any \(line 20\)/);
  });
});
