// The server over stdio survives what a broken or hurried client sends: a body that is not JSON,
// unknown methods, positions out of range, a change outside the document, and a burst of edits
// (every publish carries the version current when it was sent, and the last one is the latest).
// Broken framing (a bad header, a Content-Length too short, too long or not a number) costs the
// broken message only: the server resynchronises on the next Content-Length header, says so on
// stderr and answers what follows (server/src/lsp/framing.ts says why it does not exit).
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

  describe('broken framing', () => {
    let framed: LspClient;
    let uri: string;
    /** A message the server must not see: closing the document would make hovers answer null. */
    let closeBody: Buffer;
    const raw = (...parts: (string | Buffer)[]) => framed.proc.stdin!.write(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))));

    /** The document is still open and analyzed: a hover on the loop answers with the finding. */
    async function answers(): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const lost = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer to a hover in ${framed.waitMs} ms\n${framed.stderr}`)), framed.waitMs); });
      const hover = await Promise.race([framed.hover(uri, at(5, 2)), lost]).finally(() => clearTimeout(timer));
      assert.ok(hover && JSON.stringify(hover.contents).includes('clear'), `${JSON.stringify(hover)}\n${framed.stderr}`);
    }

    /** Waits for the stderr line naming the problem. */
    const reported = (problem: RegExp) => framed.until(`stderr ${problem}`, () => (problem.test(framed.stderr) ? true : undefined));

    before(async () => {
      framed = new LspClient();
      await framed.initialize(dir);
      uri = pathToFileURL(path.join(dir, 'framed.go')).href;
      await framed.open(uri, TEXT, 1);
      await framed.diagnostics(uri, 0, (p) => p.diagnostics.length > 0);
      closeBody = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } }));
    });
    after(() => framed?.kill());

    it('a header without Content-Length, and garbage before a header: skipped to the next message', async () => {
      raw(`Content-Lenght: ${closeBody.length}\r\n\r\n`, closeBody);
      await answers();
      await reported(/bad LSP framing from the client: no Content-Length header in "Content-Lenght: \d+"/);
      raw('\x00\x01garbage', `Content-Length: ${closeBody.length}\r\n\r\n`, closeBody.subarray(0, 10));
      await answers();
      await reported(/malformed header line "\\u0000\\u0001garbage/);
    });

    it('a Content-Length shorter than the body: the rest is skipped', async () => {
      raw(`Content-Length: ${closeBody.length - 12}\r\n\r\n`, closeBody);
      await answers();
      await reported(/a message body of \d+ bytes is not a JSON object/);
    });

    it('a Content-Length longer than the body: the valid message after it is read', async () => {
      // Longer than the hover request that follows too: the header inside the body is found before the bytes are all there.
      // 20 bytes ends the body inside the next header line (`Content-Length: 130\r`).
      for (const extra of [3, 20, 40, 5000]) {
        raw(`Content-Length: ${closeBody.length + extra}\r\n\r\n`, closeBody);
        await answers();
        await reported(new RegExp(`Content-Length ${closeBody.length + extra} is longer than the message \\(a header follows after ${closeBody.length} bytes\\)`));
      }
    });

    it('a Content-Length that is not a number', async () => {
      raw('Content-Length: twelve\r\n\r\n', closeBody);
      await answers();
      await reported(/Content-Length is not a byte count: "twelve"/);
      raw(`Content-Length: ${closeBody.length}0000000000\r\n\r\n`, closeBody);
      await answers();
    });

    it('exits when the client closes stdin, 1 without shutdown', async () => {
      const code = new Promise<number | null>((resolve) => framed.proc.once('exit', resolve));
      framed.proc.stdin!.end();
      assert.strictEqual(await code, 1);
    });
  });
});
