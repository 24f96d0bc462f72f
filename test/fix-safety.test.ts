// Fix safety (issue 6 point 5): every preferred fix, applied to a copy of std and examples/, builds,
// vets and is gofmt-clean. Go 1.26's std has one preferred fix (runtime/map_test.go, found by running the
// CLI over GOROOT/src): linting that file alone keeps this test short, and its package, runtime, is
// still built and vetted whole. The full standard library: npm run fix-safety.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { goAvailable, newLines, normalized, runFixSafety } from '../scripts/fix-safety';

describe('fix safety', () => {
  it('compares go output without roots or positions, and counts repeated messages', () => {
    const was = normalized('# runtime\n/usr/local/go/src/runtime/a.go:10:2: x declared and not used\n', ['/usr/local/go']);
    assert.deepStrictEqual(was, ['$ROOT/src/runtime/a.go: x declared and not used']);
    const now = normalized('/tmp/g/src/runtime/a.go:8:2: x declared and not used\n/tmp/g/src/runtime/a.go:9:1: x declared and not used\n', ['/tmp/g']);
    assert.deepStrictEqual(newLines(now, was), ['$ROOT/src/runtime/a.go: x declared and not used']);
    assert.deepStrictEqual(newLines(was, now), []);
  });

  it('applies every preferred fix to runtime/map_test.go and examples/: no new build or vet errors, gofmt clean', function () {
    if (!goAvailable()) { console.log('    skipped: go is not on PATH'); this.skip(); }
    if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: npm run build');
    const r = runFixSafety({ std: ['runtime/map_test.go'] });
    console.log(`    ${r.goVersion}: offered ${JSON.stringify(r.offered)}, fixed ${r.fixedFindings} findings in ${r.fixedFiles} files (${r.changed.join(', ')}), ${r.seconds.total} s`);
    if (!r.examples) { console.log(`    skipped: examples/ needs a newer Go than ${r.goVersion}`); this.skip(); }
    // examples/cache has two package-level maps emptied and never released (mapretain) on any Go.
    assert.ok(r.changed.includes('examples/cache/cache.go'), r.changed.join(', '));
    assert.ok(r.fixedFindings >= 2 && r.fixedFiles === r.changed.length, JSON.stringify(r));
    assert.deepStrictEqual(r.checks.map((c) => c.command.split(' ')[1]).sort(), r.stdPackages.length ? ['build', 'build', 'vet', 'vet'] : ['build', 'vet']);
    for (const c of r.checks) assert.deepStrictEqual(c.newErrors, [], c.command);
    assert.deepStrictEqual(r.unformatted, []);
    assert.deepStrictEqual(r.originalsTouched, [], 'the hard-linked originals must not change');
  });
});
