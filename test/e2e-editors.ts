// Shared by the Neovim and Emacs end-to-end tests: a copy of examples/ to open, the plan the
// editor harness follows (e2e/<editor>/harness.*), and what the CLI and the simulation say the
// editor must show: the same findings, fix titles and fixed text as `go-mapleak --format json
// --compiler off` and `--fix`, and a hover carrying the simulation's bytes for the map.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lineStarts, offsetAt } from '../server/src/analysis/edits';
import { formatBytes, mapMemory, isUnknownMemory } from '../server/src/explain/mapmemory';
import { HOVER_SIZES } from '../server/src/explain/maphover';
import { ROOT, runCli } from './cli-harness';

export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const EXAMPLES = path.join(ROOT, 'examples');
/** The file the harness hovers and fixes in, and a second file whose diagnostics it lists. */
export const CACHE = 'cache/cache.go';
export const FIELDS = 'ifacebox/latest.go';

/** Whether `cmd args` runs and exits 0 (how the suites decide to skip). */
export function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return !r.error && r.status === 0;
}

/** A fresh copy of examples/ under a temp dir (the editor edits its buffers, never the repository). */
export function copyExamples(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-e2e-')));
  fs.cpSync(EXAMPLES, path.join(dir, 'ws'), { recursive: true });
  return path.join(dir, 'ws');
}

interface CliEdit { line: number; column: number; endLine: number; endColumn: number; newText: string }
interface CliFix { title: string; preferred: boolean; edits: CliEdit[] }
export interface CliFinding { line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string; fixes: CliFix[] }

