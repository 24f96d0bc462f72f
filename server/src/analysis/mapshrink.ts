// mapshrink: a long-lived map (a package-level variable or a field of shared storage) that gains
// a key per unit of work and loses it with delete(M, k) when the work ends, and that nothing in
// the package rebuilds. docs/rules/mapshrink.md says what and why.
//
// The fact behind it (DESIGN.md "What is true"; golang/go#20135): deleting keys never shrinks a Go
// map. The bucket array (Go <= 1.23, runtime/map.go) or the tables and directory (Go >= 1.24,
// internal/runtime/maps) stay sized for the most entries the map ever held, so after a burst the
// map keeps the burst's storage until it is replaced. `maps.Clone` is no way out from Go 1.25: it
// copies every table at its capacity ((*Map).Clone, (*table).clone in internal/runtime/maps); on
// Go 1.21-1.24 runtime.mapclone2 makes the copy for the current count (measured: docs/sim-accuracy.md).
//
// Most maps with per-key deletes are fine (a cache with a cap, keys from a fixed catalog, a map
// replaced on refresh). A finding needs all of: stores with keys from input, outside
// constructors; deletes on their own path (not the loop that fills it, not only at shutdown); no
// assignment outside construction and teardown; no size check on the insert path. It is a
// warning only with the shapes of the leaks projects fixed: keys that are the identity of
// something from outside, an owner that lives as long as the program, deletes in completion,
// expiry or teardown code, or a cap that is optional.
import type { SyntaxNode } from '../parse/parser';
import type { Finding, Fix, Impact, ParsedFile, Pass, Rule, TextEdit } from './types';
import { atLeast } from './goversion';
import { lineIndent, makeTypeText } from './rangeclear';
import { ancestor, chainParts, codeKids, contains, exprKey, field, isBroken, isNameChain, nodeRange, sameNode, unparen, walk } from './syntax/nodes';
import type { TypeResolver } from './syntax/resolve';
import { underlying, type GoType } from './syntax/gotypes';
import { callSites, callsOf, inRegions, mapLiterals } from './syntax/candidates';
import { enclosingFunction } from './syntax/storage';
import { mapSubject } from './syntax/subject';
import { CONSTRUCTOR, END_OF_LIFE, declarationOf, guards, isComparison, isLiteral, type MapUses } from './retention';
import { assignmentsOf, ownerLives, targetOf, targetUses, type Target } from './longlived';
import { ignoreEdit } from './suppress';
import { escapeRegExp } from './syntax/lexical';

/** The burst the numbers describe: a peak of this many entries, then deletes down to BURST_REST. */
export const BURST_PEAK = 1_000_000;
export const BURST_REST = 1_000;
/** The rebuild fix: when the map holds a quarter of its peak or less, and the peak was over this. */
export const REBUILD_MIN_PEAK = 1024;

// Owners that live as long as the program (the leaks fixed upstream were all on such owners).
const LONG_LIVED_OWNER = /^(server|srv|transport|registry|manager|mgr|hub|broker|router|tracker|store|service|svc|pool|proxy|gateway|listener|mux|node|cluster|engine|controller|dispatcher|scheduler|watcher|monitor|daemon|agent|conn|connection|session|peer|client|backend|handler|cache|state|table|index|limiter|bus|relay|multiplexer|coordinator|supervisor|subscriber|publisher|topic|channel)s?$/i;
// Owners made per unit of work: their maps die with them.
const PER_OPERATION_OWNER = /^(request|req|op|operation|txn|tx|transaction|batch|query|call|iter|iterator|builder|parser|visitor|walker|encoder|decoder|frame|msg|message|result|response|resp|scratch|job|task|ctx|context|plan|step|pass|scope|env|printer|writer|reader|buffer|lexer|scanner|checker|compiler|generator|emitter|test|suite|fixture)s?$/i;
// Keys that are the identity of something outside: a connection, stream, token, request value.
const IDENTITY_KEY = /(id|ids|key|conn|stream|sess|session|token|addr|address|peer|client|sub|subscriber|subscription|req|request|handle|fd|sock|socket|chan|channel|txid|nonce|seq|user|tenant|hash|name|uuid|path|url|host|ip|port|remote|target|job|task|worker|watcher|listener|call|reply|inbox|subject|topic|queue|msg|message|digest|sid|cid|pid|rid|uid|tid)$/i;
// Keys of units of work whose number has no bound of its own: requests and calls in flight, streams,
// subscriptions, connections and clients of a server, sessions, tokens, messages awaiting an ack.
// Peers, gateways, names, hosts, folders and regions come from a bounded set (a max-peers check,
// configuration, a registry of names) far more often: those stay hints.
const WORK_KEY = /^(seq|sequence|nonce|token|req|request|reqid|stream|streamid|sub|subid|subscription|sid|cid|conn|connection|connid|client|clientid|codec|session|sess|sessionid|msg|message|msgid|txid|reply|inbox|call|callid|ack|ticket|lease|leaseid|watcher|watchid|waiter|timer|opid|job|jobid|task|taskid|query|queryid)$/i;
// Map names that say what their keys are: work in flight.
const WORK_MAP = /^(pending|inflight|flight|outstanding|waiters?|waiting|streams?|conns?|connections?|clients?|sessions?|subs|subscriptions?|subscribers?|requests?|reqs|calls?|watchers?|watches|acks?|tokens?|tickets?|leases?|jobs?|tasks?|codecs?|replies|inboxes)$/i;
// Owners that serve others: the number of their clients, streams and requests is set from outside.
// A client's own requests in flight, a tracker's or a manager's entries are bounded by what it does.
const SERVING_OWNER = /^(server|srv|transport|broker|hub|proxy|listener|mux|relay|router|registry|dispatcher|acceptor|frontend|endpoint|service)$/i;
// Where a key's work ends: completion, expiry, eviction, unsubscribe, the close of a child.
const COMPLETION = /^(logout|logoff|signout|remove|delete|del|retire|unsub|unsubscribe|unregister|deregister|expire|evict|cleanup|clean|close|done|finish|finalize|release|drop|forget|untrack|disconnect|leave|cancel|complete|end|stop|gc|prune|sweep|reap|purge|detach|unbind|unwatch|untrack|handleclose|ondone|onclose|onexit|exit|timeout|abort|fail|ack|resolve|settle)/i;
// A method that tears the whole owner down (deletes there are end of life, not churn).
const SHUTDOWN = /^(close|stop|shutdown|terminate|dispose|destroy|teardown|quit|kill)(all|locked|now|gracefully)?$/i;

