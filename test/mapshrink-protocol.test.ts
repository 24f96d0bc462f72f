// mapshrink in the language server (node dist/server.js --stdio): the diagnostic, the hover with
// the burst's numbers, the rebuild fix with its change annotation, and the panel's burst scenario.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AnnotatedTextEdit, TextDocumentEdit } from 'vscode-languageserver/node';
import { tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';
import { MAP_AT_REQUEST, type PanelMap } from '../server/src/protocol/panel';

const GO = `package p

import "sync"

type Server struct {
	mu      sync.Mutex
	streams map[uint32]chan []byte
}

func (s *Server) open(id uint32) chan []byte {
	ch := make(chan []byte, 1)
	s.mu.Lock()
	s.streams[id] = ch
	s.mu.Unlock()
	return ch
}

func (s *Server) closeStream(id uint32) {
	s.mu.Lock()
	delete(s.streams, id)
	s.mu.Unlock()
}
`;

describe('mapshrink over the protocol', function () {
  this.timeout(60_000);
  let dir: string;
  let uri: string;
  let c: LspClient;

  before(async function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': 'module example.com/p\n\ngo 1.26\n', 'p.go': GO });
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
    c = new LspClient();
    await c.initialize(dir, {
      workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true } },
    }, { panel: true });
    await c.open(uri, GO);
  });

  after(() => {
    c?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a warning at the delete, explains it on hover and previews the rebuild with the numbers', async () => {
    const p = await c.diagnostics(uri, 0, (x) => x.diagnostics.some((d) => String(d.code) === 'mapshrink'));
    const d = p.diagnostics.find((x) => String(x.code) === 'mapshrink')!;
    assert.strictEqual(d.severity, 2); // warning
    assert.deepStrictEqual(d.range.start, at(19, 1));
    assert.match(String(d.message), /^s\.streams gains a key per unit of work \(s\.streams\[id\] = ch\).*after a burst to 1,000,000 entries it holds .* MiB until rebuilt/);

    const h = await c.hover(uri, at(19, 3));
    const text = JSON.stringify(h?.contents);
    assert.match(text, /After a burst to 1,000,000 entries/);
    assert.match(text, /mapshrink\.md/);

    const actions = await c.codeActions(uri, d.range, { diagnostics: [d], only: ['quickfix'] });
    const rebuild = actions.find((a) => a.title.startsWith('Rebuild s.streams'))!;
    assert.ok(rebuild, actions.map((a) => a.title).join('\n'));
    assert.strictEqual(rebuild.isPreferred, true);
    const edits = (rebuild.edit!.documentChanges![0] as TextDocumentEdit).edits as AnnotatedTextEdit[];
    assert.strictEqual(edits.length, 2, 'the peak field and the delete site');
    const note = rebuild.edit!.changeAnnotations![edits[0].annotationId];
    assert.match(note.label, /^rebuild: [\d.]+ MiB → [\d.]+ KiB after a burst to 1,000,000$/);
    assert.match(note.description!, /on Go 1\.26 \(Swiss tables/);
  });

  it('opens the panel on the finding with the burst-and-drain scenario', async () => {
    const m = await c.conn.sendRequest<PanelMap | null>(MAP_AT_REQUEST, { textDocument: { uri }, position: at(19, 1) });
    assert.ok(m);
    assert.deepStrictEqual(m.scenario, { n: 1_000_000, ops: 'insert:N,delete:999000' });
  });
});
