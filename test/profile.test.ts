// go-mapleak profile on profiles the tests write (test/profile-synth.ts): decoding and its errors,
// matching the three forms of file names, attribution, evidence on findings, --base, URLs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { decodeProfile, ProfileError } from '../server/src/profile/decode';
import { profileUrl } from '../server/src/profile/load';
import { entriesFor } from '../server/src/profile/inverse';
import { functionPackage } from '../server/src/profile/match';
import { estimate, layoutOf } from '../server/src/sim';
import type { TypeLayout } from '../server/src/sim/model';
import { CLI, tempTree } from './cli-harness';
import { BOX, CACHE_GO, EMPTIED, frame, heap, lineOf, LOOP, MAKE, PUT, STORE, synthProfile, type SynthSample } from './profile-synth';
import { spawn } from 'child_process';

function module(): string {
  return tempTree({ 'go.mod': 'module example.com/shop\n\ngo 1.26\n', 'cache/cache.go': CACHE_GO, 'main.go': 'package main\n\nfunc main() {}\n' });
}


/**
 * The CLI as a process, killed after 60 s with what it printed: twice in full CI runs one of these
 * (200 ms alone) outlived mocha's 30 s, and the output says whether it was slow or stuck.
 */
function run(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const p = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`go-mapleak ${args.join(' ')} ran over 60 s; stdout: ${stdout.slice(0, 2000)}; stderr: ${stderr.slice(0, 2000)}`));
    }, 60_000);
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => {
      clearTimeout(timer);
      if (Date.now() - started > 10_000) console.log(`      (slow: go-mapleak ${args.join(' ')} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve({ status, stdout, stderr });
    });
  });
}

function profileJson(out: string) {
  return JSON.parse(out) as {
    profile: { sampleType: string; total: number; split: string };
    maps: { name: string; kind: string; file: string; line: number; bytes: number; storageBytes: number; boxingBytes: number; entries: { low: number; high: number } | null; sites: { line: number; what: string; bytes: number }[]; findings: { rule: string; line: number }[] }[];
    unattributed: { bytes: number; top: { function: string }[] };
    unmatched: { bytes: number; top: { file: string }[] };
    findings: { rule: string; line: number; severity: string; message: string; profile?: { value: number; severityBefore?: string } }[];
  };
}

describe('profile: decoding and bad input', function () {
  this.timeout(90_000);
  const good = synthProfile([{ stack: [frame('main.main', '/x/main.go', 3)], values: heap(1, 64) }]);

  it('decodes gzipped and plain protobuf alike', () => {
    const plain = synthProfile([{ stack: [frame('main.main', '/x/main.go', 3)], values: heap(1, 64) }], { gzip: false });
    for (const bytes of [good, plain]) {
      const p = decodeProfile(bytes);
      assert.deepStrictEqual(p.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
      assert.deepStrictEqual(p.locations[p.stacks[0][0]], [{ function: 'main.main', file: '/x/main.go', line: 3 }]);
      assert.strictEqual(p.values[0][3], 64);
    }
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /the file is empty/],
    ['text', Buffer.from('this is not a profile\n'), /not a pprof profile: the data is text/],
    ['the debug=1 text format', Buffer.from('heap profile: 1: 64 [1: 64] @ heap/524288\n'), /text heap profile \(\?debug=1\)/],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html>404</html>'), /HTML page/],
    ['truncated gzip', good.subarray(0, Math.floor(good.length / 2)), /truncated or corrupt gzip data/],
    ['a truncated protobuf', synthProfile([{ stack: [frame('main.main', '/x/main.go', 3)], values: heap(1, 64) }], { gzip: false }).subarray(0, 30), /truncated or corrupt protobuf|not a pprof profile/],
  ];
  for (const [what, bytes, want] of cases) {
    it(`says what is wrong with ${what}`, () => {
      assert.throws(() => decodeProfile(bytes), (e: unknown) => e instanceof ProfileError && want.test(e.message));
    });
  }

  it('names the sample types of a CPU or goroutine profile', async () => {
    const dir = module();
    const cpu = path.join(dir, 'cpu.pb.gz');
    fs.writeFileSync(cpu, synthProfile([{ stack: [frame('main.main', '/x/main.go', 3)], values: [1, 10_000_000, 0, 0] }], { types: [['samples', 'count'], ['cpu', 'nanoseconds']] }));
    const r = await run(['profile', cpu], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /a CPU profile \(sample types samples\/count, cpu\/nanoseconds\); go-mapleak reads heap and allocs profiles/);
    const g = path.join(dir, 'goroutine.pb.gz');
    fs.writeFileSync(g, synthProfile([{ stack: [frame('main.main', '/x/main.go', 3)], values: [3, 0, 0, 0] }], { types: [['goroutine', 'count']] }));
    assert.match((await run(['profile', g], dir)).stderr, /a goroutine profile \(sample types goroutine\/count\)/);
  });

  it('says so when no frame is in the module, with the top foreign frames', async () => {
    const dir = module();
    const p = path.join(dir, 'other.pb.gz');
    fs.writeFileSync(p, synthProfile([{ stack: [frame('github.com/other/app.load', '/src/app/load.go', 9), frame('main.main', '/src/app/main.go', 40)], values: heap(10, 5 << 20) }]));
    const r = await run(['profile', p], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /no sample of .*other\.pb\.gz has a frame in example\.com\/shop: is it a profile of another program\? Its top frames: github\.com\/other\/app\.load \(5\.0 MiB\)/);
  });

  it('reads the import path of a function name', () => {
    assert.strictEqual(functionPackage('example.com/m/cache.(*Store).Put'), 'example.com/m/cache');
    assert.strictEqual(functionPackage('example.com/m/cache.Fill.func1'), 'example.com/m/cache');
    assert.strictEqual(functionPackage('main.main'), 'main');
    assert.strictEqual(functionPackage('example.com/m/x.F[go.shape.struct { A example.com/m/y.T }]'), 'example.com/m/x');
    assert.strictEqual(functionPackage('example.com/m/cache_test.TestPut'), 'example.com/m/cache');
  });
});

describe('profile: attribution to maps', function () {
  this.timeout(90_000);
  /** One stock-profile sample per map site: storage at the store line, boxes of 16 B, the make. */
  function samples(file: (rel: string) => string, pkg = 'example.com/shop/cache'): SynthSample[] {
    const f = file('cache/cache.go');
    return [
      { stack: [frame(`${pkg}.fill`, f, STORE), frame('main.main', file('main.go'), 3)], values: heap(256, EMPTIED) },
      { stack: [frame(`${pkg}.(*Store).Put`, f, PUT)], values: heap(40, 6_000_000) },
      { stack: [frame(`${pkg}.NewStore`, f, MAKE)], values: heap(4, 192) },
      { stack: [frame(`${pkg}.fill`, f, BOX)], values: heap(65536, 1_048_576) },
      { stack: [frame(`${pkg}.fill`, f, BOX)], values: heap(20, 3_000_000) },
      { stack: [frame('strconv.Itoa', '/usr/local/go/src/strconv/itoa.go', 40), frame(`${pkg}.fill`, f, STORE - 1)], values: heap(100, 2_000_000) },
      { stack: [frame('runtime.malg', '/usr/local/go/src/runtime/proc.go', 1)], values: heap(1, 524_288) },
    ];
  }

  const forms: [string, (rel: string) => string][] = [
    ['absolute paths of another machine', (rel) => `/home/ci/build/shop/${rel}`],
    ['module-cache paths', (rel) => `/root/go/pkg/mod/example.com/shop@v1.4.0/${rel}`],
    ['-trimpath names', (rel) => `example.com/shop/${rel}`],
  ];
  for (const [what, file] of forms) {
    it(`matches ${what} to the workspace and sums bytes per map and site`, async () => {
      const dir = module();
      fs.writeFileSync(path.join(dir, 'heap.pb.gz'), synthProfile(samples(file)));
      const r = await run(['profile', 'heap.pb.gz', '--format', 'json', '--go', '1.26', '--min-severity', 'hint'], dir);
      assert.strictEqual(r.status, 1, r.stderr);
      const j = profileJson(r.stdout);
      const byName = new Map(j.maps.map((m) => [m.name, m]));
      assert.deepStrictEqual([...byName.keys()].sort(), ['Store.byID', 'attrs', 'sessions']);
      const s = byName.get('sessions')!;
      assert.deepStrictEqual([s.kind, s.file, s.line, s.bytes, s.storageBytes], ['package', path.join('cache', 'cache.go'), lineOf(CACHE_GO, 'var sessions'), EMPTIED, EMPTIED]);
      assert.deepStrictEqual(s.sites, [{ file: path.join('cache', 'cache.go'), line: STORE, bytes: EMPTIED, what: 'grow' }]);
      const st = byName.get('Store.byID')!;
      assert.strictEqual(st.kind, 'field');
      assert.deepStrictEqual(st.sites.map((x) => [x.line, x.what, x.bytes]).sort(), [[MAKE, 'make', 192], [PUT, 'grow', 6_000_000]]);
      assert.strictEqual(st.entries, null, 'a field summed over instances has no one entry count');
      // 16-byte objects at the store of a string into map[string]any are its boxes (convTstring), the rest its tables.
      const a = byName.get('attrs')!;
      assert.deepStrictEqual([a.boxingBytes, a.storageBytes], [1_048_576, 3_000_000]);
      assert.strictEqual(j.profile.split, 'model');
      assert.strictEqual(j.unattributed.top[0].function, 'runtime.malg');
      // The emptied map: storage sized for its peak of 200,000 (the range holds it), and its findings.
      assert.ok(s.entries && s.entries.low <= 200_000 && 200_000 <= s.entries.high, JSON.stringify(s.entries));
      assert.deepStrictEqual(s.findings.map((f) => [f.rule, f.line]).sort(), [['mapretain', LOOP], ['rangeclear', LOOP]]);
    });
  }

  it('reports frames of the module whose file is not in the workspace', async () => {
    const dir = module();
    fs.writeFileSync(path.join(dir, 'heap.pb.gz'), synthProfile([
      ...samples((rel) => `example.com/shop/${rel}`),
      { stack: [frame('example.com/shop/gone.Load', 'example.com/shop/gone/load.go', 7)], values: heap(3, 700_000) },
    ]));
    const j = profileJson((await run(['profile', 'heap.pb.gz', '--format', 'json', '--go', '1.26'], dir)).stdout);
    assert.deepStrictEqual([j.unmatched.bytes, j.unmatched.top[0].file], [700_000, 'example.com/shop/gone/load.go']);
  });

  it('raises an emptied map that holds a lot to a warning, and lowers one that holds little to a hint', async () => {
    const dir = module();
    const big = path.join(dir, 'big.pb.gz');
    fs.writeFileSync(big, synthProfile(samples((rel) => path.join(dir, rel))));
    const j = profileJson((await run(['profile', big, '--format', 'json', '--go', '1.26', '--min-severity', 'hint'], dir)).stdout);
    const rc = j.findings.find((f) => f.rule === 'rangeclear')!;
    assert.strictEqual(rc.severity, 'warning');
    assert.match(rc.message, /the heap profile shows: sessions holds 36\.0 MiB in use \(big\.pb\.gz, inuse_space\), storage sized for .* entries \(Go 1\.26\), emptied at cache[\\/]cache\.go:\d+/);
    assert.strictEqual(rc.profile?.value, EMPTIED);

    const small = path.join(dir, 'small.pb.gz');
    fs.writeFileSync(small, synthProfile([{ stack: [frame('example.com/shop/cache.fill', path.join(dir, 'cache/cache.go'), STORE)], values: heap(2, 300_000) }]));
    const k = profileJson((await run(['profile', small, '--format', 'json', '--go', '1.26', '--min-severity', 'hint'], dir)).stdout);
    const hinted = k.findings.find((f) => f.rule === 'mapretain')!;
    assert.strictEqual(hinted.severity, 'hint');
    assert.ok(hinted.profile?.severityBefore && hinted.profile.severityBefore !== 'hint');
    assert.match(hinted.message, /the profile showed it small \(under 1\.0 MiB\)/);
    // The default --min-severity hides it, and says so.
    const shown = await run(['profile', small, '--go', '1.26'], dir);
    assert.doesNotMatch(shown.stdout, /\(mapretain\)/);
  });

  it('raises a drained map (mapshrink) that holds a lot to a warning with its bytes', async () => {
    const AUTH = `package auth

import "time"

type Session struct{ user string }

type Manager struct {
	sessions map[string]*Session
}

func newID() string { return time.Now().String() }

func (m *Manager) Login(user string) string {
	if m.sessions == nil {
		m.sessions = make(map[string]*Session)
	}
	sid := newID()
	m.sessions[sid] = &Session{user: user}
	return sid
}

func (m *Manager) Logout(sid string) {
	delete(m.sessions, sid)
}

func (m *Manager) Close() { m.sessions = nil }
`;
    const dir = tempTree({ 'go.mod': 'module example.com/shop\n\ngo 1.26\n', 'auth/auth.go': AUTH });
    const file = path.join(dir, 'auth', 'auth.go');
    fs.writeFileSync(path.join(dir, 'heap.pb.gz'), synthProfile([{ stack: [frame('example.com/shop/auth.(*Manager).Login', file, lineOf(AUTH, 'm.sessions[sid] ='))], values: heap(60, 8 << 20) }]));
    const j = profileJson((await run(['profile', 'heap.pb.gz', '--format', 'json', '--min-severity', 'hint'], dir)).stdout);
    const f = j.findings.find((x) => x.rule === 'mapshrink')!;
    assert.ok(f, JSON.stringify(j.findings));
    assert.deepStrictEqual([f.severity, f.profile?.severityBefore], ['warning', 'hint']);
    assert.match(f.message, /the heap profile shows: Manager\.sessions holds 8\.0 MiB in use \(heap\.pb\.gz, inuse_space\), emptied at auth[\\/]auth\.go:\d+/);
  });

  it('--base shows growth since the older profile', async () => {
    const dir = module();
    const f = path.join(dir, 'cache/cache.go');
    fs.writeFileSync(path.join(dir, 'old.pb.gz'), synthProfile([{ stack: [frame('example.com/shop/cache.fill', f, STORE)], values: heap(100, 10_000_000) }]));
    fs.writeFileSync(path.join(dir, 'new.pb.gz'), synthProfile([{ stack: [frame('example.com/shop/cache.fill', f, STORE)], values: heap(256, EMPTIED) }]));
    const j = profileJson((await run(['profile', 'new.pb.gz', '--base', 'old.pb.gz', '--format', 'json', '--go', '1.26'], dir)).stdout);
    assert.strictEqual(j.maps[0].bytes, EMPTIED - 10_000_000);
    assert.strictEqual(j.profile.total, EMPTIED - 10_000_000);
  });

  it('puts the figures in SARIF properties', async () => {
    const dir = module();
    fs.writeFileSync(path.join(dir, 'heap.pb.gz'), synthProfile(samples((rel) => path.join(dir, rel))));
    const sarif = JSON.parse((await run(['profile', 'heap.pb.gz', '--format', 'sarif', '--go', '1.26'], dir)).stdout);
    const res = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'rangeclear');
    assert.strictEqual(res.properties.profile.map, 'sessions');
    assert.strictEqual(res.properties.profile.value, EMPTIED);
    assert.strictEqual(res.level, 'warning');
  });
});

describe('profile: inverse simulation', () => {
  const layout = (t: string) => layoutOf(t, 64) as TypeLayout;
  for (const go of ['1.22', '1.26']) {
    for (const peak of [2_000, 50_000, 200_000, 1_000_000]) {
      it(`the range for the storage of an emptied map of ${peak.toLocaleString('en-US')} holds the peak (Go ${go})`, () => {
        const bytes = estimate({ key: layout('string'), value: layout('[128]byte'), goVersion: go }, peak).afterDeleteAll;
        const e = entriesFor(bytes, { key: 'string', value: '[128]byte', goVersion: go }, 0.02, true)!;
        assert.ok(e.low <= peak && peak <= e.high, `${e.low}..${e.high}`);
        // Not a vacuous range: within a factor of 2.2 (a classic bucket array doubles).
        assert.ok(e.high / e.low < 2.2, `${e.low}..${e.high}`);
      });
    }
  }
});

describe('profile: URLs', function () {
  this.timeout(90_000);
  let server: http.Server;
  let port = 0;
  const seen: string[] = [];
  const body = synthProfile([{ stack: [frame('main.serve', '/x/main.go', 3)], values: heap(1, 64) }]);
  before((done) => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url?.startsWith('/debug/pprof/heap')) { res.end(Buffer.from(body)); return; }
      res.statusCode = 404;
      res.end('404 page not found\n');
    }).listen(0, '127.0.0.1', () => { port = (server.address() as AddressInfo).port; done(); });
  });
  after(() => server.close());

  it('adds ?gc=1 to a heap URL without a query, and keeps a query given', () => {
    assert.strictEqual(profileUrl('http://127.0.0.1:6060/debug/pprof/heap').href, 'http://127.0.0.1:6060/debug/pprof/heap?gc=1');
    assert.strictEqual(profileUrl('http://127.0.0.1:6060/debug/pprof/heap?seconds=30').search, '?seconds=30');
    assert.strictEqual(profileUrl('http://127.0.0.1:6060/debug/pprof/allocs').search, '');
  });

  it('fetches a loopback URL', async () => {
    const dir = module();
    const r = await run(['profile', `http://127.0.0.1:${port}/debug/pprof/heap`, '--format', 'json'], dir);
    // The profile is of another program (main.go of /x): fetched and decoded, then said so.
    assert.match(r.stderr, /is it a profile of another program/);
    assert.ok(seen.includes('/debug/pprof/heap?gc=1'), seen.join(' '));
  });

  it('says what an HTTP error status and an unreachable URL are', async () => {
    const dir = module();
    const r = await run(['profile', `http://127.0.0.1:${port}/nothing`], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /HTTP 404 Not Found \(404 page not found\)/);
    const closed = http.createServer();
    await new Promise<void>((res) => closed.listen(0, '127.0.0.1', () => res()));
    const dead = (closed.address() as AddressInfo).port;
    await new Promise((res) => closed.close(res));
    const u = await run(['profile', `http://127.0.0.1:${dead}/debug/pprof/heap`], dir);
    assert.strictEqual(u.status, 2);
    assert.match(u.stderr, /cannot fetch http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/heap\?gc=1: ECONNREFUSED/);
  });

  it('refuses a URL of another host unless --allow-remote is given', async () => {
    const dir = module();
    const r = await run(['profile', 'http://192.0.2.10:6060/debug/pprof/heap'], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /192\.0\.2\.10:6060 is not this machine: fetching a profile from another host needs --allow-remote/);
    // With the flag it is tried (TEST-NET-1 answers nothing: the timeout says so).
    const t = await run(['profile', 'http://192.0.2.10:6060/debug/pprof/heap', '--allow-remote', '--timeout', '300ms'], dir);
    assert.match(t.stderr, /no answer within 0\.3 s|cannot fetch/);
  });

  it('reads only regular files', async () => {
    const dir = module();
    const r = await run(['profile', dir], dir);
    assert.match(r.stderr, /is not a regular file/);
    assert.strictEqual(r.status, 2);
  });
});
