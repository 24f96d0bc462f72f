// Cost of code dense with findings (issue 16: 1 MB took 206 s): the CLI on generated files of 100 KB,
// 400 KB and 1 MB whose every function empties a package map and boxes into a map[string]any in a
// loop, and on the editor bench's file shape (bench/gen-go.ts goFile: a new package map or struct
// with map fields every few functions, so the maps grow with the file) at 250 KB, 1 MB and 2.5 MB;
// reported as seconds per 100 KB and as a ratio to parsing the same file alone (tree-sitter),
// measured in the same run. Target: at most 1 s per 100 KB, growing linearly.
// Run: npm run build && npm run bench -- dense
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createGoParser, parseGo } from '../server/src/parse/parser';
import { goFile } from './gen-go';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');

function dense(bytes: number): string {
  const parts = ['package dense\n\nvar m = map[string]int{}\nvar a = map[string]any{}\n'];
  let n = parts[0].length;
  for (let i = 0; n < bytes; i++) {
    const f = `func f${i}(xs []int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n\tfor _, x := range xs {\n\t\ta["k${i}"] = x\n\t}\n}\n`;
    parts.push(f);
    n += f.length;
  }
  return parts.join('');
}

/** The editor bench's shape (goFile) of at least `bytes` characters. */
function manyMaps(bytes: number): string {
  let lines = Math.ceil(bytes / 25);
  let text = goFile('dense', lines);
  while (text.length < bytes) text = goFile('dense', (lines = Math.ceil(lines * 1.1)));
  return text;
}

async function main(): Promise<void> {
  const parser = await createGoParser();
  const shapes: [string, (n: number) => string, number[]][] = [
    ['every function a finding', dense, [100_000, 400_000, 1_000_000]],
    ['maps grow with the file (goFile)', manyMaps, [250_000, 1_000_000, 2_500_000]],
  ];
  for (const [name, make, sizes] of shapes) {
    console.log(`\n${name}\nsize      findings  lint s  s per 100 KB  parse-only s  ratio to parse`);
    for (const target of sizes) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-dense-'));
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/dense\n\ngo 1.22\n');
      const text = make(target);
      const size = text.length;
      fs.writeFileSync(path.join(dir, 'd.go'), text);
      const t0 = process.hrtime.bigint();
      parseGo(parser, text).delete();
      const parse = Number(process.hrtime.bigint() - t0) / 1e9;
      const t1 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [CLI, '--compiler', 'off', '--format', 'json', '--min-severity', 'hint', 'd.go'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
      const lint = Number(process.hrtime.bigint() - t1) / 1e9;
      const findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
      console.log(`${(size / 1000).toFixed(0).padStart(5)} KB ${String(findings).padStart(9)} ${lint.toFixed(2).padStart(7)} ${(lint / (size / 100_000)).toFixed(2).padStart(13)} ${parse.toFixed(3).padStart(13)} ${(lint / parse).toFixed(0).padStart(15)}×`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  parser.delete();
}

void main();
