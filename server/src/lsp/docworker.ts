// The big-document worker thread (lsp/bigdocs.ts says why), in dist/server.js (server-entry.ts). It keeps
// its own documents (the big ones and the open neighbours of their directories), parser, package
// views and analyzer, and answers the main thread's analyze, hover and mapAt with plain data.
// Messages are handled in the order they come; each is synchronous once the parser is loaded.
import { parentPort } from 'worker_threads';
import * as path from 'path';
import type { EscapeRecord } from '../analysis/types';
import type { Settings } from '../config/settings';
import { createGoParser } from '../parse/parser';
import { ParsedFileCache } from '../workspace/trees';
import { Analyzer, uriToPath, type Analysis } from './analyzer';
import type { Finding } from '../analysis/types';
import type { FromWorker, Ref, RemoteResult, SentFinding, ToWorker } from './bigdocs';
import { DocumentStore } from './documents';
import { mapHoverAt } from './hover';
import { panelMapAt } from './panel';

const port = parentPort;
if (port) {
  const ready = (async () => {
    const parser = await createGoParser();
    const store = new DocumentStore(parser);
    return { store, analyzer: new Analyzer(store, new ParsedFileCache(parser)) };
  })();
  /** Objects sent by reference (bigdocs.ts Ref), by id. */
  const refs = new Map<number, unknown>();
  const deref = <T>(r: Ref<T> | undefined): T | undefined => {
    if (!r) return undefined;
    if (r.value !== undefined) refs.set(r.id, r.value);
    return refs.get(r.id) as T;
  };
  /** The big documents (the rest of the store are their neighbours). */
  const big = new Set<string>();
  let escapes: readonly EscapeRecord[] | undefined;
  /** Per document, the pending whole parse after edits analyzed incrementally (Analyzer.rebase). */
  const rebases = new Map<string, NodeJS.Timeout>();
  const REBASE_IDLE_MS = 500;
  /** Ids of findings sent (bigdocs.ts SentFinding), and per document those of its last answer: the main thread has only these. */
  const findingIds = new WeakMap<Finding, number>();
  let nextFindingId = 1;
  const lastSent = new Map<string, Set<number>>();
  const send = (uri: string, findings: readonly Finding[]): SentFinding[] => {
    const had = lastSent.get(uri);
    const now = new Set<number>();
    const out = findings.map((f): SentFinding => {
      let id = findingIds.get(f);
      if (id === undefined) findingIds.set(f, (id = nextFindingId++));
      now.add(id);
      return had?.has(id) ? { id } : { id, f };
    });
    lastSent.set(uri, now);
    return out;
  };

  port.on('message', (m: ToWorker) => {
    void ready.then(({ store, analyzer }) => {
      analyzer.escapesOf = () => escapes;
      const run = (uri: string, settings: Ref<Settings>, esc: Ref<readonly EscapeRecord[]> | undefined): Analysis => {
        const doc = store.get(uri);
        if (!doc) throw new Error(`${uri} is not open in the big-document worker`);
        escapes = deref(esc);
        return analyzer.analyze(doc, deref(settings)!);
      };
      const answer = (id: number, fn: () => unknown) => {
        let out: FromWorker;
        try { out = { id, result: fn() }; } catch (err) { out = { id, error: err instanceof Error ? err.stack ?? err.message : String(err) }; }
        port.postMessage(out);
      };
      switch (m.kind) {
        case 'open':
          big.add(m.uri);
          lastSent.delete(m.uri);
          store.open(m.uri, m.languageId, m.version, m.text);
          analyzer.touched(m.uri);
          return;
        case 'change':
          clearTimeout(rebases.get(m.uri));
          rebases.delete(m.uri);
          for (const e of m.edits) store.change(m.uri, e.version, e.changes);
          return;
        case 'close':
          big.delete(m.uri);
          lastSent.delete(m.uri);
          clearTimeout(rebases.get(m.uri));
          rebases.delete(m.uri);
          closeIn(m.uri);
          // The neighbours go with the directory's last big document.
          if (![...big].some((b) => sameDir(b, m.uri))) for (const n of neighboursOf(m.uri)) closeIn(n);
          return;
        case 'files':
          analyzer.filesChanged(m.changes);
          return;
        case 'rescan':
          analyzer.rescan(m.uri);
          return;
        case 'analyze':
          return answer(m.id, (): RemoteResult<SentFinding> => {
            syncNeighbours(m.uri, m.neighbours);
            const r = run(m.uri, m.settings, m.escapes);
            // As the server does for its own documents: once the edits pause, the whole parse they skipped.
            clearTimeout(rebases.get(m.uri));
            if (r.how !== 'full') {
              const doc = store.get(m.uri)!;
              rebases.set(m.uri, setTimeout(() => { rebases.delete(m.uri); if (store.get(m.uri) === doc) analyzer.rebase(doc); }, REBASE_IDLE_MS));
            }
            return { version: r.version, findings: send(m.uri, r.findings), compilerCandidates: r.compilerCandidates, compilerCandidateStarts: r.compilerCandidateStarts, clean: r.clean, how: r.how, skipped: r.skipped, failures: r.failures };
          });
        case 'hover':
          return answer(m.id, () => mapHoverAt(run(m.uri, m.settings, m.escapes), m.position));
        case 'mapAt':
          return answer(m.id, () => panelMapAt(run(m.uri, m.settings, m.escapes), m.shown, m.position));
      }

      /** The open documents of the directory other than the big ones, as the main thread has them. */
      function syncNeighbours(uri: string, neighbours: { uri: string; version: number; text?: string }[]): void {
        const listed = new Set(neighbours.map((n) => n.uri));
        for (const n of neighboursOf(uri)) if (!listed.has(n)) closeIn(n);
        for (const n of neighbours) {
          const doc = store.get(n.uri);
          if (doc?.version === n.version || n.text === undefined) continue;
          store.open(n.uri, 'go', n.version, n.text);
          analyzer.touched(n.uri);
        }
      }

      function neighboursOf(uri: string): string[] {
        const p = uriToPath(uri);
        if (!p) return [];
        const dir = path.dirname(path.resolve(p));
        return store.all().filter((d) => !big.has(d.uri) && d.path !== undefined && path.dirname(d.path) === dir).map((d) => d.uri);
      }

      function sameDir(a: string, b: string): boolean {
        const pa = uriToPath(a), pb = uriToPath(b);
        return pa !== undefined && pb !== undefined && path.dirname(path.resolve(pa)) === path.dirname(path.resolve(pb));
      }

      function closeIn(uri: string): void {
        if (!store.get(uri)) return;
        analyzer.touched(uri);
        store.close(uri);
        analyzer.forget(uri);
      }
    }).catch((err: unknown) => {
      const id = (m as { id?: number }).id;
      if (id !== undefined) port.postMessage({ id, error: String(err) } satisfies FromWorker);
    });
  });
}
