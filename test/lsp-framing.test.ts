// lsp/framing.ts on its own: the same broken stream read whole and one byte at a time (the
// stdio pipe may cut anywhere, inside a header or between the CR and LF) yields the same
// messages, and every broken message costs only itself.
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { findLengthLine, headerStartAtEnd, parseHeaders, ResyncingMessageReader } from '../server/src/lsp/framing';

const body = (id: number) => Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method: 'm', params: { text: 'Content-Length: 12\r\n' } }));
const frame = (id: number, length = body(id).length, name = 'Content-Length') => Buffer.concat([Buffer.from(`${name}: ${length}\r\n\r\n`), body(id)]);

/** Good messages 1..8 with a broken one (id 100+) before each from the second on. */
const STREAM = Buffer.concat([
  frame(1),
  frame(101, body(101).length, 'Content-Lenght'), frame(2),
  Buffer.from('\x00garbage'), frame(3),
  frame(103, body(103).length - 9), frame(4),
  frame(104, body(104).length + 3), frame(5),
  frame(105, body(105).length + 20), frame(6),
  frame(106, body(106).length + 9000), frame(7),
  Buffer.from('Content-Length: twelve\r\n\r\n'), body(107), frame(8),
]);

function read(chunks: Buffer[]): { ids: number[]; problems: string[] } {
  const input = new PassThrough();
  const problems: string[] = [];
  const ids: number[] = [];
  const reader = new ResyncingMessageReader(input, (p) => problems.push(p));
  reader.listen((m) => ids.push((m as unknown as { id: number }).id));
  for (const c of chunks) input.write(c);
  return { ids, problems };
}

describe('LSP framing (lsp/framing.ts)', () => {
  it('reads every good message of a broken stream, whole or byte by byte', async () => {
    const whole = read([STREAM]);
    const bytes = read([...STREAM].map((b) => Buffer.from([b])));
    await new Promise((r) => setImmediate(r)); // PassThrough delivers on a later turn
    assert.deepStrictEqual(whole.ids, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepStrictEqual(bytes.ids, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.strictEqual(whole.problems.length, 7, whole.problems.join('\n'));
  });

  it('parses header blocks and finds header lines only where no JSON text can hold them', () => {
    assert.strictEqual(parseHeaders('Content-Length: 12\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), 12);
    assert.match(String(parseHeaders('Content-Length: 1e3')), /not a byte count/);
    assert.match(String(parseHeaders('x Content-Length: 3')), /malformed header line/);
    assert.match(String(parseHeaders('Content-Type: a')), /no Content-Length/);
    // Inside a JSON string the line has no raw CRLF: not a header.
    assert.strictEqual(findLengthLine(body(1)), -1);
    assert.strictEqual(findLengthLine(Buffer.from('{}content-length:  7\r\n')), 2);
    assert.strictEqual(headerStartAtEnd(Buffer.from('{"a":1}Content-Len')), 7);
    assert.strictEqual(headerStartAtEnd(Buffer.from('{"a":1}Content-Length: 12\r')), 7);
    assert.strictEqual(headerStartAtEnd(Buffer.from('{"a":1}')), -1);
  });
});