/**
 * Whether maps.Clone keeps the capacity: a Go 1.25+ runtime ((*Map).Clone), or one not known (the
 * newest is assumed). Go 1.21-1.24's runtime.mapclone2 sizes the copy for the count.
 */
function cloneKeepsCapacity(pass: Pass): boolean {
  return pass.runtimeVersion === undefined || atLeast(pass.runtimeVersion, 1, 25);
}

// A named bound in a comparison: capacity, maxSize, maxEntries, limit, cap.
const CAPACITY = /\b(capacity|cap|limit|max|size|maxSize|maxEntries|maxItems|maxLen|maxCount|maxKeys|max[A-Z]\w*|\w*Capacity|\w*Limit|\w*MaxSize)\b/;

/** The map named by `mapExpr` (a `delete` argument or an assigned expression), as a long-lived target. */
function longLived(mapExpr: SyntaxNode, resolver: TypeResolver): Exclude<Target, { kind: 'captured' }> | undefined {
  const t = targetOf(mapExpr, resolver);
  return t && t.kind !== 'captured' ? t : undefined;
}

/** `X = maps.Clone(X)` (std maps or golang.org/x/exp/maps): the assignment and its map. */
function selfClone(assign: SyntaxNode, resolver: TypeResolver): SyntaxNode | undefined {
  if (assign.type !== 'assignment_statement' || field(assign, 'operator')?.text !== '=') return undefined;
  const left = codeKids(field(assign, 'left')!);
  const right = codeKids(field(assign, 'right')!);
  if (left.length !== 1 || right.length !== 1 || right[0].type !== 'call_expression') return undefined;
  const fn = field(right[0], 'function');
  if (fn?.type !== 'selector_expression' || field(fn, 'field')?.text !== 'Clone') return undefined;
  const pkg = field(fn, 'operand');
  const path = pkg?.type === 'identifier' ? resolver.index.importPath(assign, pkg.text) : undefined;
  if (path !== 'maps' && path !== 'golang.org/x/exp/maps') return undefined;
  const args = codeKids(field(right[0], 'arguments')!);
  return args.length === 1 && isNameChain(left[0]) && exprKey(args[0]) === exprKey(left[0]) ? left[0] : undefined;
}

/** Why an assignment to the map is not a rebuild: it makes the map once, or drops it at teardown. */
function notARebuild(assigned: SyntaxNode, resolver: TypeResolver, cloneKeeps: boolean): string | undefined {
  const stmt = ancestor(assigned, ['assignment_statement', 'short_var_declaration']);
  if (!stmt) return undefined; // its address taken: the holder may replace it
  // From Go 1.25 the clone keeps the capacity (reported on its own); before, it is a rebuild.
  if (cloneKeeps && selfClone(stmt, resolver)) return 'maps.Clone';
  const right = codeKids(field(stmt, 'right') ?? stmt);
  const { name } = declarationOf(stmt);
  if (right.length === 1 && right[0].text === 'nil' && name && (END_OF_LIFE.test(name) || SHUTDOWN.test(name))) return 'teardown';
  if (name && (CONSTRUCTOR.test(name) || name === 'init')) return 'construction';
  // sync.Once.Do(func() { M = make(...) }) and lazy `if M == nil { M = make(...) }`.
  const lit = ancestor(stmt, ['func_literal']);
  const call = lit?.parent?.parent;
  if (call?.type === 'call_expression' && /\.Do$/.test(field(call, 'function')?.text ?? '')) return 'construction';
  const fn = enclosingFunction(stmt);
  const target = codeKids(field(stmt, 'left')!)[0];
  if (target && guards(stmt, fn).some((g) => new RegExp(`^${escapeRegExp(target.text)}\\s*==\\s*nil$`).test(g.text.trim()))) return 'construction';
  return undefined;
}

/** The innermost loop around n inside its function. */
function loopOf(n: SyntaxNode): SyntaxNode | undefined {
  const fn = enclosingFunction(n);
  const loop = ancestor(n, ['for_statement']);
  return loop && fn && contains(fn, loop) ? loop : undefined;
}

