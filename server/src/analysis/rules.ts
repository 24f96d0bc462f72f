// The registry of rules. Adding a rule is adding its module and one line here.
import type { Rule } from './types';
import { rangeclear } from './rangeclear';
import { mapretain } from './mapretain';
import { ifacebox } from './ifacebox';
import { mapshrink } from './mapshrink';

export const RULES: readonly Rule[] = [rangeclear, mapretain, mapshrink, ifacebox];

export function ruleByName(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
