// Writing a large JSON report a piece at a time: the envelope is stringified once with a hole
// where its findings go, and each finding is stringified and written in turn, so the report never
// exists as one string (100,000 findings made a 220 MB report, which took 1.1 GB more to
// build than the findings themselves). The bytes are those JSON.stringify(value, null, 2) gives.

/** Stands for the items in the envelope; no report holds a NUL. */
const HOLE = '\u0000go-mapleak:items\u0000';
/** Pieces are written in chunks of about this many characters. */
const CHUNK = 1 << 20;

/**
 * Writes `JSON.stringify(envelope(items), null, 2) + '\n'` to `out` in chunks, where
 * `envelope(hole)` builds the report with `hole` in place of the items array, and the items are
 * read one at a time.
 */
export function writeJson(envelope: (hole: unknown) => unknown, items: Iterable<unknown>, out: (text: string) => void): void {
  const whole = JSON.stringify(envelope(HOLE), null, 2) + '\n';
  const mark = JSON.stringify(HOLE);
  const at = whole.indexOf(mark);
  if (at < 0) throw new Error('writeJson: the envelope has no place for the items');
  const indent = /^ */.exec(whole.slice(whole.lastIndexOf('\n', at) + 1))![0];
  const inner = `${indent}  `;
  let pending: string[] = [];
  let size = 0;
  const write = (s: string) => {
    pending.push(s);
    size += s.length;
    if (size >= CHUNK) { out(pending.join('')); pending = []; size = 0; }
  };
  write(whole.slice(0, at));
  let first = true;
  for (const item of items) {
    write(`${first ? '[\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`);
    first = false;
  }
  write(first ? '[]' : `\n${indent}]`);
  write(whole.slice(at + mark.length));
  out(pending.join(''));
}

/** What writeJson writes, as one string (small reports, tests). */
export function jsonString(envelope: (hole: unknown) => unknown, items: Iterable<unknown>): string {
  const parts: string[] = [];
  writeJson(envelope, items, (t) => parts.push(t));
  return parts.join('');
}
