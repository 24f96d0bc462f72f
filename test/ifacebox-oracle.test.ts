// The ifacebox oracle (issue 4, point 7): the rule's static verdict on every store of
// test/testdata/ifacebox/oracle is checked against real Go toolchains. Each case function performs
// one store; testing.AllocsPerRun must show >= 1 allocation for a store classified 'allocates'
// and 0 for one classified 'none', the compiled code must call the runtime function the rule
// names (go build -gcflags=-S), and the bytes per store of one-allocation cases must match the
// allocator model. Runs with `go` on PATH and Debian's Go 1.19 (/usr/lib/go-1.19), each skipped
// with a printed reason when absent; GO_MAPLEAK_ORACLE_TOOLCHAINS=go1.24.10,go1.25.0 adds
// toolchains the go command fetches (or has cached) through GOTOOLCHAIN.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import { passFor } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { storeSites } from '../server/src/analysis/ifacebox';
import { findModule } from '../server/src/workspace/module';
import { goParser, parsePackage, TESTDATA } from './analysistest';
import { ForeignPackages } from '../server/src/workspace/foreign';
import { parseGo } from '../server/src/parse/parser';
import { beforeOf, caseNames, caseOf, enclosingFunc, isAfterCase, LITERAL_BASELINE, wantedCases } from './oracle-cases';
import { agreementLine, compareOracle, ownMeasure, type OracleSite } from './oracle-compare';
import { BYTES_CALLS, callsFromAssembly, oracleCopy, runOracle, runtimeCalls, type CaseMeasure } from './oracle-go';
import { findToolchains, type Toolchain } from './validation-run';

const ORACLE = path.join(TESTDATA, 'ifacebox', 'oracle');

const { found } = findToolchains({ proxied: false });
const machine = found.find((t) => t.source === 'PATH');
const go119 = found.find((t) => t.version.startsWith('go1.19'));
/**
 * Go 1.22 (the last classic-map runtime with the allocator of 1.23, and the releases before 1.25's
 * read-only data) beside the machine's 1.26: a toolchain the go command keeps in the module
 * cache once fetched (.ci/run fetches it; GOPROXY=off here, so it is used only when cached).
 */
const GO122 = 'go1.22.12';
function cachedToolchain(name: string): boolean {
  if (!machine) return false;
  const r = spawnSync(machine.go, ['version'], { env: { ...process.env, GOTOOLCHAIN: name, GOPROXY: 'off' }, encoding: 'utf8', cwd: os.tmpdir() });
  return r.status === 0 && r.stdout.includes(name);
}
const has122 = cachedToolchain(GO122);
const extraNames = [...(has122 ? [GO122] : []), ...(process.env.GO_MAPLEAK_ORACLE_TOOLCHAINS ?? '').split(',').filter(Boolean)];
const extra: Toolchain[] = machine ? [...new Set(extraNames)].map((name) => ({
  version: name, go: machine.go, env: { GOTOOLCHAIN: name }, source: `GOTOOLCHAIN=${name}`,
})) : [];

/** Every store site of the oracle package under one runtime, with the case that executes it. */
async function oracleSites(runtime: string): Promise<{ sites: OracleSite[]; cases: string[]; wanted: Set<string>; problems: string[] }> {
  const files = await parsePackage(ORACLE);
  // Constants of the module's other package (consts/) and of the standard library, as the CLI reads them.
  const parser = await goParser();
  const foreign = new ForeignPackages((text) => parseGo(parser, text));
  const goVersion = findModule(ORACLE)?.goVersion;
  // The compiler decides what goes to read-only data: the toolchain under test, not the go line.
  const runtimeVersion = parseGoVersion(runtime);
  const sites: OracleSite[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const pass = passFor(file, { goVersion, runtimeVersion, packageFiles: files.filter((f) => f !== file), foreign: (ip, name) => foreign.lookup(ORACLE, ip, name) });
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
    // An After case stores into a narrowed map, whose value type is no interface: none.
    const expected = isAfterCase(c) ? 0 : 1;
    if (n !== expected) problems.push(`${c}: ${n} store sites found, the case has exactly ${expected === 1 ? 'one' : 'none'}`);
  }
  return { sites, cases, wanted: wantedCases(files), problems };
}

