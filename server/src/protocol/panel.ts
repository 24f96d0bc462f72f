// The contract between the server and the VS Code client for the memory simulation panel: the
// request, the command and the map they exchange. Pure declarations, so both sides import it
// (the client imports nothing else of the server but sim/, which is pure too; type imports vanish).
import type { MapAt } from '../analysis/syntax/mapat';

export const MAP_AT_REQUEST = 'goMapleak/mapAt';
export const SHOW_SIMULATION_COMMAND = 'goMapleak.showSimulation';

/** What the panel needs of a map: the answer to goMapleak/mapAt (types, make hint, as the hover finds them). */
export type PanelMap = Pick<MapAt, 'keyText' | 'valueText' | 'keyType' | 'valueType' | 'unknown' | 'hint'> & {
  /** The map as written at the position (`cache`, `s.m`, `map[string]int`). */
  expr: string;
  /** The Go release whose runtime the module runs ("1.22"); the newest modelled release when none is known. */
  goVersion: string;
  /** Where goVersion comes from, in a sentence. */
  versionNote: string;
  /**
   * The scenario the page opens with, when the finding at the position asks for one (mapshrink:
   * a burst to `n` keys and deletes down to a few: `insert:N,delete:999000`); else the page's own.
   */
  scenario?: { n: number; ops: string };
};
