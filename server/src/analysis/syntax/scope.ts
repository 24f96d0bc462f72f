// Declarations and scopes: which declaration a name refers to at a point of a file, following
// Go's block scoping (the nearest declaration before the use wins; inner blocks shadow outer
// ones), then the package block (every file of the package), then the file's imports.
import type { SyntaxNode } from '../../parse/parser';
import type { ParsedFile } from '../types';
import { ancestorsOf, codeKids, field, fields, hasToken, kids } from './nodes';

export type DeclKind = 'var' | 'const' | 'type' | 'func' | 'import' | 'typeparam';
/** Where a variable lives: this is what decides whether reassigning it releases anything. */
export type Binding = 'local' | 'parameter' | 'receiver' | 'result' | 'package';

export interface Decl {
  name: string;
  kind: DeclKind;
  binding: Binding;
  nameNode: SyntaxNode;
  /** The declaration's explicit type expression (var x T, parameters, fields of type specs). */
  typeNode?: SyntaxNode;
  /** The initializer of this name when there is one value per name (`a, b := 1, 2`). */
  valueNode?: SyntaxNode;
  /** `a, b := f()`: the one multi-value initializer and this name's position in it. */
  tupleValue?: { node: SyntaxNode; index: number };
  /** Declared by `for k, v := range X`: X and whether this is the key (0) or the value (1). */
  rangeOver?: { node: SyntaxNode; index: number };
  /** For types: the type_spec or type_alias node. For imports: the import path. */
  spec?: SyntaxNode;
  importPath?: string;
}

/**
 * A file's imports and top-level declarations, read once per syntax tree: every file of a package
 * builds an index over all its siblings, and walking each sibling's tree again cost tens of
 * milliseconds per file in large packages (net/http).
 */
interface TopLevel { imports: Map<string, Decl>; decls: Decl[]; methods: SyntaxNode[] }
const topLevelByTree = new WeakMap<object, TopLevel>();

function topLevelOf(f: ParsedFile): TopLevel {
  let t = topLevelByTree.get(f.tree);
  if (!t) {
    t = { imports: new Map(), decls: [], methods: [] };
    for (const d of kids(f.tree.rootNode)) {
      if (d.type === 'import_declaration') for (const imp of importDecls(d)) t.imports.set(imp.name, imp);
      else if (d.type === 'method_declaration') t.methods.push(d);
      // A broken file's methods may sit inside an ERROR node at the top.
      else if (d.type === 'ERROR') t.methods.push(...d.descendantsOfType('method_declaration').filter((m): m is SyntaxNode => m !== null));
      else t.decls.push(...declsOf(d, 'package'));
    }
    topLevelByTree.set(f.tree, t);
  }
  return t;
}

/** The package block and each file's imports, built once per analysis pass. */
export class PackageIndex {
  private top = new Map<string, Decl>();
  // Weak: reparsed() adds a short-lived tree per edit to an index kept across edits.
  private importsByTree = new WeakMap<object, Map<string, Decl>>();
  private fileByTree = new WeakMap<object, ParsedFile>();

  constructor(readonly file: ParsedFile, readonly siblings: readonly ParsedFile[]) {
    for (const f of [file, ...siblings]) {
      this.fileByTree.set(f.tree, f);
      const { imports, decls } = topLevelOf(f);
      this.importsByTree.set(f.tree, imports);
      for (const decl of decls) if (!this.top.has(decl.name)) this.top.set(decl.name, decl);
    }
  }

  /**
   * `part`'s tree holds one function of `whole` (an indexed file) parsed again alone: its nodes
   * read their text from `part` and see `whole`'s imports. The package's declarations stay
   * `whole`'s, which holds the same ones (lsp/incremental.ts statementDigest).
   */
  reparsed(part: ParsedFile, whole: ParsedFile): void {
    const imports = this.importsByTree.get(whole.tree);
    if (!imports || this.fileByTree.has(part.tree)) return;
    this.fileByTree.set(part.tree, part);
    this.importsByTree.set(part.tree, imports);
  }

  /** Every file of the package, the analyzed one first. */
  get files(): ParsedFile[] { return [this.file, ...this.siblings]; }

  fileOf(n: SyntaxNode): ParsedFile | undefined { return this.fileByTree.get(n.tree); }

  packageDecl(name: string): Decl | undefined { return this.top.get(name); }

  /** The method declarations of every file of the package (methods are top-level only). */
  methods(): SyntaxNode[] { return this.files.flatMap((f) => topLevelOf(f).methods); }

  importOf(at: SyntaxNode, name: string): Decl | undefined { return this.importsByTree.get(at.tree)?.get(name); }

