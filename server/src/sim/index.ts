// The simulation's front door: one call for step mode, one for the fast estimate, each picking
// the runtime from the Go version (classic hmap through Go 1.23, Swiss tables from Go 1.24).
import type { Estimate, Op, SimConfig, Step } from './model';
import { runtimeOf } from './alloc';
import { estimateClassic, simulateClassic } from './classic';
import { estimateSwiss, simulateSwiss } from './swiss';

export function simulate(cfg: SimConfig, ops: readonly Op[]): Step[] {
  return runtimeOf(cfg.goVersion) === 'swiss' ? simulateSwiss(cfg, [...ops]) : simulateClassic(cfg, [...ops]);
}

export function estimate(cfg: SimConfig, entries: number): Estimate {
  return runtimeOf(cfg.goVersion) === 'swiss' ? estimateSwiss(cfg, entries) : estimateClassic(cfg, entries);
}

export { parseOps, formatOp, OpSyntaxError } from './ops';
export { keyDomain, layoutOf } from './layout';
export type * from './model';
