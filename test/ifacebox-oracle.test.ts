// The ifacebox oracle (issue 4, point 7): the rule's static verdict on every store of
// test/testdata/ifacebox/oracle is checked against real Go toolchains. Each case function performs
// one store; testing.AllocsPerRun must show >= 1 allocation for a store classified 'allocates'
// and 0 for one classified 'none', the compiled case must call the runtime function the rule
// names (go build -gcflags=-S), and the bytes per store of one-allocation cases must match the
// allocator model. Runs with `go` on PATH and Debian's Go 1.19 (/usr/lib/go-1.19), each skipped
// with a printed reason when absent.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { passFor } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { storeSites, type StoreSite } from '../server/src/analysis/ifacebox';
import { findModule } from '../server/src/workspace/module';
import { parsePackage, TESTDATA } from './analysistest';
import { caseNames, caseOf, enclosingFunc, isLiteralCase, LITERAL_BASELINE, wantedCases } from './oracle-cases';
import { BYTES_CALLS, oracleCopy, runOracle, runtimeCalls, type CaseMeasure } from './oracle-go';
import { findToolchains, type Toolchain } from './validation-run';

const ORACLE = path.join(TESTDATA, 'ifacebox', 'oracle');

/**
 * Bytes per store may differ from the model by this much. The measure is TotalAlloc over
 * BYTES_CALLS calls; the runtime counts a span's bytes when an mcache takes the span and gives
 * back the unused part only when the span is released, so the loop can be charged for up to one
 * partly used span per size class it touches: 8 KiB / 20,000 calls = 0.41 B, twice that for a
 * span taken before the loop and one after. Everything else (the tiny allocator packing 2-, 4-
 * and 8-byte boxes into 16-byte blocks, size classes) is what the model must get right.
 */
const BYTES_TOLERANCE = (2 * 8192) / BYTES_CALLS;

interface OracleSite { name: string; site: StoreSite; file: string; fn: string }

const { found } = findToolchains({ proxied: false });
const machine = found.find((t) => t.source === 'PATH');
const go119 = found.find((t) => t.version.startsWith('go1.19'));

