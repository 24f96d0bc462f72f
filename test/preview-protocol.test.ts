// Fix previews over the protocol: the bundled server (`node dist/server.js --stdio`) puts each
// fix's figures into LSP change annotations when the client says it supports them
// (workspace.workspaceEdit.changeAnnotationSupport + documentChanges), and plain edits otherwise.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type AnnotatedTextEdit, type CodeAction, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { GO_MOD, tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';

// mapretain (a package map cleared, never released) and, at go 1.22, no rangeclear.
const GO = `package p

var big = make(map[int64]int64, 100000)

func reset() {
	clear(big)
}
`;

/** The code actions at `clear(big)`, only those of the kinds in `only` when given. */
function actionsAtClear(c: LspClient, uri: string, only?: string[]): Promise<CodeAction[]> {
  return c.codeActions(uri, { start: at(5, 1), end: at(5, 1) }, { diagnostics: [], only });
}

/** The edits of the one versioned document change; annotationId is absent on plain edits. */
function editsOf(edit: WorkspaceEdit | undefined): Partial<AnnotatedTextEdit>[] {
  assert.ok(edit?.documentChanges?.length === 1, 'one versioned document change');
  return (edit.documentChanges[0] as TextDocumentEdit).edits as Partial<AnnotatedTextEdit>[];
}

describe('preview over the protocol: change annotations on fixes', function () {
  this.timeout(60_000);
  let dir: string;
  let uri: string;
  const clients: LspClient[] = [];

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

  /** A server for a client with these workspace capabilities, and code action literals, with p.go open. */
  async function client(workspace: object): Promise<LspClient> {
    const c = new LspClient();
    clients.push(c);
    await c.initialize(dir, {
      workspace,
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true } },
    });
    await c.open(uri, GO);
    return c;
  }

  it('annotates every edit of each quick fix and of fix-all when the client supports it', async () => {
    const c = await client({ workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } });
    const actions = await actionsAtClear(c, uri, ['quickfix']);
    assert.deepStrictEqual(actions.map((a) => a.title.replace(/ \(.*/, '')), [
      'Release it only when it outgrew its steady size: if len(big) > 100000 { big = make(map[int64]int64, 100000) } else { clear(big) }',
      'Replace with big = make(map[int64]int64)', 'Suppress with //mapleak:ignore mapretain'], c.stderr);
    const [bounded, fresh, suppress] = actions;
    const freshEdits = editsOf(fresh.edit);
    assert.strictEqual(freshEdits.length, 1);
    const id = freshEdits[0].annotationId;
    assert.ok(id, 'the edit names its annotation');
    const note = fresh.edit!.changeAnnotations![id];
    // Go 1.22 (classic): B=14 for 100,000 entries; clear keeps hmap 48 + mapextra 24 + the
    // 2,506,752-byte bucket array = 2,506,824 B (docs/sim-accuracy.md, exact); a new map is 48 B.
    assert.match(note.label, /^big = make\(\.\.\.\) lets the GC free [\d.]+ MiB$/);
    assert.match(note.description!, /^At 100,000 entries \(its make hint\), map\[int64\]int64 on Go 1\.22 \(classic hmap, B=14\): .*after emptying it here 2\.4 MiB \(2,506,824 B\); after big = make\(\.\.\.\) a new map of 48 B/);
    assert.strictEqual(note.needsConfirmation, false);
    assert.deepStrictEqual(Object.keys(fresh.edit!.changeAnnotations!), [id], 'one annotation per fix');
    const s = editsOf(suppress.edit)[0];
    assert.strictEqual(suppress.edit!.changeAnnotations![s.annotationId!].label, 'keep reusing big: it holds 2.4 MiB when empty');

    // The preferred fix, the bounded release: at the make hint against a spike to ten times it.
    const b = editsOf(bounded.edit)[0];
    const bnote = bounded.edit!.changeAnnotations![b.annotationId!];
    assert.strictEqual(bnote.label, 'release past 100,000 entries: frees 38.3 MiB after a spike');
    assert.match(bnote.description!, /at a steady 100,000 entries emptying keeps 2\.4 MiB \(2,506,824 B\)/);

    const [all] = await actionsAtClear(c, uri, ['source.fixAll']);
    assert.ok(all, 'a fix-all action');
    const allEdits = editsOf(all.edit);
    assert.strictEqual(allEdits.length, 1, 'the preferred fix only');
    assert.deepStrictEqual(all.edit!.changeAnnotations![allEdits[0].annotationId!], bnote);
  });

  it('sends plain edits to a client without change annotation support (Neovim 0.7, eglot)', async () => {
    for (const workspace of [{}, { workspaceEdit: { documentChanges: true } }, { workspaceEdit: { changeAnnotationSupport: {} } }]) {
      const c = await client(workspace);
      const actions = await actionsAtClear(c, uri);
      assert.ok(actions.length >= 2, c.stderr);
      for (const a of actions) {
        assert.strictEqual(a.edit!.changeAnnotations, undefined, JSON.stringify(workspace));
        for (const e of editsOf(a.edit)) assert.strictEqual(e.annotationId, undefined);
      }
    }
  });
});