describe('ifacebox oracle: verdicts against the real compiler and runtime', function () {
  this.timeout(600_000);

  it('has the machine Go', function () {
    if (!machine) {
      console.log('    skipped: no go command on PATH');
      this.skip();
    }
  });

  it('has Go 1.22 (GOTOOLCHAIN, from the module cache)', function () {
    if (!has122) {
      console.log(`    skipped: ${GO122} is not in the module cache (.ci/run fetches it: GOTOOLCHAIN=${GO122} go version)`);
      this.skip();
    }
  });

  it('has Go 1.19', function () {
    if (!go119) {
      console.log('    skipped: Go 1.19 is not installed here (/usr/lib/go-1.19; CI installs golang-1.19-go)');
      this.skip();
    }
  });

  const toolchains = [machine, go119, ...extra].filter((t, i, all): t is Toolchain => t !== undefined && all.indexOf(t) === i);
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
        ({ sites, cases, wanted } = r);
        siteProblems = r.problems;
        const dir = oracleCopy(ORACLE, 'oracle', [...r.cases, LITERAL_BASELINE]);
        try {
          measured = runOracle(tc, dir);
          calls = runtimeCalls(tc, dir);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      // The fixture's `// want` comments are what the rule must report with the module's runtime:
      // go.mod says go 1.19 and no toolchain, so they describe Go 1.19's compiler, and the
      // analysistest harness holds the rule to them, unknown-type stores included.
      it('the want comments mark exactly the cases that allocate (Go 1.19 only)', function () {
        if (!tc.version.startsWith('go1.19')) {
          console.log(`      skipped: the wants describe what the module's Go 1.19 allocates; ${tc.version} is checked against its own measurements below`);
          this.skip();
        }
        const wrong = cases.flatMap((c) => {
          const m = ownMeasure(measured, c);
          if (!m) return [`${c}: not measured`];
          if (wanted.has(c) !== m.allocs > 0) return [`${c}: ${wanted.has(c) ? 'wanted' : 'not wanted'}, measured ${m.allocs} allocs/op`];
          return [];
        });
        assert.ok(wrong.length === 0, `\n${wrong.join('\n')}`);
      });

      it('finds exactly one store in each case function of the fixture', () => {
        assert.ok(siteProblems.length === 0, `\n${siteProblems.join('\n')}`);
      });

      // The narrowing refactor (narrow.go): each Before case's store is reported, and its one
      // allocation per store is checked with the others below (bytes against the model); the
      // After case, the same code with the map narrowed to the stored type, allocates nothing.
      it('every After case measures 0 allocations, its Before case one per store', () => {
        const after = cases.filter(isAfterCase);
        assert.ok(after.length > 0, 'no After cases in the fixture');
        const wrong: string[] = [];
        for (const c of after) {
          const b = beforeOf(c);
          const [ma, mb] = [measured.get(c), measured.get(b)];
          const site = sites.find((s) => s.name === b)?.site;
          if (!ma || !mb) { wrong.push(`${c}: ${!ma ? c : b} not measured`); continue; }
          console.log(`      ${b} ${mb.allocs} allocs ${mb.bytes.toFixed(2)} B -> ${c} ${ma.allocs} allocs ${ma.bytes.toFixed(2)} B`);
          if (ma.allocs !== 0) wrong.push(`${c}: measured ${ma.allocs} allocs/op, the narrowed map must need none`);
          if (site?.verdict !== 'allocates') wrong.push(`${b}: the rule does not report its store (${site?.verdict ?? 'no store'})`);
          else if (mb.allocs !== 1) wrong.push(`${b}: measured ${mb.allocs} allocs/op for its one store, the rule claims one`);
        }
        assert.ok(wrong.length === 0, `\n${wrong.join('\n')}`);
      });

      it('every store classified as allocating allocates, and every other as not allocating does not', () => {
        const a = compareOracle(sites, measured, calls);
        console.log(`    ${tc.version}: per case (verdict, runtime function or reason, allocs/op, bytes/op over ${BYTES_CALLS} calls):`);
        console.log(a.rows.join('\n'));
        console.log(`    ${agreementLine(tc.version, a)}`);
        assert.ok(a.problems.length === 0, `\n${a.problems.join('\n')}`);
      });
    });
  }
});

