// A harness in the spirit of Go's golang.org/x/tools/go/analysis/analysistest:
// test/testdata/<rule>/ holds Go packages (one directory = one package with its tests, each file
// seeing the package view the go command gives it: workspace/package.ts; a go.mod in a directory
// sets the Go version of everything below it). Every `// want "regexp"` comment must be matched
// by a finding of the rule on its line, in its message or its impact's evidence (`// want warning
// "regexp"`: also of that severity, the impact the case asserts), nothing else may be reported, and X.go.golden must equal X.go after
// applying the preferred fixes of all its findings.
//
// Use from a rule's test file:  analysisTest('rangeclear');
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../server/src/analysis/analyze';
import { applyEdits } from '../server/src/analysis/edits';
import { ruleByName } from '../server/src/analysis/rules';
import type { AnalysisContext, Finding, ParsedFile } from '../server/src/analysis/types';
import { createGoParser, parseGo, type Parser } from '../server/src/parse/parser';
import { findModule } from '../server/src/workspace/module';
import { factsOf, viewOf } from '../server/src/workspace/package';
import { ForeignPackages } from '../server/src/workspace/foreign';

export const TESTDATA = path.join(__dirname, 'testdata');

/** Every directory under root (itself included) that holds .go files: one package each. */
export function packageDirs(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.some((e) => e.isFile() && e.name.endsWith('.go'))) out.push(dir);
    for (const e of entries) if (e.isDirectory()) visit(path.join(dir, e.name));
  };
  visit(root);
  return out;
}

let parser: Promise<Parser> | undefined;
export function goParser(): Promise<Parser> {
  return (parser ??= createGoParser());
}

/** Parses every .go file of a package directory. */
export async function parsePackage(dir: string): Promise<ParsedFile[]> {
  const p = await goParser();
  return fs.readdirSync(dir).filter((f) => f.endsWith('.go')).sort().map((f) => {
    const file = path.join(dir, f);
    const text = fs.readFileSync(file, 'utf8');
    return { path: file, text, tree: parseGo(p, text) };
  });
}

/**
 * Runs one rule over every file of a package directory, with the Go version of the nearest go.mod.
 * Each file sees its own package view, as in the server and the CLI: the non-test files, the
 * in-package tests, or the external `p_test` files; `_x.go` and `//go:build ignore` files alone.
 */
export async function analyzePackage(dir: string, rule: string, extra: Pick<AnalysisContext, 'tests'> = {}): Promise<Map<ParsedFile, Finding[]>> {
  const r = ruleByName(rule);
  if (!r) throw new Error(`no rule named ${rule}`);
  const files = await parsePackage(dir);
  const goVersion = findModule(dir)?.goVersion;
  // Other packages' declarations (the fixture module's own, the standard library), as the CLI reads them.
  const p = await goParser();
  const foreign = new ForeignPackages((text) => parseGo(p, text));
  const out = new Map<ParsedFile, Finding[]>();
  const facts = files.map((f) => factsOf(f.path, f.text));
  files.forEach((f, i) => {
    const seen = new Set(viewOf(facts[i], facts).map((v) => v.path));
    out.set(f, analyze(f, { goVersion, packageFiles: files.filter((o) => seen.has(o.path)), foreign: (ip, name) => foreign.lookup(dir, ip, name), ...extra }, [r]));
  });
  return out;
}

interface Want { line: number; re: RegExp; severity?: string; matched: boolean }

/**
 * Go string literals in a want comment: "interpreted" (Go escapes) or `raw`, each optionally after
 * a severity the finding must have (`// want warning "re"`): the impact a fixture asserts.
 */
export function parseWants(s: string): { pattern: string; severity?: string }[] {
  const out: { pattern: string; severity?: string }[] = [];
  const lit = /\s*(?:(hint|information|warning|error)\s+)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)/y;
  let m: RegExpExecArray | null;
  while ((m = lit.exec(s))) out.push({ pattern: m[3] ?? unquoteGo(m[2]), ...(m[1] ? { severity: m[1] } : {}) });
  return out;
}


function unquoteGo(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[abfnrtv\\'"])/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[e] ?? e;
  });
}

function wantsOf(text: string): Want[] {
  const wants: Want[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /\/\/\s*want\s+(.*)$/.exec(line);
    if (m) for (const w of parseWants(m[1])) wants.push({ line: i, re: new RegExp(w.pattern), severity: w.severity, matched: false });
  });
  return wants;
}

/** The problems of one file: unexpected findings, unmatched wants, golden mismatches. */
export function checkFile(file: ParsedFile, findings: Finding[], rel: string): string[] {
  const problems: string[] = [];
  const wants = wantsOf(file.text);
  for (const f of findings) {
    const line = f.range.start.line;
    // A pattern may name the message or the impact's evidence (why a hint is a hint).
    const said = `${f.message} — ${f.impact.evidence.join('; ')}`;
    const w = wants.find((x) => x.line === line && !x.matched && x.re.test(said));
    if (w) {
      w.matched = true;
      if (w.severity && w.severity !== f.severity) problems.push(`${rel}:${line + 1}: severity ${f.severity}, want ${w.severity} (impact ${f.impact.level}: ${f.impact.evidence.join('; ')}): ${f.message}`);
    } else problems.push(`${rel}:${line + 1}: unexpected finding [${f.severity}]: ${f.message}` +
      (wants.some((x) => x.line === line) ? `\n    (want on this line: ${wants.filter((x) => x.line === line).map((x) => x.re).join(', ')})` : ''));
  }
  for (const w of wants) if (!w.matched) problems.push(`${rel}:${w.line + 1}: no finding matching ${w.re}`);

  const golden = `${file.path}.golden`;
  if (fs.existsSync(golden)) {
    const edits = findings.flatMap((f) => f.fixes.filter((x) => x.preferred).flatMap((x) => x.edits));
    const got = applyEdits(file.text, edits);
    const want = fs.readFileSync(golden, 'utf8');
    if (got !== want) problems.push(`${rel}.golden: preferred fixes give a different text:\n${firstDifference(want, got)}`);
  }
  return problems;
}

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).map((l, j) => `      ${Math.max(0, i - 2) + j + 1}| ${l}`).join('\n');
  return `  first difference at line ${i + 1}\n    golden:\n${show(a)}\n    got:\n${show(b)}`;
}

/** Registers one mocha test per package directory of test/testdata/<dir> (default: the rule's name). */
export function analysisTest(rule: string, dir = rule, extra: Pick<AnalysisContext, 'tests'> = {}): void {
  const root = path.join(TESTDATA, dir);
  describe(`${rule} fixtures in ${dir} (analysistest)`, () => {
    for (const dir of packageDirs(root)) {
      const rel = path.relative(TESTDATA, dir);
      it(rel, async () => {
        const problems: string[] = [];
        for (const [file, findings] of await analyzePackage(dir, rule, extra)) {
          problems.push(...checkFile(file, findings, path.relative(TESTDATA, file.path)));
        }
        assert.ok(problems.length === 0, `\n${problems.join('\n')}`);
      });
    }
  });
}
