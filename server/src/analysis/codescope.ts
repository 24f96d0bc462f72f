// What kind of code a file is, for the scope the go command and golangci-lint users expect
// (DESIGN.md "Impact"): generated files are not reported, the allocation and retention rules leave
// `_test.go` files alone unless asked (their findings are almost never worth a change), and example
// programs get a hint at most. Applied once, in analyze(), for every rule.
import type { Finding, Impact, ImpactLevel, Rule } from './types';

// go/ast IsGenerated (Go 1.21, https://go.dev/s/generatedcode): a line comment of exactly this
// form before the package clause.
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.\r?$/m;

/** The text before the package clause (the whole text when there is none yet). */
function header(text: string): string {
  const clause = /^package\s/m.exec(text);
  return clause ? text.slice(0, clause.index) : text;
}

/** Whether the file says it was generated (`// Code generated ... DO NOT EDIT.` before `package`). */
export function isGenerated(text: string): boolean {
  return GENERATED.test(header(text));
}

export function isTestFile(path: string): boolean {
  return /_test\.go$/.test(path);
}

const RANK: Record<ImpactLevel, number> = { low: 0, medium: 1, high: 2 };

/** An impact no higher than `cap`, with the reason added when it lowered the level. */
export function capImpact(impact: Impact, cap: ImpactLevel, why: string): Impact {
  if (RANK[impact.level] <= RANK[cap]) return impact;
  return { level: cap, evidence: [...impact.evidence, why] };
}

/** A finding whose impact changed, with the severity its rule gives the new level. */
export function withImpact(f: Finding, rule: Rule, impact: Impact): Finding {
  return impact === f.impact ? f : { ...f, impact, severity: rule.severities[impact.level] };
}
