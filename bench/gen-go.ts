// Synthetic Go for the editor benchmark: code shaped like a service package (types, methods,
// loops, maps of several kinds) with a finding of each rule every few functions, so the server
// does the same work on it that it does on real code. Deterministic: the same sizes give the
// same text, so runs compare.

/** One function's worth of Go (10–20 lines); `i` picks its shape, so the mix repeats every 8. */
function unit(i: number): string {
  const n = `${i}`;
  switch (i % 8) {
    case 0: // rangeclear: the range-delete loop on a package-level map
      return `var cache${n} = map[string][]byte{}

func reset${n}() {
\t// reset empties the cache between batches.
\tfor k := range cache${n} {
\t\tdelete(cache${n}, k)
\t}
}
`;
    case 1: // ifacebox: a non-constant value stored into map[string]any in a loop
      return `func attrs${n}(items []Item) map[string]any {
\tout := make(map[string]any, len(items))
\tfor _, it := range items {
\t\tout[it.Name] = it.Size
\t}
\treturn out
}
`;
    case 2: // a struct with a map field and a method that uses it (no finding)
      return `type Registry${n} struct {
\tmu    sync.Mutex
\tbyID  map[int64]*Item
\tcount int
}

func (r *Registry${n}) Add(it *Item) {
\tr.mu.Lock()
\tdefer r.mu.Unlock()
\tif r.byID == nil {
\t\tr.byID = make(map[int64]*Item)
\t}
\tr.byID[it.ID] = it
\tr.count++
}
`;
    case 3: // plain computation with a local map (no finding)
      return `func histogram${n}(words []string) []int {
\tseen := make(map[string]int)
\tfor _, w := range words {
\t\tseen[strings.ToLower(w)]++
\t}
\tcounts := make([]int, 0, len(seen))
\tfor _, c := range seen {
\t\tcounts = append(counts, c)
\t}
\treturn counts
}
`;
    case 4: // mapretain: a long-lived field emptied with clear and never released
      return `type Session${n} struct {
\tvalues map[string]string
}

func (s *Session${n}) Reset() {
\tclear(s.values)
}

func (s *Session${n}) Set(k, v string) {
\ts.values[k] = v
}
`;
    case 5: // string and error handling, no maps
      return `func parse${n}(s string) (int, error) {
\tif s == "" {
\t\treturn 0, errors.New("empty input")
\t}
\tv, err := strconv.Atoi(strings.TrimSpace(s))
\tif err != nil {
\t\treturn 0, fmt.Errorf("parse${n}: %w", err)
\t}
\treturn v * ${i % 97}, nil
}
`;
    case 6: // a map released by reassignment (the right way: no finding)
      return `var index${n} = map[int64]string{}

func rebuild${n}(items []Item) {
\tindex${n} = make(map[int64]string, len(items))
\tfor _, it := range items {
\t\tindex${n}[it.ID] = it.Name
\t}
}
`;
    default: // a switch and a closure
      return `func classify${n}(items []Item) (small, large []Item) {
\tlimit := func(it Item) bool { return it.Size > ${1000 + i} }
\tfor _, it := range items {
\t\tswitch {
\t\tcase limit(it):
\t\t\tlarge = append(large, it)
\t\tdefault:
\t\t\tsmall = append(small, it)
\t\t}
\t}
\treturn small, large
}
`;
  }
}

function header(pkg: string, withItem: boolean): string {
  const item = withItem ? `
type Item struct {
\tID   int64
\tName string
\tSize int
}
` : '';
  return `// Package ${pkg} is generated for the go-mapleak editor benchmark.
package ${pkg}

import (
\t"errors"
\t"fmt"
\t"strconv"
\t"strings"
\t"sync"
)

var (
\t_ = errors.New
\t_ = fmt.Sprint
\t_ = strconv.Itoa
\t_ = strings.ToLower
\t_ sync.Mutex
)
${item}`;
}

/** One Go file of at least `lines` lines in package `pkg`, units numbered from `first`. */
export function goFile(pkg: string, lines: number, first = 0, withItem = true): string {
  const parts = [header(pkg, withItem)];
  let count = parts[0].split('\n').length;
  for (let i = first; count < lines; i++) {
    const u = unit(i);
    parts.push('\n' + u);
    count += u.split('\n').length;
  }
  return parts.join('');
}

/** `packages` packages of `filesPerPackage` files each (relative path → text), each file ~`lines` lines. */
export function goTree(packages: number, filesPerPackage: number, lines: number): Map<string, string> {
  const files = new Map<string, string>();
  files.set('go.mod', 'module example.com/bench\n\ngo 1.22\n');
  for (let p = 0; p < packages; p++) {
    const pkg = `pkg${p}`;
    for (let f = 0; f < filesPerPackage; f++) {
      // Unit numbers are unique within a package; only the first file declares Item.
      files.set(`${pkg}/file${f}.go`, goFile(pkg, lines, f * 1000, f === 0));
    }
  }
  return files;
}

/** Shapes without a package-level map or a map field: their cost does not grow with the package's maps. */
const LOCAL_SHAPES = [1, 3, 5, 7];

/**
 * One big Go file of at least `bytes` characters (issue 16: a 5 MB file in the editor): the first
 * 64 units of every shape, then units that use only local maps (ifacebox stores, histograms) and
 * plain code, so that the package keeps a few dozen long-lived maps however big the file is.
 */
export function bigGoFile(pkg: string, bytes: number): string {
  const parts = [header(pkg, true)];
  let n = parts[0].length;
  for (let i = 0; n < bytes; i++) {
    const u = '\n' + unit(i < 64 ? i : 8 * i + LOCAL_SHAPES[i % 4]);
    parts.push(u);
    n += u.length;
  }
  return parts.join('');
}
