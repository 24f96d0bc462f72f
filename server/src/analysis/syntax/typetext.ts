// A GoType spelled in Go syntax that sim/layout.ts can lay out: this package's named types are
// expanded to their underlying types, other packages' types keep their qualified name (layout
// knows a few: time.Time, sync.Mutex...). Undefined when a part has no layout we can know
// (an unknown type, a type parameter, an array of non-literal length).
import type { GoType } from './gotypes';

const MAX_DEPTH = 16;

export function layoutText(t: GoType, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const d = depth + 1;
  switch (t.kind) {
    case 'basic': return t.name;
    case 'named':
      if (t.pkg === '' && t.name === 'error') return 'interface{}';
      if (t.pkg !== '') return `${t.pkg.slice(t.pkg.lastIndexOf('/') + 1)}.${t.name}`;
      return layoutText(t.underlying(), d);
    case 'pointer': { const e = layoutText(t.elem, d); return e === undefined ? '*byte' : '*' + e; }
    case 'slice': { const e = layoutText(t.elem, d); return e === undefined ? '[]byte' : '[]' + e; }
    case 'array': {
      if (t.len === undefined) return undefined;
      const e = layoutText(t.elem, d);
      return e === undefined ? undefined : `[${t.len}]${e}`;
    }
    case 'map': return 'map[int]int'; // a map value is one pointer, whatever its types
    case 'chan': return 'chan int';
    case 'func': return 'func()';
    case 'interface': return 'interface{}';
    case 'struct': {
      const parts: string[] = [];
      for (const f of t.fields()) {
        const ft = layoutText(f.type, d);
        if (ft === undefined) return undefined;
        // Embedded fields keep their size; a plain name keeps the layout parser simple.
        parts.push(`${f.embedded ? '_' + f.name : f.name} ${ft}`);
      }
      return `struct{${parts.join('; ')}}`;
    }
    default: return undefined;
  }
}
