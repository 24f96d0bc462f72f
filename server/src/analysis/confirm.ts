// Compiler evidence applied to findings: a finding with a compiler site is marked confirmed when
// an escape record of `go build -gcflags=-json=0,DIR` sits at that site, and a finding that only
// stands with such a record (an unknown value type) is dropped without one.
// "Escapes to heap" alone is not an allocation (constants, bools, zero-size values escape too):
// rules decide what allocates; the compiler only confirms where the value goes.
import type { EscapeRecord, Finding, Range } from './types';

function sameStart(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

/** The escape record that confirms a finding, if any: one at the site's start saying the value escapes. */
export function confirmingRecord(site: Range, records: readonly EscapeRecord[]): EscapeRecord | undefined {
  return records.find((r) => sameStart(r.range, site) && /escapes to heap/.test(r.message));
}

export function applyCompilerEvidence(findings: Finding[], records: readonly EscapeRecord[] | undefined): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.compiler) { out.push(f); continue; }
    const rec = records && confirmingRecord(f.compiler.range, records);
    if (!rec) {
      if (!f.compiler.onlyIfConfirmed) out.push(f);
      continue;
    }
    out.push({ ...f, message: `${f.message} (confirmed by the Go compiler: ${rec.message})` });
  }
  return out;
}
