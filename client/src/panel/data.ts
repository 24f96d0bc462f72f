// What the panel page is given and shows: the map the server found (goMapleak/mapAt, whose
// contract is server/src/protocol/panel.ts) and the scenario the page starts with.

import type { PanelMap } from '../../../server/src/protocol/panel';

export { MAP_AT_REQUEST, SHOW_SIMULATION_COMMAND } from '../../../server/src/protocol/panel';

/** The map the page shows: goMapleak/mapAt's answer. */
export type PanelData = PanelMap;

/** The scenario the page opens with: fill, empty, refill with half, drop (N written in the ops). */
export const DEFAULT_OPS = 'insert:N,clear,insert:N/2,nil';
export const DEFAULT_N = 100_000;

/** The scenario's N when the finding gives one, else the make hint when it is a sensible N (the size the author expects), else DEFAULT_N. */
export function initialN(d: PanelData): number {
  if (d.scenario) return d.scenario.n;
  return d.hint && d.hint > 0 && d.hint <= 1_000_000 ? d.hint : DEFAULT_N;
}

/** The operations the page opens with: the finding's scenario, else DEFAULT_OPS. */
export function initialOps(d: PanelData): string {
  return d.scenario?.ops ?? DEFAULT_OPS;
}

/** A PanelData from untrusted JSON (a query string, a message): the fields the page reads, checked. */
export function panelData(x: unknown): PanelData | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const expr = str('expr'), keyText = str('keyText'), valueText = str('valueText'), goVersion = str('goVersion');
  if (expr === undefined || keyText === undefined || valueText === undefined || goVersion === undefined) return undefined;
  const d: PanelData = { expr, keyText, valueText, goVersion, versionNote: str('versionNote') ?? '' };
  const keyType = str('keyType'), valueType = str('valueType'), unknown = str('unknown');
  if (keyType !== undefined) d.keyType = keyType;
  if (valueType !== undefined) d.valueType = valueType;
  if (unknown !== undefined) d.unknown = unknown;
  if (typeof o.hint === 'number' && Number.isSafeInteger(o.hint) && o.hint > 0) d.hint = o.hint;
  const sc = o.scenario as Record<string, unknown> | undefined;
  // Operations are words, counts and N: anything else is not a scenario this page wrote.
  if (typeof sc === 'object' && sc !== null && typeof sc.n === 'number' && Number.isSafeInteger(sc.n) && sc.n >= 0 &&
    typeof sc.ops === 'string' && /^[a-z0-9:,/*N_ ]{1,200}$/.test(sc.ops)) d.scenario = { n: sc.n, ops: sc.ops };
  return d;
}
