// The simulation against real Go runtimes (issue 3, point 8): builds validation/cmd/measure with
// every Go toolchain on this machine (go on PATH, Debian's /usr/lib/go-*), runs a representative
// part of the matrix (test/validation-matrix.ts testMatrix: one pair per kind of layout at 3
// sizes, the small map, churn) and asserts the accuracy rule of test/validation-compare.ts.
// `npm run validate` runs the full matrix on more toolchains and writes docs/sim-accuracy.md.
import * as assert from 'assert';
import { compareFile, failures, reduceOutput, type ResultsFile } from './validation-compare';
import { casesFor, testMatrix } from './validation-matrix';
import { buildMeasure, findToolchains, runMeasure, type Toolchain } from './validation-run';
import { isUnknownMemory, mapMemory } from '../server/src/explain/mapmemory';

const { found, skipped } = findToolchains({ proxied: false });
for (const s of skipped) console.log(`    sim-validation: skipping ${s.name}: ${s.reason}`);

function measured(tc: Toolchain): ResultsFile {
  const out = runMeasure(buildMeasure(tc), { cases: casesFor(tc.version, testMatrix()) });
  return reduceOutput(out, `test/sim-validation.test.ts (${tc.source})`);
}

function step(file: ResultsFile, id: string, op: string): number {
  const c = file.cases.find((x) => x.id === id);
  assert.ok(c, `case ${id} measured`);
  const s = c.steps.find((x) => x.op === op);
  assert.ok(s, `${id}: step ${op}`);
  assert.ok(!Array.isArray(s.bytes), `${id} after ${op}: runs differ: ${JSON.stringify(s.bytes)}`);
  return s.bytes;
}

/** The median bytes after `op` of case `id` over its runs (a burst's tables vary with the hash seed). */
function medianStep(file: ResultsFile, id: string, op: string): number {
  const c = file.cases.find((x) => x.id === id);
  assert.ok(c, `case ${id} measured`);
  const s = c.steps.find((x) => x.op === op);
  assert.ok(s, `${id}: step ${op}`);
  const runs = (Array.isArray(s.bytes) ? [...s.bytes] : [s.bytes]).sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

describe('simulation vs real Go runtimes', function () {
  this.timeout(900_000);

  it('has a Go toolchain to measure with', function () {
    assert.ok(found.length > 0, `no Go toolchain: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  });

  it('measures Go 1.19 (classic hmap) beside the machine Go', function () {
    if (!found.some((t) => t.version.startsWith('go1.19'))) {
      console.log('    skipped: Go 1.19 is not installed here (/usr/lib/go-1.19; CI installs golang-1.19-go)');
      this.skip();
    }
  });

  for (const tc of found) {
    describe(`${tc.version} (${tc.source})`, function () {
      let file: ResultsFile;
      before(function () {
        file = measured(tc);
      });

      it('repeats to the byte: the measurement adds no noise', function () {
        // A fresh make() holds the 48-byte header only, and nil leaves nothing, in every run.
        for (const c of file.cases) {
          assert.strictEqual(c.error, undefined, `${c.id}: ${c.error}`);
          if (c.hint === undefined) assert.strictEqual(c.steps[0].bytes, 48, `${c.id} after make`);
          for (const s of c.steps) if (s.op === 'nil') assert.strictEqual(s.bytes, 0, `${c.id} after nil`);
        }
      });

      it('reproduces the fact sheet numbers for make(map[int64]int64, 1e5)', function () {
        // go-map-runtime-facts.md E.1 (classic, measured on 1.19) and B.4/E.3 (Swiss: 128 tables
        // of 1024 slots, 18,432-byte groups arrays, 32-byte tables, a 1 KiB directory, the header).
        const want = file.runtime === 'classic' ? 2_506_824 : 2_364_592;
        assert.strictEqual(step(file, 'map[int64]int64 N=100000 hint', 'make'), want);
      });

      it('mapshrink\'s hover numbers (the estimate) agree with the runtime: a burst kept, the rebuild, maps.Clone', function () {
        // The hover says what a burst to 1,000,000 entries keeps after deletes down to 1,000 (the
        // estimate's afterDeleteAll) and what a rebuild sized for 1,000 holds (explain/findingnumbers.ts).
        const v = tc.version.replace(/^go/, '');
        const peak = mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: v }, [1_000_000]);
        const rebuilt = mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: v, hint: 1000 }, [1000]);
        assert.ok(!isUnknownMemory(peak) && !isUnknownMemory(rebuilt));
        const kept = medianStep(file, 'map[int64]int64 N=1000000 burst', 'delete:999000');
        const within = (sim: number, real: number, what: string) => assert.ok(Math.abs(sim - real) <= real * 0.02, `${what}: hover ${sim} B, measured ${real} B`);
        within(peak.sizes[0].afterDeleteAll, kept, 'kept after the burst');
        within(rebuilt.sizes[0].bytes, medianStep(file, 'map[int64]int64 N=1000000 burst', 'rebuild'), 'rebuilt for 1,000');
        if (!file.cases.some((c) => c.id === 'map[int64]int64 N=1000000 clone')) return; // Go < 1.21: no maps.Clone
        const drained = medianStep(file, 'map[int64]int64 N=1000000 clone', 'delete:999990');
        const cloned = medianStep(file, 'map[int64]int64 N=1000000 clone', 'clone');
        // From Go 1.25 (*Map).Clone copies the tables as they are; 1.21-1.24's mapclone2 makes the copy for the count.
        if (Number(v.split('.')[1]) >= 25) assert.strictEqual(cloned, drained, 'from Go 1.25 the clone keeps the capacity');
        else assert.ok(cloned < 1024, `runtime.mapclone2 sizes the clone for 10 entries: ${cloned} B`);
      });

      it('matches the simulation: structure exactly, bytes exactly or within 2%', function () {
        const bad = failures(compareFile(file));
        assert.deepStrictEqual(bad, [], `${bad.length} steps off:\n${bad.slice(0, 40).join('\n')}`);
      });
    });
  }
});

