// The LSP base protocol over a byte stream (stdio): `Content-Length: N\r\n\r\n` then N bytes of JSON.
//
// vscode-jsonrpc's ReadableStreamMessageReader reports a bad header (no Content-Length, a value
// that is not a number, a line without ':') or a body that is not JSON through onError, which
// the connection only passes on, and goes on reading where it stopped. After a bad header the
// unread body is then taken for the next header, and after a wrong Content-Length every later
// message is read from the wrong offset: the server never answers again, silently.
//
// This reader resynchronises instead of exiting: after any framing error it drops bytes up to
// the next valid `Content-Length:` header and keeps serving. Why not exit and let the editor
// restart us: a valid header line (`Content-Length: <digits>` ended by a raw CRLF) cannot occur
// inside a JSON body (a JSON string holds no raw CR or LF, and the name outside a string is not
// JSON), so the next one found is a trustworthy restart point; only the broken message is lost,
// the loss the server already accepts for a well-framed body that is not JSON; a header found
// inside a body whose Content-Length was too long is read as the next message, so the message
// after the broken one is not lost; and exiting loses every open document's state, or the
// server altogether in clients that do not restart it (Neovim's built-in client, Eglot).
// Each problem is reported (stderr): a lost didChange leaves that document stale until reopened.
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n');
/** Spellings searched for when resynchronising (header names are case-insensitive; clients send the first). */
const NAMES = [Buffer.from('Content-Length:'), Buffer.from('content-length:')];
/** A header block this long without its blank line is not one. */
const MAX_HEADER_BYTES = 8192;
/** Larger than any message a client sends; a bigger value is as wrong as a non-number. */
const MAX_CONTENT_LENGTH = 2 ** 31;
/** How much of what came before a new chunk a header starting there could span: `Content-Length: 2147483648\r`. */
const OVERLAP = 40;
/** RFC 9110 token characters: a header field name. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A Content-Length line as it can start a header; it can never appear inside a JSON text. */
const LENGTH_LINE = /^content-length:[ \t]*\d+[ \t]*\r\n/i;

/** The body length a header block (without its final blank line) declares, or what is wrong with it. */
export function parseHeaders(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) return `malformed header line ${JSON.stringify(line.slice(0, 80))}`;
    if (name.toLowerCase() !== 'content-length') continue; // Content-Type, or a header we do not know
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_CONTENT_LENGTH) return `Content-Length is not a byte count: ${JSON.stringify(value.slice(0, 40))}`;
    length = Number(value);
  }
  return length ?? `no Content-Length header in ${JSON.stringify(block.slice(0, 80))}`;
}

/** Where a valid Content-Length line starts in `buf` at or after `from`, or -1. */
export function findLengthLine(buf: Buffer, from = 0): number {
  let best = -1;
  for (const name of NAMES) {
    for (let i = buf.indexOf(name, from); i >= 0 && (best < 0 || i < best); i = buf.indexOf(name, i + 1)) {
      if (LENGTH_LINE.test(buf.toString('latin1', i, Math.min(buf.length, i + OVERLAP + 8)))) { best = i; break; }
    }
  }
  return best;
}

/**
 * Where the body's end could be the start of a header cut short by a too long Content-Length
 * (`…}Content-Len`, `…}Content-Length: 12\r`): the rest of it is still to come. -1 if nowhere.
 */
export function headerStartAtEnd(body: Buffer): number {
  const name = 'content-length:';
  for (let p = Math.max(1, body.length - OVERLAP); p < body.length; p++) {
    const s = body.toString('latin1', p).toLowerCase();
    if (s.length <= name.length ? name.startsWith(s) : s.startsWith(name) && /^[ \t]*\d*[ \t]*\r?$/.test(s.slice(name.length))) return p;
  }
  return -1;
}

