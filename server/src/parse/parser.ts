// Loads web-tree-sitter and the Go grammar once per process. The WASM files live in
// grammars/ (copied there by the build from the pinned npm packages); bundles find
// them relative to themselves, sources fall back to node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Tree, type Point } from 'web-tree-sitter';

let loading: Promise<Language> | undefined;

function findWasm(file: string, pkgFile: string): string {
  const candidates = [
    path.join(__dirname, '..', 'grammars', file),          // dist/server.js -> grammars/
    path.join(__dirname, '..', '..', '..', 'grammars', file), // server/src/parse -> grammars/
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return require.resolve(pkgFile);
}

/** The Go language, loaded once. */
export function loadGo(): Promise<Language> {
  loading ??= (async () => {
    const runtime = findWasm('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtime });
    return Language.load(findWasm('tree-sitter-go.wasm', 'tree-sitter-go/tree-sitter-go.wasm'));
  })();
  return loading;
}

/** A parser for Go. Parsers are cheap; keep one per document stream or per worker. */
export async function createGoParser(): Promise<Parser> {
  const go = await loadGo(); // Parser.init must finish before a Parser is constructed
  const parser = new Parser();
  parser.setLanguage(go);
  return parser;
}

/** Parses text; with oldTree (already edited with tree.edit) the parse is incremental. */
export function parseGo(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/**
 * Parses text[start, end) alone (tree-sitter's included ranges): node positions are those of the
 * whole text, given here as the range's start and end points (rows and UTF-16 columns).
 */
export function parseGoRange(parser: Parser, text: string, start: number, end: number, startPosition: Point, endPosition: Point): Tree {
  const tree = parser.parse(text, null, { includedRanges: [{ startIndex: start, endIndex: end, startPosition, endPosition }] });
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

export type { Tree, Node as SyntaxNode, Parser } from 'web-tree-sitter';
