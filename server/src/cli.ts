// The go-mapleak command-line linter (bin/go-mapleak.js). The work is in cli/; this only
// connects it to the process. exitCode, not exit(): lets piped output flush first.
// The same file is the entry of the --jobs worker threads (cli/workers.ts).
import { main } from './cli/main';
import { processIo } from './cli/io';
import { runAsWorker, setWorkerEntry } from './cli/workers';

if (!runAsWorker()) {
  setWorkerEntry(__filename);
  void main(process.argv.slice(2), processIo()).then((code) => { process.exitCode = code; });
}
