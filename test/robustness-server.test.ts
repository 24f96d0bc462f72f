// The server over stdio survives what a broken or hurried client sends: a body that is not JSON,
// unknown methods, positions out of range, a change outside the document, and a burst of edits
// (every publish carries the version current when it was sent, and the last one is the latest).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient, at, buildServer } from './lsp-client';

const TEXT = 'package p\n\nvar cache = map[string]int{}\n\nfunc reset() {\n\tfor k := range cache {\n\t\tdelete(cache, k)\n\t}\n}\n';

describe('robustness: the server over stdio', function () {
  let dir: string;
  let client: LspClient;
  before(() => {
    buildServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-robust-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
  });
  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stays alive and answers correctly after malformed and hostile input', async () => {
    client = new LspClient();
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'p.go')).href;
    await client.open(uri, TEXT, 1);
    await client.diagnostics(uri, 0, (p) => p.diagnostics.length > 0);

    // A body that is not JSON, with a correct Content-Length.
    const body = Buffer.from('{"jsonrpc": "2.0", "id": 99, "method": ');
    client.proc.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));

    await assert.rejects(client.conn.sendRequest('goMapleak/noSuchMethod', {}), (e: { code?: number }) => e.code === -32601);
    await client.conn.sendNotification('goMapleak/noSuchNotification', {});

    for (const pos of [at(1_000_000, 0), at(-1, -5), at(5, 1_000_000)]) {
      await client.hover(uri, pos); // any answer, no crash
      await client.codeActions(uri, { start: pos, end: pos }, { diagnostics: [] });
    }
    await client.change(uri, 2, { range: { start: at(500, 0), end: at(600, 3) }, text: '// x\n' });

    // A burst of edits: each adds a line at the top.
    let text = TEXT;
    let version = 2;
    const texts = new Map<number, string>([[1, TEXT], [2, TEXT]]); // the change at line 500 was ignored or clamped past the end
    for (let i = 0; i < 30; i++) {
      version++;
      text = `// ${i}\n${text}`;
      texts.set(version, text);
      await client.change(uri, version, { range: { start: at(0, 0), end: at(0, 0) }, text: `// ${i}\n` });
    }
    const last = await client.diagnostics(uri, 0, (p) => p.version === version);
    // Every publish after the burst is for the latest version; none carries an older one after it.
    const idx = client.published.indexOf(last);
    assert.ok(client.published.slice(idx).every((p) => p.uri !== uri || p.version === version));
    const loopLine = text.split('\n').findIndex((l) => l.includes('for k := range cache'));
    const rc = last.diagnostics.find((d) => d.code === 'rangeclear');
    assert.strictEqual(rc?.range.start.line, loopLine, JSON.stringify(last.diagnostics));

    // No publish is stale: each one's loop line is where that version's text has the loop, and versions never go back.
    const mine = client.published.filter((p) => p.uri === uri);
    for (let i = 1; i < mine.length; i++) assert.ok((mine[i].version ?? 0) >= (mine[i - 1].version ?? 0), `version went back: ${mine.map((p) => p.version)}`);
    for (const p of mine.filter((q) => (q.version ?? 0) > 2)) {
      const line = texts.get(p.version!)!.split('\n').findIndex((l) => l.includes('for k := range cache'));
      assert.strictEqual(p.diagnostics.find((d) => d.code === 'rangeclear')?.range.start.line, line, `version ${p.version}`);
    }

    const hover = await client.hover(uri, at(loopLine, 2));
    assert.ok(hover && JSON.stringify(hover.contents).includes('clear'), JSON.stringify(hover));
    assert.strictEqual(await client.stop(), 0);
  });
});
