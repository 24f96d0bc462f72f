// Whether a store runs per item, and so whether its allocation matters (ifacebox; DESIGN.md
// "Impact"). Measured on real trees (bench/realworld): most boxing stores are right but not worth
// a change, and what marks them can be read from the code around the store:
//   - one-time code: package initializers, init(), main's straight-line start, sync.Once: no finding;
//   - one store per call (not in a loop): a hint;
//   - in a loop, but on its way out of it (a return, panic or break follows), on a failure branch
//     (`if err != nil`), behind a debug switch, in a diagnostic method (String, Error, Describe...),
//     or in a loop over a handful of literal elements: a hint;
//   - a payload: a map literal built for a call, or a map handed to an encoder, logger or template
//     (json.Marshal, Encode, Execute, Printf, Info...): the box is a few bytes beside that work: a hint;
//   - otherwise, in a loop (or a callback a walker calls per item): a warning.
import type { SyntaxNode } from '../parse/parser';
import type { Impact, ParsedFile } from './types';
import { callSites } from './syntax/candidates';
import { codeKids, contains, field, sameNode, unparen, walk } from './syntax/nodes';
import type { TypeResolver } from './syntax/resolve';

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

// Callees that run a callback once per item.
const PER_ITEM_CALLBACKS = /^(Walk|WalkDir|Range|ForEach|Each|Visit|Inspect|Iterate|Scan)$/;
// Callees whose callback runs once: sync.Once.Do and friends.
const ONCE_CALLBACKS = /^(Do|OnceFunc|OnceValue|OnceValues)$/;
// Methods that describe a value, for people: not a per-item path of the program.
const DIAGNOSTIC_FUNCS = /^(String|GoString|Error|Format|[Mm]arshal\w*|[Dd]escri\w*|[Ee]xplain\w*|[Dd]ump\w*|[Dd]ebug\w*|[Pp]rint\w*|[Ll]og\w*|[Rr]eport\w*|[Ii]nspect\w*)$/;
// Builtins that keep or copy what they are handed: a literal appended is stored, not consumed.
const BUILTIN_STORES = /^(append|copy)$/;
// A callee that encodes, formats, logs or reports what it is handed.
// (matched on the name with its first letter upper-cased: `logAnomaly` is a logger too)
const ENCODERS = /(Marshal|Encode|Execute|Render|Sprint|Fprint|Print|Errorf|Log|Info|Warn|Error|Debug|Trace|Fatal|Panic|Emit|Event|Publish|Notify|Send|Write|JSON|YAML|XML|Template|With|Fields|Call|Invoke|Request|Respond|Reply)/;
const ENCODER_PACKAGES = /^(fmt|log|slog|json|yaml|toml|xml|template|zap|logrus|klog|glog)$/;
// A callee that only checks or reports: an assertion, a test failure, a log line, a panic.
const REPORTERS = /(Assert|Unreachable|Reachable|Always|Sometimes|Verify|Fatal|Error|Fail|Panic|Log|Warn|Info|Debug|Trace|Print|Report|Record|Emit|Event)|^panic$/;
const DEBUG_SWITCH = /(^|[^A-Za-z])([Dd]ebug|[Vv]erbose|[Tt]race|[Dd]ump)|\.V\(|\bEnabled\(/;
const FAILURE = /\berr\w*\s*!=\s*nil\b|\bnil\s*!=\s*err\w*\b/;

/** The top-level function or method declaration around n. */
function topFunction(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return undefined;
}

// A function that handles a failure: its code runs when something went wrong.
const ERROR_FUNCS = /err|fail|abort|panic|fatal|crash|recover|violat/i;
// Assertions that take their condition as an argument (the Antithesis SDK's Always, Sometimes...).
const CONDITIONAL_ASSERT = /^(Always|Sometimes)\w*$/;
// A call that reports a state the code says cannot happen.
const UNREACHABLE = /^(Unreachable|Fatal\w*|Panic\w*|panic|Must\w*Not\w*)$/;

// Debugging code: a file, directory or function named for it.
const DEBUG_NAMES = /debug/i;
// Configuration code runs when the configuration loads, not per item.
const CONFIG_NAMES = /config|setting|option|provision|setup|flags$/i;

/** Debugging code: the function, the file or its package directory is named for it. */
function debugCode(filePath: string, fnName: string | undefined): string | undefined {
  if (fnName && DEBUG_NAMES.test(fnName)) return `in ${fnName}(), debugging code`;
  const [dir, file] = filePath.split(/[\\/]/).slice(-2);
  if (file && DEBUG_NAMES.test(file)) return `in ${file}, debugging code`;
  return dir && DEBUG_NAMES.test(dir) ? `in the package ${dir}, debugging code` : undefined;
}

function configCode(fnName: string | undefined): string | undefined {
  return fnName && CONFIG_NAMES.test(fnName) ? `in ${fnName}(), configuration code run when it loads` : undefined;
}

/** The innermost function (declaration, method or literal) around n. */
function functionOf(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return undefined;
}

/** The name of the declaration around n (a literal's enclosing declaration). */
function declarationName(n: SyntaxNode): { name?: string; method: boolean } {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration') return { name: field(p, 'name')?.text, method: false };
    if (p.type === 'method_declaration') return { name: field(p, 'name')?.text, method: true };
  }
  return { method: false };
}

/** The callee's last name: `json.Marshal` -> Marshal, `s.log.Info` -> Info, `f` -> f. */
function calleeName(call: SyntaxNode): string {
  const fn = field(call, 'function');
  const f = fn && unparen(fn);
  if (!f) return '';
  if (f.type === 'selector_expression') return field(f, 'field')?.text ?? '';
  return f.type === 'identifier' ? f.text : '';
}

function calleeText(call: SyntaxNode): string {
  const t = field(call, 'function')?.text.replace(/\s+/g, '') ?? 'a call';
  return t.length > 40 ? t.slice(0, 39) + '…' : t;
}

/** Whether the call's callee encodes, formats or logs (by name, or by its package: fmt.X, json.X). */
export function isEncoder(call: SyntaxNode): boolean {
  const fn = field(call, 'function');
  const f = fn && unparen(fn);
  if (f?.type === 'selector_expression') {
    const operand = field(f, 'operand');
    if (operand?.type === 'identifier' && ENCODER_PACKAGES.test(operand.text)) return true;
  }
  return ENCODERS.test(upperFirst(calleeName(call)));
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Whether a block only reports: its statements are calls to assertions, loggers or panic, and
 * returns, breaks or continues. Code that runs there handles a rare case (an invariant broken, a
 * failure), whatever its condition reads.
 */
function onlyReports(block: SyntaxNode): boolean {
  const list = codeKids(block).find((c) => c.type === 'statement_list');
  const stmts = list ? codeKids(list) : [];
  let reports = 0;
  for (const st of stmts) {
    if (['return_statement', 'break_statement', 'continue_statement'].includes(st.type)) continue;
    const call = st.type === 'expression_statement' ? codeKids(st)[0] : undefined;
    if (call?.type !== 'call_expression') return false;
    const name = calleeName(call);
    // A conditional assertion (Always(cond, ...), Sometimes(...)) checks on every pass: its
    // arguments, the details map included, are built each time, not only when something broke.
    if (CONDITIONAL_ASSERT.test(name)) return false;
    if (!REPORTERS.test(name === 'panic' ? name : upperFirst(name)) && !isEncoder(call)) return false;
    reports++;
  }
  return reports > 0;
}

/**
 * The loop whose iterations run the store, and how: a `for` of its function (closures called where
 * they are written count as their surroundings), or a walker's callback. Undefined when it runs
 * once per call of its function.
 */
function perItem(n: SyntaxNode): { loop: SyntaxNode; how: string } | undefined {
  let cur = n;
  for (let p = n.parent; p; cur = p, p = p.parent) {
    if (p.type === 'for_statement') {
      const body = field(p, 'body');
      if (body && body.startIndex === cur.startIndex && body.endIndex === cur.endIndex) return { loop: p, how: loopHeader(p) };
    }
    if (p.type === 'func_literal') {
      const call = p.parent?.type === 'argument_list' ? p.parent.parent : p.parent;
      const inPlace = call?.type === 'call_expression' && field(call, 'function')?.startIndex === p.startIndex;
      if (inPlace) continue;
      if (call?.type === 'call_expression' && PER_ITEM_CALLBACKS.test(calleeName(call))) return { loop: p, how: `in the callback ${calleeText(call)} calls per item` };
      return undefined;
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
  }
  return undefined;
}

function loopHeader(loop: SyntaxNode): string {
  const header = codeKids(loop).find((c) => c.type === 'range_clause' || c.type === 'for_clause');
  const over = header?.type === 'range_clause' ? field(header, 'right')?.text.replace(/\s+/g, ' ') : undefined;
  return over ? `in a loop over ${over.length > 30 ? over.slice(0, 29) + '…' : over}` : 'in a loop';
}

/** Whether the code runs once: package initializers, init(), sync.Once callbacks, main's straight line. */
function oneTime(n: SyntaxNode, inLoop: boolean): string | undefined {
  const fn = functionOf(n);
  if (!fn) return 'a package-level initializer, run once';
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal') {
      const call = p.parent?.type === 'argument_list' ? p.parent.parent : undefined;
      if (call?.type === 'call_expression' && ONCE_CALLBACKS.test(calleeName(call))) return `in a callback of ${calleeText(call)}, run once`;
    }
    if (p.type === 'function_declaration') {
      const name = field(p, 'name')?.text;
      if (name === 'init') return 'in init(), run once';
      if (name === 'main' && !inLoop && p.tree.rootNode.text.match(/^package\s+main\b/m)) return "in main's straight-line start, run once";
    }
  }
  return undefined;
}

const TERMINATING_CALL = /^(panic|Exit|Fatal|Fatalf|Fatalln|FailNow|Goexit|Skip|Skipf|SkipNow)$/;

/** A statement after which the loop does not go on: return, panic, os.Exit, log.Fatal, a break of the loop, goto. */
function leavesLoop(stmt: SyntaxNode, loop: SyntaxNode): boolean {
  if (stmt.type === 'return_statement' || stmt.type === 'goto_statement') return true;
  if (stmt.type === 'break_statement') {
    if (codeKids(stmt).length) return true; // a labelled break leaves an enclosing loop
    for (let p = stmt.parent; p && !sameNode(p, loop); p = p.parent) {
      if (['expression_switch_statement', 'type_switch_statement', 'select_statement', 'for_statement'].includes(p.type)) return p.startIndex === loop.startIndex;
    }
    return true;
  }
  if (stmt.type === 'expression_statement') {
    const call = codeKids(stmt)[0];
    return call?.type === 'call_expression' && TERMINATING_CALL.test(calleeName(call));
  }
  return false;
}

/** Whether, from n up to the loop body, the path goes out of the loop right after (so it runs at most once). */
function onWayOut(n: SyntaxNode, loop: SyntaxNode): string | undefined {
  let cur = n;
  for (let p = n.parent; p && !sameNode(p, loop); cur = p, p = p.parent) {
    if (p.type === 'return_statement') return 'in a return statement: it runs once, as the loop ends';
    if (p.type !== 'statement_list' && p.type !== 'block') continue;
    const stmts = codeKids(p);
    const at = stmts.findIndex((s) => s.startIndex === cur.startIndex);
    const after = at >= 0 ? stmts.slice(at + 1) : [];
    const out = after.find((s) => leavesLoop(s, loop));
    if (out) return `followed by ${out.text.split('\n')[0].trim().slice(0, 30)}: it runs at most once per call`;
    if (p.startIndex === field(loop, 'body')?.startIndex) break;
  }
  return undefined;
}

/** An `if` between n and the loop whose condition is a failure check or a debug switch. */
function coldBranch(n: SyntaxNode, loop: SyntaxNode | undefined): string | undefined {
  let cur = n;
  for (let p = n.parent; p && !(loop && sameNode(p, loop)); cur = p, p = p.parent) {
    if (FUNCTIONS.has(p.type)) break;
    if (p.type !== 'if_statement') continue;
    const cond = field(p, 'condition');
    const consequence = field(p, 'consequence');
    const alternative = field(p, 'alternative');
    if (alternative?.type === 'block' && contains(alternative, cur) && onlyReports(alternative)) return `on a branch that only reports (the else of if ${(cond?.text ?? '').replace(/\s+/g, ' ').slice(0, 40)})`;
    if (!cond || !consequence || !contains(consequence, cur)) continue;
    const text = cond.text.replace(/\s+/g, ' ');
    if (FAILURE.test(text)) return `on a failure branch (if ${text.slice(0, 40)})`;
    if (DEBUG_SWITCH.test(text)) return `behind a debug switch (if ${text.slice(0, 40)})`;
    if (onlyReports(consequence)) return `on a branch that only reports (if ${text.slice(0, 40)})`;
  }
  return undefined;
}

/** The map is an argument of a call that reports a state the code says cannot happen (assert.Unreachable, log.Fatal, panic). */
function reportedUnreachable(n: SyntaxNode): string | undefined {
  for (let p = n.parent; p && !FUNCTIONS.has(p.type); p = p.parent) {
    if (p.type === 'call_expression' && UNREACHABLE.test(calleeName(p))) return `reported by ${calleeText(p)}, for a state the code says cannot happen`;
    if (p.type.endsWith('statement')) break;
  }
  return undefined;
}

/** A loop over a handful of literal elements, or counted to a small constant. */
function fewIterations(loop: SyntaxNode): string | undefined {
  const header = codeKids(loop).find((c) => c.type === 'range_clause' || c.type === 'for_clause');
  if (header?.type === 'range_clause') {
    const over = field(header, 'right');
    const body = over && unparen(over).type === 'composite_literal' ? field(unparen(over), 'body') : undefined;
    if (body && codeKids(body).length <= 16) return `the loop runs over ${codeKids(body).length} literal elements`;
  }
  if (header?.type === 'for_clause') {
    const cond = field(header, 'condition');
    const m = cond && /^\s*\w+\s*<=?\s*(\d+)\s*$/.exec(cond.text);
    if (m && Number(m[1]) <= 16) return `the loop runs ${m[1]} times`;
  }
  return undefined;
}

/** Where a map goes in its function: handed to an encoder, returned, or built as a call's argument. */
interface Destination { kind: 'encoder' | 'returned'; at: SyntaxNode }

// Names of functions whose result is an encoding or a payload for one.
const ENCODING_FUNCS = /([Ee]ncode|[Mm]arshal|[Ss]eriali[sz]e|JSON|Json|YAML|Yaml|[Rr]ender|[Tt]oMap|[Aa]sMap)/;
const MAX_FLOW = 64;

/**
 * Follows a map through its top-level function, the way a reviewer reads it: into the locals it
 * is assigned to, the containers it is stored or appended in, up to an encoder call (json.Marshal,
 * Encode, Printf...), a return (the caller gets a payload), or a call it was built for (a literal
 * argument). Stored into a field or anything else: no destination (it stays, as a data structure).
 */
function destinationOf(start: SyntaxNode, top: SyntaxNode, resolver: TypeResolver): Destination | undefined {
  const seen = new Set<string>();
  const queue: SyntaxNode[] = [];
  /** The uses of the local `id` names (a use, or the name being declared: `x := ...`, `var x = ...`). */
  const usesOf = (id: SyntaxNode): SyntaxNode[] => {
    const decl = resolver.index.lookup(id.text, id);
    const defining = id.parent?.parent?.type === 'short_var_declaration' || id.parent?.type === 'var_spec';
    const at = decl && decl.binding === 'local' ? decl.nameNode.startIndex : defining ? id.startIndex : undefined;
    if (at === undefined || at < top.startIndex || at > top.endIndex) return [];
    const out: SyntaxNode[] = [];
    walk(top, (n) => {
      if (n.type === 'identifier' && n.text === id.text && n.startIndex !== at && resolver.index.lookup(n.text, n)?.nameNode.startIndex === at) out.push(n);
    });
    return out;
  };
  // A local map: every use of it; a literal: itself.
  queue.push(...(start.type === 'identifier' ? usesOf(start) : [start]));
  for (let steps = 0; queue.length && steps < MAX_FLOW; steps++) {
    let v = queue.shift()!;
    const key = `${v.startIndex}:${v.endIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Up through what keeps the value as it is: parentheses, &, an outer literal holding it.
    for (let p = v.parent; p && ['parenthesized_expression', 'literal_element', 'keyed_element', 'literal_value', 'composite_literal', 'unary_expression', 'variadic_argument'].includes(p.type); p = p.parent) {
      if (p.type === 'unary_expression' && field(p, 'operator')?.text !== '&') break;
      if (p.type === 'keyed_element' && codeKids(p)[0] && contains(codeKids(p)[0], v)) break; // a key, not a value
      v = p;
    }
    const p = v.parent;
    if (!p) continue;
    if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
      const call = p.parent;
      if (BUILTIN_STORES.test(field(call, 'function')?.text ?? '')) { queue.push(call); continue; }
      if (isEncoder(call)) return { kind: 'encoder', at: call };
      continue;
    }
    if (p.type === 'expression_list' && p.parent?.type === 'return_statement') {
      if (functionOf(p.parent) && sameNode(functionOf(p.parent)!, top)) return { kind: 'returned', at: p.parent };
      continue;
    }
    if (p.type === 'expression_list' && (p.parent?.type === 'assignment_statement' || p.parent?.type === 'short_var_declaration') &&
      field(p.parent, 'right')?.startIndex === p.startIndex) {
      const rights = codeKids(p);
      const lefts = codeKids(field(p.parent, 'left')!);
      const left = lefts.length === rights.length ? unparen(lefts[rights.findIndex((r) => r.startIndex === v.startIndex)]) : undefined;
      // `y = v`, `y := v`, `y[k] = v`: y now holds the map.
      const holder = left?.type === 'identifier' ? left : left?.type === 'index_expression' ? unparen(field(left, 'operand') ?? left) : undefined;
      if (holder?.type === 'identifier') queue.push(...usesOf(holder));
      continue;
    }
    if (p.type === 'expression_list' && p.parent?.type === 'var_spec') {
      const name = field(p.parent, 'name');
      if (name) queue.push(...usesOf(name));
      continue;
    }
    if (v.type === 'identifier' && p.type === 'index_expression' && field(p, 'operand')?.startIndex === v.startIndex) continue; // a read or a store into it
  }
  return undefined;
}

/**
 * Whether the function `top` runs per item: a call of it in the package sits in a loop (or in a
 * function called so, one level up), not on a cold branch. How, in words, or undefined.
 */
function calledPerItem(top: SyntaxNode, files: readonly ParsedFile[], depth = 0, seen = new Set<string>()): string | undefined {
  const name = field(top, 'name')?.text;
  const method = top.type === 'method_declaration';
  if (!name || name === 'main' || name === 'init') return undefined;
  const key = `${method ? '.' : ''}${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  for (const f of files) {
    for (const call of callSites(f, name, method)) {
      const caller = topFunction(call);
      if (caller && sameNode(caller, top)) continue; // recursion is not a caller
      const item = perItem(call);
      if (item) {
        const loop = item.loop.type === 'for_statement' ? item.loop : undefined;
        if (coldBranch(call, item.loop) || (loop && (onWayOut(call, loop) || fewIterations(loop)))) continue;
        return `${name}() is called per item: ${item.how}${caller ? ` in ${field(caller, 'name')?.text}()` : ''}`;
      }
      if (caller && depth < 1) {
        const up = calledPerItem(caller, files, depth + 1, seen);
        if (up) return `${name}() is called by ${up}`;
      }
    }
  }
  return undefined;
}

export interface StoreImpact {
  impact: Impact;
  /** The encoder, logger or call the map is handed to, when that lowered the impact (for the message). */
  handedTo?: string;
}

/**
 * The impact of a boxing store `value` into the map `map` (the index expression's operand, or the
 * map literal itself); undefined for one-time code (no finding).
 */
export function storeImpact(value: SyntaxNode, map: SyntaxNode, resolver: TypeResolver, filePath: string): StoreImpact | undefined {
  const top = topFunction(value);
  const inLoop = perItem(value);
  const once = oneTime(value, !!inLoop);
  if (once) return undefined;
  // Not in a loop of its own: per item when its function is called per item (and the store is on its main path).
  const called = !inLoop && top && !functionOf(value)?.type.startsWith('func_literal') && !coldBranch(value, undefined)
    ? calledPerItem(top, resolver.index.files) : undefined;
  const item = inLoop ?? (called ? { loop: top!, how: called } : undefined);
  const lit = map.type === 'composite_literal' ? map : undefined;
  const start = lit ?? (unparen(map).type === 'identifier' ? unparen(map) : undefined);
  const dest = start && top ? destinationOf(start, top, resolver) : undefined;
  const { name, method } = declarationName(value);
  const encodingFunc = name && ENCODING_FUNCS.test(name) ? name : undefined;
  const payload = dest?.kind === 'encoder' ? `the map is handed to ${calleeText(dest.at)}, which encodes or logs it: the box is a few bytes beside that`
    : dest?.kind === 'returned' ? `the map is returned: a payload for the caller${encodingFunc ? ` of ${encodingFunc}()` : ''}`
    : encodingFunc ? `in ${encodingFunc}(), which builds an encoding` : undefined;
  const handedTo = dest && dest.kind !== 'returned' ? calleeText(dest.at) : undefined;
  const diagnostic = name && method && DIAGNOSTIC_FUNCS.test(name) ? `in ${name}(), which describes a value for people` : undefined;
  const debug = debugCode(filePath, name);
  const config = configCode(name);
  const failure = name && ERROR_FUNCS.test(name) ? `in ${name}(), which handles a failure` : undefined;
  const unreachable = reportedUnreachable(start ?? value);
  if (!item) {
    const evidence = [`runs once per call of ${name ?? 'its function'}: not in a loop`];
    for (const e of [payload, diagnostic, debug, config, failure, unreachable]) if (e) evidence.push(e);
    return { impact: { level: 'low', evidence }, handedTo };
  }
  const loop = item.loop.type === 'for_statement' ? item.loop : undefined; // a callback's return ends one item, not the walk
  const cold = [payload, diagnostic, debug, config, failure, unreachable, loop && onWayOut(value, loop), coldBranch(value, item.loop), loop && fewIterations(loop)]
    .filter((e): e is string => !!e);
  if (cold.length) return { impact: { level: 'low', evidence: [item.how, ...cold] }, handedTo };
  return { impact: { level: 'high', evidence: [`${item.how}: the allocation repeats per item`] } };
}
