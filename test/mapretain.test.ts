// mapretain on the Go fixtures of test/testdata/mapretain (see test/analysistest.ts), and its two fixes.
import * as assert from 'assert';
import * as path from 'path';
import { analysisTest, analyzePackage, TESTDATA } from './analysistest';

analysisTest('mapretain');

describe('mapretain fixes', () => {
  it('offers the bounded release (preferred), the plain fresh map and a suppression with the statement indentation', async () => {
    const byFile = await analyzePackage(path.join(TESTDATA, 'mapretain', 'fields'), 'mapretain');
    const findings = [...byFile.entries()].find(([f]) => f.path.endsWith('fields.go'))![1];
    const f = findings.find((x) => x.message.startsWith('clear(c.inner.index)'))!;
    // ResetInner is a reset method: reuse by design, a hint.
    assert.strictEqual(f.severity, 'hint');
    assert.deepStrictEqual(f.impact, { level: 'low', evidence: ['emptied in the method ResetInner(), which readies its owner for the next use'] });
    assert.deepStrictEqual(f.fixes.map((x) => [x.preferred, x.effect]), [[true, 'bounded'], [false, 'fresh'], [false, 'suppress']]);
    assert.match(f.fixes[0].title, /^Release it only when it outgrew its steady size: if len\(c\.inner\.index\) > 100000 \{ c\.inner\.index = make\(map\[int\]string\) \} else \{ clear\(c\.inner\.index\) \} \(100,000 is a size assumed here \(rules\.mapretain\.steadyEntries\): set the map's steady size; other references keep the old contents\)$/);
    assert.deepStrictEqual(f.fixes[0].edits[0].newText, 'if len(c.inner.index) > 100000 {\n\t\tc.inner.index = make(map[int]string)\n\t} else {\n\t\tclear(c.inner.index)\n\t}');
    assert.match(f.fixes[1].title, /^Replace with c\.inner\.index = make\(map\[int\]string\) \(releases the old storage at the next GC if nothing else refers to it; other references keep the old contents\)$/);
    const edit = f.fixes[2].edits[0];
    assert.deepStrictEqual(edit.range.start, edit.range.end);
    assert.strictEqual(edit.range.start.character, 0);
    assert.strictEqual(edit.newText, '\t//mapleak:ignore mapretain reuse is intended\n');
  });
});

describe('mapretain on closure captures', () => {
  it('offers no make fix when the clearing is the captured map\'s only use (it would not compile), and says which closure keeps it', async () => {
    const byFile = await analyzePackage(path.join(TESTDATA, 'mapretain', 'closures'), 'mapretain');
    const findings = [...byFile.entries()].find(([f]) => f.path.endsWith('closures.go'))![1];
    const only = findings.find((x) => x.message.includes('(returned from NewReset)'))!;
    assert.deepStrictEqual(only.fixes.map((x) => x.effect), ['suppress']);
    assert.match(only.explanation, /^\*\*mapretain\*\*: `m` is a local variable captured by a closure that outlives its function \(returned from NewReset\)/);
    const used = findings.find((x) => x.message.includes('(stored in onFlush)'))!;
    assert.deepStrictEqual(used.fixes.map((x) => [x.preferred, x.effect]), [[true, 'bounded'], [false, 'fresh'], [false, 'suppress']]);
  });
});
