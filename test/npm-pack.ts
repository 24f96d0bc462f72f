// Shared by the install tests: `npm pack` of this folder (the build's output, as .npmignore selects
// it) into a directory, and an environment for the npm and git runs.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureBuilt as ensureCliBuilt } from './cli-harness';

export const ROOT = path.resolve(__dirname, '..');

export interface Packed {
  tarball: string;
  /** Paths inside the package, `/`-separated, without the `package/` prefix. */
  files: string[];
  /** Bytes of the .tgz, and of its files unpacked. */
  size: number;
  unpackedSize: number;
}

/** Runs the build when dist/cli.js is older than the sources, or any output is missing (the bundles, both WASM files). */
export function ensureBuilt(): void {
  ensureCliBuilt();
  const outputs = ['dist/cli.js', 'dist/server.js', 'grammars/tree-sitter.wasm', 'grammars/tree-sitter-go.wasm'];
  if (outputs.every((f) => fs.existsSync(path.join(ROOT, f)))) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * The environment for child npm and git runs: none of the npm_config_* a surrounding `npm test`
 * sets (a global or prefix setting would redirect them) and no GIT_* (a hook's GIT_DIR).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|GIT_)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** `npm pack` into dir; lifecycle scripts off (the build ran already). */
export function npmPack(dir: string): Packed {
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), timeout: 60_000 });
  assert.strictEqual(r.status, 0, `npm pack failed:\n${r.stdout}\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const tarball = path.join(dir, info.filename);
  assert.ok(fs.existsSync(tarball), `npm pack made no ${tarball}`);
  return { tarball, files: info.files.map((f) => f.path).sort(), size: info.size, unpackedSize: info.unpackedSize };
}

/** Network failures of npm (no registry), as opposed to a broken package. */
export function npmNetworkError(output: string): string | undefined {
  const m = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOTCACHED)\b.*/.exec(output);
  return m?.[0];
}

export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
