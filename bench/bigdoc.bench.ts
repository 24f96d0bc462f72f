// A big document in the language server (issue 16): a ~5 MB generated Go file (bench/gen-go.ts
// bigGoFile: the editor bench's code, with a few dozen package maps) opened beside a small file of another package. Measures how long
// the big file's first diagnostics take (its analysis), how long hovers on the small file take
// meanwhile (sent every 20 ms from its didOpen until those diagnostics arrive), and the server's
// VmRSS (/proc/<pid>/status): after initialize and the small file, after the big file's analysis,
// after its didClose, and after each of CYCLES more open/close cycles.
// Run: npm run build && npm run bench -- bigdoc   (MB=5 CYCLES=5 change the size and the cycles)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient, at } from '../test/lsp-client';
import { bigGoFile } from './gen-go';

const MB = Number(process.env.MB ?? 5);
const CYCLES = Number(process.env.CYCLES ?? 5);

/** VmRSS of a process in MB. */
function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}


const SMALL = 'package small\n\nvar cache = map[string]int{}\n\nfunc reset() {\n\tfor k := range cache {\n\t\tdelete(cache, k)\n\t}\n}\n';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-bigdoc-')));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bigdoc\n\ngo 1.22\n');
  fs.mkdirSync(path.join(dir, 'big'));
  fs.mkdirSync(path.join(dir, 'small'));
  const big = bigGoFile('big', MB * 1024 * 1024);
  fs.writeFileSync(path.join(dir, 'big', 'big.go'), big);
  fs.writeFileSync(path.join(dir, 'small', 's.go'), SMALL);
  const bigUri = pathToFileURL(path.join(dir, 'big', 'big.go')).href;
  const smallUri = pathToFileURL(path.join(dir, 'small', 's.go')).href;
  console.log(`big.go: ${(big.length / 1024 / 1024).toFixed(2)} MB, ${big.split('\n').length} lines`);

  const client = new LspClient({ waitMs: 600_000 });
  // No workspace scan: it would lint big.go from disk at startup, on the server's thread.
  client.config = { workspaceScan: false };
  try {
    await client.initialize(dir, { workspace: { configuration: true } });
    await client.open(smallUri, SMALL, 1);
    await client.diagnostics(smallUri, 0, (p) => p.diagnostics.length > 0);
    await sleep(500);
    const pid = client.proc.pid!;
    const baseline = rssMB(pid);

    const cycle = async (version: number, probe: boolean) => {
      const mark = client.mark();
      const t0 = Date.now();
      const tp = performance.now();
      await client.open(bigUri, big, version);
      const latencies: number[] = [];
      let done = false;
      const diag = client.diagnostics(bigUri, mark).then((p) => { done = true; return p; });
      if (probe) {
        while (!done) {
          const h0 = performance.now();
          await client.hover(smallUri, at(5, 16));
          latencies.push(performance.now() - h0);
          if (process.env.TRACE) console.log(`  hover sent at ${(h0 - tp).toFixed(0)} ms: ${(performance.now() - h0).toFixed(1)} ms`);
          await sleep(20);
        }
      }
      const p = await diag;
      const analysis = p.at - t0; // ms from didOpen to the publish
      const opened = rssMB(pid);
      const closeMark = client.mark();
      await client.close(bigUri);
      await client.diagnostics(bigUri, closeMark, (q) => q.diagnostics.length === 0);
      await client.settle(smallUri);
      await sleep(1000);
      return { analysis, findings: p.diagnostics.length, latencies, opened, closed: rssMB(pid) };
    };

    const first = await cycle(1, true);
    const lat = [...first.latencies].sort((a, b) => a - b);
    console.log(`first open: diagnostics after ${first.analysis.toFixed(0)} ms (${first.findings} diagnostics)`);
    console.log(`hovers on small.go meanwhile: ${lat.length}, p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(1)} ms, max ${lat[lat.length - 1]?.toFixed(1)} ms ` +
      `(${((lat[lat.length - 1] ?? 0) / first.analysis * 100).toFixed(1)}% of the analysis)`);
    console.log(`RSS: ${baseline.toFixed(0)} MB before, ${first.opened.toFixed(0)} MB after the analysis, ${first.closed.toFixed(0)} MB after didClose`);
    const after: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const c = await cycle(2 + i, false);
      after.push(c.closed);
      console.log(`cycle ${i + 1}: analysis ${c.analysis.toFixed(0)} ms, RSS ${c.opened.toFixed(0)} MB open, ${c.closed.toFixed(0)} MB closed`);
    }
    console.log(`RSS after ${CYCLES} more open/close cycles: ${after[after.length - 1]?.toFixed(0)} MB`);
    await client.stop();
  } finally {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main().catch((e) => { console.error(e); process.exit(1); });
