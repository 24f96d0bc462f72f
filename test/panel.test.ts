// The memory simulation panel in a real browser: Debian's Chromium driven by playwright-core loads
// the standalone page (dist/panel.html, the webview's HTML and script) from file://, and the numbers
// it shows are checked against the simulation run here for the same configuration. Then the
// scenario is changed through the form, and the chart and table must follow. Screenshots go to
// docs/screenshots/panel*.png (the README shows them).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { layoutOf, parseOps, simulate, type SimConfig, type TypeLayout } from '../server/src/sim';
import { buildServer, ROOT } from './lsp-client';
import { screenshotPath } from './screenshots';

const CHROMIUM = process.env.GO_MAPLEAK_CHROMIUM ?? '/usr/bin/chromium';
const PAGE = path.join(ROOT, 'dist', 'panel.html');
const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'panel-data.json'), 'utf8')) as Record<string, unknown>;

interface ChartData { labels: string[]; datasets: { label: string; data: number[] }[] }

function layout(t: string): TypeLayout {
  const l = layoutOf(t);
  if ('unknown' in l) throw new Error(l.reason);
  return l;
}

/** Bytes after each step, computed here as `go-mapleak sim` would: seed 1, the fixture's types. */
function expected(goVersion: string, ops: string, hint?: number): number[] {
  const cfg: SimConfig = { key: layout('string'), value: layout('int'), goVersion, seed: 1 };
  if (hint) cfg.hint = hint;
  return simulate(cfg, parseOps(ops)).map((s) => s.bytes);
}

const url = (data: unknown) => `${pathToFileURL(PAGE).href}?data=${encodeURIComponent(JSON.stringify(data))}`;
const chartData = (page: Page) => page.evaluate(() => (window as unknown as { __panel: { chartData(): unknown } }).__panel.chartData()) as Promise<ChartData | undefined>;
const whole = (s: string) => Number(s.replace(/,/g, ''));

async function tableColumns(page: Page): Promise<{ ops: string[]; classic: number[]; swiss: number[] }> {
  return {
    ops: await page.locator('#steps tbody td:nth-child(2)').allTextContents(),
    classic: (await page.locator('#steps tbody td.classic-bytes').allTextContents()).map(whole),
    swiss: (await page.locator('#steps tbody td.swiss-bytes').allTextContents()).map(whole),
  };
}

