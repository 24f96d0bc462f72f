// `go-mapleak sim`: runs the map-memory simulation for one key/value type pair and an operation
// sequence, and prints the runtime's structure and the map's heap bytes after each operation.
import * as path from 'path';
import { parseArgs } from 'util';
import { formatGoVersion } from '../analysis/goversion';
import { findModule } from '../workspace/module';
import { formatOp, layoutOf, OpSyntaxError, parseOps, simulate } from '../sim';
import { runtimeOf } from '../sim/alloc';
import type { Arch, ClassicStructure, SimConfig, Step, SwissStructure, TypeLayout } from '../sim/model';
import { EXIT_CLEAN, EXIT_ERROR, type CliIo } from './io';
import { UsageError } from './options';

export const SIM_USAGE = `usage: go-mapleak sim --key TYPE --value TYPE [--go VERSION] [--hint H] [--seed S] [--arch 64|32]
                      --ops OPS [--json]

Simulates the memory a Go map holds, with the runtime of that Go version (classic hmap up to
Go 1.23, Swiss tables from Go 1.24), and prints its structure and heap bytes after each operation.

  --key, --value  Go types: string, int64, interface{}, [40]byte, struct{a int32; b int64}, ...
  --go            Go version (default: the go.mod of the current directory, its toolchain line first)
  --hint          make(map[K]V, H); without it the map starts as make(map[K]V)
  --seed          seed of the simulated hash (the result is deterministic for a seed; default 1)
  --arch          64 (default) or 32
  --ops           comma-separated: insert:N (N new keys), delete:N, delete:all (per-key deletes
                  the compiler cannot turn into a clear), clear (clear(m) or the range-delete
                  idiom), nil (m = nil: the map is dropped), clone (m = maps.Clone(m), Go 1.21+),
                  rebuild (a copy into make(map[K]V, len(m)))
  --json          one JSON object: {"config": ..., "steps": [{"op", "bytes", "garbage", ...structure}]}
`;