/** A size check on the path that inserts: `len(M) >= N` (or an LRU's `.Len()`) in a function that stores or deletes. */
function capOf(uses: MapUses, owner: string | undefined): { text: string; optional?: string } | undefined {
  const fns = new Set<number>();
  for (const s of [...uses.stores, ...uses.deletes]) { const f = enclosingFunction(s); if (f) fns.add(f.startIndex); }
  for (const l of uses.lens) {
    const f = enclosingFunction(l);
    // `if n := len(M); n >= max {`: the condition compares the length under another name.
    const init = ancestor(l, ['if_statement']);
    const viaInit = init && field(init, 'initializer') && contains(field(init, 'initializer')!, l) ? field(init, 'condition') : undefined;
    const cmp = viaInit && isComparison(viaInit) ? viaInit : l.parent;
    if (!f || !fns.has(f.startIndex) || !isComparison(cmp) || field(cmp!, 'operator')?.text === '==') continue;
    // The limit: the side without the length (through the initializer, the right side).
    const left = field(cmp!, 'left'), right = field(cmp!, 'right');
    const other = viaInit ? right : left && contains(left, l) ? right : left;
    // A cap that applies only when set: `size > 0 && len(M) > size`, `max != 0 && ...`.
    const cond = ancestor(cmp!, ['if_statement']);
    const condText = cond ? field(cond, 'condition')?.text ?? '' : '';
    const limit = other?.text;
    // `len(M) > 0`, `len(M) >= 1`: an emptiness test, not a cap.
    if (!limit || /^[01]$/.test(limit.trim())) continue;
    const optional = new RegExp(`${escapeRegExp(limit)}\\s*(>|!=)\\s*0\\s*&&|${escapeRegExp(limit)}\\s*==\\s*0\\s*\\|\\|`).test(condText) ? limit : undefined;
    return { text: cmp!.text.replace(/\s+/g, ' '), optional };
  }
  // An LRU bounded by a list or a counter beside the map (`c.ll.Len() >= c.capacity`, `c.size >
  // c.maxSize`), in any method of the owner in a file that stores into M: eviction often sits in a
  // helper of its own.
  if (!owner) return undefined;
  const files = new Set(uses.stores.map((st) => st.tree));
  for (const st of uses.stores) {
    if (!files.delete(st.tree)) continue;
    for (const method of st.tree.rootNode.descendantsOfType('method_declaration')) {
      const recv = method && field(method, 'receiver');
      const name = recv && codeKids(recv)[0] && field(codeKids(recv)[0], 'name')?.text;
      if (!method || !name || !new RegExp(`\\b${escapeRegExp(owner)}\\b`).test(recv.text)) continue;
      let found: string | undefined;
      walk(method, (n) => {
        if (found) return false;
        if (n.type === 'binary_expression' && isComparison(n) && field(n, 'operator')?.text !== '==' && CAPACITY.test(n.text) && n.text.includes(`${name}.`) &&
          /\.Len\(\)|len\(|size|count|\bn\b/i.test(n.text)) found = n.text.replace(/\s+/g, ' ');
      });
      if (found) return { text: found };
    }
  }
  return undefined;
}

/** The names that are parameters (or the receiver) of the function around n. */
function parameterNames(n: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (let fn = enclosingFunction(n); fn; fn = enclosingFunction(fn)) {
    for (const f of ['parameters', 'receiver']) {
      const list = field(fn, f);
      if (list) for (const id of list.descendantsOfType('identifier')) if (id) names.add(id.text);
    }
  }
  return names;
}

/** Whether the store's key names a unit of work (WORK_KEY): its last word, or its type's (the map's name is judge's). */
function workKey(store: SyntaxNode, resolver: TypeResolver): boolean {
  const key = field(store, 'index');
  if (!key) return false;
  const k = unparen(key);
  const last = k.type === 'selector_expression' ? field(k, 'field')?.text : k.type === 'identifier' ? k.text : undefined;
  const typeWords = (e: SyntaxNode): string[] => {
    let t: GoType | undefined = resolver.typeOfExpr(e).type;
    if (t?.kind === 'pointer') t = t.elem;
    if (t?.kind === 'named') return nameWords(t.name);
    // A type of another package the resolver does not read (`c net.Conn`): its spelled name.
    const spelled = e.type === 'identifier' ? resolver.index.lookup(e.text, e)?.typeNode?.text : undefined;
    return spelled ? nameWords(spelled.replace(/^.*[.*]/, '')) : [];
  };
  // A one-letter name says nothing alone; its type does (`c *conn`, `c net.Conn` in `c.RemoteAddr().String()`).
  const nameSays = !!last && last.length > 1 && nameWords(last).some((w) => WORK_KEY.test(w));
  let root: SyntaxNode | undefined = k;
  while (root && root.type !== 'identifier') root = root.type === 'call_expression' ? field(root, 'function') : root.type === 'selector_expression' ? field(root, 'operand') : undefined;
  return nameSays || typeWords(k).some((w) => WORK_KEY.test(w)) || (k.type === 'call_expression' && !!root && typeWords(root).some((w) => WORK_KEY.test(w)));
}

/** Why the store's key comes from outside, when it does: a parameter, a value of a request, an identity. */
function externalKey(store: SyntaxNode): string | undefined {
  const key = field(store, 'index');
  if (!key || isLiteral(key)) return undefined;
  const params = parameterNames(store);
  const root = chainParts(key)[0];
  if (root?.type === 'identifier' && params.has(root.text)) return `its key ${key.text} comes from the caller`;
  const last = key.type === 'selector_expression' ? field(key, 'field')?.text : key.type === 'identifier' ? key.text : undefined;
  if (last && IDENTITY_KEY.test(last)) return `its key ${key.text} is an identity from its input`;
  if (key.type === 'call_expression') return `its key ${key.text.replace(/\s+/g, ' ')} is computed from its input`;
  return undefined;
}

/** Why a delete ends a unit of work: a completion or expiry function, a callback, a defer. */
function completionOf(del: SyntaxNode): string | undefined {
  const stmt = del.parent;
  if (stmt?.type === 'defer_statement') return 'deleted by a defer when the work returns';
  const lit = ancestor(del, ['func_literal']);
  const call = lit?.parent?.parent;
  const callee = call?.type === 'call_expression' ? field(call, 'function')?.text : undefined;
  if (callee && /AfterFunc|Callback|OnClose|OnDone|Cleanup|Go$|\.Once|Register/i.test(callee)) return `deleted in a callback (${callee})`;
  const { name } = declarationOf(del);
  if (name && COMPLETION.test(name)) return `deleted in ${name}() when its work ends`;
  return undefined;
}

/** The owner's name, for a field `x.f`: the named type of x (through a pointer). */
function ownerName(mapExpr: SyntaxNode, resolver: TypeResolver): string | undefined {
  const e = unparen(mapExpr);
  const operand = e.type === 'selector_expression' ? field(e, 'operand') : undefined;
  let t: GoType | undefined = operand && resolver.typeOfExpr(operand).type;
  if (t?.kind === 'pointer') t = t.elem;
  return t?.kind === 'named' ? t.name : undefined;
}

interface Churn { target: Exclude<Target, { kind: 'captured' }>; owner?: string; uses: MapUses; impact: Impact; stores: SyntaxNode[]; deletes: SyntaxNode[] }

/** The churn judgement of one map, or undefined when it is fine (see the header). */
function judge(target: Churn['target'], owner: string | undefined, resolver: TypeResolver, cloneKeeps: boolean): Churn | undefined {
  const uses = targetUses(target, resolver, resolver.index.files);
  const first = uses.deletes[0] ? codeKids(field(uses.deletes[0], 'arguments')!)[0] : undefined;
  const m = first ? exprKey(first) : '';
  const stores = uses.stores.filter((s) => {
    const { name } = declarationOf(s);
    const key = field(s, 'index');
    return !(name && (CONSTRUCTOR.test(name) || name === 'init')) && !(key && isLiteral(key)) && !resolverConst(key, resolver);
  });
  if (!stores.length || !uses.deletes.length) return undefined;
  // Deleted in the loop that fills it: a scratch use, bounded by the loop.
  const storeLoops = stores.map(loopOf).filter((l): l is SyntaxNode => !!l);
  const deletes = uses.deletes.filter((d) => {
    const loop = loopOf(d);
    if (loop && storeLoops.some((l) => sameNode(l, loop))) return false;
    const { name, method } = declarationOf(d);
    return !(method && name && SHUTDOWN.test(name));
  });
  if (!deletes.length) return undefined;
  const cap = capOf(uses, owner);
  if (cap && !cap.optional) return undefined;

  const evidence: string[] = [];
  const lives = ownerLives(target, resolver);
  const words = owner ? nameWords(owner) : [];
  const kind = words.find((w) => LONG_LIVED_OWNER.test(w));
  const ownerSays = lives ?? (kind && !PER_OPERATION_OWNER.test(words.at(-1)!) ? `its owner ${owner} is a long-lived ${kind.replace(/s$/, '')}` : undefined);
  if (words.length && PER_OPERATION_OWNER.test(words.at(-1)!) && !lives) return undefined; // per-operation owner: the map dies with it
  // Last: typing every assignment of the package that may replace the map costs the most.
  if (assignmentsOf(target, resolver).some((a) => !notARebuild(a, resolver, cloneKeeps))) return undefined;
  const key = stores.map(externalKey).find((k) => k);
  const completion = deletes.map(completionOf).find((c) => c);
  const nested = deletes.find((d) => guards(d, enclosingFunction(d)).some((g) => /len\([^)]*\)\s*==\s*0/.test(g.text) && !g.text.includes(`len(${m})`)));
  if (ownerSays) evidence.push(ownerSays);
  if (key) evidence.push(key);
  const fill = declarationOf(stores[0]).name;
  const del = declarationOf(deletes[0]).name;
  evidence.push(`filled${fill ? ` in ${fill}()` : ''} and emptied one key at a time${del && del !== fill ? ` in ${del}()` : ''}; nothing in the package rebuilds it`);
  if (completion) evidence.push(completion);
  if (cap?.optional) evidence.push(`its cap (${cap.text}) applies only when ${cap.optional} is set`);
  if (nested) evidence.push(`an entry is dropped only when its nested set empties (${guards(nested, enclosingFunction(nested)).map((g) => g.text)[0].replace(/\s+/g, ' ')}): a busy owner never gets there`);
  evidence.push('a cap enforced in another package (a listener limit, a maximum of peers) would bound it: none is seen here');
  const mapName = target.kind === 'package' ? target.decl.name : target.name;
  const work = nameWords(mapName).some((w) => WORK_MAP.test(w)) || stores.some((st) => workKey(st, resolver));
  if (work) evidence.splice(ownerSays ? 2 : 1, 0, 'its keys are units of work (requests, streams, connections, sessions, messages): their number has no bound of its own');
  const mock = words.some((w) => /^(mock|fake|stub|dummy|test)$/.test(w));
  // Warnings for the shapes of the fixed leaks: a package-level store, or an owner that serves
  // others, whose keys are units of work (or whose cap is optional) and whose deletes end the work.
  const serving = target.kind === 'package' || !!lives || (words.length > 0 && SERVING_OWNER.test(words.at(-1)!));
  if (serving && target.kind === 'field' && !lives) evidence.splice(1, 0, `${owner} serves others: how many keys it holds is set by them`);
  const high = !!ownerSays && serving && !!key && !mock && (!!cap?.optional || (work && (!!completion || !!nested)));
  return { target, owner, uses, stores, deletes, impact: { level: high ? 'high' : 'low', evidence } };
}

