// ifacebox's narrowing keeps what the program writes (issue 17): a map[string]any holding only
// T values and the map[string]T it becomes print and encode to the same bytes with encoding/json
// (Marshal, MarshalIndent, Encoder.Encode) and fmt's plain prints; so those whole-map uses do not
// block the refactor (analysis/narrow.ts sameOutput). The test applies the real edit and runs the
// program before and after with the Go toolchain, for several value types.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../server/src/analysis/analyze';
import { applyEdits } from '../server/src/analysis/edits';
import { ifacebox } from '../server/src/analysis/ifacebox';
import { goParser } from './analysistest';
import { parseGo } from '../server/src/parse/parser';

const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

/** A main package storing `values` (Go expressions of one type, through a slice) into a map[string]any, then writing it every way. */
function program(elem: string, values: string[], decl = 'make(map[string]any)'): string {
  return `package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Label string

func main() {
	vals := []${elem}{${values.join(', ')}}
	m := ${decl}
	for i, v := range vals {
		m[fmt.Sprint("k", i)] = v
	}
	b, _ := json.Marshal(m)
	os.Stdout.Write(b)
	ind, _ := json.MarshalIndent(m, "", "  ")
	os.Stdout.Write(ind)
	json.NewEncoder(os.Stdout).Encode(m)
	fmt.Println(m, len(m))
	fmt.Print(m)
	os.Stdout.WriteString(fmt.Sprint(m) + fmt.Sprintln(m))
	fmt.Fprintln(os.Stdout, m)
}
`;
}

function run(dir: string, text: string): string {
  fs.writeFileSync(path.join(dir, 'main.go'), text);
  const r = spawnSync('go', ['run', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('narrowing keeps the bytes json and fmt write', function () {
  this.timeout(180_000);
  const cases: [string, string[]][] = [
    ['string', ['"a"', '"b\\u00e9<&>"', '""']],
    ['int64', ['1', '-7', '1 << 40']],
    ['float64', ['1.5', '0', '1e21', '-0.000001']],
    ['[]byte', ['[]byte("x")', 'nil', '[]byte{}']],
    ['Label', ['"x"', '"y"']],
  ];
  for (const [elem, values] of cases) {
    it(`map[string]any of ${elem} -> map[string]${elem}`, async function () {
      if (!haveGo) { console.log('      skipped: go is not on PATH'); this.skip(); }
      const text = program(elem, values);
      const file = { path: 'main.go', text, tree: parseGo(await goParser(), text) };
      const fix = analyze(file, { goVersion: { major: 1, minor: 22, patch: 0 }, packageFiles: [file] }, [ifacebox])
        .flatMap((f) => f.fixes).find((x) => x.effect === 'narrow');
      assert.ok(fix, `the narrowing is offered for ${elem}`);
      const narrowed = applyEdits(text, fix.edits);
      assert.match(narrowed, new RegExp(`m := make\\(map\\[string\\]${elem.replace(/[[\]]/g, '\\$&')}\\)`));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-narrow-'));
      try {
        fs.writeFileSync(path.join(dir, 'go.mod'), 'module x\n\ngo 1.22\n');
        const before = run(dir, text);
        const after = run(dir, narrowed);
        assert.ok(before.length > 20);
        assert.equal(after, before);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
