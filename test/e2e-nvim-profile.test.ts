// Neovim 0.7's LSP client loads a heap profile into the server (workspace/executeCommand, the way a
// user's `vim.lsp.buf.execute_command` does) and shows its code lens (e2e/nvim/harness.lua, MAPLEAK_PROFILE).
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempTree } from './cli-harness';
import { runHarness, runs, type HarnessEvent } from './e2e-editors';
import { CACHE_GO, EMPTIED, frame, heap, lineOf, STORE, synthProfile } from './profile-synth';

describe('Neovim end to end: a heap profile loaded (vim.lsp, --stdio)', function () {
  this.timeout(120_000);
  let dir: string;
  let events: Map<string, HarnessEvent[]>;
  const one = (name: string) => { const l = events.get(name) ?? []; assert.equal(l.length, 1, name); return l[0]; };

  before(function () {
    if (!runs('nvim', ['--version'])) { console.log('      skipped: nvim is not on PATH (Debian: apt-get install neovim)'); this.skip(); }
    const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    dir = tempTree({ 'go.mod': 'module example.com/shop\n\ngo 1.26\n', 'cache/cache.go': CACHE_GO });
    // A profile from another machine's build: matched by module path.
    fs.writeFileSync(path.join(dir, 'heap.pb.gz'), synthProfile([{ stack: [frame('example.com/shop/cache.fill', '/build/shop/cache/cache.go', STORE)], values: heap(256, EMPTIED) }]));
    events = runHarness('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(ROOT, 'e2e', 'nvim', 'harness.lua'), 'cache/cache.go'], dir, undefined, { MAPLEAK_PROFILE: 'heap.pb.gz' });
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('loads the profile and raises the emptied map to a warning with its bytes', () => {
    const loaded = one('loaded');
    assert.equal(loaded.ok, true, String(loaded.message));
    const items = one('profiled').items as { code: string; severity: number; message: string }[];
    const rc = items.find((d) => d.code === 'rangeclear');
    assert.ok(rc, JSON.stringify(items));
    assert.equal(rc.severity, 2);
    assert.match(rc.message, /the heap profile shows: sessions holds 36\.0 MiB in use \(heap\.pb\.gz, inuse_space\)/);
  });

  it("shows the code lens on the map's declaration", () => {
    const lenses = one('lenses').items as { line: number; title: string }[];
    assert.deepEqual(lenses.map((l) => l.line), [lineOf(CACHE_GO, 'var sessions') - 1]);
    assert.match(lenses[0].title, /^36\.0 MiB in use · storage for .* entries \(heap profile\)$/);
  });
});
