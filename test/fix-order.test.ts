// The preferred fixes chosen together (analysis/edits.ts compatibleFixes, for --fix and fixAll)
// reach a fixed point in one pass: on a loop both rangeclear and mapretain flag, the release (mapretain's bounded fresh map) wins.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../server/src/analysis/analyze';
import { applyEdits, compatibleFixes } from '../server/src/analysis/edits';
import { parseGo } from '../server/src/parse/parser';
import { goParser } from './analysistest';
import { parseGoVersion } from '../server/src/analysis/goversion';

describe('fixes chosen together', () => {
  it('one pass over examples/cache leaves no preferred fix to apply, and a loop flagged by both rules gets the bounded release', async () => {
    const parser = await goParser();
    const text = fs.readFileSync(path.resolve(__dirname, '../examples/cache/cache.go'), 'utf8');
    const context = { goVersion: parseGoVersion('1.23') };
    const lint = (t: string) => {
      const tree = parseGo(parser, t);
      try { return analyze({ path: 'cache.go', text: t, tree }, context); } finally { tree.delete(); }
    };
    const first = lint(text);
    const chosen = compatibleFixes(text, first);
    // Some loop carries both findings, with overlapping preferred fixes.
    const both = first.filter((f) => f.rule === 'rangeclear' && first.some((g) => g.rule === 'mapretain' && g.range.start.line === f.range.start.line));
    assert.ok(both.length > 0, 'the example has a loop both rules flag');
    for (const f of both) {
      const picked = chosen.find((c) => c.finding.range.start.line === f.range.start.line);
      assert.strictEqual(picked?.fix.effect, 'bounded', `line ${f.range.start.line + 1}: the bounded release is applied`);
    }
    const fixed = applyEdits(text, chosen.flatMap((c) => c.fix.edits));
    assert.notStrictEqual(fixed, text);
    assert.deepStrictEqual(compatibleFixes(fixed, lint(fixed)).map((c) => `${c.finding.rule} ${c.finding.range.start.line + 1}`), []);
  });
});
