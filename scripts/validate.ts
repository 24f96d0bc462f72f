// Measures real Go maps with every Go toolchain to be had, compares them with the simulation and
// writes docs/sim-accuracy.md.
//
//   node -r esbuild-register scripts/validate.ts            measure (go on PATH, /usr/lib/go-*,
//                                                            validation/toolchains.txt) and report
//   node -r esbuild-register scripts/validate.ts --no-fetch  only toolchains already on the machine
//   node -r esbuild-register scripts/validate.ts --cached    report from validation/results/*.json
import * as fs from 'fs';
import * as path from 'path';
import { compareFile, failures, largestErrors, reduceOutput, type ResultsFile } from '../test/validation-compare';
import { casesFor, fullMatrix } from '../test/validation-matrix';
import { renderReport } from '../test/validation-report';
import { buildMeasure, compareGoVersions, findToolchains, RESULTS, ROOT, runMeasure, type Skipped } from '../test/validation-run';

const COMMAND = 'node -r esbuild-register scripts/validate.ts';

/** One case a line: diffs of a re-measurement stay readable. */
export function writeResults(file: ResultsFile): string {
  const { cases, ...head } = file;
  const text = `${JSON.stringify(head).slice(0, -1)},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
  fs.mkdirSync(RESULTS, { recursive: true });
  const p = path.join(RESULTS, `${file.goVersion}.json`);
  fs.writeFileSync(p, text);
  return p;
}

function readResults(): ResultsFile[] {
  if (!fs.existsSync(RESULTS)) return [];
  return fs.readdirSync(RESULTS).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(RESULTS, f), 'utf8')) as ResultsFile)
    .sort((a, b) => compareGoVersions(a.goVersion, b.goVersion));
}

function measureAll(fetch: boolean): Skipped[] {
  const { found, skipped } = findToolchains({ proxied: fetch });
  for (const s of skipped) console.log(`skip ${s.name}: ${s.reason}`);
  const cases = fullMatrix();
  for (const tc of found) {
    const t0 = Date.now();
    process.stdout.write(`${tc.version} (${tc.source}): build`);
    const bin = buildMeasure(tc);
    const own = casesFor(tc.version, cases);
    process.stdout.write(`, ${own.length} cases`);
    const out = runMeasure(bin, { cases: own });
    out.facts = runMeasure(bin, 'facts').facts;
    const file = reduceOutput(out, `${COMMAND} (${tc.source}, GOMAXPROCS=1)`);
    const p = writeResults(file);
    console.log(` → ${path.relative(ROOT, p)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return skipped;
}

function main(): void {
  const args = process.argv.slice(2);
  const skipped = args.includes('--cached') ? [] : measureAll(!args.includes('--no-fetch'));
  const files = readResults();
  if (!files.length) throw new Error('no results in validation/results: run without --cached');
  const comparisons = files.map((f) => compareFile(f));
  const doc = renderReport({ files, comparisons, command: COMMAND, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), skipped });
  const docPath = path.join(ROOT, 'docs', 'sim-accuracy.md');
  fs.writeFileSync(docPath, `${doc}\n`);
  const all = comparisons.flat();
  const bad = failures(all);
  console.log(`${path.relative(ROOT, docPath)}: ${files.map((f) => f.goVersion).join(', ')}; ${all.length} cases, ${bad.length} failing steps`);
  for (const [rt, l] of Object.entries(largestErrors(all))) console.log(`largest ${rt} error: ${l.errPct.toFixed(2)}% at ${l.where}`);
  for (const [rt, l] of Object.entries(largestErrors(all, true))) console.log(`largest ${rt} error outside the rule: ${l.errPct.toFixed(2)}% at ${l.where}`);
}

main();
