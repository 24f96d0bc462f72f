// The real-world benchmark (issue 13): is what the CLI reports at its defaults worth acting on?
// Whole public Go modules at pinned versions (bench/realworld/modules.json), taken from the Go
// module proxy with `go mod download` into the module cache (never committed), linted by the
// CLI at its defaults (`--format json ./...` in each module's directory) and once more with
// `--min-severity hint` (everything the rules find). Every finding is looked up in the labels
// (bench/realworld/labels/*.tsv: module, file, line, rule, verdict act|noise|wrong, reason), each
// verdict made by reading the code, each "wrong" by a measurement. Printed per rule: findings at
// the defaults, how many are judged, the share worth acting on, wrong claims; then the findings
// judged worth acting on that the defaults do not show, and the unjudged ones at the defaults.
//
// The compiler pass is off (`--compiler off`): it only marks findings confirmed, never adds or
// removes one (test/compiler-cli.test.ts), and it would build each module's dependencies.
//
// Run: npm run build && npm run bench -- realworld      (LIST=1 prints every finding at the defaults)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES as REGISTRY } from '../server/src/analysis/rules';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const DIR = path.join(__dirname, 'realworld');
const RULES = REGISTRY.map((r) => r.name);

interface Module { path: string; version: string; domain: string }
interface Finding { file: string; line: number; rule: string; severity: string; message: string }
type Verdict = 'act' | 'noise' | 'wrong';
interface Label { verdict: Verdict; reason: string }

/** The module's directory in the module cache, downloading it through the proxy when missing. */
function download(m: Module): string | undefined {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-realworld-'));
  try {
    const r = spawnSync('go', ['mod', 'download', '-json', `${m.path}@${m.version}`], {
      cwd: tmp, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' }, timeout: 600_000,
    });
    const j = r.stdout ? JSON.parse(r.stdout) as { Dir?: string; Error?: string } : {};
    if (!j.Dir) console.log(`  ${m.path}@${m.version}: not downloaded (${j.Error ?? r.error?.message ?? r.stderr.trim()})`);
    return j.Dir;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function goFiles(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.go')) n++;
  return n;
}

function lint(dir: string, extra: string[]): Finding[] {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--compiler', 'off', ...extra, './...'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`go-mapleak exited ${r.status} in ${dir}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

function readLabels(): Map<string, Label> {
  const out = new Map<string, Label>();
  for (const f of fs.readdirSync(path.join(DIR, 'labels')).filter((n) => n.endsWith('.tsv')).sort()) {
    for (const line of fs.readFileSync(path.join(DIR, 'labels', f), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [module, file, ln, rule, verdict, reason] = line.split('\t');
      if (!['act', 'noise', 'wrong'].includes(verdict)) throw new Error(`${f}: bad verdict ${JSON.stringify(verdict)} in: ${line}`);
      out.set(key(module, file, Number(ln), rule), { verdict: verdict as Verdict, reason });
    }
  }
  return out;
}

const key = (module: string, file: string, line: number, rule: string) => `${module}\t${file}\t${line}\t${rule}`;
const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '—');

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build first');
  const { modules } = JSON.parse(fs.readFileSync(path.join(DIR, 'modules.json'), 'utf8')) as { modules: Module[] };
  const labels = readLabels();
  const rows = new Map(RULES.map((r) => [r, { shown: 0, act: 0, noise: 0, wrong: 0, unjudged: 0, all: 0, judgedAll: 0 }]));
  const dropped: string[] = [];
  const unjudged: string[] = [];
  const listed: string[] = [];
  let files = 0;
  const t0 = Date.now();
  for (const m of modules) {
    const dir = download(m);
    if (!dir) continue;
    const n = goFiles(dir);
    files += n;
    const id = `${m.path}@${m.version}`;
    const shown = lint(dir, []);
    const all = lint(dir, ['--min-severity', 'hint']);
    const shownKeys = new Set(shown.map((f) => key(id, f.file, f.line, f.rule)));
    console.log(`  ${id} (${m.domain}): ${n} .go files, ${shown.length} findings at the defaults, ${all.length} at all severities`);
    for (const f of all) {
      const row = rows.get(f.rule)!;
      row.all++;
      const label = labels.get(key(id, f.file, f.line, f.rule));
      if (label) row.judgedAll++;
      const k = key(id, f.file, f.line, f.rule);
      if (label?.verdict === 'act' && !shownKeys.has(k)) dropped.push(`${id} ${f.file}:${f.line} ${f.rule} [${f.severity}]: ${label.reason}`);
    }
    for (const f of shown) {
      const row = rows.get(f.rule)!;
      row.shown++;
      const label = labels.get(key(id, f.file, f.line, f.rule));
      if (!label) { row.unjudged++; unjudged.push(`${id} ${f.file}:${f.line} ${f.rule} [${f.severity}] ${f.message}`); continue; }
      row[label.verdict]++;
      listed.push(`${label.verdict.padEnd(5)} ${id} ${f.file}:${f.line} ${f.rule} [${f.severity}]: ${label.reason}`);
    }
  }
  console.log(`\n${modules.length} modules, ${files} .go files, ${labels.size} labelled findings, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  console.log('| rule | at defaults | judged | worth acting on | noise | wrong | all severities (judged) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const total = { shown: 0, act: 0, noise: 0, wrong: 0, judged: 0 };
  for (const [rule, r] of rows) {
    const judged = r.act + r.noise + r.wrong;
    total.shown += r.shown; total.act += r.act; total.noise += r.noise; total.wrong += r.wrong; total.judged += judged;
    console.log(`| ${rule} | ${r.shown} | ${judged} | ${r.act} (${pct(r.act, judged)}) | ${r.noise} | ${r.wrong} | ${r.all} (${r.judgedAll}) |`);
  }
  console.log(`| all | ${total.shown} | ${total.judged} | ${total.act} (${pct(total.act, total.judged)}) | ${total.noise} | ${total.wrong} | |`);
  if (process.env.LIST) console.log(`\nAt the defaults:\n${listed.join('\n')}`);
  console.log(`\nJudged worth acting on but not shown at the defaults (${dropped.length}):${dropped.map((d) => `\n  ${d}`).join('')}`);
  console.log(`\nShown at the defaults, not judged yet (${unjudged.length}):${unjudged.map((d) => `\n  ${d}`).join('')}`);
  if (total.wrong) process.exitCode = 1; // a wrong claim at the defaults is a bug
}

main();
