// The operation syntax shared by `go-mapleak sim --ops` and the panel:
// "insert:100000,clear,insert:10,delete:all,nil" (and clone: m = maps.Clone(m); rebuild: a copy into make(T, len(m))).
import type { Op } from './model';

export class OpSyntaxError extends Error {}

/** A count: a non-negative integer, also written 1e5 or 100_000. */
function count(s: string, op: string): number {
  const n = Number(s.replace(/_/g, ''));
  if (!s || !Number.isFinite(n) || n < 0 || !Number.isInteger(n)) throw new OpSyntaxError(`${op}: want a whole number, got ${JSON.stringify(s)}`);
  return n;
}

export function parseOps(text: string): Op[] {
  const ops: Op[] = [];
  for (const raw of text.split(',')) {
    const word = raw.trim();
    if (!word) continue;
    const [name, arg, extra] = word.split(':').map((s) => s.trim());
    if (extra !== undefined) throw new OpSyntaxError(`${JSON.stringify(word)}: one argument at most`);
    switch (name) {
      case 'insert':
        if (arg === undefined) throw new OpSyntaxError('insert needs a count: insert:N');
        ops.push({ op: 'insert', n: count(arg, 'insert') });
        break;
      case 'delete':
        ops.push({ op: 'delete', n: arg === undefined || arg === 'all' ? 'all' : count(arg, 'delete') });
        break;
      case 'clear':
      case 'nil':
      case 'clone':
      case 'rebuild':
        if (arg !== undefined) throw new OpSyntaxError(`${name} takes no argument`);
        ops.push({ op: name });
        break;
      default:
        throw new OpSyntaxError(`unknown operation ${JSON.stringify(name)}: want insert:N, delete:N, delete:all, clear, nil, clone or rebuild`);
    }
  }
  if (!ops.length) throw new OpSyntaxError('no operations');
  return ops;
}

export function formatOp(op: Op): string {
  return op.op === 'insert' || op.op === 'delete' ? `${op.op}:${op.n}` : op.op;
}