  /** The import path a package name stands for in the file of `at`. */
  importPath(at: SyntaxNode, name: string): string | undefined { return this.importOf(at, name)?.importPath; }

  /** The declaration `name` refers to at `at`, or undefined (predeclared or not in this package). */
  lookup(name: string, at: SyntaxNode): Decl | undefined {
    if (name === '_') return undefined;
    return lookupLocal(name, at) ?? this.top.get(name) ?? this.importOf(at, name);
  }
}

function importDecls(d: SyntaxNode): Decl[] {
  const specs: SyntaxNode[] = [];
  for (const c of kids(d)) {
    if (c.type === 'import_spec') specs.push(c);
    else if (c.type === 'import_spec_list') specs.push(...kids(c).filter((s) => s.type === 'import_spec'));
  }
  const out: Decl[] = [];
  for (const s of specs) {
    const pathNode = field(s, 'path');
    if (!pathNode) continue;
    const importPath = pathNode.text.slice(1, -1);
    const alias = field(s, 'name');
    if (alias && (alias.type === 'dot' || alias.type === 'blank_identifier' || alias.text === '_' || alias.text === '.')) continue;
    // Without an alias the package name is (by convention) the path's last element.
    const name = alias?.text ?? importPath.slice(importPath.lastIndexOf('/') + 1);
    out.push({ name, kind: 'import', binding: 'package', nameNode: alias ?? pathNode, importPath });
  }
  return out;
}

function specsOf(d: SyntaxNode, specType: string, listType: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of kids(d)) {
    if (c.type === specType) out.push(c);
    else if (c.type === listType) out.push(...kids(c).filter((s) => s.type === specType));
  }
  return out;
}

/** Names and initializers of `a, b = x, y` / `a, b := f()` shaped declarations. */
function valueDecls(names: SyntaxNode[], values: SyntaxNode[], base: Omit<Decl, 'name' | 'nameNode'>): Decl[] {
  return names.filter((n) => n.type === 'identifier').map((n, i) => {
    const d: Decl = { ...base, name: n.text, nameNode: n };
    if (values.length === names.length) d.valueNode = values[i];
    else if (values.length === 1) d.tupleValue = { node: values[0], index: i };
    return d;
  });
}

/** Declarations a statement (or top-level declaration) introduces into its enclosing block. */
export function declsOf(stmt: SyntaxNode, binding: Binding): Decl[] {
  switch (stmt.type) {
    case 'var_declaration':
    case 'const_declaration': {
      const kind = stmt.type === 'var_declaration' ? 'var' : 'const';
      const specs = specsOf(stmt, kind === 'var' ? 'var_spec' : 'const_spec', kind === 'var' ? 'var_spec_list' : 'const_spec_list');
      return specs.flatMap((s) => {
        const value = field(s, 'value');
        return valueDecls(fields(s, 'name'), value ? codeKids(value) : [], { kind, binding, typeNode: field(s, 'type') });
      });
    }
    case 'short_var_declaration': {
      const left = field(stmt, 'left');
      const right = field(stmt, 'right');
      return valueDecls(left ? codeKids(left) : [], right ? codeKids(right) : [], { kind: 'var', binding });
    }
    case 'type_declaration':
      return specsOf(stmt, 'type_spec', 'type_spec_list').concat(specsOf(stmt, 'type_alias', 'type_spec_list')).flatMap((s) => {
        const name = field(s, 'name');
        return name ? [{ name: name.text, kind: 'type' as const, binding, nameNode: name, spec: s, typeNode: field(s, 'type') }] : [];
      });
    case 'function_declaration': {
      const name = field(stmt, 'name');
      return name ? [{ name: name.text, kind: 'func', binding, nameNode: name, spec: stmt }] : [];
    }
    default:
      return [];
  }
}

/** Parameters, receiver, results and type parameters of a function, method or literal. */
function signatureDecls(fn: SyntaxNode): Decl[] {
  const out: Decl[] = [];
  const add = (list: SyntaxNode | undefined, binding: Binding) => {
    if (!list || list.type !== 'parameter_list') return;
    for (const p of kids(list)) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      const t = field(p, 'type');
      for (const n of fields(p, 'name')) {
        // A variadic `xs ...T` is a []T; we keep the element type node and mark nothing more: callers ask for maps.
        out.push({ name: n.text, kind: 'var', binding, nameNode: n, typeNode: p.type === 'parameter_declaration' ? t : undefined });
      }
    }
  };
  add(field(fn, 'receiver'), 'receiver');
  add(field(fn, 'parameters'), 'parameter');
  add(field(fn, 'result'), 'result');
  out.push(...typeParamDecls(field(fn, 'type_parameters')));
  return out;
}

