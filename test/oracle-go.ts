// The Go half of the ifacebox oracle (test/ifacebox-oracle.test.ts): copies a fixture package to
// a temporary directory, adds a generated oracle_test.go that measures every case function with
// testing.AllocsPerRun and with MemStats.TotalAlloc, runs it with one toolchain, and reads which
// runtime functions each function of the package calls from `go build -gcflags=-S`.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Toolchain } from './validation-run';

export interface CaseMeasure {
  /** testing.AllocsPerRun(200, fn): heap allocations per call (an integer: it divides by runs). */
  allocs: number;
  /** MemStats.TotalAlloc grown over BYTES_CALLS calls, per call. */
  bytes: number;
}

/** Calls averaged for the bytes: the 16-byte tiny blocks and span refills average out. */
export const BYTES_CALLS = 20_000;

/** oracle_test.go measuring the named niladic functions of the package (Go 1.19 syntax). */
export function oracleTestSource(pkg: string, funcs: readonly string[]): string {
  return `package ${pkg}

import (
	"fmt"
	"runtime"
	"testing"
)

var oracleFuncs = []struct {
	name string
	fn   func()
}{
${funcs.map((f) => `\t{${JSON.stringify(f)}, ${f}},`).join('\n')}
}

// TestOracle prints one JSON line per function: allocations per call and bytes per call.
func TestOracle(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const calls = ${BYTES_CALLS}
	var before, after runtime.MemStats
	for _, c := range oracleFuncs {
		allocs := testing.AllocsPerRun(200, c.fn)
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := 0; i < calls; i++ {
			c.fn()
		}
		runtime.ReadMemStats(&after)
		fmt.Printf("ORACLE {\\"name\\":%q,\\"allocs\\":%v,\\"bytes\\":%v}\\n", c.name, allocs, float64(after.TotalAlloc-before.TotalAlloc)/calls)
	}
}
`;
}

function goEnv(tc: Toolchain): NodeJS.ProcessEnv {
  // No network and no writes outside the temporary copy: the fixture has no dependencies.
  return { ...process.env, ...tc.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOWORK: 'off', CGO_ENABLED: '0' };
}

/** A temporary copy of the package directory (with its go.mod) holding oracle_test.go. */
export function oracleCopy(pkgDir: string, pkg: string, funcs: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-oracle-'));
  fs.cpSync(pkgDir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'oracle_test.go'), oracleTestSource(pkg, funcs));
  return dir;
}

/** Runs TestOracle in a copy made by oracleCopy; one measure per function name. */
export function runOracle(tc: Toolchain, dir: string): Map<string, CaseMeasure> {
  const r = spawnSync(tc.go, ['test', '-run', '^TestOracle$', '-count=1', '-v', '.'], {
    cwd: dir, env: goEnv(tc), encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`go test with ${tc.version} failed: ${r.error?.message ?? ''}\n${r.stdout}\n${r.stderr}`);
  const out = new Map<string, CaseMeasure>();
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('ORACLE ')) continue;
    const m = JSON.parse(line.slice('ORACLE '.length)) as { name: string } & CaseMeasure;
    out.set(m.name, { allocs: m.allocs, bytes: m.bytes });
  }
  return out;
}

/** The runtime functions each top-level function of the package calls, by `go build -gcflags=-S`. */
export function runtimeCalls(tc: Toolchain, dir: string): Map<string, Set<string>> {
  const r = spawnSync(tc.go, ['build', '-gcflags=-S', '.'], {
    cwd: dir, env: goEnv(tc), encoding: 'utf8', timeout: 600_000, maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`go build -gcflags=-S with ${tc.version} failed: ${r.error?.message ?? ''}\n${r.stderr}`);
  // The go command prints the compiler's output, replayed from the build cache when cached.
  return callsFromAssembly(r.stderr + r.stdout);
}

/**
 * The runtime functions each top-level function calls in its own code and its closures
 * (`caseX.func1` counts as caseX), from the compiler's -S listing.
 */
export function callsFromAssembly(listing: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of listing.split('\n')) {
    // `example.com/oracle.caseX STEXT ...`, or `"".caseX STEXT` when compiled without -p.
    const head = /^(\S+) STEXT\b/.exec(line);
    if (head) {
      const symbol = head[1].slice(head[1].lastIndexOf('/') + 1).replace(/^[^.]*\./, '');
      const top = symbol.split('.')[0];
      current = out.get(top) ?? new Set<string>();
      out.set(top, current);
      continue;
    }
    const call = /\tCALL\truntime\.(\w+)\(SB\)/.exec(line);
    if (call && current) current.add(call[1]);
  }
  return out;
}
