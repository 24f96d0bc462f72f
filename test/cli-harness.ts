// Shared by the CLI tests: Go files in temp directories, and the built CLI run as a process.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A package-level map cleared by a range-delete loop: every version of rangeclear reports it. */
export const LOOP_GO = `package p

var m = map[string]int{}

func reset() {
	for k := range m {
		delete(m, k)
	}
}

// drop releases m, so only rangeclear reports the loop (mapretain does not).
func drop() { m = nil }
`;
export const LOOP_FIXED_GO = `package p

var m = map[string]int{}

func reset() {
	clear(m)
}

// drop releases m, so only rangeclear reports the loop (mapretain does not).
func drop() { m = nil }
`;
export const CLEAN_GO = `package p

func add(m map[string]int) { m["a"]++ }
`;
export const GO_MOD = 'module example.com/p\n\ngo 1.22\n';

/** Findings of three rules: rangeclear and mapretain on m's loop, ifacebox (per item) on a's store. */
export const THREE_RULES_GO = `package p

var m = map[string]int{}
var a = map[string]any{}

func reset() {
	for k := range m {
		delete(m, k)
	}
}

func fill(xs []int) {
	for _, x := range xs {
		a["k"] = x
	}
}
`;

/** Writes files (path -> text or bytes) under a fresh temp directory and returns it. */
export function tempTree(files: Record<string, string | Uint8Array>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-cli-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export interface Run { status: number | null; stdout: string; stderr: string }

export function runCli(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GO_MAPLEAK_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Runs `npm run build` when dist/cli.js is missing or older than the sources it bundles. */
export function ensureBuilt(): void {
  const sources = Math.max(newestMtime(path.join(ROOT, 'server', 'src')), newestMtime(path.join(ROOT, 'package.json')));
  if (fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs >= sources) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
}
