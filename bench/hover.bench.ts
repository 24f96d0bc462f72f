// Hover latency (issue 4: under 20 ms): the map hover plus the findings' explanations at every
// place of a file where a map hover appears, as the server answers it from a cached analysis
// run. Three cases per file: warm (an earlier hover or the rules resolved names already), after
// an edit (a new analysis ran first, as the server's diagnostics do), and cold (a Pass whose
// package index and resolver the hover must build). Baseline measured in the same run: a full
// parse of the same file.
// Files: examples/cache/cache.go, and Go's own net/http/server.go with its package (~60 files).
// Run: npm run bench -- hover
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, passFor } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { mapAt } from '../server/src/analysis/syntax/mapat';
import { walk } from '../server/src/analysis/syntax/nodes';
import type { AnalysisContext, ParsedFile, Position } from '../server/src/analysis/types';
import { warmMapMemory } from '../server/src/explain/mapmemory';
import { hoverAt, mapHoverAt } from '../server/src/lsp/hover';
import { createGoParser, parseGo, type Parser } from '../server/src/parse/parser';

const BUDGET_MS = 20;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

function packageOf(parser: Parser, file: string): ParsedFile[] {
  const dir = path.dirname(file);
  const pkg = /^package\s+(\w+)/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && path.join(dir, f) !== file)
    .map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
    .filter((f) => /^package\s+(\w+)/m.exec(f.text)?.[1] === pkg)
    .map((f) => ({ ...f, tree: parseGo(parser, f.text) }));
}

async function main(): Promise<void> {
  const parser = await createGoParser();
  const t0 = process.hrtime.bigint();
  warmMapMemory();
  console.log(`warm-up (done in onInitialized, off the request path): ${ms(t0).toFixed(1)} ms`);
  let goroot = '';
  try { goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(); } catch { /* no go */ }
  const files = ['examples/cache/cache.go', goroot && path.join(goroot, 'src/net/http/server.go')].filter((f) => f && fs.existsSync(f));
  let worst = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const file: ParsedFile = { path: f, text, tree: parseGo(parser, text) };
    const context: AnalysisContext = { goVersion: parseGoVersion('1.22'), runtimeVersion: parseGoVersion('1.22'), packageFiles: packageOf(parser, f) };
    const findings = analyze(file, context);
    // The places a map hover appears: every name or map type that resolves to a map.
    const resolver = passFor(file, context).resolver();
    const targets: Position[] = [];
    walk(file.tree.rootNode, (n) => {
      if (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'type_identifier' || n.type === 'map') {
        const p = { line: n.startPosition.row, character: n.startPosition.column };
        if (mapAt(file.tree.rootNode, p, resolver)) targets.push(p);
      }
    });
    const parses: number[] = [];
    for (let i = 0; i < 15; i++) { const t = process.hrtime.bigint(); parseGo(parser, text).delete(); parses.push(ms(t)); }
    const parse = pct(parses, 0.5);
    const run = { file, context };
    const warm: number[] = [], afterEdit: number[] = [], cold: number[] = [];
    const time = (out: number[], f: () => unknown) => { const t = process.hrtime.bigint(); f(); out.push(ms(t)); };
    for (let r = 0; r < 5; r++) for (const p of targets) time(warm, () => hoverAt(findings, p, '/docs', mapHoverAt(run, p)));
    for (let r = 0; r < 2; r++) {
      for (const p of targets) {
        // The first hover after an edit: the server's new run analyzed the file (its rules built
        // the resolver the hover shares, when they needed one); only the hover is timed.
        const next = { ...context };
        const found = analyze(file, next);
        time(afterEdit, () => hoverAt(found, p, '/docs', mapHoverAt({ file, context: next }, p)));
      }
    }
    // Worst case: no rule built the resolver, the hover builds the package index itself.
    for (const p of targets) time(cold, () => hoverAt(findings, p, '/docs', mapHoverAt({ file, context: { ...context } }, p)));
    const lines = text.split('\n').length;
    console.log(`${path.basename(f)} (${lines} lines, ${context.packageFiles!.length} other files in its package, ${targets.length} map hover places, ${findings.length} findings); parse ${parse.toFixed(2)} ms`);
    for (const [name, xs] of [['warm', warm], ['after an edit', afterEdit], ['cold (resolver built in the request)', cold]] as const) {
      const p50 = pct(xs, 0.5), p95 = pct(xs, 0.95);
      if (!name.startsWith('cold')) worst = Math.max(worst, p95);
      console.log(`  ${name}: p50 ${p50.toFixed(3)} ms (${(p50 / parse).toFixed(2)}x parse), p95 ${p95.toFixed(3)} ms (${(p95 / parse).toFixed(2)}x parse), max ${Math.max(...xs).toFixed(2)} ms`);
    }
  }
  console.log(`worst p95 (warm and after an edit) ${worst.toFixed(2)} ms = ${(worst / BUDGET_MS).toFixed(3)} of the ${BUDGET_MS} ms budget`);
}

void main();
