// STUB (to be replaced by the full rule): flags `for k := range M { delete(M, k) }` only.
import type { Finding, Pass, Rule } from './types';
import type { SyntaxNode } from '../parse/parser';

function walk(n: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(n);
  for (const c of n.namedChildren) if (c) walk(c, visit);
}

export const rangeclear: Rule = {
  name: 'rangeclear',
  doc: 'range loops whose body only deletes each key from the map they range over',
  defaultSeverity: 'information',
  run(pass: Pass): Finding[] {
    const out: Finding[] = [];
    walk(pass.file.tree.rootNode, (n) => {
      if (n.type !== 'for_statement') return;
      const m = /^for\s+(\w+)\s*:=\s*range\s+([\w.]+)\s*\{\s*delete\(\2,\s*\1\)\s*\}$/.exec(n.text);
      if (!m) return;
      const range = { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } };
      out.push({
        rule: 'rangeclear', severity: 'information', range, explanation: 'stub',
        message: `this loop deletes every key of ${m[2]}; clear(${m[2]}) says so directly`,
        fixes: [{ title: `Replace with clear(${m[2]})`, preferred: true, edits: [{ range, newText: `clear(${m[2]})` }] }],
      });
    });
    return out;
  },
};