/** Every store site of the oracle package under one runtime, with the case that executes it. */
async function oracleSites(runtime: string): Promise<{ sites: OracleSite[]; cases: string[]; wanted: Set<string>; problems: string[] }> {
  const files = await parsePackage(ORACLE);
  const goVersion = findModule(ORACLE)?.goVersion;
  const runtimeVersion = parseGoVersion(runtime);
  const sites: OracleSite[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const pass = passFor(file, { goVersion, runtimeVersion, packageFiles: files.filter((f) => f !== file) });
    for (const site of storeSites(pass)) {
      const at = `${path.basename(file.path)}:${site.valueRange.start.line + 1}`;
      const fn = enclosingFunc(file, site.valueRange);
      // The baseline's store of nil is measured only to be subtracted from the literal cases.
      if (fn === LITERAL_BASELINE) continue;
      const name = fn && caseOf(files, fn);
      if (!fn || !name) problems.push(`${at}: a store outside a case function (${fn ?? 'top level'})`);
      else sites.push({ name, site, file: at, fn });
    }
  }
  const cases = caseNames(files);
  for (const c of cases) {
    const n = sites.filter((s) => s.name === c).length;
    if (n !== 1) problems.push(`${c}: ${n} store sites found, the case has exactly one`);
  }
  return { sites, cases, wanted: wantedCases(files), problems };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

describe('ifacebox oracle: verdicts against the real compiler and runtime', function () {
  this.timeout(600_000);

  it('has the machine Go', function () {
    if (!machine) {
      console.log('    skipped: no go command on PATH');
      this.skip();
    }
  });

  it('has Go 1.19', function () {
    if (!go119) {
      console.log('    skipped: Go 1.19 is not installed here (/usr/lib/go-1.19; CI installs golang-1.19-go)');
      this.skip();
    }
  });

  const toolchains = [machine, go119].filter((t, i, all): t is Toolchain => t !== undefined && all.indexOf(t) === i);
  for (const tc of toolchains) {
    describe(`${tc.version} (${tc.source})`, function () {
      let sites: OracleSite[] = [];
      let measured = new Map<string, CaseMeasure>();
      let calls = new Map<string, Set<string>>();
      let siteProblems: string[] = [];
      let cases: string[] = [];
      let wanted = new Set<string>();

      before(async function () {
        const r = await oracleSites(tc.version);
        sites = r.sites;
        siteProblems = r.problems;
        cases = r.cases;
        wanted = r.wanted;
        const dir = oracleCopy(ORACLE, 'oracle', [...r.cases, LITERAL_BASELINE]);
        try {
          measured = runOracle(tc, dir);
          calls = runtimeCalls(tc, dir);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      /** A case's allocations and bytes without those of the map a composite literal makes. */
      function ownMeasure(name: string): CaseMeasure | undefined {
        const m = measured.get(name);
        if (!m || !isLiteralCase(name)) return m;
        const base = measured.get(LITERAL_BASELINE);
        return base && { allocs: m.allocs - base.allocs, bytes: m.bytes - base.bytes };
      }

      // The fixture's `// want` comments are what the rule must report with the module's runtime:
      // go.mod says go 1.19 and no toolchain, so they describe Go 1.19's compiler, and the
      // analysistest harness holds the rule to them, unknown-type stores included.
      it('the want comments mark exactly the cases that allocate (Go 1.19 only)', function () {
        if (!tc.version.startsWith('go1.19')) {
          console.log(`      skipped: the wants describe the module's Go 1.19; ${tc.version} keeps more values in read-only data`);
          this.skip();
        }
        const wrong = cases.flatMap((c) => {
          const m = ownMeasure(c);
          if (!m) return [`${c}: not measured`];
          if (wanted.has(c) !== m.allocs > 0) return [`${c}: ${wanted.has(c) ? 'wanted' : 'not wanted'}, measured ${m.allocs} allocs/op`];
          return [];
        });
        assert.ok(wrong.length === 0, `\n${wrong.join('\n')}`);
      });

      it('finds exactly one store in each case function of the fixture', () => {
        assert.ok(siteProblems.length === 0, `\n${siteProblems.join('\n')}`);
      });

      it('every store classified as allocating allocates, and every other as not allocating does not', () => {
        const problems: string[] = [];
        const rows: string[] = [];
        let agreeAlloc = 0, agreeNone = 0, bytesChecked = 0, bytesAgree = 0;
        const allocating = sites.filter((s) => s.site.verdict === 'allocates');
        const none = sites.filter((s) => s.site.verdict === 'none');
        const unknown = sites.filter((s) => s.site.verdict === 'unknown');
        for (const s of sites) {
          const m = ownMeasure(s.name);
          if (!m) { problems.push(`${s.file} ${s.name}: not measured`); continue; }
          const v = s.site;
          let bytesNote = '';
          if (v.verdict === 'allocates') {
            if (m.allocs >= 1) agreeAlloc++;
            else problems.push(`${s.file} ${s.name}: classified allocating (${v.runtimeFunc ?? '?'}), measured ${m.allocs} allocs/op`);
            const fnCalls = calls.get(s.fn) ?? new Set<string>();
            if (v.runtimeFunc && !fnCalls.has(v.runtimeFunc)) {
              problems.push(`${s.file} ${s.name}: the rule names ${v.runtimeFunc}, ${s.fn} calls ${[...fnCalls].filter((c) => c.startsWith('conv')).join(', ') || 'no conv* function'}`);
            }
            // With a single allocation the bytes are the box's alone, comparable with the model.
            if (m.allocs === 1 && v.bytes !== undefined) {
              bytesChecked++;
              if (Math.abs(m.bytes - v.bytes) <= BYTES_TOLERANCE) bytesAgree++;
              else problems.push(`${s.file} ${s.name}: model ${v.bytes} B per store, measured ${m.bytes.toFixed(2)} B`);
              bytesNote = `model ${v.bytes} B`;
            } else if (m.allocs > 1) bytesNote = 'other allocations too: bytes not compared';
          } else if (v.verdict === 'none') {
            // A conv* call under a 'none' verdict means a runtime exception is relied on (nil slice).
            const conv = [...(calls.get(s.fn) ?? [])].filter((c) => c.startsWith('conv'));
            if (conv.length) bytesNote = `calls ${conv.join(', ')}`;
            if (m.allocs === 0) agreeNone++;
            else problems.push(`${s.file} ${s.name}: classified not allocating (${v.reason ?? '?'}), measured ${m.allocs} allocs/op`);
          }
          rows.push(`      ${pad(s.name, 30)} ${pad(v.verdict, 9)} ${pad(v.runtimeFunc ?? v.reason ?? '', 28)} ${String(m.allocs).padStart(3)} allocs ${m.bytes.toFixed(2).padStart(7)} B  ${bytesNote}`);
        }
        console.log(`    ${tc.version}: per case (verdict, runtime function or reason, allocs/op, bytes/op over ${BYTES_CALLS} calls):`);
        console.log(rows.join('\n'));
        console.log(`    ${tc.version}: ${sites.length} sites; allocates agreed ${agreeAlloc}/${allocating.length}; none agreed ${agreeNone}/${none.length}; ` +
          `unknown ${unknown.length}${unknown.length ? ` (${unknown.map((s) => s.name).join(', ')})` : ''}; ` +
          `bytes agreed ${bytesAgree}/${bytesChecked} one-allocation stores within ${BYTES_TOLERANCE.toFixed(2)} B`);
        assert.ok(problems.length === 0, `\n${problems.join('\n')}`);
      });
    });
  }
});
