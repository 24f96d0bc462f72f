// Unit tests of analysis/syntax: declarations and scopes, type resolution, reflexivity, storage.
import * as assert from 'assert';
import type { ParsedFile } from '../server/src/analysis/types';
import { parseGo, type SyntaxNode } from '../server/src/parse/parser';
import { PackageIndex } from '../server/src/analysis/syntax/scope';
import { TypeResolver } from '../server/src/analysis/syntax/resolve';
import { reflexivity, underlying, type GoType } from '../server/src/analysis/syntax/gotypes';
import { storageOf } from '../server/src/analysis/syntax/storage';
import { isPooled } from '../server/src/analysis/syntax/pooled';
import { walk } from '../server/src/analysis/syntax/nodes';
import { goParser } from './analysistest';

async function parse(path: string, text: string): Promise<ParsedFile> {
  return { path, text, tree: parseGo(await goParser(), text) };
}

/** The range expressions of the file's for-range loops, in order: what the tests ask about. */
function rangedExprs(f: ParsedFile): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(f.tree.rootNode, (n) => { if (n.type === 'range_clause') out.push(n.childForFieldName('right')!); });
  return out;
}

function describeType(t: GoType): string {
  const u = underlying(t);
  return u.kind === 'map' ? `map key ${underlying(u.key).kind}` : u.kind;
}

const MAIN = `package p

import (
	"sync"
	tm "time"
	"net/netip"
)

type Key float64
type Cache map[Key]int
type Pair struct{ A int; B [2]float32 }
type Named interface{ M() }
type Inner struct{ counts map[string]int }
type Outer struct{ *Inner; direct map[int]int }

var pkg = make(map[tm.Duration]bool)
var pool sync.Pool

func f(param map[Pair]int, o *Outer, c Cache) {
	for k := range pkg {}
	for k := range param {}
	for k := range o.counts {}
	for k := range o.direct {}
	for k := range c {}
	local := map[netip.Addr]int{}
	for k := range local {}
	pkg := map[Named]int{}
	for k := range pkg {}
	{
		pkg := []int{}
		for k := range pkg {}
	}
	for k := range pkg {}
	var e map[error]int
	for k := range e {}
	for k := range other {}
	for k := range (o.Inner.counts) {}
}

func release(o *Outer) { pool.Put(o.Inner) }
`;

const OTHER = `package p

var other map[[3]struct{ s string; f complex64 }]bool
`;

describe('analysis/syntax', () => {
  let file: ParsedFile;
  let resolver: TypeResolver;
  let index: PackageIndex;
  let exprs: SyntaxNode[];

  before(async () => {
    file = await parse('main.go', MAIN);
    index = new PackageIndex(file, [await parse('other.go', OTHER)]);
    resolver = new TypeResolver(index);
    exprs = rangedExprs(file);
  });

  const cases: [number, string, string, string][] = [
    // [loop index, resolved type, key reflexivity, storage]
    [0, 'map key basic', 'reflexive', 'package'],        // time.Duration via an aliased import
    [1, 'map key struct', 'nonreflexive', 'parameter'],   // Pair holds [2]float32
    [2, 'map key basic', 'reflexive', 'field'],           // promoted through embedded *Inner
    [3, 'map key basic', 'reflexive', 'field'],
    [4, 'map key basic', 'nonreflexive', 'parameter'],    // Cache -> map[Key]int, Key -> float64
    [5, 'map key unknown', 'unknown', 'local'],           // netip.Addr: another package
    [6, 'map key interface', 'nonreflexive', 'local'],    // local pkg shadows the package var
    [7, 'slice', 'reflexive', 'local'],                   // inner block: a slice
    [8, 'map key interface', 'nonreflexive', 'local'],    // after the block: the outer local again
    [9, 'map key interface', 'nonreflexive', 'local'],    // error is an interface
    [10, 'map key array', 'nonreflexive', 'package'],     // declared in the other file
    [11, 'map key basic', 'reflexive', 'field'],          // parenthesized selector chain
  ];
  for (const [i, type, refl, storage] of cases) {
    it(`loop ${i}: ${type}, ${refl}, ${storage}`, () => {
      const e = exprs[i];
      const t = resolver.typeOfExpr(e).type;
      assert.strictEqual(describeType(t), type, e.text);
      const u = underlying(t);
      if (u.kind === 'map') assert.strictEqual(reflexivity(u.key), refl, e.text);
      assert.strictEqual(storageOf(e, index), storage, e.text);
    });
  }

  it('keeps the spelled type for fixes: make(Cache), make(map[tm.Duration]bool)', () => {
    assert.strictEqual(resolver.typeOfExpr(exprs[4]).typeNode?.text, 'Cache');
    assert.strictEqual(resolver.typeOfExpr(exprs[0]).typeNode?.text, 'map[tm.Duration]bool');
  });

  it('sees a map handed to a sync.Pool through the struct that holds it', () => {
    assert.strictEqual(isPooled(exprs[2], resolver), true);  // o.counts: Inner is Put
    assert.strictEqual(isPooled(exprs[3], resolver), false); // o.direct: Outer is not
    assert.strictEqual(isPooled(exprs[0], resolver), false);
  });

  it('reflexivity of basic and composite types', () => {
    const basic = (name: string) => ({ kind: 'basic', name }) as GoType;
    assert.strictEqual(reflexivity(basic('string')), 'reflexive');
    assert.strictEqual(reflexivity(basic('complex64')), 'nonreflexive');
    assert.strictEqual(reflexivity({ kind: 'pointer', elem: basic('float64') }), 'reflexive');
    assert.strictEqual(reflexivity({ kind: 'array', elem: { kind: 'typeparam', name: 'K' } }), 'unknown');
    assert.strictEqual(reflexivity({ kind: 'struct', fields: () => [
      { name: 'a', type: { kind: 'unknown', why: 'x' }, embedded: false },
      { name: 'b', type: { kind: 'interface' }, embedded: false },
    ] }), 'nonreflexive', 'a known non-reflexive field decides even beside an unknown one');
  });

  it('a recursive named type resolves without looping', async () => {
    const f = await parse('rec.go', 'package p\ntype node struct{ next *node; m map[*node]int }\nfunc g(n node) { for k := range n.next.next.m {} }\n');
    const r = new TypeResolver(new PackageIndex(f, []));
    const t = underlying(r.typeOfExpr(rangedExprs(f)[0]).type);
    assert.strictEqual(t.kind, 'map');
    if (t.kind === 'map') assert.strictEqual(reflexivity(t.key), 'reflexive');
  });
});
