// The analysis layer is pure (text -> tree -> facts -> findings): no editor, protocol or I/O
// imports, so the same code runs in the server, the CLI, tests and a browser.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'server', 'src');
const PURE_DIRS = ['analysis', 'sim', 'explain'];
const FORBIDDEN = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|(node:)?(fs|fs\/promises|child_process|net))$/;

/** Module specifiers of import/export-from/require/dynamic import in a TypeScript source. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

describe('analysis layer imports', () => {
  it('finds the specifiers of every import form (the check is not vacuous)', () => {
    const src = `import * as fs from 'fs';\nimport type { X } from "vscode";\nexport { y } from 'net';\nimport 'child_process';\nconst z = require('node:fs');\nconst w = await import('vscode-languageserver/node');`;
    const specs = importSpecifiers(src);
    assert.deepStrictEqual(specs.sort(), ['child_process', 'fs', 'net', 'node:fs', 'vscode', 'vscode-languageserver/node'].sort());
    assert.ok(specs.every((s) => FORBIDDEN.test(s)), 'each of these is forbidden');
    assert.ok(!FORBIDDEN.test('web-tree-sitter') && !FORBIDDEN.test('./types'));
  });

  it('server/src/{analysis,sim,explain} import nothing from vscode, LSP, fs, child_process or net', () => {
    const files = PURE_DIRS.flatMap((d) => tsFiles(path.join(SRC, d)));
    assert.ok(files.some((f) => f.endsWith(path.join('analysis', 'analyze.ts'))), 'analysis/analyze.ts not found');
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of importSpecifiers(fs.readFileSync(f, 'utf8'))) {
        if (FORBIDDEN.test(spec)) bad.push(`${path.relative(SRC, f)}: imports ${spec}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });
});
