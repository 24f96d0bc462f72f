// A file that does not parse still gets findings in its well-formed parts, and no finding or
// fix touches an ERROR or MISSING node.
import * as assert from 'assert';
import { analyze } from '../server/src/analysis/analyze';
import { offsetAt, lineStarts } from '../server/src/analysis/edits';
import type { Range } from '../server/src/analysis/types';
import { parseGo, type SyntaxNode } from '../server/src/parse/parser';
import { goParser } from './analysistest';

const SOURCE = `package broken

var cache = map[string]int{}

func good() {
	for k := range cache {
		delete(cache, k)
	}
}

func bad( {
	for k := range cache {
		delete(cache, k
	}
	x := := 3
}

func alsoGood(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}

// drop releases cache, so only rangeclear reports its loops (mapretain does not).
func drop() { cache = nil }
`;

function brokenSpans(n: SyntaxNode, out: { from: number; to: number }[] = []) {
  if (n.isError || n.isMissing) out.push({ from: n.startIndex, to: n.endIndex });
  for (let i = 0; i < n.childCount; i++) brokenSpans(n.child(i)!, out);
  return out;
}

describe('analysis of a file that does not parse', () => {
  it('reports the well-formed loops and touches no ERROR node', async () => {
    const tree = parseGo(await goParser(), SOURCE);
    assert.ok(tree.rootNode.hasError, 'the fixture must not parse');
    const findings = analyze({ path: 'broken.go', text: SOURCE, tree }, {});
    assert.deepStrictEqual(findings.map((f) => f.range.start.line + 1), [6, 19], findings.map((f) => f.message).join('\n'));

    const starts = lineStarts(SOURCE);
    const span = (r: Range) => ({ from: offsetAt(starts, SOURCE, r.start), to: offsetAt(starts, SOURCE, r.end) });
    const bad = brokenSpans(tree.rootNode);
    assert.ok(bad.length > 0);
    const ranges = findings.flatMap((f) => [f.range, ...f.fixes.flatMap((x) => x.edits.map((e) => e.range))]);
    for (const r of ranges.map(span)) {
      for (const b of bad) assert.ok(r.to <= b.from || b.to <= r.from, `range ${r.from}-${r.to} overlaps a broken node at ${b.from}-${b.to}`);
    }
  });
});
