// A heap profile loaded into the language server over stdio, as any editor does it
// (workspace/executeCommand goMapleak.profile.load): diagnostics with the profile's figures and
// severities, a code lens on the map's declaration, the hover, reload on change, clear, bad input.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver/node';
import { tempTree } from './cli-harness';
import { at, buildServer, LspClient } from './lsp-client';
import { CACHE_GO, EMPTIED, frame, heap, lineOf, STORE, synthProfile } from './profile-synth';

describe('heap profile in the language server', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: string;
  let client: LspClient;
  const statuses: unknown[] = [];

  const write = (bytes: number) => fs.writeFileSync(path.join(dir, 'heap.pb.gz'),
    synthProfile([{ stack: [frame('example.com/shop/cache.fill', path.join(dir, 'cache', 'cache.go'), STORE)], values: heap(Math.max(1, Math.round(bytes / 147_456)), bytes) }]));
  const command = (name: string, args: unknown[]) => client.conn.sendRequest<{ ok: boolean; message: string }>('workspace/executeCommand', { command: name, arguments: args });
  const rangeclear = (d: Diagnostic[]) => {
    const x = d.find((y) => y.code === 'rangeclear');
    return x && { ...x, message: typeof x.message === 'string' ? x.message : x.message.value };
  };

  before(async function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': 'module example.com/shop\n\ngo 1.26\n', 'cache/cache.go': CACHE_GO });
    uri = pathToFileURL(path.join(dir, 'cache', 'cache.go')).href;
    client = new LspClient();
    client.conn.onNotification('goMapleak/profileStatus', (s: unknown) => { statuses.push(s); });
    const init = await client.initialize(dir, { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } });
    assert.deepStrictEqual(init.capabilities.executeCommandProvider?.commands, ['goMapleak.profile.load', 'goMapleak.profile.clear']);
    await client.open(uri, CACHE_GO);
    await client.diagnostics(uri, 0, (p) => !!rangeclear(p.diagnostics));
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads a profile: the emptied map holding 36 MiB is a warning with its figures, a lens on its declaration, the hover', async () => {
    write(EMPTIED);
    const mark = client.mark();
    const r = await command('goMapleak.profile.load', ['heap.pb.gz']);
    assert.ok(r.ok, r.message);
    assert.match(r.message, /^heap\.pb\.gz \(inuse_space\): 36\.0 MiB in 1 map of 36\.0 MiB$/);
    const p = await client.diagnostics(uri, mark, (x) => !!rangeclear(x.diagnostics)?.message.includes('heap profile'));
    const d = rangeclear(p.diagnostics)!;
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /sessions holds 36\.0 MiB in use \(heap\.pb\.gz, inuse_space\), storage sized for .* entries \(Go 1\.26\), emptied at cache[\\/]cache\.go:\d+/);
    assert.ok(client.messages.some((m) => m.type === 3 && m.message.startsWith('go-mapleak: loaded heap.pb.gz')));
    await client.until('status', () => statuses.find((s) => (s as { maps?: number } | null)?.maps === 1));

    const lenses = await client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].range.start.line, lineOf(CACHE_GO, 'var sessions') - 1);
    assert.match(lenses[0].command!.title, /^36\.0 MiB in use · storage for [\d,–]+ \(about [\d,]+\) entries \(heap profile\)$/);

    const line = lineOf(CACHE_GO, 'var sessions') - 1;
    const h = await client.hover(uri, at(line, 5)) as Hover;
    const text = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /\*\*Heap profile\*\* \(heap\.pb\.gz, inuse_space\): sessions holds 36\.0 MiB in use/);
    assert.match(text, /- grow at cache\.go:\d+: 36\.0 MiB/);

    // The panel opens on the entry count the storage is sized for: the middle of the lens's range.
    const m = /storage for ([\d,]+)–([\d,]+)/.exec(lenses[0].command!.title)!;
    const mid = (Number(m[1].replace(/,/g, '')) + Number(m[2].replace(/,/g, ''))) / 2;
    const panel = await client.conn.sendRequest<{ scenario?: { n: number; ops: string } }>('goMapleak/mapAt', { textDocument: { uri }, position: at(line, 5) });
    assert.strictEqual(panel.scenario?.ops, 'insert:N');
    assert.ok(Math.abs(panel.scenario.n - mid) <= 1000, `${panel.scenario.n} vs ${mid}`);
  });

  it('never listens on a port, with a profile loaded', function () {
    if (process.platform !== 'linux') { console.log('      (skipped: reads /proc)'); this.skip(); }
    const sockets = new Set<string>();
    for (const fd of fs.readdirSync(`/proc/${client.proc.pid}/fd`)) {
      const link = (() => { try { return fs.readlinkSync(`/proc/${client.proc.pid}/fd/${fd}`); } catch { return ''; } })();
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m) sockets.add(m[1]);
    }
    const listening: string[] = [];
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!fs.existsSync(table)) continue;
      for (const row of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = row.trim().split(/\s+/);
        // st 0A is LISTEN; column 9 is the socket's inode.
        if (cols[3] === '0A' && sockets.has(cols[9])) listening.push(cols[1]);
      }
    }
    assert.deepStrictEqual(listening, []);
  });

  it('reads the file again when it changes: a small figure lowers the finding to a hint', async () => {
    const mark = client.mark();
    write(200_000);
    const p = await client.diagnostics(uri, mark, (x) => !!rangeclear(x.diagnostics)?.message.includes('showed it small'));
    assert.strictEqual(rangeclear(p.diagnostics)!.severity, 4);
  });

  it('clears the profile: the findings are as analyzed again, the status is gone', async () => {
    const mark = client.mark();
    assert.ok((await command('goMapleak.profile.clear', [])).ok);
    const p = await client.diagnostics(uri, mark, (x) => !!rangeclear(x.diagnostics) && !rangeclear(x.diagnostics)!.message.includes('heap profile'));
    assert.notStrictEqual(rangeclear(p.diagnostics)!.severity, 4);
    assert.strictEqual(statuses[statuses.length - 1], null);
    assert.deepStrictEqual(await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  });

  it('says what is wrong with a missing file, a non-profile and a remote URL, and keeps running', async () => {
    const missing = await command('goMapleak.profile.load', ['nothing.pb.gz']);
    assert.deepStrictEqual([missing.ok, /no such file/.test(missing.message)], [false, true]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a profile\n');
    const text = await command('goMapleak.profile.load', ['notes.txt']);
    assert.match(text.message, /not a pprof profile: the data is text/);
    const remote = await command('goMapleak.profile.load', ['http://192.0.2.10:6060/debug/pprof/heap']);
    assert.match(remote.message, /is not this machine: .*goMapleak\.profile\.allowRemote/);
    assert.ok(client.messages.some((m) => m.type === 1 && m.message.includes('cannot load the heap profile')));
    assert.strictEqual((await command('goMapleak.profile.load', [])).ok, false);
    // Still serving.
    assert.ok(await client.hover(uri, at(lineOf(CACHE_GO, 'var sessions') - 1, 5)));
  });
});