function typeParamDecls(list: SyntaxNode | undefined): Decl[] {
  if (!list) return [];
  return kids(list).filter((p) => p.type === 'type_parameter_declaration')
    .flatMap((p) => fields(p, 'name').map((n) => ({ name: n.text, kind: 'typeparam' as const, binding: 'local' as const, nameNode: n })));
}

/** Declarations a for/if/switch header makes visible in the part `inner` of that statement. */
function headerDecls(stmt: SyntaxNode, inner: SyntaxNode): Decl[] {
  const initializer = field(stmt, 'initializer');
  switch (stmt.type) {
    case 'for_statement': {
      const body = field(stmt, 'body');
      const header = codeKids(stmt).find((c) => c.type === 'range_clause' || c.type === 'for_clause');
      if (!header) return [];
      if (header.type === 'range_clause') {
        if (!body || !sameSpan(body, inner) || !hasToken(header, ':=')) return [];
        const left = field(header, 'left');
        const right = field(header, 'right');
        if (!left || !right) return [];
        return codeKids(left).filter((n) => n.type === 'identifier')
          .map((n, index) => ({ name: n.text, kind: 'var' as const, binding: 'local' as const, nameNode: n, rangeOver: { node: right, index } }));
      }
      const init = field(header, 'initializer');
      return init && !sameSpan(init, inner) ? declsOf(init, 'local') : [];
    }
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const out = initializer && !sameSpan(initializer, inner) ? declsOf(initializer, 'local') : [];
      const alias = stmt.type === 'type_switch_statement' ? field(stmt, 'alias') : undefined;
      // The switch variable has the case's type inside each clause; we do not track it (unknown type).
      if (alias && (inner.type === 'type_case' || inner.type === 'default_case')) {
        for (const n of codeKids(alias)) out.push({ name: n.text, kind: 'var', binding: 'local', nameNode: n });
      }
      return out;
    }
    case 'communication_case': {
      const comm = field(stmt, 'communication');
      if (!comm || comm.type !== 'receive_statement' || sameSpan(comm, inner) || !hasToken(comm, ':=')) return [];
      const left = field(comm, 'left');
      return left ? codeKids(left).map((n) => ({ name: n.text, kind: 'var' as const, binding: 'local' as const, nameNode: n })) : [];
    }
    default:
      return [];
  }
}

function sameSpan(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

type BlockDecls = Map<string, { start: number; decl: Decl }[]>;
/** Per tree and block, its statements' declarations by name in source order. */
const blockCache = new WeakMap<object, Map<string, BlockDecls>>();

/** The declarations of a block's statements, read once: a use in a block of n statements would otherwise cost O(n). */
function blockDecls(block: SyntaxNode): BlockDecls {
  let byBlock = blockCache.get(block.tree);
  if (!byBlock) blockCache.set(block.tree, (byBlock = new Map()));
  const key = `${block.type}:${block.startIndex}:${block.endIndex}`;
  let out = byBlock.get(key);
  if (!out) {
    out = new Map();
    for (const stmt of codeKids(block)) {
      for (const decl of declsOf(stmt, 'local')) {
        let list = out.get(decl.name);
        if (!list) out.set(decl.name, (list = []));
        list.push({ start: stmt.startIndex, decl });
      }
    }
    byBlock.set(key, out);
  }
  return out;
}

/** The nearest enclosing-block declaration of `name` visible at `at`, up to the function. */
function lookupLocal(name: string, at: SyntaxNode): Decl | undefined {
  // The ancestors in one walk down from the root: each `.parent` is a walk down in web-tree-sitter,
  // so climbing from a node 30,000 deep (a long selector chain) cost seconds (issue 16).
  const up = ancestorsOf(at);
  let cur = at;
  for (let i = up.length - 1, p = up[i]; i >= 0; cur = p, p = up[--i]) {
    if (p.type === 'source_file') return undefined;
    if (p.type === 'statement_list' || p.type === 'block') {
      const before = cur.startIndex;
      let hit: Decl | undefined;
      for (const e of blockDecls(p).get(name) ?? []) {
        if (e.start >= before) break;
        hit = e.decl; // the last one before the use
      }
      if (hit) return hit;
      continue;
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') {
      // A function's parameters are not in scope in its own signature's other parts except for
      // types, but a name used in the body sees them all.
      const hit = signatureDecls(p).find((d) => d.name === name);
      if (hit) return hit;
      if (p.type !== 'func_literal') return undefined;
      continue;
    }
    if (p.type === 'type_spec') {
      const hit = typeParamDecls(field(p, 'type_parameters')).find((d) => d.name === name);
      if (hit) return hit;
      continue;
    }
    const hit = headerDecls(p, cur).find((d) => d.name === name);
    if (hit) return hit;
  }
  return undefined;
}
