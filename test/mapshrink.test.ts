// mapshrink on the Go fixtures of test/testdata/mapshrink (see test/analysistest.ts), and its fixes.
import * as assert from 'assert';
import * as path from 'path';
import { analysisTest, analyzePackage, TESTDATA } from './analysistest';

analysisTest('mapshrink');

/** The findings of one fixture file. */
async function findingsOf(dir: string, file: string) {
  const byFile = await analyzePackage(path.join(TESTDATA, 'mapshrink', dir), 'mapshrink');
  return [...byFile.entries()].find(([f]) => f.path.endsWith(file))![1];
}

describe('mapshrink fixes and numbers', () => {
  it('prefers the rebuild at a quarter of the peak: a peak field added to the struct and the delete rewritten, gofmt-shaped', async () => {
    const f = (await findingsOf('leaks', 'leaks.go')).find((x) => x.message.startsWith('s.conns'))!;
    assert.deepStrictEqual(f.fixes.map((x) => [x.preferred, x.effect]), [[true, 'rebuild'], [false, 'drained'], [false, 'suppress']]);
    const [field, site] = f.fixes[0].edits;
    assert.strictEqual(field.newText, '\n\t// connsPeak is the most entries conns held since it was last rebuilt (go-mapleak mapshrink).\n\tconnsPeak int\n');
    assert.deepStrictEqual(field.range.start, field.range.end);
    assert.strictEqual(site.newText, [
      's.connsPeak = max(s.connsPeak, len(s.conns))',
      '\tdelete(s.conns, c)',
      '\tif n := len(s.conns); s.connsPeak > 1024 && n <= s.connsPeak/4 {',
      '\t\tshrunk := make(map[*conn]struct{}, n)',
      '\t\tfor k, v := range s.conns {',
      '\t\t\tshrunk[k] = v',
      '\t\t}',
      '\t\ts.conns = shrunk',
      '\t\ts.connsPeak = n',
      '\t}',
    ].join('\n'));
    assert.match(f.fixes[0].title, /not maps\.Clone, which keeps the capacity/);
    assert.strictEqual(f.fixes[1].edits[0].newText, 'delete(s.conns, c)\n\tif len(s.conns) == 0 {\n\t\ts.conns = make(map[*conn]struct{})\n\t}');
  });

  it('says with the simulation\'s numbers what a burst leaves and what a rebuild holds, in the message, the hover and each fix', async () => {
    const f = (await findingsOf('leaks', 'leaks.go')).find((x) => x.message.startsWith('s.conns'))!;
    const m = /after a burst to 1,000,000 entries it holds ([\d.]+) MiB until rebuilt; a rebuild at 1,000 entries holds ([\d.]+) KiB; maps\.Clone keeps the capacity/.exec(f.message);
    assert.ok(m, f.message);
    // Deletes free nothing: a million entries' storage against a thousand's.
    assert.ok(Number(m[1]) * 1024 > 500 * Number(m[2]), f.message);
    assert.match(f.explanation, /After a burst to 1,000,000 entries \(.* B\)\) and deletes down to 1,000 it still holds .*: deletes free no storage\. Rebuilt with `make\(\.\.\., 1000\)` and a copy loop it holds .*`maps\.Clone` keeps the .*: from Go 1\.25 the clone copies every table at its capacity\./);
    assert.match(f.fixes[0].annotation!.label, /^rebuild: [\d.]+ MiB → [\d.]+ KiB after a burst to 1,000,000$/);
    assert.match(f.fixes[0].annotation!.description, /Source: the simulation's estimate\.$/);
    assert.match(f.fixes[1].annotation!.label, /^release when empty: /);
  });

  it('offers no peak field when an unkeyed literal of the owner would stop compiling, and only the suppression for a deferred delete', async () => {
    const fs = await findingsOf('leaks', 'leaks.go');
    const relay = fs.find((x) => x.message.startsWith('r.clients'))!;
    assert.deepStrictEqual(relay.fixes.map((x) => [x.preferred, x.effect]), [[true, 'drained'], [false, 'suppress']]);
    const streams = fs.find((x) => x.message.startsWith('t.streams'))!;
    assert.deepStrictEqual(streams.fixes.map((x) => x.effect), ['suppress']);
  });

  it('rewrites m = maps.Clone(m) into a copy loop and drops the maps import when that was its last use', async () => {
    const fs = await findingsOf('classic', 'classic.go');
    const f = fs.find((x) => x.message.startsWith('t.rows = maps.Clone'))!;
    assert.strictEqual(f.severity, 'hint'); // Go 1.22: runtime.mapclone2 sizes the copy for the count
    const [imp, loop] = f.fixes[0].edits;
    assert.strictEqual(imp.newText, '');
    assert.deepStrictEqual([imp.range.start.line, imp.range.end.line], [5, 6]); // the `"maps"` line of the import block
    assert.strictEqual(loop.newText, 'shrunk := make(map[int64][]byte, len(t.rows))\n\tfor k, v := range t.rows {\n\t\tshrunk[k] = v\n\t}\n\tt.rows = shrunk');
    const kept = (await findingsOf('clone', 'clone.go')).find((x) => x.message.startsWith('ix.byKey'))!;
    assert.strictEqual(kept.fixes[0].edits.length, 1); // maps is still used by Snapshot
  });
});
