// Inputs whose size once broke the analysis (issue 16): a selector chain 30,000 long overflowed the
// call stack in every rule and the findings were lost silently; now it is analyzed, and a rule that
// fails anyway is an internal error in every output (exit 2), never a clean result.
import { strict as assert } from 'assert';
import * as path from 'path';
import { lintFiles } from '../server/src/cli/lint';
import { formatJson } from '../server/src/cli/format/json';
import { failed } from '../server/src/cli/report';
import { RULES } from '../server/src/analysis/rules';
import type { Rule } from '../server/src/analysis/types';
import { GO_MOD, LOOP_GO, runCli, tempTree, ensureBuilt } from './cli-harness';

const chain = '.t'.repeat(30_000);
const CHAIN_GO = `package deep

type T struct {
	t *T
	m map[string]int
}

func reset(v *T) {
	for k := range v${chain}.m {
		delete(v${chain}.m, k)
	}
}
`;

describe('robustness: inputs whose size once broke the analysis', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('analyzes a selector chain 30,000 long: the finding is there, no internal error', () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'deep.go': CHAIN_GO });
    const r = runCli(['--format', 'json', '--compiler', 'off', '--min-severity', 'hint', 'deep.go'], dir);
    const j = JSON.parse(r.stdout) as { findings: { rule: string; line: number }[]; errors: unknown[] };
    assert.deepEqual(j.errors, []);
    assert.deepEqual(j.findings.map((f) => [f.rule, f.line]), [['rangeclear', 9]]);
    assert.equal(r.status, 1);
  });

  it('a rule that throws is an internal error for the file in the output, and the run fails', async () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });
    // A rule that fails on every file, beside the real ones: the real findings stay, the failure is said.
    const broken: Rule = { ...RULES[0], name: 'broken', run: () => { throw new RangeError('Maximum call stack size exceeded'); } };
    const report = await lintFiles([path.join(dir, 'p.go')], { fix: false, minSeverity: 'hint' }, dir, [...RULES, broken]);
    assert.ok(failed(report));
    assert.deepEqual(report.problems.map((p) => [p.file, p.kind, p.fatal]), [['p.go', 'internal', true]]);
    assert.match(report.problems[0].message, /rule broken failed \(RangeError: Maximum call stack size exceeded\); its findings in this file are missing/);
    const json = JSON.parse(formatJson(report)) as { findings: { rule: string }[]; errors: { kind: string }[] };
    assert.ok(json.findings.some((f) => f.rule === 'rangeclear'));
    assert.deepEqual(json.errors.map((e) => e.kind), ['internal']);
  });
});
