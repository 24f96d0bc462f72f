// goMapleak/debug/memory: the server's memory after a full garbage collection, for tests and
// benches that check what a closed document leaves behind (test/lsp-bigdoc.test.ts). RSS alone
// moves with when V8 last collected; after a collection it shows what is really held.
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

export const MEMORY_REQUEST = 'goMapleak/debug/memory';

export interface MemoryReport {
  /** Resident set, V8 heap in use, and memory outside the heap (buffers, WebAssembly), in bytes. */
  rss: number;
  heapUsed: number;
  external: number;
  /** Whether the big-document worker (lsp/bigdocs.ts) is running. */
  bigDocumentWorker: boolean;
}

let collect: (() => void) | undefined;

/** A full collection (V8's gc, exposed for the call), then the figures. */
export function memoryReport(bigDocumentWorker: boolean): MemoryReport {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, bigDocumentWorker };
}
