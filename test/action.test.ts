// action.yml, the composite GitHub Action: its structure (what the runner requires of a composite
// action), and its shell steps run here as the runner would run them, against the built CLI.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ensureBuilt, ROOT } from './npm-pack';

interface Step { name?: string; id?: string; uses?: string; run?: string; shell?: string; if?: string; env?: Record<string, string>; with?: Record<string, string>; 'working-directory'?: string }
interface Action { name: string; description: string; inputs: Record<string, { description: string; required?: boolean; default?: string }>; runs: { using: string; steps: Step[] } }

const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = parse(text) as Action;
const steps = action.runs.steps;

/** Every `${{ ... }}` expression of a string. */
const expressions = (s: string): string[] => [...s.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((m) => m[1]);

/** The step's env with the two expressions it may hold evaluated: inputs (their defaults, or overrides) and github.action_path. */
function stepEnv(step: Step, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.env ?? {})) {
    env[k] = v.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => {
      if (e === 'github.action_path') return ROOT;
      const m = /^inputs\.([\w-]+)$/.exec(e);
      assert.ok(m, `unexpected expression in env ${k}: ${e}`);
      return inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
    });
  }
  return env;
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60_000);

  it('is a composite action with a name, a description and described inputs', () => {
    assert.strictEqual(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const [name, input] of Object.entries(action.inputs)) {
      assert.ok(input.description, `input ${name} has no description`);
      assert.strictEqual(typeof (input.default ?? ''), 'string', `input ${name}: defaults are strings`);
    }
    assert.strictEqual(action.inputs.args.default, './...');
    assert.strictEqual(action.inputs.format.default, 'github');
  });

  it('gives each run step a shell and each uses step a pinned version', () => {
    for (const s of steps) {
      assert.ok((s.run === undefined) !== (s.uses === undefined), `a step has both or neither of run and uses: ${JSON.stringify(s)}`);
      if (s.run !== undefined) assert.ok(s.shell, `step "${s.name}" runs without a shell`);
      if (s.uses !== undefined) assert.match(s.uses, /^[\w.-]+\/[\w./-]+@v\d+$/, `step uses ${s.uses}`);
    }
    assert.ok(steps.some((s) => s.uses?.startsWith('actions/setup-node@')), 'no actions/setup-node step');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'no upload-sarif step');
    assert.match(upload.if ?? '', /always\(\)/, 'the SARIF upload must run when findings fail the lint step');
    assert.match(upload.if ?? '', /inputs\.format == 'sarif'/);
  });

  it('references only declared inputs and step ids, and uses every input', () => {
    const used = new Set<string>();
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    for (const e of expressions(text)) {
      for (const [, name] of e.matchAll(/\binputs\.([\w-]+)/g)) {
        assert.ok(name in action.inputs, `\${{ ${e} }} names an undeclared input ${name}`);
        used.add(name);
      }
      for (const [, id] of e.matchAll(/\bsteps\.([\w-]+)\./g)) assert.ok(ids.has(id), `\${{ ${e} }} names no step id ${id}`);
    }
    assert.deepStrictEqual(Object.keys(action.inputs).filter((n) => !used.has(n)), [], 'declared inputs never used');
  });

  it('passes inputs to scripts through env, never into the script text', () => {
    for (const s of steps.filter((x) => x.run !== undefined)) {
      assert.deepStrictEqual(expressions(s.run!), [], `step "${s.name}" expands expressions in its script`);
    }
  });

  describe('its shell steps, run here', () => {
    let mod = '';
    const build = steps.find((s) => s.name === 'Build go-mapleak')!;
    const lint = steps.find((s) => s.id === 'lint')!;

    before(() => {
      ensureBuilt();
      mod = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-action-'));
      fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
      fs.writeFileSync(path.join(mod, 'reset.go'), 'package m\n\nfunc Reset(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n');
    });
    after(() => { if (mod) fs.rmSync(mod, { recursive: true, force: true }); });

    function runStep(step: Step, cwd: string, inputs: Record<string, string> = {}) {
      const output = path.join(mod, `output-${Math.random().toString(36).slice(2)}`);
      fs.writeFileSync(output, '');
      assert.strictEqual(step.shell, 'bash');
      // As the runner runs `shell: bash`: bash --noprofile --norc -eo pipefail {0}.
      const script = path.join(mod, 'step.sh');
      fs.writeFileSync(script, step.run!);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000,
        env: { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, ...stepEnv(step, inputs) },
      });
      return { ...r, outputs: fs.readFileSync(output, 'utf8') };
    }

    it('the build step uses a checkout\'s built files as they are', () => {
      assert.strictEqual(build['working-directory'], '${{ github.action_path }}');
      const r = runStep(build, ROOT);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /using the built files/);
    });

    it('format github: annotations for the findings, exit 1', () => {
      assert.strictEqual(lint['working-directory'], '${{ inputs.working-directory }}');
      const r = runStep(lint, mod);
      assert.strictEqual(r.status, 1, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /^::notice file=reset\.go,line=4,col=2,.*title=go-mapleak rangeclear::/m);
    });

    it('format sarif: writes the SARIF file, asks for the upload, exit 1', () => {
      const r = runStep(lint, mod, { format: 'sarif' });
      assert.strictEqual(r.status, 1, `${r.stdout}\n${r.stderr}`);
      const sarif = JSON.parse(fs.readFileSync(path.join(mod, 'go-mapleak.sarif'), 'utf8'));
      assert.strictEqual(sarif.runs[0].results[0].ruleId, 'rangeclear');
      assert.match(r.outputs, /^sarif-file=go-mapleak\.sarif$/m);
      assert.match(r.outputs, /^upload=true$/m);
    });

    it('args are split but not globbed; a usage error skips the upload', () => {
      const ok = runStep(lint, mod, { args: '--min-severity warning ./...' });
      assert.strictEqual(ok.status, 0, `${ok.stdout}\n${ok.stderr}`);
      // Globbed, *.go would name reset.go (exit 1); as given it names no file (exit 2).
      const literal = runStep(lint, mod, { args: '*.go' });
      assert.strictEqual(literal.status, 2, `${literal.stdout}\n${literal.stderr}`);
      assert.match(literal.stderr, /\*\.go: no such file/);
      const bad = runStep(lint, mod, { format: 'sarif', args: '--no-such-flag ./...' });
      assert.strictEqual(bad.status, 2, `${bad.stdout}\n${bad.stderr}`);
      assert.doesNotMatch(bad.outputs, /upload=true/);
      const other = runStep(lint, mod, { format: 'json' });
      assert.strictEqual(other.status, 2);
      assert.match(other.stdout, /::error title=go-mapleak::format must be github or sarif/);
    });
  });
});