describe('ifacebox oracle: the comparison itself', () => {
  const measured = new Map<string, CaseMeasure>([
    ['caseA', { allocs: 1, bytes: 8 }], ['caseB', { allocs: 0, bytes: 0 }], ['caseC', { allocs: 2, bytes: 24 }],
    ['caseLiteralD', { allocs: 3, bytes: 344 }], [LITERAL_BASELINE, { allocs: 2, bytes: 336 }],
  ]);
  const calls = new Map([['caseA', new Set(['convT64', 'mapassign_faststr'])], ['caseC', new Set(['convTstring'])], ['caseLiteralD', new Set(['convT64'])]]);
  const site = (name: string, s: OracleSite['site']): OracleSite => ({ name, site: s, file: 'x.go:1', fn: name });

  it('agrees with right verdicts, subtracting the map of a literal case', () => {
    const a = compareOracle([
      site('caseA', { verdict: 'allocates', runtimeFunc: 'convT64', bytes: 8 }),
      site('caseB', { verdict: 'none', reason: 'constant' }),
      site('caseC', { verdict: 'allocates', runtimeFunc: 'convTstring', bytes: 16 }),
      site('caseLiteralD', { verdict: 'allocates', runtimeFunc: 'convT64', bytes: 8 }),
    ], measured, calls);
    assert.deepStrictEqual(a.problems, []);
    assert.deepStrictEqual([a.allocates, a.none, a.bytes], [{ agreed: 3, of: 3 }, { agreed: 1, of: 1 }, { agreed: 2, of: 2 }]);
  });

  it('reports each kind of wrong claim and counts unknowns', () => {
    const a = compareOracle([
      site('caseA', { verdict: 'none', reason: 'constant' }),
      site('caseB', { verdict: 'allocates', runtimeFunc: 'convT64', bytes: 8 }),
      site('caseC', { verdict: 'allocates', runtimeFunc: 'convTslice', bytes: 24 }),
      site('caseLiteralD', { verdict: 'allocates', runtimeFunc: 'convT64', bytes: 16 }),
      site('caseE', { verdict: 'unknown' }),
    ], measured, calls);
    assert.deepStrictEqual(a.problems, [
      'x.go:1 caseA: classified not allocating (constant), measured 1 allocs/op',
      'x.go:1 caseB: classified allocating (convT64), measured 0 allocs/op',
      'x.go:1 caseB: the rule names convT64, caseB calls no conv* function',
      'x.go:1 caseC: the rule names convTslice, caseC calls convTstring',
      'x.go:1 caseLiteralD: model 16 B per store, measured 8.00 B',
      'x.go:1 caseE: not measured',
    ]);
    assert.deepStrictEqual(a.unknown, []);
    const b = compareOracle([site('caseB', { verdict: 'unknown' })], measured, calls);
    assert.deepStrictEqual([b.problems, b.unknown], [[], ['caseB']]);
  });

  it('reads the runtime calls of Go 1.19 and Go 1.26 -S listings, closures with their function', () => {
    const listing = [
      '"".caseX STEXT size=138 args=0x0 locals=0x30 funcid=0x0 align=0x0',
      '\t0x0020 00032 (x.go:9)\tCALL\truntime.convT64(SB)',
      'example.com/oracle.caseY STEXT size=138 args=0x0 locals=0x30 funcid=0x0 align=0x0',
      '\t0x0044 00068 (x.go:12)\tCALL\truntime.mapassign_faststr(SB)',
      'example.com/oracle.caseY.func1 STEXT size=90 args=0x8 locals=0x28 funcid=0x0 align=0x0',
      '\t0x0010 00016 (x.go:13)\tCALL\truntime.convTstring(SB)',
      '\t0x0018 00024 (x.go:13)\tCALL\texample.com/oracle.helper(SB)',
    ].join('\n');
    const got = callsFromAssembly(listing);
    assert.deepStrictEqual([...got.keys()], ['caseX', 'caseY']);
    assert.deepStrictEqual([...got.get('caseX')!], ['convT64']);
    assert.deepStrictEqual([...got.get('caseY')!].sort(), ['convTstring', 'mapassign_faststr']);
  });
});
