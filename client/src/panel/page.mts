/// <reference lib="dom" />
// The panel page's script (an ES module for TypeScript, since Chart.js ships as one; bundled by scripts/build.mjs into dist/panel.js, a browser IIFE with
// Chart.js and server/src/sim in it): reads the map from the page's JSON, runs the scenario for
// both runtimes in the page, and shows the facts, a chart of bytes per step, the same numbers as a
// table, and the selected step's buckets or tables. `window.__panel` is the tests' handle.
import {
  CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { initialN, initialOps, panelData, type PanelData } from './data.js';
import { drawOccupancy, type Colours } from './occupancy.js';
import { MAX_INSERTS, runScenario, SEED, type RuntimeRun, type ScenarioRun } from './scenario.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

const num = (n: number) => Math.round(n).toLocaleString('en-US');

/** Bytes for a table cell or an axis tick: exact below 1 KiB, else KiB/MiB with 3 digits. */
function shortBytes(b: number): string {
  if (b < 1024) return `${num(b)} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = b / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[u]}`;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The editor theme's chart colours (VS Code sets --vscode-charts-*), with fallbacks for a plain browser. */
function theme(): { classic: string; swiss: string; fg: string; grid: string; occupancy: Colours } {
  const fg = cssVar('--vscode-editor-foreground', '#1f2328');
  const classic = cssVar('--vscode-charts-blue', '#1a85ff');
  const swiss = cssVar('--vscode-charts-orange', '#d18616');
  return {
    classic, swiss, fg,
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)'),
    occupancy: { fill: classic, empty: 'rgba(128,128,128,0.22)', extra: cssVar('--vscode-charts-red', '#f14c4c'), tomb: cssVar('--vscode-charts-purple', '#b180d7'), text: fg },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

const code = (s: string) => el('code', {}, s);

function runtimeName(r: RuntimeRun): string {
  return `Go ${r.goVersion} ${r.runtime === 'classic' ? 'classic hmap' : 'Swiss tables'}${r.module ? ' (the module\'s)' : ''}`;
}

class Panel {
  private data: PanelData | undefined;
  private run: ScenarioRun | undefined;
  private selected = 1;
  private chart: Chart<'line', number[], string> | undefined;
  private readonly root: HTMLElement;
  errors: string[] = [];

  constructor(root: HTMLElement) { this.root = root; }

  show(data: PanelData | undefined): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.run = undefined;
    this.data = data;
    this.root.replaceChildren();
    if (!data) {
      this.root.append(el('p', {}, 'No map to show: run "Go Map Leak: Show Memory Simulation" with the cursor on a map.'));
      return;
    }
    this.root.append(this.header(data));
    if (data.unknown || !data.keyType || !data.valueType) {
      this.root.append(el('p', { id: 'error' }, `No simulation: ${data.unknown ?? 'the key or value type has no known layout'}. go-mapleak does not guess a layout.`));
      return;
    }
    this.root.append(this.form(data), this.body());
    this.simulate(initialN(data), initialOps(data));
  }

  private header(d: PanelData): HTMLElement {
    const facts = el('div', { className: 'facts' },
      'key ', code(d.keyText), d.keyType && d.keyType !== d.keyText ? el('span', { className: 'muted' }, ` (${d.keyType})`) : '',
      ' · value ', code(d.valueText), d.valueType && d.valueType !== d.valueText ? el('span', { className: 'muted' }, ` (${d.valueType})`) : '',
      ' · ', d.hint ? el('span', { id: 'hint' }, 'made with ', code(`make(..., ${num(d.hint)})`)) : el('span', { id: 'hint' }, 'no make hint seen'),
      el('br'), el('span', { id: 'version' }, d.versionNote || `Go ${d.goVersion}`));
    return el('header', {}, el('h1', {}, 'Memory of ', code(d.expr), ' ', el('span', { className: 'muted' }, `map[${d.keyText}]${d.valueText}`)), facts);
  }

  private form(d: PanelData): HTMLElement {
    const n = el('input', { id: 'n', type: 'number', min: '0', step: '1', value: String(initialN(d)) });
    const ops = el('input', { id: 'ops', type: 'text', value: initialOps(d), spellcheck: false });
    const form = el('form', { id: 'scenario' },
      el('label', {}, 'N (keys)', n),
      el('label', {}, 'operations: insert:K, delete:K, delete:all, clear, nil, clone, rebuild (N, N/k, N*k allowed)', ops),
      el('button', { id: 'run', type: 'submit' }, 'Simulate'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.simulate(Number(n.value), ops.value);
    });
    return form;
  }

  private body(): HTMLElement {
    return el('section', {},
      el('p', { id: 'error', role: 'alert' }),
      el('div', { className: 'charts' }, el('div', { className: 'chart-box' }, el('canvas', { id: 'chart', role: 'img', ariaLabel: 'bytes held after each operation' }))),
      el('table', { id: 'steps' }),
      el('h2', { id: 'occ-title' }, 'Buckets and tables after the selected step'),
      el('div', { className: 'occupancy' },
        el('div', {}, el('p', { id: 'occ-classic-name' }), el('canvas', { id: 'occ-classic' }), el('p', { id: 'occ-classic-text', className: 'note' })),
        el('div', {}, el('p', { id: 'occ-swiss-name' }), el('canvas', { id: 'occ-swiss' }), el('p', { id: 'occ-swiss-text', className: 'note' }))),
      el('p', { className: 'note' },
        `Step mode: every key is simulated (seed ${SEED}, as go-mapleak sim), for the module's runtime and the other one; a scenario inserts at most ${num(MAX_INSERTS)} keys. `,
        'Bytes: heap bytes of the map\'s own allocations (header, buckets or groups, overflow, tables, directory) as the allocator charges them, not what keys and values point to; ',
        'from go-mapleak\'s model of the runtime, checked against measured maps of Go 1.19 to 1.26 (docs/sim-accuracy.md).'));
  }

  simulate(n: number, opsText: string): void {
    const error = document.getElementById('error')!;
    if (!this.data) return;
    try {
      this.run = runScenario(this.data, n, opsText);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    error.textContent = '';
    this.selected = Math.min(this.run.ops.length >= 1 ? 1 : 0, this.run.classic.steps.length - 1);
    this.renderChart();
    this.renderTable();
    this.renderOccupancy();
  }

  private renderChart(): void {
    const r = this.run!;
    const t = theme();
    const labels = r.classic.steps.map((s, i) => `${i}: ${s.op}`);
    const dataset = (run: RuntimeRun, colour: string) => ({
      label: runtimeName(run), data: run.steps.map((s) => s.bytes), borderColor: colour, backgroundColor: colour,
      borderWidth: run.module ? 3 : 2, pointRadius: 4, tension: 0,
    });
    const datasets = [dataset(r.classic, t.classic), dataset(r.swiss, t.swiss)];
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets = datasets;
      this.chart.update();
      return;
    }
    const canvas = document.getElementById('chart') as HTMLCanvasElement;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        onClick: (_e, items) => { if (items[0]) this.select(items[0].index); },
        scales: {
          x: { ticks: { color: t.fg }, grid: { color: t.grid }, title: { display: true, text: 'after operation', color: t.fg } },
          y: { beginAtZero: true, ticks: { color: t.fg, callback: (v) => shortBytes(Number(v)) }, grid: { color: t.grid }, title: { display: true, text: 'bytes held', color: t.fg } },
        },
        plugins: {
          legend: { labels: { color: t.fg } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${num(c.parsed.y ?? 0)} B` } },
        },
      },
    });
  }

  private renderTable(): void {
    const r = this.run!;
    const table = document.getElementById('steps') as HTMLTableElement;
    const head = el('thead', {}, el('tr', {}, el('th', {}, 'step'), el('th', {}, 'operation'),
      el('th', {}, `${runtimeName(r.classic)}, bytes`), el('th', {}, `${runtimeName(r.swiss)}, bytes`)));
    const body = el('tbody');
    r.classic.steps.forEach((s, i) => {
      const row = el('tr', { tabIndex: 0 }, el('td', {}, String(i)), el('td', {}, code(s.op)),
        el('td', { className: 'classic-bytes', title: shortBytes(s.bytes) }, num(s.bytes)),
        el('td', { className: 'swiss-bytes', title: shortBytes(r.swiss.steps[i].bytes) }, num(r.swiss.steps[i].bytes)));
      row.dataset.step = String(i);
      row.addEventListener('click', () => this.select(i));
      row.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.select(i); } });
      body.append(row);
    });
    table.replaceChildren(el('caption', { className: 'muted' }, 'Bytes held after each operation (select a row for its buckets or tables)'), head, body);
    this.markSelected();
  }

  private markSelected(): void {
    document.querySelectorAll<HTMLTableRowElement>('#steps tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.step === String(this.selected)));
  }

  select(i: number): void {
    if (!this.run || i < 0 || i >= this.run.classic.steps.length) return;
    this.selected = i;
    this.markSelected();
    this.renderOccupancy();
  }

  private renderOccupancy(): void {
    const r = this.run!;
    const t = theme();
    const op = r.classic.steps[this.selected].op;
    document.getElementById('occ-title')!.textContent = `Buckets and tables after step ${this.selected} (${op})`;
    for (const run of [r.classic, r.swiss]) {
      const step = run.steps[this.selected];
      document.getElementById(`occ-${run.runtime}-name`)!.textContent = `${runtimeName(run)}: ${num(step.bytes)} B`;
      const colours = run.runtime === 'classic' ? t.occupancy : { ...t.occupancy, fill: t.swiss };
      document.getElementById(`occ-${run.runtime}-text`)!.textContent = drawOccupancy(document.getElementById(`occ-${run.runtime}`) as HTMLCanvasElement, step.structure, colours);
    }
  }

  /** For tests: what the chart is drawing. */
  chartData(): { labels: string[]; datasets: { label: string; data: number[] }[] } | undefined {
    if (!this.chart) return undefined;
    return {
      labels: [...(this.chart.data.labels ?? [])],
      datasets: this.chart.data.datasets.map((d) => ({ label: String(d.label), data: [...d.data] })),
    };
  }
}

function dataFromPage(): unknown {
  // A standalone page may carry its data in the query string (?data=<JSON>), for tests and demos.
  const q = new URLSearchParams(location.search).get('data');
  if (q) return JSON.parse(q);
  const script = document.getElementById('panel-data');
  return script?.textContent ? JSON.parse(script.textContent) : undefined;
}

const panel = new Panel(document.getElementById('app')!);
(window as unknown as { __panel: Panel }).__panel = panel;
try {
  panel.show(panelData(dataFromPage()));
} catch (e) {
  panel.errors.push(String(e));
  panel.show(undefined);
}