/** Where the next `Content-Length:` (any value) starts at or after `from`: a resynchronisation candidate. */
function findName(buf: Buffer, from: number): number {
  const found = NAMES.map((n) => buf.indexOf(n, from)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}

export class ResyncingMessageReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** The body length of the message being read; -1 while reading its header. */
  private bodyLength = -1;
  /** Dropping bytes after a framing error: reported once until a message is read again. */
  private resyncing = false;
  private callback: DataCallback | undefined;

  constructor(private readonly readable: NodeJS.ReadableStream, private readonly report: (problem: string) => void) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (err: Error) => this.fireError(err);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
    });
  }

  private onData(chunk: Buffer): void {
    const before = this.size;
    this.chunks.push(chunk);
    this.size += chunk.length;
    try {
      this.drain(before);
    } catch (err) {
      this.fireError(err);
    }
  }

  /** Reads every complete message; `fresh` is where the bytes not yet searched for a header start. */
  private drain(fresh: number): void {
    for (;;) {
      if (this.bodyLength < 0) {
        const buf = this.joined();
        const end = buf.indexOf(HEADER_END);
        if (end < 0 && buf.length <= MAX_HEADER_BYTES) return;
        const length = end < 0 || end > MAX_HEADER_BYTES ? 'a header longer than 8 KB' : parseHeaders(buf.toString('latin1', 0, end));
        if (typeof length === 'string') {
          this.resync(length);
          if (this.bodyLength < 0 && findName(this.joined(), 0) !== 0) return; // nothing to try yet
          continue;
        }
        this.consume(end + HEADER_END.length);
        this.bodyLength = length;
        fresh = 0;
      }
      if (this.size < this.bodyLength) {
        // The body is still coming, unless a header already came inside it: the length was too long.
        const at = this.headerInPending(fresh);
        if (at < 0) return;
        this.problem(`Content-Length ${this.bodyLength} is longer than the message (a header follows after ${at} bytes)`);
        this.consume(at);
        this.bodyLength = -1;
        continue;
      }
      const body = this.take(this.bodyLength);
      this.bodyLength = -1;
      fresh = 0;
      this.deliver(body);
    }
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      message = undefined;
    }
    if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
      this.resyncing = false;
      this.callback?.(message as Message);
      return;
    }
    // A header inside the body: the Content-Length was too long and the next message starts there.
    const whole = findLengthLine(body, 1);
    const at = whole > 0 ? whole : headerStartAtEnd(body);
    if (at > 0) {
      this.problem(`Content-Length ${body.length} is longer than the message (a header follows after ${at} bytes)`);
      this.chunks.unshift(body.subarray(at));
      this.size += body.length - at;
      return;
    }
    // Whatever is left of a too short body comes before the next header: resync() drops it then.
    this.problem(`a message body of ${body.length} bytes is not a JSON object (a wrong Content-Length?): dropped`);
  }

  /** A framing error at the start of the buffer: drop bytes up to the next Content-Length header. */
  private resync(problem: string): void {
    this.problem(problem);
    const buf = this.joined();
    const next = findName(buf, 1);
    // Keep a tail that may be the start of a header split across chunks.
    this.consume(next >= 0 ? next : Math.max(0, buf.length - NAMES[0].length + 1));
  }

  private problem(message: string): void {
    if (this.resyncing) return; // one report per broken stretch of the stream, until a message is read
    this.resyncing = true;
    this.report(`${message}; skipping to the next Content-Length header`);
  }

  /** Where a header starts in the pending (incomplete) body, searching from `fresh` less an overlap. */
  private headerInPending(fresh: number): number {
    const from = Math.max(0, fresh - OVERLAP);
    const region = this.slice(from, this.size);
    const i = findLengthLine(region, from === 0 ? 1 : 0);
    return i < 0 ? -1 : from + i;
  }

  /** All buffered bytes as one buffer (kept joined). */
  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** Bytes [from, to) of the buffer, copying only the chunks they span. */
  private slice(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    let offset = 0;
    for (const c of this.chunks) {
      const start = Math.max(from, offset);
      const end = Math.min(to, offset + c.length);
      if (start < end) parts.push(c.subarray(start - offset, end - offset));
      offset += c.length;
      if (offset >= to) break;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  private take(n: number): Buffer {
    const out = this.slice(0, n);
    this.consume(n);
    return out;
  }

  private consume(n: number): void {
    let left = n;
    while (left > 0 && this.chunks.length) {
      const c = this.chunks[0];
      if (c.length <= left) {
        this.chunks.shift();
        left -= c.length;
      } else {
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.size -= n - left;
  }
}
