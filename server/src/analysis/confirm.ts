// Compiler evidence applied to findings: a finding with a compiler site is marked confirmed when
// an escape record of `go build -gcflags=-json=0,DIR` (compiler/) is about its stored value, and a
// finding that only stands with such a record (an unknown value type) is dropped without one.
// "Escapes to heap" alone is not an allocation (constants, bools, zero-size values escape too):
// rules decide what allocates, from the value's type; a record then confirms that the conversion's
// copy is made on the heap (escape analysis spills the value to a heap location there).
// A rule never reports on the compiler's word alone.
//
// Where the record sits depends on the release (observed with `-gcflags=-json=0,DIR`):
//   - Go 1.19: `m["k"] = v` at the statement start; `m[key] = v` at the key's start; a `k: v`
//     element of a map literal at its colon; `m[f(x)] = v` at the call's parenthesis.
//   - Go 1.26: at the value (`v`), a call value at its parenthesis, `a + b` at its operator.
// So a record counts when it lies within the store and, when the site names its value, when the
// record's subject is that value: `m[s+"k"] = v` also logs `s + "k" escapes to heap` (the key is
// copied into the map), and `m[fmt.Sprint(x)] = v` logs `x escapes to heap` for the argument.
import type { EscapeRecord, Finding, Position, Range, CompilerSite } from './types';
import { escapeRegExp } from './syntax/lexical';

const ESCAPES = /^(.*) escapes to heap$/s;

function atOrBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inside(p: Position, r: Range): boolean {
  return atOrBefore(r.start, p) && atOrBefore(p, r.end);
}

function isEmpty(r: Range): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

/** Whether the record lies at the store: in its range, or from a zero-width start to its line's end, or in the value. */
function atSite(p: Position, site: CompilerSite): boolean {
  const r = site.range;
  if (site.value && inside(p, site.value.range)) return true;
  if (!isEmpty(r)) return inside(p, r);
  return p.line === r.start.line && p.character >= r.start.character;
}

const WILD = '\u0000';

/**
 * Whether the compiler's short print of an expression can be `valueText`. It abbreviates composite
 * literals (`pt{...}`), call arguments (`f(... argument...)` since Go 1.2x), spaces types
 * (`struct {}{}`) and parenthesizes conversions (`([]byte)(s)`): compared without spaces and
 * parentheses, the abbreviations matching anything.
 */
export function subjectMatches(subject: string, valueText: string): boolean {
  const flat = (s: string) => s.replace(/\s+/g, '').replace(/[()]/g, '');
  const pattern = flat(subject.replace(/\.\.\. argument\.\.\./g, WILD).replace(/\{\.\.\.\}/g, `{${WILD}}`));
  const re = new RegExp('^' + pattern.split(WILD).map(escapeRegExp).join('[\\s\\S]*') + '$');
  return re.test(flat(valueText));
}

function samePosition(a: Position, b: Position | undefined): boolean {
  return !!b && a.line === b.line && a.character === b.character;
}

/** The opening parenthesis of the call a value ends with (where Go 1.2x logs a call), if it is one. */
function callParen(value: { range: Range; text: string }): Position | undefined {
  const t = value.text;
  if (!t.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i] === ')') depth++;
    else if (t[i] === '(' && --depth === 0) {
      const lines = t.slice(0, i).split('\n');
      const { line, character } = value.range.start;
      return lines.length === 1 ? { line, character: character + i } : { line: line + lines.length - 1, character: lines[lines.length - 1].length };
    }
  }
  return undefined;
}

/**
 * The escape record that confirms a finding's site, if any. Besides a print of the value itself,
 * an inlined call's result is logged as a compiler temporary (`~r0` in Go 1.2x at the call's
 * parenthesis, `~R0` in Go 1.19 at the statement or key start, before the value).
 */
export function confirmingRecord(site: CompilerSite, records: readonly EscapeRecord[]): EscapeRecord | undefined {
  const escapes = records.filter((r) => ESCAPES.test(r.message));
  const here = escapes.filter((r) => atSite(r.range.start, site));
  const value = site.value;
  if (!value) return here[0];
  // The site follows the release the module names; the compiler on PATH may be another. Go 1.19
  // logs before the value (statement start, key, colon), so a site at the value also looks back on
  // its line, for a record about the value itself.
  const v = value.range.start;
  const before = escapes.filter((r) => !atSite(r.range.start, site) && r.range.start.line === v.line && r.range.start.character < v.character);
  const subject = (r: EscapeRecord) => ESCAPES.exec(r.message)![1];
  const paren = callParen(value);
  const temporary = (r: EscapeRecord) => !!paren && /^~[A-Za-z]+\d*$/.test(subject(r)) && (samePosition(r.range.start, paren) || !atOrBefore(v, r.range.start));
  return here.find((r) => subjectMatches(subject(r), value.text))
    ?? before.find((r) => subjectMatches(subject(r), value.text))
    ?? here.find(temporary)
    ?? before.find(temporary)
    // A print we do not know how to read, placed exactly at the value (Go 1.2x places most there).
    ?? here.find((r) => samePosition(r.range.start, v));
}

/** The record's message, with a compiler temporary (`~r0`) named by the call it stands for. */
function said(rec: EscapeRecord, site: CompilerSite): string {
  const subject = ESCAPES.exec(rec.message)?.[1];
  if (!subject || !/^~/.test(subject) || !site.value) return rec.message;
  const call = site.value.text.replace(/\s+/g, ' ');
  return `the result of ${call.length > 40 ? call.slice(0, 39) + '…' : call} escapes to heap (${subject})`;
}

export function applyCompilerEvidence(findings: Finding[], records: readonly EscapeRecord[] | undefined): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.compiler) { out.push(f); continue; }
    const rec = records && confirmingRecord(f.compiler, records);
    if (!rec) {
      if (!f.compiler.onlyIfConfirmed) out.push(f);
      continue;
    }
    const record = said(rec, f.compiler);
    out.push({ ...f, message: `${f.message} (confirmed by the Go compiler: ${record})`, confirmedBy: record });
  }
  return out;
}
