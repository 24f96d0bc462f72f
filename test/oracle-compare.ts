// The comparison of the ifacebox oracle (test/ifacebox-oracle.test.ts): the rule's verdict on each
// store against what the case measured with one Go toolchain. Pure, so its own test can feed it
// wrong verdicts.
import type { StoreSite } from '../server/src/analysis/ifacebox';
import { isLiteralCase, LITERAL_BASELINE } from './oracle-cases';
import { BYTES_CALLS, type CaseMeasure } from './oracle-go';

/**
 * Bytes per store may differ from the model by this much. The measure is TotalAlloc over
 * BYTES_CALLS calls; the runtime counts a span's bytes when an mcache takes the span and gives
 * back the unused part only when the span is released, so the loop can be charged for up to one
 * partly used span per size class it touches: 8 KiB / 20,000 calls = 0.41 B, twice that for a
 * span taken before the loop and one after. Everything else (the tiny allocator packing 2-, 4-
 * and 8-byte boxes into 16-byte blocks, size classes) is what the model must get right.
 */
export const BYTES_TOLERANCE = (2 * 8192) / BYTES_CALLS;

export interface OracleSite {
  /** The case function that executes the store. */
  name: string;
  site: Pick<StoreSite, 'verdict' | 'runtimeFunc' | 'bytes' | 'reason'>;
  /** file:line of the stored value, for messages. */
  file: string;
  /** The function whose code holds the store (the case, or a helper it calls). */
  fn: string;
}

/** A case's allocations and bytes, without those of the map a composite-literal case makes. */
export function ownMeasure(measured: ReadonlyMap<string, CaseMeasure>, name: string): CaseMeasure | undefined {
  const m = measured.get(name);
  if (!m || !isLiteralCase(name)) return m;
  const base = measured.get(LITERAL_BASELINE);
  return base && { allocs: m.allocs - base.allocs, bytes: m.bytes - base.bytes };
}

export interface Agreement {
  /** Disagreements: each one a wrong claim of the rule (or a case not measured). */
  problems: string[];
  /** One line per site for the log. */
  rows: string[];
  sites: number;
  allocates: { agreed: number; of: number };
  none: { agreed: number; of: number };
  unknown: string[];
  bytes: { agreed: number; of: number };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/**
 * 'allocates' must measure >= 1 allocation per call and its function must call the runtime
 * function named; when the case allocates exactly once, the bytes are the box's alone and must
 * match the model. 'none' must measure 0. 'unknown' is counted, not judged.
 */
export function compareOracle(sites: readonly OracleSite[], measured: ReadonlyMap<string, CaseMeasure>, calls: ReadonlyMap<string, ReadonlySet<string>>): Agreement {
  const a: Agreement = {
    problems: [], rows: [], sites: sites.length,
    allocates: { agreed: 0, of: 0 }, none: { agreed: 0, of: 0 }, unknown: [], bytes: { agreed: 0, of: 0 },
  };
  for (const s of sites) {
    const m = ownMeasure(measured, s.name);
    if (!m) { a.problems.push(`${s.file} ${s.name}: not measured`); continue; }
    const v = s.site;
    const conv = [...(calls.get(s.fn) ?? [])].filter((c) => c.startsWith('conv'));
    let note = '';
    if (v.verdict === 'allocates') {
      a.allocates.of++;
      if (m.allocs >= 1) a.allocates.agreed++;
      else a.problems.push(`${s.file} ${s.name}: classified allocating (${v.runtimeFunc ?? '?'}), measured ${m.allocs} allocs/op`);
      if (v.runtimeFunc && !conv.includes(v.runtimeFunc)) {
        a.problems.push(`${s.file} ${s.name}: the rule names ${v.runtimeFunc}, ${s.fn} calls ${conv.join(', ') || 'no conv* function'}`);
      }
      if (m.allocs === 1 && v.bytes !== undefined) {
        a.bytes.of++;
        if (Math.abs(m.bytes - v.bytes) <= BYTES_TOLERANCE) a.bytes.agreed++;
        else a.problems.push(`${s.file} ${s.name}: model ${v.bytes} B per store, measured ${m.bytes.toFixed(2)} B`);
        note = `model ${v.bytes} B`;
      } else if (m.allocs > 1) note = 'other allocations too: bytes not compared';
    } else if (v.verdict === 'none') {
      a.none.of++;
      if (m.allocs === 0) a.none.agreed++;
      else a.problems.push(`${s.file} ${s.name}: classified not allocating (${v.reason ?? '?'}), measured ${m.allocs} allocs/op`);
      // A conv* call under 'none' means a runtime exception is relied on (a nil slice).
      if (conv.length) note = `calls ${conv.join(', ')}`;
    } else {
      a.unknown.push(s.name);
    }
    a.rows.push(`      ${pad(s.name, 30)} ${pad(v.verdict, 9)} ${pad(v.runtimeFunc ?? v.reason ?? '', 28)} ${String(m.allocs).padStart(3)} allocs ${m.bytes.toFixed(2).padStart(7)} B  ${note}`);
  }
  return a;
}

/** The summary line the issue note quotes. */
export function agreementLine(version: string, a: Agreement): string {
  return `${version}: ${a.sites} sites; allocates agreed ${a.allocates.agreed}/${a.allocates.of}; none agreed ${a.none.agreed}/${a.none.of}; ` +
    `unknown ${a.unknown.length}${a.unknown.length ? ` (${a.unknown.join(', ')})` : ''}; ` +
    `bytes agreed ${a.bytes.agreed}/${a.bytes.of} one-allocation stores within ${BYTES_TOLERANCE.toFixed(2)} B`;
}
