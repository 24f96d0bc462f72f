// The analysis's work grows linearly with the code (issue 16: any input at most 1 s per 100 KB;
// the editor bench's shape, where the package's maps grow with the file, took 9.8 s for 250 KB and
// 90.8 s for 1 MB). Time is a bench's to measure (npm run bench -- dense); this test counts the
// tree reads the analysis makes, the part that grew with the square of the size: tree-sitter node
// accesses (each a call into WASM) for a file and for one twice its size.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintFiles } from '../server/src/cli/lint';
import { createGoParser, parseGo } from '../server/src/parse/parser';
import { goFile } from '../bench/gen-go';

/** Counts the calls of node methods and getters that cross into WASM while `run` runs. */
async function nodeReads(run: () => Promise<unknown>): Promise<number> {
  const parser = await createGoParser();
  const tree = parseGo(parser, 'package p\n');
  const proto = Object.getPrototypeOf(tree.rootNode) as Record<string, unknown>;
  tree.delete();
  parser.delete();
  let n = 0;
  const restore: (() => void)[] = [];
  for (const name of ['typeId', 'parent', 'namedChildren', 'children', 'endIndex', 'text', 'nextSibling', 'childCount']) {
    const d = Object.getOwnPropertyDescriptor(proto, name)!;
    const get = d.get!;
    Object.defineProperty(proto, name, { ...d, get(this: unknown) { n++; return get.call(this); } });
    restore.push(() => Object.defineProperty(proto, name, d));
  }
  for (const name of ['childForFieldId', 'childForFieldName', 'descendantsOfType']) {
    const f = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...a: unknown[]) { n++; return f.apply(this, a); };
    restore.push(() => { proto[name] = f; });
  }
  try { await run(); } finally { for (const r of restore) r(); }
  return n;
}

describe('cost: the analysis reads the tree linearly in the size of the code', function () {
  this.timeout(120_000);

  it('a file twice as long, with twice the package maps, costs about twice the node reads', async () => {
    const reads: number[] = [];
    const findings: number[] = [];
    for (const lines of [4_000, 8_000]) {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-cost-')));
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/cost\n\ngo 1.22\n');
      fs.writeFileSync(path.join(dir, 'f.go'), goFile('cost', lines));
      let found = 0;
      reads.push(await nodeReads(async () => {
        const r = await lintFiles([path.join(dir, 'f.go')], { fix: false, minSeverity: 'hint', config: null }, dir);
        found = r.files[0].findings.length;
      }));
      findings.push(found);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // The findings double with the code (the shape repeats), so the work should too.
    assert.ok(findings[0] > 100 && findings[1] / findings[0] > 1.8, `findings ${findings.join(' -> ')}`);
    const ratio = reads[1] / reads[0];
    console.log(`      node reads: ${reads[0].toLocaleString('en-US')} -> ${reads[1].toLocaleString('en-US')} (${ratio.toFixed(2)}x for 2x the code)`);
    assert.ok(ratio < 2.4, `node reads grew ${ratio.toFixed(2)}x for twice the code: ${reads.join(' -> ')}`);
  });
});
