// The panel's simulation run, in the page: the scenario's operations (the `go-mapleak sim --ops`
// syntax, with N standing for the chosen size) through the simulation's step mode (server/src/sim,
// a pure library bundled into the page) for one classic and one Swiss runtime. Nothing here is a
// runtime rule: every number comes from sim/.
import { formatOp, layoutOf, OpSyntaxError, parseOps, simulate, type Op, type SimConfig, type Step } from '../../../server/src/sim';
import { runtimeOf } from '../../../server/src/sim/alloc';
import type { PanelData } from './data';

/** The classic release shown when the module runs Swiss tables: the last one with hmap. */
export const LAST_CLASSIC = '1.23';
/** The Swiss release shown when the module runs classic hmap: the newest one the sim is validated against. */
export const NEWEST_SWISS = '1.26';
/**
 * Step mode simulates every key: about 0.3 s per million inserts per runtime in Node 20 on the
 * development machine (map[string]int, Go 1.23 and 1.26 configs, insert:1e6,clear,insert:5e5).
 * A scenario inserts at most this many keys in all, so a run stays within a second or two.
 */
export const MAX_INSERTS = 2_000_000;
/** The simulated hash's seed, as `go-mapleak sim` defaults to: the same scenario gives the same numbers. */
export const SEED = 1;

export class ScenarioError extends Error {}

/**
 * Replaces N in the ops text by n: `N`, `N/k` and `N*k` (rounded down to whole keys).
 * "insert:N,clear,insert:N/2" with n = 1000 is "insert:1000,clear,insert:500".
 */
export function expandOps(text: string, n: number): string {
  return text.replace(/\bN\b(?:\s*([/*])\s*(\d+(?:\.\d+)?))?/g, (_m, op: string | undefined, k: string | undefined) => {
    if (!op) return String(n);
    const f = Number(k);
    if (op === '/' && f === 0) throw new ScenarioError('N/0: division by zero');
    return String(Math.floor(op === '/' ? n / f : n * f));
  });
}

export interface RuntimeRun {
  /** "1.23", "1.26"...: the Go release simulated. */
  goVersion: string;
  runtime: 'classic' | 'swiss';
  /** True for the runtime the module itself runs (PanelData.goVersion). */
  module: boolean;
  steps: Step[];
}

export interface ScenarioRun {
  n: number;
  /** The operations as run, in the --ops syntax. */
  ops: string[];
  classic: RuntimeRun;
  swiss: RuntimeRun;
}

/** The two releases compared: the module's own runtime and the other one. */
export function versionsFor(goVersion: string): { classic: string; swiss: string; module: 'classic' | 'swiss' } {
  const module = runtimeOf(goVersion);
  return module === 'classic' ? { classic: goVersion, swiss: NEWEST_SWISS, module } : { classic: LAST_CLASSIC, swiss: goVersion, module };
}

/** The configuration of one runtime's run, as `go-mapleak sim` would build it for the same flags. */
export function configFor(d: PanelData, goVersion: string): SimConfig {
  if (d.unknown || d.keyType === undefined || d.valueType === undefined) throw new ScenarioError(`No simulation: ${d.unknown ?? 'the key or value type has no known layout'}.`);
  const key = layoutOf(d.keyType), value = layoutOf(d.valueType);
  if ('unknown' in key) throw new ScenarioError(`No simulation: the key type ${key.text} has no known layout (${key.reason}).`);
  if ('unknown' in value) throw new ScenarioError(`No simulation: the value type ${value.text} has no known layout (${value.reason}).`);
  const cfg: SimConfig = { key, value, goVersion, seed: SEED };
  if (d.hint) cfg.hint = d.hint;
  return cfg;
}

export function parseScenario(n: number, opsText: string): Op[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new ScenarioError(`N must be a whole number ≥ 0, got ${n}`);
  let ops: Op[];
  try {
    ops = parseOps(expandOps(opsText, n));
  } catch (e) {
    if (e instanceof OpSyntaxError) throw new ScenarioError(`Operations: ${e.message}`);
    throw e;
  }
  const inserts = ops.reduce((a, o) => a + (o.op === 'insert' ? o.n : 0), 0);
  if (inserts > MAX_INSERTS) {
    throw new ScenarioError(`The scenario inserts ${inserts.toLocaleString('en-US')} keys; the page simulates every key and takes at most ${MAX_INSERTS.toLocaleString('en-US')} (use go-mapleak sim for more).`);
  }
  return ops;
}

export function runScenario(d: PanelData, n: number, opsText: string): ScenarioRun {
  const ops = parseScenario(n, opsText);
  const v = versionsFor(d.goVersion);
  const run = (goVersion: string, runtime: 'classic' | 'swiss'): RuntimeRun =>
    ({ goVersion, runtime, module: v.module === runtime, steps: simulate(configFor(d, goVersion), ops) });
  return { n, ops: ops.map(formatOp), classic: run(v.classic, 'classic'), swiss: run(v.swiss, 'swiss') };
}
