// The panel's scenario, outside the browser: N in the operations, the two releases compared, the
// insert cap, the data the page accepts, and the HTML's policy.
import { strict as assert } from 'assert';
import { initialN, panelData, type PanelData } from '../client/src/panel/data';
import { contentSecurityPolicy, panelHtml } from '../client/src/panel/html';
import { expandOps, MAX_INSERTS, parseScenario, runScenario, ScenarioError, versionsFor } from '../client/src/panel/scenario';
import { layoutOf, parseOps, simulate, type TypeLayout } from '../server/src/sim';

const DATA: PanelData = { expr: 'm', keyText: 'int64', valueText: 'string', keyType: 'int64', valueType: 'string', goVersion: '1.24.3', versionNote: '' };
const layout = (t: string) => layoutOf(t) as TypeLayout;

describe('panel scenario', () => {
  it('writes N, N/k and N*k as whole key counts', () => {
    assert.equal(expandOps('insert:N,clear,insert:N/2,nil', 1001), 'insert:1001,clear,insert:500,nil');
    assert.equal(expandOps('insert:N*3, delete:N / 4', 10), 'insert:30, delete:2');
    assert.equal(expandOps('insert:N*0.5', 7), 'insert:3');
    // Only the word N: "nil" and "insert" are not touched.
    assert.equal(expandOps('insert:5,nil', 9), 'insert:5,nil');
    assert.throws(() => expandOps('insert:N/0', 5), ScenarioError);
  });

  it('compares the module\'s runtime with the other one: its own release kept, the other 1.23 or 1.26', () => {
    assert.deepEqual(versionsFor('1.24.3'), { classic: '1.23', swiss: '1.24.3', module: 'swiss' });
    assert.deepEqual(versionsFor('1.19'), { classic: '1.19', swiss: '1.26', module: 'classic' });
    const r = runScenario(DATA, 1000, 'insert:N,clear');
    assert.deepEqual([r.classic.goVersion, r.classic.module, r.swiss.goVersion, r.swiss.module], ['1.23', false, '1.24.3', true]);
    assert.deepEqual(r.ops, ['insert:1000', 'clear']);
    // The same numbers as the simulation run directly (seed 1, as go-mapleak sim).
    const direct = (v: string) => simulate({ key: layout('int64'), value: layout('string'), goVersion: v, seed: 1 }, parseOps('insert:1000,clear')).map((s) => s.bytes);
    assert.deepEqual(r.classic.steps.map((s) => s.bytes), direct('1.23'));
    assert.deepEqual(r.swiss.steps.map((s) => s.bytes), direct('1.24.3'));
  });

  it('refuses more inserts than the cap, bad operations and types without a layout, with a message', () => {
    assert.doesNotThrow(() => parseScenario(MAX_INSERTS / 2, 'insert:N,clear,insert:N'));
    assert.throws(() => parseScenario(MAX_INSERTS, 'insert:N,insert:1'), /inserts 2,000,001 keys/);
    assert.throws(() => parseScenario(10, 'grow:N'), (e: Error) => e instanceof ScenarioError && /unknown operation "grow"/.test(e.message));
    assert.throws(() => parseScenario(-1, 'insert:N'), ScenarioError);
    assert.throws(() => runScenario({ ...DATA, keyType: undefined, unknown: 'the key type p.K has no known layout (another package)' }, 10, 'insert:N'), /No simulation: the key type p\.K/);
  });

  it('accepts only well-formed data, and starts from a sensible make hint', () => {
    assert.equal(panelData({ expr: 'm' }), undefined);
    assert.equal(panelData(null), undefined);
    const d = panelData({ ...DATA, hint: 5000, extra: 'ignored' });
    assert.deepEqual(d, { ...DATA, hint: 5000 });
    assert.equal(panelData({ ...DATA, hint: -3 })?.hint, undefined);
    assert.equal(initialN({ ...DATA, hint: 5000 }), 5000);
    assert.equal(initialN({ ...DATA, hint: 50_000_000 }), 100_000);
    assert.equal(initialN(DATA), 100_000);
  });

  it('writes a page whose policy allows only its nonce\'d script and style, with data that cannot close its script', () => {
    assert.equal(contentSecurityPolicy('abc', 'https://x.vscode-cdn.net'), "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net 'nonce-abc'; img-src data:");
    const html = panelHtml({ scriptUri: 'panel.js', nonce: 'abc', data: { ...DATA, expr: '</script><script>alert(1)</script>' } });
    assert.equal(html.match(/<script/g)?.length, 2, 'the data element and the page script only');
    assert.match(html, /<script nonce="abc" src="panel.js"><\/script>/);
    assert.doesNotMatch(html, / on[a-z]+=/);
  });
});
