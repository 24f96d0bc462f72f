// dist/server.js: the language server (server.ts) on the main thread, and the big-document worker
// (lsp/docworker.ts) when the server starts this same bundle as a worker thread (lsp/bigdocs.ts),
// so the package ships one server bundle.
import { isMainThread, workerData } from 'worker_threads';
import { DOC_WORKER_ROLE, setDocWorkerEntry } from './lsp/bigdocs';

if (!isMainThread && (workerData as { role?: string } | null)?.role === DOC_WORKER_ROLE) {
  require('./lsp/docworker');
} else {
  setDocWorkerEntry(__filename);
  require('./server');
}