/** The words of a Go name, lower case: `PeerSet2` → peer, set; `httpServer` → http, server. */
function nameWords(name: string): string[] {
  return name.replace(/\d+$/, '').split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_/).map((w) => w.toLowerCase()).filter(Boolean);
}

/** A key that is a constant of the package (a fixed catalog). */
function resolverConst(key: SyntaxNode | undefined, resolver: TypeResolver): boolean {
  if (!key || key.type !== 'identifier') return false;
  return resolver.index.lookup(key.text, key)?.kind === 'const';
}

/** A name not used in the function text, for a fix's new local. */
function freshName(fn: SyntaxNode | undefined, base: string): string {
  const text = fn?.text ?? '';
  for (let i = 0; ; i++) {
    const name = i ? `${base}${i + 1}` : base;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

/** The lines that rebuild M into a fresh map of its live entries: make, a copy loop, the assignment. */
function rebuildLines(m: string, typeText: string, fresh: string, indent: string, size: string): string {
  return `${fresh} := make(${typeText}, ${size})\n${indent}for k, v := range ${m} {\n${indent}\t${fresh}[k] = v\n${indent}}\n${indent}${m} = ${fresh}`;
}

/** The declaration of the peak counter beside the map's own, when that is in this file: the edit and the counter's expression. */
function peakCounter(pass: Pass, churn: Churn, del: SyntaxNode, resolver: TypeResolver): { edit: TextEdit; expr: string } | undefined {
  const target = churn.target;
  const m = codeKids(field(del, 'arguments')!)[0];
  if (target.kind === 'package') {
    const name = `${target.decl.name}Peak`;
    if (resolver.index.packageDecl(name)) return undefined;
    const top = ancestor(target.decl.nameNode, ['var_declaration']);
    if (!top || top.parent?.type !== 'source_file' || top.tree !== pass.file.tree) return undefined;
    const at = { line: top.endPosition.row, character: top.endPosition.column };
    return { expr: name, edit: { range: { start: at, end: at }, newText: `\n\n// ${name} is the most entries ${target.decl.name} held since it was last rebuilt (go-mapleak mapshrink).\nvar ${name} int` } };
  }
  const name = `${target.name}Peak`;
  // The struct type declaring the field (the owner's type spec), in this file.
  const spec = churn.owner ? pass.file.tree.rootNode.descendantsOfType('type_spec').find((ts) => ts && field(ts, 'name')?.text === churn.owner) : undefined;
  const st = spec && field(spec, 'type');
  const fieldList = st?.type === 'struct_type' ? codeKids(st).find((c) => c.type === 'field_declaration_list') : undefined;
  const structNode = fieldList && codeKids(fieldList).find((fd) => fd.type === 'field_declaration' && codeKids(fd).some((c) => c.type === 'field_identifier' && c.text === target.name));
  const list = structNode?.parent;
  if (!structNode || !list || list.type !== 'field_declaration_list') return undefined;
  if (codeKids(list).some((fd) => fd.type === 'field_declaration' && codeKids(fd).some((c) => c.text === name))) return undefined;
  // An unkeyed literal of the owner (`Server{mu, conns}`) would not compile with one more field.
  if (resolver.index.files.some((f) => mapLiterals(f, new Set([churn.owner!])).some((lit) => unkeyed(lit)))) return undefined;
  const indent = lineIndent(pass, structNode.startPosition.row);
  const closeRow = list.endPosition.row;
  if (closeRow === structNode.endPosition.row) return undefined; // a one-line struct
  const at = { line: closeRow, character: 0 };
  const operand = field(m, 'operand');
  return { expr: `${operand ? operand.text : ''}.${name}`, edit: { range: { start: at, end: at }, newText: `\n${indent}// ${name} is the most entries ${target.name} held since it was last rebuilt (go-mapleak mapshrink).\n${indent}${name} int\n` } };
}

/** A composite literal with positional elements. */
function unkeyed(lit: SyntaxNode): boolean {
  const body = field(lit, 'body');
  return !!body && codeKids(body).some((e) => e.type === 'literal_element');
}

function fixesFor(pass: Pass, churn: Churn, del: SyntaxNode, resolver: TypeResolver): Fix[] {
  const fixes: Fix[] = [];
  const stmt = del.parent;
  const mapExpr = codeKids(field(del, 'arguments')!)[0];
  const m = exprKey(mapExpr);
  const typed = resolver.typeOfExpr(mapExpr);
  const typeText = resolver.index.lookup('make', del) ? undefined : makeTypeText(typed, pass, resolver.index);
  if (stmt?.type === 'expression_statement' && typeText && stmt.parent && ['block', 'statement_list'].includes(stmt.parent.type)) {
    const indent = lineIndent(pass, stmt.startPosition.row);
    const fn = enclosingFunction(del);
    const fresh = freshName(fn, 'shrunk');
    const peak = peakCounter(pass, churn, del, resolver);
    if (peak) {
      const useMax = (atLeast(pass.goVersion, 1, 21) || pass.goVersion === undefined) && !resolver.index.lookup('max', del);
      const track = useMax
        ? `${peak.expr} = max(${peak.expr}, len(${m}))`
        : `if len(${m}) > ${peak.expr} {\n${indent}\t${peak.expr} = len(${m})\n${indent}}`;
      const n = freshName(fn, 'n');
      const text = `${track}\n${indent}${stmt.text}\n${indent}if ${n} := len(${m}); ${peak.expr} > ${REBUILD_MIN_PEAK} && ${n} <= ${peak.expr}/4 {\n${indent}\t` +
        `${rebuildLines(m, typeText, fresh, indent + '\t', n)}\n${indent}\t${peak.expr} = ${n}\n${indent}}`;
      fixes.push({
        title: `Rebuild ${m} when it has shrunk to a quarter of its peak (peaks over ${REBUILD_MIN_PEAK.toLocaleString('en-US')} entries): track the peak in ${peak.expr}, copy the live entries into make(${typeText}, n) (not maps.Clone, which keeps the capacity); other references keep the old map`,
        preferred: true, effect: 'rebuild',
        edits: [peak.edit, { range: nodeRange(stmt), newText: text }].sort((a, b) => a.range.start.line - b.range.start.line),
      });
    }
    fixes.push({
      title: `Release ${m} when it drains: after the delete, if len(${m}) == 0 { ${m} = make(${typeText}) } (frees the burst's storage at the next GC; a map that never empties keeps it)`,
      preferred: !fixes.length, effect: 'drained',
      edits: [{ range: nodeRange(stmt), newText: `${stmt.text}\n${indent}if len(${m}) == 0 {\n${indent}\t${m} = make(${typeText})\n${indent}}` }],
    });
  }
  fixes.push({ title: 'Suppress with //mapleak:ignore mapshrink (its size is bounded elsewhere)', preferred: false, effect: 'suppress', edits: [ignoreEdit(pass, stmt ?? del, 'mapshrink', 'bounded elsewhere')] });
  return fixes;
}

function churnFinding(pass: Pass, churn: Churn, del: SyntaxNode, resolver: TypeResolver): Finding {
  const mapExpr = codeKids(field(del, 'arguments')!)[0];
  const m = exprKey(mapExpr);
  const mapType = underlying(resolver.typeOfExpr(mapExpr).type);
  const fill = churn.stores[0];
  const message = churn.impact.level === 'high'
    ? `${m} gains a key per unit of work (${(ancestor(fill, ['assignment_statement']) ?? fill).text.replace(/\s+/g, ' ')}) and loses it one key at a time here; Go maps never shrink, so after a burst it keeps the burst's storage until it is rebuilt, and nothing rebuilds it`
    : `${m} is emptied one key at a time and never rebuilt: it keeps storage for the most entries it ever held, which matters only if it once grew far past its usual size`;
  return {
    rule: 'mapshrink', severity: mapshrink.severities[churn.impact.level],
    range: nodeRange(del),
    message,
    fixes: fixesFor(pass, churn, del, resolver),
    impact: churn.impact,
    subject: { ...mapSubject(mapExpr, mapType, resolver.index, 'deletes', resolver.typeOfExpr(mapExpr).typeNode), burst: { peak: BURST_PEAK, rest: BURST_REST } },
    explanation: [
      `**mapshrink**: \`${m}\` gets keys in ${churn.stores.length} place${churn.stores.length === 1 ? '' : 's'} and loses them with \`delete\` in ${churn.deletes.length}; nothing in the package rebuilds or reassigns it.`,
      '',
      'Deleting keys never shrinks a Go map (golang/go#20135): it keeps the storage it needed at its peak for as long as it lives. ' +
        'The fix rebuilds it once it has shrunk far below its peak: a fresh `make` and a copy loop. `maps.Clone` does not shrink it from Go 1.25: the clone copies every table at its capacity.',
      '',
      'See docs/rules/mapshrink.md.',
    ].join('\n'),
  };
}

// What says a self-clone is meant to shrink: a function named for it, or a comment above saying so.
const SHRINK_WORDS = /shrink|compact|trim|rebuild|resize|realloc|reclaim|vacuum|memory|capacity|\bfree\b/i;

/**
 * Why `m = maps.Clone(m)` is meant to shrink m, or undefined: most self-clones copy a map before
 * changing it (`r2 := *r; r2.m = maps.Clone(r2.m)`), which is right. Shrinking shows as a size
 * check around it, deletes before it in the function, or a function or comment that says so.
 */
function shrinkIntent(assign: SyntaxNode, m: string): string | undefined {
  const fn = enclosingFunction(assign);
  const guard = guards(assign, fn).find((g) => g.text.includes(`len(${m})`));
  if (guard) return `it runs when ${guard.text.replace(/\s+/g, ' ')}`;
  const { name } = declarationOf(assign);
  if (name && SHRINK_WORDS.test(name)) return `it is in ${name}()`;
  let deleted = false;
  if (fn) walk(fn, (n) => {
    if (deleted || n.startIndex >= assign.startIndex) return false;
    if (n.type === 'call_expression' && field(n, 'function')?.text === 'delete' && codeKids(field(n, 'arguments')!)[0]?.text === m) deleted = true;
  });
  if (deleted) return `keys of ${m} are deleted before it`;
  for (let c = assign.previousNamedSibling; c && c.type === 'comment' && assign.startPosition.row - c.endPosition.row <= 3; c = c.previousNamedSibling) {
    if (SHRINK_WORDS.test(c.text)) return `the comment above it says so (${c.text.trim().slice(0, 60)})`;
  }
  return undefined;
}

function cloneFinding(pass: Pass, assign: SyntaxNode, mapExpr: SyntaxNode, resolver: TypeResolver): Finding | undefined {
  const intent = shrinkIntent(assign, exprKey(mapExpr));
  if (!intent) return undefined;
  const typed = resolver.typeOfExpr(mapExpr);
  const mapType = underlying(typed.type);
  if (mapType.kind !== 'map') return undefined;
  const m = exprKey(mapExpr);
  const classic = !cloneKeepsCapacity(pass);
  const impact: Impact = classic
    ? { level: 'low', evidence: [`meant to shrink the map: ${intent}`, 'on Go 1.21-1.24 maps.Clone makes the copy for the current count (runtime.mapclone2), so it does shrink here; from Go 1.25 it keeps the capacity'] }
    : { level: 'high', evidence: [`meant to shrink the map: ${intent}`, 'from Go 1.25 maps.Clone copies every table and group at its capacity ((*Map).Clone in internal/runtime/maps): the clone is as large as the map', 'it allocates a full copy of the peak\'s storage, and the old one is freed only at the next GC'] };
  const fixes: Fix[] = [];
  const typeText = resolver.index.lookup('make', assign) ? undefined : makeTypeText(typed, pass, resolver.index);
  if (typeText && assign.parent && ['block', 'statement_list'].includes(assign.parent.type)) {
    const indent = lineIndent(pass, assign.startPosition.row);
    const fresh = freshName(enclosingFunction(assign), 'shrunk');
    const edits: TextEdit[] = [{ range: nodeRange(assign), newText: rebuildLines(m, typeText, fresh, indent, `len(${m})`) }];
    const unused = lastUseImport(pass, assign, resolver);
    if (unused) edits.unshift(unused);
    fixes.push({
      title: `Rebuild with make(${typeText}, len(${m})) and a copy loop: sized for its live entries${unused ? ' (and drop the import it no longer needs)' : ''}`,
      preferred: true, effect: 'rebuild',
      edits,
    });
  }
  return {
    rule: 'mapshrink', severity: mapshrink.severities[impact.level],
    range: nodeRange(assign),
    message: classic
      ? `${m} = maps.Clone(${m}) shrinks the map on Go 1.21-1.24 only: from Go 1.25 the clone keeps the capacity, so it frees nothing`
      : `${m} = maps.Clone(${m}) does not shrink the map: the clone keeps its capacity (Go 1.25 and later), so this allocates a full copy of the peak's storage and frees nothing`,
    fixes,
    impact,
    subject: { ...mapSubject(mapExpr, mapType, resolver.index, 'deletes', typed.typeNode), burst: { peak: BURST_PEAK, rest: BURST_REST }, cloned: true },
    explanation: [
      `**mapshrink**: \`${m} = maps.Clone(${m})\` is meant to shrink the map, and does not.`,
      '',
      'From Go 1.25 `maps.Clone` copies the map\'s directory, tables and groups as they are (`(*Map).Clone`, `(*table).clone` in internal/runtime/maps): a map that peaked and was deleted down keeps its peak\'s storage in the clone. ' +
        'On Go 1.21-1.24 `runtime.mapclone2` makes the copy for the current count. Rebuilding with `make(T, len(m))` and a copy loop is sized for the live entries on every version. See docs/rules/mapshrink.md.',
    ].join('\n'),
  };
}

/**
 * The edit deleting the import of the Clone call's package when that call is the file's only use
 * of it: the line of its spec (and a blank line after a lone `import "maps"`, as gofmt leaves one).
 */
function lastUseImport(pass: Pass, assign: SyntaxNode, resolver: TypeResolver): TextEdit | undefined {
  const call = codeKids(field(assign, 'right')!)[0];
  const pkg = field(field(call, 'function')!, 'operand')!;
  const imp = resolver.index.lookup(pkg.text, pkg);
  if (imp?.kind !== 'import' || imp.nameNode.tree !== pass.file.tree) return undefined;
  const uses = pass.file.tree.rootNode.descendantsOfType('selector_expression').filter((sel) => {
    const o = sel && field(sel, 'operand');
    return o?.type === 'identifier' && o.text === pkg.text && resolver.index.lookup(o.text, o)?.kind === 'import';
  });
  if (uses.length !== 1) return undefined;
  const spec = ancestor(imp.nameNode, ['import_spec']) ?? (imp.nameNode.type === 'import_spec' ? imp.nameNode : undefined);
  if (!spec) return undefined;
  const lone = spec.parent?.type === 'import_declaration' ? spec.parent : undefined;
  const from = lone ?? spec;
  const lines = pass.file.text.split('\n');
  const blankAfter = lone && lines[from.endPosition.row + 1]?.trim() === '';
  return { range: { start: { line: from.startPosition.row, character: 0 }, end: { line: from.endPosition.row + (blankAfter ? 2 : 1), character: 0 } }, newText: '' };
}

/**
 * Whether the deleted-from map may be a churning long-lived map, from the text alone: not a name
 * declared in the enclosing functions (a parameter or a local), and stored into somewhere in the
 * package (`name[...] =` in some file's text).
 */
function mayChurn(pass: Pass, mapExpr: SyntaxNode, del: SyntaxNode): boolean {
  const parts = chainParts(unparen(mapExpr));
  const name = parts[parts.length - 1].text;
  if (!/^[A-Za-z_]\w*$/.test(name)) return false;
  if (parts.length === 1) {
    const declared = new RegExp(`\\b${name}\\b(\\s*,\\s*[\\w.]+)*\\s*:=|\\bvar\\s+${name}\\b`);
    for (let fn = enclosingFunction(del); fn; fn = enclosingFunction(fn)) {
      const params = [field(fn, 'parameters'), field(fn, 'receiver')].filter((x): x is SyntaxNode => !!x);
      if (params.some((p) => new RegExp(`\\b${name}\\b`).test(p.text)) || declared.test(field(fn, 'body')?.text ?? '')) return false;
    }
  }
  return storesInto(pass.file, name) || pass.packageFiles.some((f) => storesInto(f, name));
}

// Whether a file's text stores into `name[...]`, once per file and name: a file with thousands of
// deletes of one map scanned its whole text once per delete (issue 16).
const storedNames = new WeakMap<ParsedFile, Map<string, boolean>>();

function storesInto(f: ParsedFile, name: string): boolean {
  let memo = storedNames.get(f);
  if (!memo) storedNames.set(f, (memo = new Map()));
  let hit = memo.get(name);
  if (hit === undefined) memo.set(name, (hit = new RegExp(`\\b${name}\\[[^\\n]*\\]\\s*(=[^=]|[-+*/|&^]=)`).test(f.text)));
  return hit;
}

export const mapshrink: Rule = {
  name: 'mapshrink',
  doc: 'long-lived maps that gain a key per unit of work, lose it with delete, and are never rebuilt (maps never shrink)',
  defaultSeverity: 'warning',
  severities: { high: 'warning', medium: 'information', low: 'hint' },
  inTests: false,
  run(pass: Pass): Finding[] {
    const out: Finding[] = [];
    const deletes = inRegions(pass, (span) => callsOf(pass.file, 'delete', span));
    for (const del of deletes) {
      if (isBroken(del)) continue;
      const args = codeKids(field(del, 'arguments')!);
      if (args.length !== 2 || !isNameChain(args[0]) || chainParts(args[0])[0].type !== 'identifier') continue;
      // From the text first: the package's index and types cost a parse of every file of it.
      if (!mayChurn(pass, args[0], del)) continue;
      const resolver = pass.resolver();
      if (resolver.index.lookup('delete', del)) continue; // the package's own delete
      if (underlying(resolver.typeOfExpr(args[0]).type).kind !== 'map') continue;
      const target = longLived(args[0], resolver);
      if (!target) continue;
      const owner = target.kind === 'field' ? ownerName(args[0], resolver) : undefined;
      const id = target.kind === 'package' ? `p:${target.decl.name}:${target.decl.nameNode.startIndex}` : `f:${target.name}:${owner ?? exprKey(args[0])}`;
      // One finding per map, per package: at its first delete on its own path, in package order.
      const churn = pass.perPackage(`mapshrink.${id}`, () => judge(target, owner, resolver, cloneKeepsCapacity(pass)));
      const first = churn?.deletes[0];
      if (churn && first && (first.tree === pass.file.tree || first.tree === pass.indexed.tree) && first.startIndex === del.startIndex) out.push(churnFinding(pass, churn, del, resolver));
    }
    for (const call of callSites(pass.file, 'Clone', true)) {
      const a = call.parent?.parent;
      if (a?.type !== 'assignment_statement' || isBroken(a) || (pass.regions && !pass.regions.some((r) => contains(r, a)))) continue;
      const resolver = pass.resolver();
      const m = selfClone(a, resolver);
      const f = m && cloneFinding(pass, a, m, resolver);
      if (f) out.push(f);
    }
    return out;
  },
};