const FLAGS = {
  key: { type: 'string' }, value: { type: 'string' }, go: { type: 'string' }, hint: { type: 'string' },
  seed: { type: 'string' }, arch: { type: 'string' }, ops: { type: 'string' }, json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(flag: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid --${flag} ${JSON.stringify(s)}: want a whole number`);
  return n;
}

function layout(flag: string, text: string | undefined, arch: Arch): TypeLayout {
  if (text === undefined) throw new UsageError(`--${flag} is required`);
  const l = layoutOf(text, arch);
  if ('unknown' in l) throw new UsageError(`--${flag} ${JSON.stringify(text)}: ${l.reason}`);
  return l;
}

/** --go, else the current module's toolchain line, else its go line. */
function goVersion(flag: string | undefined, cwd: string): string {
  if (flag !== undefined) {
    if (!/^(go)?1\.\d+(\.\d+)?$/.test(flag)) throw new UsageError(`invalid --go ${JSON.stringify(flag)}: want a Go version such as 1.22 or go1.24.3`);
    return flag.replace(/^go/, '');
  }
  const mod = findModule(path.resolve(cwd));
  const v = mod?.toolchain ?? mod?.goVersion;
  if (!v) throw new UsageError('--go is required here (no go.mod with a go line in this directory or above)');
  return formatGoVersion(v);
}

const num = (n: number) => n.toLocaleString('en-US');

function describe(s: ClassicStructure | SwissStructure | undefined, bytes: number): string {
  if (!s) return 'dropped: nothing left once the GC runs';
  if (s.runtime === 'classic') {
    if (s.count === 0 && s.B === 0 && s.overflow === 0 && s.prealloc === 0 && bytes === 48) return 'empty hmap; the bucket comes with the first insert';
    const parts = [`${num(s.count)} entries`, `B=${s.B} (${num(s.buckets)} buckets + ${num(s.prealloc)} preallocated overflow)`, `overflow ${num(s.overflow)}`];
    if (s.oldbuckets) parts.push(`growing: ${num(s.oldbuckets)} old buckets, ${num(s.nevacuate)} evacuated${s.sameSizeGrow ? ' (same-size)' : ''}`);
    return parts.join(', ');
  }
  if (s.small && s.count === 0 && bytes === 48) return 'empty map; its group comes with the first insert';
  if (s.small) return `${num(s.count)} entries, small map (one group, no table)`;
  const caps = new Map<number, number>();
  for (const t of s.tables) caps.set(t.capacity, (caps.get(t.capacity) ?? 0) + 1);
  const tomb = s.tables.reduce((a, t) => a + t.tombstones, 0);
  const capText = [...caps].sort((a, b) => b[0] - a[0]).map(([c, k]) => `${num(k)}×${num(c)}`).join(' + ');
  return `${num(s.count)} entries, ${num(s.tables.length)} tables (${capText} slots), dirLen ${num(s.dirLen)}, globalDepth ${s.globalDepth}${tomb ? `, ${num(tomb)} tombstones` : ''}`;
}

function textReport(cfg: SimConfig, steps: Step[]): string {
  const rt = runtimeOf(cfg.goVersion) === 'swiss' ? 'Swiss tables' : 'classic hmap';
  const head = `map[${cfg.key.text}]${cfg.value.text} on Go ${cfg.goVersion} (${rt}, ${cfg.arch ?? 64}-bit)` +
    `${cfg.hint !== undefined ? `, make hint ${num(cfg.hint)}` : ''}, seed ${cfg.seed ?? 1}\n`;
  const opW = Math.max(2, ...steps.map((s) => s.op.length));
  const bytes = steps.map((s) => num(s.bytes));
  const bW = Math.max(5, ...bytes.map((b) => b.length));
  const lines = steps.map((s, i) => `${s.op.padEnd(opW)}  ${bytes[i].padStart(bW)}  ${describe(s.structure, s.bytes)}`);
  return head + `${'op'.padEnd(opW)}  ${'bytes'.padStart(bW)}  structure\n` + lines.join('\n') + '\n' +
    'bytes: heap bytes of the map\'s own allocations (header, buckets or groups, overflow, tables, directory),\n' +
    'as the allocator charges them; not what keys and values point to.\n';
}

export async function runSim(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError(`sim: ${(err as Error).message}`);
  }
  const v = parsed.values;
  if (v.help) { io.out(SIM_USAGE); return EXIT_CLEAN; }
  try {
    const archN = wholeNumber('arch', v.arch) ?? 64;
    if (archN !== 64 && archN !== 32) throw new UsageError(`invalid --arch ${v.arch}: want 64 or 32`);
    const arch = archN as Arch;
    if (v.ops === undefined) throw new UsageError('--ops is required, e.g. --ops insert:100000,clear,nil');
    let ops;
    try { ops = parseOps(v.ops); } catch (e) { if (e instanceof OpSyntaxError) throw new UsageError(`--ops: ${e.message}`); throw e; }
    const cfg: SimConfig = {
      key: layout('key', v.key, arch), value: layout('value', v.value, arch),
      goVersion: goVersion(v.go, io.cwd), hint: wholeNumber('hint', v.hint), seed: wholeNumber('seed', v.seed) ?? 1, arch,
    };
    let steps;
    // What the model cannot run (a clone before Go 1.21, more keys than step mode holds): said, not thrown.
    try { steps = simulate(cfg, ops); } catch (e) { if (e instanceof RangeError) { io.err(`go-mapleak sim: ${e.message}\n`); return EXIT_ERROR; } throw e; }
    if (v.json) {
      const config = { key: cfg.key, value: cfg.value, goVersion: cfg.goVersion, runtime: runtimeOf(cfg.goVersion), hint: cfg.hint ?? null, seed: cfg.seed, arch };
      io.out(JSON.stringify({ config, ops: ops.map(formatOp), steps: steps.map((s) => ({ op: s.op, bytes: s.bytes, garbage: s.garbage, ...(s.structure ?? { dropped: true }) })) }, null, 2) + '\n');
    } else {
      io.out(textReport(cfg, steps));
    }
    return EXIT_CLEAN;
  } catch (err) {
    if (err instanceof UsageError) { io.err(`go-mapleak sim: ${err.message}\n\n${SIM_USAGE}`); return EXIT_ERROR; }
    throw err;
  }
}