export function cliFindings(ws: string, rel: string): CliFinding[] {
  const r = runCli(['--format', 'json', '--compiler', 'off', '--min-severity', 'hint', rel], ws);
  assert.equal(r.status, 1, `the CLI should report findings in ${rel}:\n${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: CliFinding[] }).findings;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

export interface EditorDiagnostic { code: string; severity: number; message: string; line: number; col: number; endLine: number; endCol: number }

/**
 * The CLI's findings as an editor shows them: 0-based lines, and columns that are the CLI's
 * 1-based byte columns minus one — for an ASCII file bytes, characters and UTF-16 units agree
 * (asserted here), so Neovim's byte columns and Emacs's character columns can both be compared.
 */
export function expectedDiagnostics(ws: string, rel: string): EditorDiagnostic[] {
  assert.ok(/^[\x00-\x7f]*$/.test(fs.readFileSync(path.join(ws, rel), 'utf8')), `${rel} must be ASCII for the column comparison`);
  return sortDiagnostics(cliFindings(ws, rel).map((f) => ({
    code: f.rule, severity: SEVERITY[f.severity], message: f.message,
    line: f.line - 1, col: f.column - 1, endLine: f.endLine - 1, endCol: f.endColumn - 1,
  })));
}

export function sortDiagnostics<T extends EditorDiagnostic>(ds: T[]): T[] {
  return [...ds].sort((a, b) => a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function pick<T extends EditorDiagnostic>(d: T): EditorDiagnostic {
  return { code: d.code, severity: d.severity, message: d.message, line: d.line, col: d.col, endLine: d.endLine, endCol: d.endCol };
}

/** What the harness does in the first file, and what must come of it. */
export interface Plan {
  hover: { line: number; character: number };
  action: { line: number; character: number; title: string };
  /** Titles and preferred flags of the quick fixes the CLI lists for the findings at the action's position. */
  quickFixes: { title: string; preferred: boolean }[];
  /** The file after the chosen fix alone, and after every preferred fix (`go-mapleak --fix`). */
  afterAction: string;
  afterFixAll: string;
  /** Byte figures the simulation gives the map at the hover (formatBytes, as the hover prints them). */
  hoverBytes: string[];
}

/**
 * The plan for cache.go: the rangeclear finding on `for id := range sessions`, its preferred fix
 * (`clear(sessions)`), and a hover on `sessions` in that line (the finding, then the map hover).
 */
export function planFor(ws: string): Plan {
  const file = path.join(ws, CACHE);
  const text = fs.readFileSync(file, 'utf8');
  const findings = cliFindings(ws, CACHE);
  const loop = findings.find((f) => f.rule === 'rangeclear' && f.fixes.some((x) => x.preferred && x.title === 'Replace with clear(sessions)'));
  assert.ok(loop, 'the CLI should report the range-delete loop over sessions with a clear(sessions) fix');
  const line = loop.line - 1, character = loop.column - 1;
  const here = findings.filter((f) => f.line === loop.line && f.column === loop.column);
  const fix = loop.fixes.find((x) => x.preferred)!;

  const starts = lineStarts(text);
  // ASCII file (expectedDiagnostics checks): byte column - 1 is the UTF-16 character.
  const spans = fix.edits.map((e) => ({
    from: offsetAt(starts, text, { line: e.line - 1, character: e.column - 1 }),
    to: offsetAt(starts, text, { line: e.endLine - 1, character: e.endColumn - 1 }),
    newText: e.newText,
  })).sort((a, b) => b.from - a.from);
  let afterAction = text;
  for (const s of spans) afterAction = afterAction.slice(0, s.from) + s.newText + afterAction.slice(s.to);

  // `--fix` on a second copy: the editor's buffers are never saved, so its copy stays as it was.
  const other = copyExamples();
  const r = runCli(['--fix', '--compiler', 'off', '--min-severity', 'hint', CACHE], other);
  assert.ok(r.status === 0 || r.status === 1, `go-mapleak --fix failed:\n${r.stderr}`);
  const afterFixAll = fs.readFileSync(path.join(other, CACHE), 'utf8');
  fs.rmSync(path.dirname(other), { recursive: true, force: true });

  // var sessions = map[string][]byte{} in a module whose go.mod says go 1.23: the hover's rows.
  const goLine = /^go (\d+\.\d+(?:\.\d+)?)$/m.exec(fs.readFileSync(path.join(ws, 'go.mod'), 'utf8'));
  assert.ok(goLine, 'examples/go.mod has a go line');
  assert.match(text, /^var sessions = map\[string\]\[\]byte\{\}$/m);
  const memory = mapMemory({ keyType: 'string', valueType: '[]byte', runtimeVersion: goLine[1] }, HOVER_SIZES);
  assert.ok(!isUnknownMemory(memory), JSON.stringify(memory));
  const hoverBytes = memory.sizes.map((s) => formatBytes(s.bytes));

  const lineText = text.slice(starts[line], starts[line + 1]);
  return {
    hover: { line, character: lineText.indexOf('sessions') + 1 },
    action: { line, character, title: fix.title },
    quickFixes: here.flatMap((f) => f.fixes.map((x) => ({ title: x.title, preferred: x.preferred }))),
    afterAction, afterFixAll, hoverBytes,
  };
}

export interface HarnessEvent { event: string; [key: string]: unknown }

/**
 * Runs an editor harness with its state under a temp HOME and XDG dirs (nothing lands in the
 * user's), and returns its JSON lines by event name; fails with the editor's output on error.
 * `plan`: what the lint harnesses do (MAPLEAK_PLAN); `extraEnv`: what another harness reads.
 */
export function runHarness(cmd: string, args: string[], ws: string, plan?: Plan, extraEnv: NodeJS.ProcessEnv = {}): Map<string, HarnessEvent[]> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-e2e-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), LANG: 'C.UTF-8',
    MAPLEAK_SERVER: SERVER, ...(plan ? { MAPLEAK_PLAN: JSON.stringify({ hover: plan.hover, action: plan.action }) } : {}), ...extraEnv,
  };
  try {
    const r = spawnSync(cmd, args, { cwd: ws, env, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const events = new Map<string, HarnessEvent[]>();
    for (const line of r.stdout.split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      const e = JSON.parse(line) as HarnessEvent;
      events.set(e.event, [...(events.get(e.event) ?? []), e]);
    }
    const failure = events.get('error')?.[0]?.message;
    assert.ok(r.status === 0 && !failure && events.has('done'),
      `${cmd} exited ${r.status}${r.error ? ` (${r.error.message})` : ''}: ${failure ?? ''}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    return events;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export interface EditorUnderTest {
  /** The suite's title. */
  name: string;
  /** Why the suite cannot run here (the editor or its LSP client is missing), or undefined. */
  missing(): string | undefined;
  /** The command that runs the harness on the workspace's two files. */
  command(files: string[]): { cmd: string; args: string[] };
  /** Checks of what only this editor reports about a diagnostic (e.g. Flymake's type). */
  checkDiagnostic?(d: HarnessEvent): void;
}

/**
 * One editor session (a few hundred ms to 2 s) per suite, then one assertion per thing the issue
 * asks for: diagnostics, the code action list, a fix applied, the whole-file fix, hover.
 */
export function editorSuite(editor: EditorUnderTest): void {
  describe(editor.name, function () {
    this.timeout(120_000);
    let ws: string;
    let plan: Plan;
    let events: Map<string, HarnessEvent[]>;
    const only = (name: string): HarnessEvent => {
      const list = events.get(name) ?? [];
      assert.equal(list.length, 1, `one ${name} event`);
      return list[0];
    };

    before(function () {
      const why = editor.missing();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      // dist/server.js is what the editor starts; cli.js gives the expected results.
      const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, `npm run build failed:\n${b.stdout}\n${b.stderr}`);
      ws = copyExamples();
      plan = planFor(ws);
      const { cmd, args } = editor.command([CACHE, FIELDS]);
      events = runHarness(cmd, args, ws, plan);
    });

    after(() => {
      if (ws) fs.rmSync(path.dirname(ws), { recursive: true, force: true });
    });

    it('shows the diagnostics the CLI reports, file by file (rule, range, severity, message)', () => {
      const byFile = events.get('diagnostics') ?? [];
      assert.deepEqual(byFile.map((e) => path.relative(ws, String(e.file))), [CACHE, FIELDS]);
      for (const e of byFile) {
        const rel = path.relative(ws, String(e.file));
        const items = e.items as (EditorDiagnostic & HarnessEvent & { source: string })[];
        for (const d of items) {
          assert.equal(d.source, 'go-mapleak');
          editor.checkDiagnostic?.(d);
        }
        assert.deepEqual(sortDiagnostics(items).map(pick), expectedDiagnostics(ws, rel), rel);
      }
    });

    it('lists the quick fixes the CLI lists at the finding, and the fix-all action', () => {
      const items = only('actions').items as { title: string; kind: string; preferred: boolean }[];
      const quick = items.filter((a) => a.kind === 'quickfix').map(({ title, preferred }) => ({ title, preferred }));
      assert.deepEqual(quick, plan.quickFixes);
      assert.ok(items.some((a) => a.kind === 'source.fixAll.go-mapleak'), JSON.stringify(items));
    });

    it(`applies the preferred rangeclear fix: the buffer is the file with that fix's edits`, () => {
      const applied = only('applied');
      assert.equal(applied.title, 'Replace with clear(sessions)');
      assert.equal(applied.text, plan.afterAction);
      assert.match(String(applied.text), /^\tclear\(sessions\)$/m);
    });

    it('applies the fix-all action: the buffer equals `go-mapleak --fix` on another copy', () => {
      assert.equal(only('fixAll').text, plan.afterFixAll);
    });

    it("hovers the map: the finding's explanation, then the simulation's bytes for map[string][]byte", () => {
      const hover = only('hover');
      assert.equal(hover.kind, 'markdown');
      const value = String(hover.value);
      assert.match(value, /^\*\*What this loop does to memory\*\*/);
      for (const b of plan.hoverBytes) assert.ok(value.includes(b), `hover should show ${b}:\n${value}`);
    });
  });
}
