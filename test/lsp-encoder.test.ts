// lsp/encoder.ts: the JSON the server writes, each diagnostic encoded once.
import * as assert from 'assert';
import { encodeMessage } from '../server/src/lsp/encoder';
import { toDiagnostic } from '../server/src/lsp/diagnostics';
import type { Finding } from '../server/src/analysis/types';

const finding = (line: number, message: string): Finding => ({
  rule: 'rangeclear', severity: 'warning', message, fixes: [],
  range: { start: { line, character: 1 }, end: { line, character: 9 } },
} as unknown as Finding);

describe('lsp encoder', () => {
  it('writes a publishDiagnostics that decodes to the message, with diagnostics met before or not', () => {
    const d1 = toDiagnostic(finding(3, 'range-and-delete loop "m" \\ é 😀\n'), 'warning', '/docs');
    const d2 = toDiagnostic(finding(7, 'other'), 'information', '/docs');
    for (const version of [4, undefined, 5]) {
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x%20y/a.go', version, diagnostics: [d1, d2, d1] } };
      assert.deepStrictEqual(JSON.parse(encodeMessage(msg)), JSON.parse(JSON.stringify(msg)));
    }
    const none = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.go', diagnostics: [] } };
    assert.deepStrictEqual(JSON.parse(encodeMessage(none)), none);
  });

  it('writes other messages as JSON.stringify does', () => {
    const msgs = [
      { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: 'x' } } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.go' } },
    ];
    for (const m of msgs) assert.strictEqual(encodeMessage(m), JSON.stringify(m));
  });

  it('diagnostics are frozen, so the JSON kept for one cannot go stale', () => {
    const d = toDiagnostic(finding(1, 'm'), 'warning', '/docs');
    assert.ok(Object.isFrozen(d));
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.go', diagnostics: [d] } };
    const before = encodeMessage(msg);
    try { (d as { message: string }).message = 'changed'; } catch { /* strict mode throws */ }
    assert.strictEqual(encodeMessage(msg), before);
    assert.strictEqual(before, JSON.stringify(msg)); // diagnostics already last: the very same bytes
  });
});