describe('memory simulation panel in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page;
  let userDir: string;
  const problems: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set GO_MAPLEAK_CHROMIUM)`);
      this.skip();
    }
    this.timeout(180_000);
    buildServer(); // npm run build: dist/panel.js and dist/panel.html
    const { chromium } = await import('playwright-core');
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, XDG_CONFIG_HOME: userDir, XDG_CACHE_HOME: userDir, XDG_DATA_HOME: userDir, XDG_STATE_HOME: userDir, HOME: userDir },
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    // A CSP violation is reported as a console error: none may appear.
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Nothing but the page and its script may load (no network, no CDN).
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
    await page.goto(url(FIXTURE));
    await page.waitForSelector('#steps tbody tr');
  });

  after(async () => {
    await browser?.close();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  it('has a strict content security policy and only our nonce\'d script and style', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'no CSP meta');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
    // No inline handlers anywhere in the page.
    assert.equal(await page.locator('[onclick], [onload], [onsubmit], [onerror]').count(), 0);
  });

  it('shows the map, its types and Go version, and the bytes of both runtimes as the simulation computes them', async () => {
    assert.match(await page.locator('h1').innerText(), /Memory of cache\s+map\[string\]int/);
    assert.equal(await page.locator('#version').innerText(), FIXTURE.versionNote);
    assert.equal(await page.locator('#hint').innerText(), 'no make hint seen');
    const ops = 'insert:100000,clear,insert:50000,nil'; // the default scenario with N = 100,000
    const classic = expected('1.22', ops), swiss = expected('1.26', ops);
    const table = await tableColumns(page);
    assert.deepEqual(table.ops, ['make', ...ops.split(',')]);
    assert.deepEqual(table.classic, classic);
    assert.deepEqual(table.swiss, swiss);
    const chart = await chartData(page);
    assert.ok(chart);
    assert.deepEqual(chart.datasets.map((d) => d.label), ["Go 1.22 classic hmap (the module's)", 'Go 1.26 Swiss tables']);
    assert.deepEqual(chart.datasets.map((d) => d.data), [classic, swiss]);
    // The picture's caption for the selected step (1: the fill) states the simulated structure.
    assert.match(await page.locator('#occ-classic-text').innerText(), /^100,000 entries in 2\^\d+ = [\d,]+ buckets of 8 slots/);
    assert.match(await page.locator('#occ-swiss-text').innerText(), /^100,000 entries in \d+ tables/);
    await page.screenshot({ path: screenshotPath('panel'), fullPage: true });
  });

  it('follows a changed scenario: the chart, the table and the selected step\'s picture', async () => {
    await page.fill('#n', '200000');
    await page.fill('#ops', 'insert:N,delete:all,insert:N/4,clear,insert:N*2,nil');
    await page.click('#run');
    const ops = 'insert:200000,delete:all,insert:50000,clear,insert:400000,nil';
    const classic = expected('1.22', ops), swiss = expected('1.26', ops);
    await page.waitForFunction((n) => document.querySelectorAll('#steps tbody tr').length === n, classic.length);
    const chart = await chartData(page);
    assert.deepEqual(chart?.labels, ['make', ...ops.split(',')].map((o, i) => `${i}: ${o}`));
    assert.deepEqual(chart?.datasets.map((d) => d.data), [classic, swiss]);
    const table = await tableColumns(page);
    assert.deepEqual([table.classic, table.swiss], [classic, swiss]);
    // Select step 2 (delete:all): no entries, the storage still there.
    await page.click('#steps tbody tr[data-step="2"]');
    assert.equal(await page.locator('#steps tbody tr.selected').getAttribute('data-step'), '2');
    assert.match(await page.locator('#occ-title').innerText(), /after step 2 \(delete:all\)/);
    assert.match(await page.locator('#occ-classic-text').innerText(), /^0 entries in 2\^\d+/);
    assert.match(await page.locator('#occ-swiss-name').innerText(), new RegExp(`: ${swiss[2].toLocaleString('en-US')} B$`));
    await page.screenshot({ path: screenshotPath('panel-changed'), fullPage: true });
  });

  it('says what is wrong with a scenario it cannot run and keeps the last chart', async () => {
    const before = await chartData(page);
    await page.fill('#ops', 'insert:N,shrink');
    await page.click('#run');
    assert.match(await page.locator('#error').innerText(), /unknown operation "shrink"/);
    await page.fill('#ops', 'insert:N*20');
    await page.click('#run');
    assert.match(await page.locator('#error').innerText(), /inserts 4,000,000 keys; the page simulates every key and takes at most 2,000,000/);
    assert.deepEqual(await chartData(page), before);
  });

  it('starts from the make hint, and gives no numbers for a type without a layout', async () => {
    await page.goto(url({ ...FIXTURE, hint: 5000 }));
    await page.waitForSelector('#steps tbody tr');
    const ops = 'insert:5000,clear,insert:2500,nil';
    assert.deepEqual((await tableColumns(page)).classic, expected('1.22', ops, 5000));
    assert.deepEqual((await tableColumns(page)).swiss, expected('1.26', ops, 5000));
    assert.equal(await page.locator('#hint').innerText(), 'made with make(..., 5,000)');

    await page.goto(url({ ...FIXTURE, keyType: undefined, unknown: 'the key type pkg.Key has no known layout (declared in another package)' }));
    assert.match(await page.locator('#error').innerText(), /^No simulation: the key type pkg\.Key has no known layout/);
    assert.equal(await chartData(page), undefined);
  });

  it('opens with the finding\'s scenario when the server gives one (mapshrink: a burst and a drain)', async () => {
    await page.goto(url({ ...FIXTURE, hint: 5000, scenario: { n: 200000, ops: 'insert:N,delete:199000' } }));
    await page.waitForSelector('#steps tbody tr');
    assert.equal(await page.locator('#ops').inputValue(), 'insert:N,delete:199000');
    assert.equal(await page.locator('#n').inputValue(), '200000');
    const ops = 'insert:200000,delete:199000';
    const cols = await tableColumns(page);
    assert.deepEqual(cols.ops, ['make', ...ops.split(',')]);
    assert.deepEqual(cols.swiss, expected('1.26', ops, 5000));
    // Deletes free nothing: the drained map holds what the burst needed.
    assert.equal(cols.swiss[2], cols.swiss[1]);
    // A scenario that is not one this page writes is ignored: the default opens.
    await page.goto(url({ ...FIXTURE, scenario: { n: 10, ops: 'insert:N;alert(1)' } }));
    await page.waitForSelector('#steps tbody tr');
    assert.equal(await page.locator('#ops').inputValue(), 'insert:N,clear,insert:N/2,nil');
  });

  it('runs without data as the example of examples/cache (Go 1.23: the module\'s classic runtime, then Swiss 1.26)', async () => {
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector('#steps tbody tr');
    assert.match(await page.locator('h1').innerText(), /Memory of sessions/);
    assert.deepEqual((await chartData(page))?.datasets.map((d) => d.label), ["Go 1.23 classic hmap (the module's)", 'Go 1.26 Swiss tables']);
  });

  it('logged no console errors or warnings and loaded nothing from the network', () => {
    assert.deepEqual(problems, []);
  });
});
