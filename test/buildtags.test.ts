// Build constraints the go command's way (server/src/workspace/buildtags.ts): the rules one by one,
// then an oracle that asks the real go command (`go list`) about a generated module for many targets.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findGo } from '../server/src/compiler/run';
import {
  evalConstraint, experimentsFor, exprString, fileConstraint, fileNameMatches, goarchFeatureTags, goHost,
  headerImports, inBuild, matchTag, parseGoBuildExpr, parsePlusBuildExpr, splitTags, targetFromEnv, whyExcluded,
  type BuildTarget,
} from '../server/src/workspace/buildtags';

function target(over: Partial<BuildTarget> = {}): BuildTarget {
  return { goos: 'linux', goarch: 'amd64', goMinor: 26, cgo: true, tags: new Set(), experiments: experimentsFor('linux', 'amd64'), ...over };
}
const LINUX = target();
const goBuild = (expr: string) => `//go:build ${expr}\n\npackage bt\n`;
/** Evaluates a //go:build expression for a target. */
function holds(expr: string, t: BuildTarget = LINUX): boolean {
  const e = parseGoBuildExpr(expr);
  assert.notStrictEqual(e.kind, 'invalid', `${expr}: ${e.kind === 'invalid' ? e.error : ''}`);
  return evalConstraint(e, t);
}
const invalid = (expr: string) => { const e = parseGoBuildExpr(expr); return e.kind === 'invalid' ? e.error : undefined; };

describe('buildtags: //go:build expressions (go/build/constraint/expr.go)', () => {
  it('parses &&, ||, !, parentheses, with && binding tighter than ||', () => {
    assert.strictEqual(exprString(parseGoBuildExpr('a || b && c')), 'a || (b && c)'); // Go prints the parentheses
    assert.deepStrictEqual(parseGoBuildExpr('a || b && c'),
      { kind: 'or', x: { kind: 'tag', tag: 'a' }, y: { kind: 'and', x: { kind: 'tag', tag: 'b' }, y: { kind: 'tag', tag: 'c' } } });
    assert.strictEqual(exprString(parseGoBuildExpr('(a || b) && c')), '(a || b) && c');
    assert.strictEqual(exprString(parseGoBuildExpr('!(a && b) || !c')), '!(a && b) || !c');
    assert.strictEqual(exprString(parseGoBuildExpr('a&&b||c&&!d')), '(a && b) || (c && !d)');
    assert.strictEqual(exprString(parseGoBuildExpr('!(!a)')), '!!a'); // allowed, and printed as Go prints it
    assert.strictEqual(exprString(parseGoBuildExpr('\t( ( a ) )\t')), 'a');
  });

  it('evaluates with the precedence Go gives it', () => {
    assert.strictEqual(holds('windows || linux && arm64'), false); // windows || (linux && arm64)
    assert.strictEqual(holds('windows || linux && amd64'), true);
    assert.strictEqual(holds('(windows || linux) && arm64'), false);
    assert.strictEqual(holds('linux && !windows'), true);
    assert.strictEqual(holds('!(linux || windows)'), false);
    assert.strictEqual(holds('!linux || amd64 && !cgo'), false);
    assert.strictEqual(holds('(linux && (amd64 || arm64)) || (darwin && !cgo)'), true);
  });

  it('takes tags of letters, digits, _ and . (any script), and nothing else', () => {
    assert.deepStrictEqual(parseGoBuildExpr('go1.21'), { kind: 'tag', tag: 'go1.21' });
    assert.deepStrictEqual(parseGoBuildExpr('amd64.v2'), { kind: 'tag', tag: 'amd64.v2' });
    assert.deepStrictEqual(parseGoBuildExpr('_x9'), { kind: 'tag', tag: '_x9' });
    assert.deepStrictEqual(parseGoBuildExpr('ünïcode'), { kind: 'tag', tag: 'ünïcode' });
    assert.strictEqual(invalid('linux-amd64'), 'invalid syntax at -');
    assert.strictEqual(invalid('linux,amd64'), 'invalid syntax at ,');
    assert.strictEqual(invalid('linux\u000bamd64'), 'invalid syntax at \u000b'); // only space and tab separate
  });

  it('rejects what Go rejects, with its messages', () => {
    assert.strictEqual(invalid(''), 'unexpected end of expression');
    assert.strictEqual(invalid('linux &&'), 'unexpected end of expression');
    assert.strictEqual(invalid('!!linux'), 'double negation not allowed');
    assert.strictEqual(invalid('! !linux'), 'double negation not allowed');
    assert.strictEqual(invalid('(linux'), 'missing close paren');
    assert.strictEqual(invalid('(linux ||'), 'missing close paren');
    assert.strictEqual(invalid('linux)'), 'unexpected token )');
    assert.strictEqual(invalid('linux amd64'), 'unexpected token amd64');
    assert.strictEqual(invalid('linux & amd64'), 'invalid syntax at &');
    assert.strictEqual(invalid('linux | amd64'), 'invalid syntax at |');
    assert.strictEqual(invalid('a' + ' || a'.repeat(1000)), 'build expression too large');
    assert.strictEqual(invalid('a' + ' || a'.repeat(998)), undefined);
    assert.strictEqual(evalConstraint({ kind: 'invalid', error: 'x' }, LINUX), false);
  });
});

describe('buildtags: tags (go/build/build.go matchTag)', () => {
  it('satisfies GOOS, GOARCH, gc, and not gccgo, ignore or an unknown tag', () => {
    for (const t of ['linux', 'amd64', 'gc', 'unix']) assert.ok(matchTag(t, LINUX), t);
    for (const t of ['windows', 'arm64', 'gccgo', 'ignore', 'integration', 'Linux', '']) assert.ok(!matchTag(t, LINUX), t);
  });

  it('satisfies unix on the unix GOOS list only (not js, wasip1, windows, plan9, zos)', () => {
    for (const goos of ['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']) {
      assert.ok(matchTag('unix', target({ goos })), goos);
    }
    for (const goos of ['js', 'wasip1', 'windows', 'plan9', 'zos', 'nacl']) assert.ok(!matchTag('unix', target({ goos })), goos);
  });

  it('lets android satisfy linux, illumos solaris, ios darwin, and not the other way round', () => {
    assert.ok(matchTag('linux', target({ goos: 'android' })));
    assert.ok(matchTag('solaris', target({ goos: 'illumos' })));
    assert.ok(matchTag('darwin', target({ goos: 'ios' })));
    assert.ok(!matchTag('android', LINUX));
    assert.ok(!matchTag('illumos', target({ goos: 'solaris' })));
    assert.ok(!matchTag('ios', target({ goos: 'darwin' })));
    assert.ok(!matchTag('windows', target({ goos: 'android' })));
  });

  it('satisfies cgo only when the target has cgo', () => {
    assert.ok(matchTag('cgo', LINUX));
    assert.ok(!matchTag('cgo', target({ cgo: false })));
    assert.ok(!matchTag('cgo', target({ cgo: false, tags: new Set(['cgo']) })));
  });

  it('satisfies release tags go1.1 .. go1.N, spelled as Go spells them', () => {
    const t = target({ goMinor: 22 });
    for (const r of ['go1.1', 'go1.9', 'go1.10', 'go1.21', 'go1.22']) assert.ok(matchTag(r, t), r);
    for (const r of ['go1.0', 'go1.23', 'go1.01', 'go1.22.1', 'go1', 'go2.1', 'go1.']) assert.ok(!matchTag(r, t), r);
  });

  it('satisfies goexperiment.X for the enabled experiments only, and boringcrypto as its old name', () => {
    const t = target({ experiments: new Set(['jsonv2', 'boringcrypto']) });
    assert.ok(matchTag('goexperiment.jsonv2', t));
    assert.ok(matchTag('boringcrypto', t));
    assert.ok(!matchTag('goexperiment.arenas', t));
    assert.ok(!matchTag('jsonv2', t));
    assert.ok(!matchTag('boringcrypto', LINUX));
  });

  it('satisfies the extra tags', () => {
    const t = target({ tags: new Set(['integration', 'netgo']) });
    assert.ok(matchTag('integration', t) && matchTag('netgo', t) && !matchTag('osusergo', t));
  });

  it('satisfies GOARCH feature tags as internal/buildcfg defines them', () => {
    assert.deepStrictEqual(goarchFeatureTags('amd64', 'linux'), ['amd64.v1']);
    assert.deepStrictEqual(goarchFeatureTags('amd64', 'linux', 'v3'), ['amd64.v1', 'amd64.v2', 'amd64.v3']);
    assert.deepStrictEqual(goarchFeatureTags('arm64', 'linux'), ['arm64.v8.0']);
    assert.deepStrictEqual(goarchFeatureTags('arm64', 'linux', 'v8.2,lse,crypto'), ['arm64.v8.0', 'arm64.v8.1', 'arm64.v8.2']);
    assert.deepStrictEqual(goarchFeatureTags('arm64', 'linux', 'v9.1'),
      ['arm64.v9.0', 'arm64.v9.1', ...[0, 1, 2, 3, 4, 5, 6].map((i) => `arm64.v8.${i}`)]);
    assert.deepStrictEqual(goarchFeatureTags('arm', 'linux'), ['arm.5', 'arm.6', 'arm.7']);
    assert.deepStrictEqual(goarchFeatureTags('arm', 'linux', '6,softfloat'), ['arm.5', 'arm.6']);
    assert.deepStrictEqual(goarchFeatureTags('386', 'linux'), ['386.sse2']);
    assert.deepStrictEqual(goarchFeatureTags('mips64le', 'linux', 'softfloat'), ['mips64le.softfloat']);
    assert.deepStrictEqual(goarchFeatureTags('ppc64le', 'linux', 'power10'), ['ppc64le.power8', 'ppc64le.power9', 'ppc64le.power10']);
    assert.deepStrictEqual(goarchFeatureTags('riscv64', 'linux', 'rva22u64'), ['riscv64.rva20u64', 'riscv64.rva22u64']);
    assert.deepStrictEqual(goarchFeatureTags('wasm', 'js'), ['wasm.satconv', 'wasm.signext']);
    assert.deepStrictEqual(goarchFeatureTags('s390x', 'linux'), []);
    assert.ok(matchTag('amd64.v1', LINUX) && !matchTag('amd64.v2', LINUX) && !matchTag('arm64.v8.0', LINUX));
    assert.ok(matchTag('amd64.v2', target({ goarchLevel: 'v2' })));
  });
});

describe('buildtags: // +build lines', () => {
  const plus = (text: string, t: BuildTarget = LINUX) => evalConstraint(parsePlusBuildExpr(text)!, t);

  it('reads space as OR, comma as AND, ! as NOT', () => {
    assert.strictEqual(exprString(parsePlusBuildExpr('linux,amd64 darwin,!cgo')!), '(linux && amd64) || (darwin && !cgo)');
    assert.ok(plus('windows linux'));
    assert.ok(!plus('linux,arm64'));
    assert.ok(plus('!windows'));
    assert.ok(plus('windows linux,!cgo amd64'));
  });

  it('turns a word that is not a tag, and an empty line, into ignore (false)', () => {
    for (const text of ['', 'linux,', ',linux', '!', '!!linux', '!!windows', 'linux-amd64']) {
      assert.strictEqual(plus(text, LINUX) || plus(text, target({ goos: 'windows' })), false, JSON.stringify(text));
    }
    assert.ok(plus('linux-amd64 linux')); // the other clause still holds
    // A negated invalid word is !ignore: true everywhere.
    assert.ok(plus('!linux-amd64', LINUX) && plus('!linux-amd64', target({ goos: 'windows' })));
  });

  it('skips a line with more than 100 operators', () => {
    assert.strictEqual(parsePlusBuildExpr(Array(102).fill('a').join(' ')), undefined);
    assert.ok(parsePlusBuildExpr(Array(101).fill('a').join(' ')));
  });

  it('ANDs the lines of the header', () => {
    const text = '// +build linux darwin\n// +build arm64\n\npackage bt\n';
    assert.strictEqual(exprString(fileConstraint(text)!), '(linux || darwin) && arm64');
    assert.ok(!inBuild('a.go', text, LINUX));
    assert.ok(inBuild('a.go', text, target({ goarch: 'arm64' })));
    assert.strictEqual(whyExcluded('a.go', text, LINUX), '// +build arm64');
  });

  it('needs a blank line after the block, accepts //+build and indentation, not +buildx', () => {
    assert.strictEqual(fileConstraint('// +build windows\npackage bt\n'), undefined);
    assert.strictEqual(fileConstraint('// +build windows\n// Package bt does.\npackage bt\n'), undefined);
    assert.strictEqual(fileConstraint('// Copyright.\n\n// +build windows\npackage bt\n'), undefined); // after the last blank line
    assert.ok(fileConstraint('// +build windows\n// Package bt does.\n\n// More.\npackage bt\n'));
    assert.ok(fileConstraint('//+build windows\n\npackage bt\n'));
    assert.ok(fileConstraint('  //   +build windows  \n\npackage bt\n'));
    assert.strictEqual(fileConstraint('// +buildwindows\n\npackage bt\n'), undefined);
    assert.strictEqual(fileConstraint('// build windows\n\npackage bt\n'), undefined);
    assert.strictEqual(exprString(fileConstraint('// +build\n\npackage bt\n')!), 'ignore');
  });

  it('stops at a /* */ comment: +build lines after one do not count', () => {
    assert.strictEqual(fileConstraint('/* Copyright */\n\n// +build windows\n\npackage bt\n'), undefined);
    assert.ok(fileConstraint('// +build windows\n\n/* Copyright */\n\npackage bt\n'));
  });

  it('loses to a //go:build line', () => {
    const text = '//go:build linux\n// +build windows\n\npackage bt\n';
    assert.strictEqual(exprString(fileConstraint(text)!), 'linux');
    assert.ok(inBuild('a.go', text, LINUX));
  });
});

describe('buildtags: the header (go/build/build.go parseFileHeader)', () => {
  const win = (text: string) => { const e = fileConstraint(text); return e && exprString(e); };

  it('counts only comments before the package clause', () => {
    assert.strictEqual(win('package bt\n\n//go:build windows\n'), undefined);
    assert.strictEqual(win('package bt // +build windows\n'), undefined);
    assert.strictEqual(win('// Copyright.\n\n//go:build windows\n\n// Package bt.\npackage bt\n'), 'windows');
    assert.strictEqual(win('package bt\n'), undefined);
    assert.strictEqual(win(''), undefined);
  });

  it('takes //go:build without a blank line after it, and after a /* */ comment, not inside one', () => {
    assert.strictEqual(win('//go:build windows\npackage bt\n'), 'windows');
    assert.strictEqual(win('/* Copyright\n   and more */\n//go:build windows\npackage bt\n'), 'windows');
    assert.strictEqual(win('/* x */ //go:build windows\npackage bt\n'), undefined);
    assert.strictEqual(win('/*\n//go:build windows\n*/\npackage bt\n'), undefined);
    assert.strictEqual(win('/* a */ /* b\n*/ //go:build windows\npackage bt\n'), undefined);
  });

  it('recognizes //go:build exactly: // go:build and //go:buildx are plain comments', () => {
    assert.strictEqual(win('// go:build windows\n\npackage bt\n'), undefined);
    assert.strictEqual(win('//go:buildwindows\n\npackage bt\n'), undefined);
    assert.strictEqual(win('\t//go:build\twindows \n\npackage bt\n'), 'windows');
  });

  it('skips a BOM and reads CRLF lines', () => {
    assert.strictEqual(win('\uFEFF//go:build windows\r\n\r\npackage bt\r\n'), 'windows');
    assert.strictEqual(win('\uFEFF// +build windows\r\n\r\npackage bt\r\n'), 'windows');
    assert.strictEqual(win('// +build windows\r\npackage bt\r\n'), undefined);
  });

  it('makes a malformed or second //go:build line an error: the file is not built', () => {
    for (const text of ['//go:build linux &&\n\npackage bt\n', '//go:build\n\npackage bt\n', '//go:build !!linux\npackage bt\n']) {
      assert.strictEqual(fileConstraint(text)?.kind, 'invalid', text);
      assert.ok(!inBuild('a.go', text, LINUX));
    }
    assert.strictEqual(whyExcluded('a.go', '//go:build linux &&\n\npackage bt\n', LINUX), 'malformed //go:build linux &&: unexpected end of expression');
    const two = '//go:build linux\n//go:build amd64\n\npackage bt\n';
    assert.deepStrictEqual(fileConstraint(two), { kind: 'invalid', error: 'multiple //go:build comments' });
    assert.strictEqual(whyExcluded('a.go', two, LINUX), 'malformed //go:build amd64: multiple //go:build comments');
  });
});

describe('buildtags: file names (go/build/build.go goodOSArchFile)', () => {
  const on = (name: string, goos: string, goarch: string) => fileNameMatches(name, target({ goos, goarch }));

  it('reads _GOOS, _GOARCH and _GOOS_GOARCH suffixes', () => {
    assert.ok(on('x_linux.go', 'linux', 'arm64') && !on('x_linux.go', 'windows', 'amd64'));
    assert.ok(on('x_arm64.go', 'darwin', 'arm64') && !on('x_arm64.go', 'linux', 'amd64'));
    assert.ok(on('x_linux_amd64.go', 'linux', 'amd64'));
    assert.ok(!on('x_linux_amd64.go', 'linux', 'arm64') && !on('x_linux_amd64.go', 'windows', 'amd64'));
    assert.ok(on('a_b_c_windows_386.go', 'windows', '386'));
  });

  it('drops _test first', () => {
    assert.ok(!on('x_windows_test.go', 'linux', 'amd64'));
    assert.ok(on('x_linux_amd64_test.go', 'linux', 'amd64') && !on('x_linux_amd64_test.go', 'linux', '386'));
    assert.ok(on('x_test.go', 'linux', 'amd64'));
  });

  it('ignores a name that is only a GOOS, and everything before the first _', () => {
    assert.ok(on('linux.go', 'windows', 'amd64'));
    assert.ok(on('windows_test.go', 'linux', 'amd64'));
    assert.ok(on('amd64.go', 'linux', 'arm64'));
    // linux_amd64.go: only "_amd64" is left, an arch constraint.
    assert.ok(on('linux_amd64.go', 'windows', 'amd64') && !on('linux_amd64.go', 'linux', 'arm64'));
  });

  it('reads only the last one or two elements, with GOOS before GOARCH', () => {
    assert.ok(on('x_amd64_linux.go', 'linux', 'arm64')); // _linux alone counts
    assert.ok(on('x_windows_linux.go', 'linux', 'amd64') && !on('x_windows_linux.go', 'windows', 'amd64'));
    assert.ok(on('x_linux_foo.go', 'windows', 'amd64')); // foo is no name: no constraint
  });

  it('cuts at the first dot, and matches exact lower-case names', () => {
    assert.ok(!on('x_windows.z.go', 'linux', 'amd64'));
    assert.ok(on('x.z_windows.go', 'linux', 'amd64'));
    assert.ok(on('x_Linux.go', 'windows', 'amd64'));
  });

  it('knows no unix, cgo or gc suffix, and all known names, even ports long gone', () => {
    assert.ok(on('x_unix.go', 'windows', 'amd64') && on('x_cgo.go', 'linux', 'amd64') && on('x_gc.go', 'linux', 'amd64'));
    assert.ok(!on('x_nacl.go', 'linux', 'amd64') && !on('x_amd64p32.go', 'linux', 'amd64') && !on('x_zos.go', 'linux', 'amd64'));
    assert.ok(!on('x_riscv.go', 'linux', 'riscv64') && !on('x_hurd_sparc.go', 'hurd', 'amd64'));
  });

  it('builds x_linux.go for android but not x_android.go for linux (and the same for ios, illumos)', () => {
    assert.ok(on('x_linux.go', 'android', 'arm64') && on('x_linux_arm64.go', 'android', 'arm64'));
    assert.ok(!on('x_android.go', 'linux', 'arm64'));
    assert.ok(on('x_darwin.go', 'ios', 'arm64') && !on('x_ios.go', 'darwin', 'arm64'));
    assert.ok(on('x_solaris.go', 'illumos', 'amd64') && !on('x_illumos.go', 'solaris', 'amd64'));
  });

  it('takes a path as well as a base name', () => {
    assert.ok(!on('/w/linux/x_windows.go', 'linux', 'amd64') && !on('C:\\w\\x_windows.go', 'linux', 'amd64'));
    assert.ok(on('/w/x_windows/plain.go', 'linux', 'amd64'));
  });
});

describe('buildtags: the file (inBuild, whyExcluded)', () => {
  const cgoFile = 'package bt\n\n// #include <stdio.h>\nimport "C"\n';

  it('needs both the name and the constraint', () => {
    assert.ok(inBuild('x_linux.go', goBuild('amd64'), LINUX));
    assert.ok(!inBuild('x_linux.go', goBuild('arm64'), LINUX));
    assert.ok(!inBuild('x_windows.go', goBuild('amd64'), LINUX));
    assert.strictEqual(whyExcluded('x_windows.go', goBuild('arm64'), LINUX), 'file name _windows');
    assert.strictEqual(whyExcluded('x_windows_arm64.go', 'package bt', LINUX), 'file name _windows_arm64');
    assert.strictEqual(whyExcluded('x_linux.go', goBuild('arm64 || windows'), LINUX), '//go:build arm64 || windows');
    assert.strictEqual(whyExcluded('x_linux.go', goBuild('amd64'), LINUX), undefined);
    assert.strictEqual(whyExcluded('gen.go', goBuild('ignore'), LINUX), '//go:build ignore');
  });

  it('treats import "C" as needing cgo, in every import form, in non-test files', () => {
    const noCgo = target({ cgo: false });
    for (const text of [cgoFile, 'package bt\nimport (\n\t"unsafe"\n\t"C"\n)\n', 'package bt; import _ "unsafe"; import C "C"',
      '//go:build linux\n\npackage bt\n\n/*\n#include <stdio.h>\n*/\nimport "C"\n', 'package bt\nimport `C`\n',
      '\uFEFFpackage bt\nimport (\n// c\n"fmt" /* x */ ; . "C")\n']) {
      assert.deepStrictEqual(headerImports(text)?.imports.includes('C'), true, text);
      assert.ok(inBuild('a.go', text, LINUX), text);
      assert.ok(!inBuild('a.go', text, noCgo), text);
    }
    assert.strictEqual(whyExcluded('a.go', cgoFile, noCgo), 'import "C" with cgo disabled');
    assert.ok(inBuild('a_test.go', cgoFile, noCgo)); // an error for the go command, not an exclusion
  });

  it('does not take "C" in a comment, a string or after the imports for an import', () => {
    const noCgo = target({ cgo: false });
    for (const text of ['package bt\n// import "C"\n', 'package bt\nvar s = `\nimport "C"\n`\n', 'package bt\nimport "fmt"\nfunc f() {}\nimport "C"\n',
      'package bt\nimport "CC"\n', 'package bt\nimport "c"\n']) {
      assert.ok(inBuild('a.go', text, noCgo), text);
    }
    assert.deepStrictEqual(headerImports('package bt\nimport ("a"; b "b")\nimport "c"\nvar x'), { pkg: 'bt', imports: ['a', 'b', 'c'] });
  });

  it('never builds package documentation', () => {
    assert.strictEqual(whyExcluded('doc.go', 'package documentation\n', LINUX), 'package documentation');
  });
});

describe('buildtags: targetFromEnv', () => {
  const linuxHost = { platform: 'linux', arch: 'x64' };

  it('maps Node\'s platform and arch to GOOS and GOARCH', () => {
    assert.deepStrictEqual(goHost('win32', 'x64'), { goos: 'windows', goarch: 'amd64' });
    assert.deepStrictEqual(goHost('darwin', 'arm64'), { goos: 'darwin', goarch: 'arm64' });
    assert.deepStrictEqual(goHost('linux', 'ia32'), { goos: 'linux', goarch: '386' });
    assert.deepStrictEqual(goHost('linux', 'ppc64'), { goos: 'linux', goarch: 'ppc64le' });
    assert.deepStrictEqual(goHost('aix', 'ppc64'), { goos: 'aix', goarch: 'ppc64' });
    assert.deepStrictEqual(goHost('sunos', 'x64'), { goos: 'illumos', goarch: 'amd64' });
    assert.deepStrictEqual(goHost('linux', 'mipsel'), { goos: 'linux', goarch: 'mipsle' });
    for (const p of ['linux', 'freebsd', 'openbsd', 'netbsd', 'android']) assert.strictEqual(goHost(p, 'arm').goos, p);
    for (const a of ['arm', 'arm64', 's390x', 'riscv64', 'loong64', 'mips']) assert.strictEqual(goHost('linux', a).goarch, a);
  });

  it('takes GOOS and GOARCH from the environment, the host otherwise', () => {
    const t = targetFromEnv({}, 26, [], linuxHost);
    assert.deepStrictEqual([t.goos, t.goarch, t.goMinor], ['linux', 'amd64', 26]);
    const w = targetFromEnv({ GOOS: 'windows', GOARCH: 'arm64' }, 22, [], linuxHost);
    assert.deepStrictEqual([w.goos, w.goarch, w.goMinor], ['windows', 'arm64', 22]);
    assert.strictEqual(targetFromEnv({ GOOS: '' }, 26, [], linuxHost).goos, 'linux');
  });

  it('decides cgo: CGO_ENABLED 1 or 0, else on for a native build of a cgo port', () => {
    assert.strictEqual(targetFromEnv({}, 26, [], linuxHost).cgo, true);
    assert.strictEqual(targetFromEnv({ CGO_ENABLED: '0' }, 26, [], linuxHost).cgo, false);
    assert.strictEqual(targetFromEnv({ GOARCH: 'arm64' }, 26, [], linuxHost).cgo, false);
    assert.strictEqual(targetFromEnv({ GOOS: 'linux', GOARCH: 'amd64' }, 26, [], linuxHost).cgo, true);
    assert.strictEqual(targetFromEnv({ GOARCH: 'arm64', CGO_ENABLED: '1' }, 26, [], linuxHost).cgo, true);
    assert.strictEqual(targetFromEnv({ CGO_ENABLED: 'yes' }, 26, [], linuxHost).cgo, true);
    assert.strictEqual(targetFromEnv({}, 26, [], { platform: 'linux', arch: 'ppc64' }).cgo, true); // ppc64le
    assert.strictEqual(targetFromEnv({ GOARCH: 'ppc64' }, 26, [], { platform: 'linux', arch: 'ppc64' }).cgo, false);
  });

  it('reads GOFLAGS\'s -tags=... (last one wins) and merges the extra tags', () => {
    const tags = (env: NodeJS.ProcessEnv, extra: string[] = []) => [...targetFromEnv(env, 26, extra, linuxHost).tags].sort();
    assert.deepStrictEqual(tags({ GOFLAGS: '-mod=mod -tags=integration,netgo' }), ['integration', 'netgo']);
    assert.deepStrictEqual(tags({ GOFLAGS: '--tags=a -tags=b,,c' }), ['b', 'c']);
    assert.deepStrictEqual(tags({ GOFLAGS: "-mod=mod '-tags=a b'" }), ['a', 'b']);
    assert.deepStrictEqual(tags({ GOFLAGS: '-tags a,b' }), []); // no -flag value form in GOFLAGS
    assert.deepStrictEqual(tags({ GOFLAGS: '-tags=a' }, ['x,y', 'z w']), ['a', 'w', 'x', 'y', 'z']);
    assert.deepStrictEqual(splitTags("'a' b"), ['a', 'b']);
  });

  it('enables Go 1.26\'s default experiments, changed by GOEXPERIMENT', () => {
    const exps = (env: NodeJS.ProcessEnv) => [...targetFromEnv(env, 26, [], linuxHost).experiments].sort();
    assert.deepStrictEqual(exps({}), ['dwarf5', 'greenteagc', 'randomizedheapbase64', 'regabiargs', 'regabiwrappers']);
    assert.deepStrictEqual(exps({ GOEXPERIMENT: 'jsonv2,nogreenteagc' }), ['dwarf5', 'jsonv2', 'randomizedheapbase64', 'regabiargs', 'regabiwrappers']);
    assert.deepStrictEqual(exps({ GOEXPERIMENT: 'none,arenas,noregabi' }), ['arenas', 'regabiargs', 'regabiwrappers']); // regabi is always on for amd64
    assert.deepStrictEqual([...experimentsFor('darwin', '386')].sort(), ['greenteagc', 'randomizedheapbase64']);
    assert.deepStrictEqual([...experimentsFor('linux', 's390x', 'noregabi')].sort(), ['dwarf5', 'greenteagc', 'randomizedheapbase64']);
  });

  it('reads the GOARCH level variable of the target\'s GOARCH', () => {
    assert.strictEqual(targetFromEnv({ GOAMD64: 'v3' }, 26, [], linuxHost).goarchLevel, 'v3');
    assert.strictEqual(targetFromEnv({ GOAMD64: 'v3', GOARCH: 'arm64' }, 26, [], linuxHost).goarchLevel, undefined);
    assert.strictEqual(targetFromEnv({ GOARCH: 'arm', GOARM: '6' }, 26, [], linuxHost).goarchLevel, '6');
  });
});

// ---- the oracle: `go list` on a generated module ----

/** The oracle's files: name → text (each `package bt`). */
function oracleFiles(): Record<string, string> {
  const plain = 'package bt\n';
  const cgo = 'package bt\n\n// #include <stdlib.h>\nimport "C"\n';
  const files: Record<string, string> = {
    // names
    'plain.go': plain, 'linux.go': plain, 'windows.go': plain, 'amd64.go': plain, 'linux_amd64.go': plain,
    'x_linux.go': plain, 'x_windows.go': plain, 'x_darwin.go': plain, 'x_android.go': plain, 'x_ios.go': plain,
    'x_illumos.go': plain, 'x_solaris.go': plain, 'x_freebsd.go': plain, 'x_js.go': plain, 'x_plan9.go': plain,
    'x_amd64.go': plain, 'x_arm64.go': plain, 'x_386.go': plain, 'x_wasm.go': plain, 'x_ppc64le.go': plain,
    'x_linux_amd64.go': plain, 'x_linux_arm64.go': plain, 'x_windows_arm64.go': plain, 'x_darwin_arm64.go': plain,
    'x_android_arm64.go': plain, 'x_amd64_linux.go': plain, 'x_windows_linux.go': plain, 'x_unix.go': plain,
    'x_nacl.go': plain, 'x_amd64p32.go': plain, 'u_Linux.go': plain, 'y_windows.z.go': plain, 'y.z_windows.go': plain,
    'x_linux_foo.go': plain,
    // tests (TestGoFiles)
    'plain_test.go': plain, 'linux_test.go': plain, 'x_linux_test.go': plain, 'x_windows_test.go': plain,
    'x_linux_arm64_test.go': plain, 'c_integration_test.go': goBuild('integration'),
    // //go:build
    'c_ignore.go': goBuild('ignore'), 'c_unix.go': goBuild('unix'), 'c_not_unix.go': goBuild('!unix'),
    'c_or.go': goBuild('linux || darwin'), 'c_and.go': goBuild('linux && amd64'), 'c_prec.go': goBuild('windows || linux && arm64'),
    'c_paren.go': goBuild('(windows || linux) && arm64'), 'c_not_paren.go': goBuild('!(linux || windows)'),
    'c_complex.go': goBuild('(linux && (amd64 || arm64)) || (darwin && !cgo)'),
    'c_cgo.go': goBuild('cgo'), 'c_not_cgo.go': goBuild('!cgo'), 'c_gc.go': goBuild('gc'), 'c_gccgo.go': goBuild('gccgo'),
    'c_go1_1.go': goBuild('go1.1'), 'c_go1_0.go': goBuild('go1.0'), 'c_go1_26.go': goBuild('go1.26'), 'c_go1_27.go': goBuild('go1.27'),
    'c_not_go1_27.go': goBuild('!go1.27'), 'c_go_range.go': goBuild('go1.22 && !go1.27'), 'c_go1_026.go': goBuild('go1.026'),
    'c_integration.go': goBuild('integration'), 'c_netgo.go': goBuild('netgo || osusergo'), 'c_not_integration.go': goBuild('!integration'),
    'c_exp_jsonv2.go': goBuild('goexperiment.jsonv2'), 'c_exp_greentea.go': goBuild('goexperiment.greenteagc'),
    'c_exp_regabi.go': goBuild('goexperiment.regabiargs'), 'c_exp_dwarf5.go': goBuild('goexperiment.dwarf5'),
    'c_boring.go': goBuild('boringcrypto'), 'c_exp_boring.go': goBuild('goexperiment.boringcrypto'),
    'c_amd64_v1.go': goBuild('amd64.v1'), 'c_amd64_v2.go': goBuild('amd64.v2'), 'c_amd64_v3.go': goBuild('amd64.v3'),
    'c_arm64_v80.go': goBuild('arm64.v8.0'), 'c_arm64_v81.go': goBuild('arm64.v8.1'), 'c_arm64_v86.go': goBuild('arm64.v8.6'),
    'c_arm64_v87.go': goBuild('arm64.v8.7'), 'c_arm64_v91.go': goBuild('arm64.v9.1'), 'c_arm6.go': goBuild('arm.6'), 'c_arm7.go': goBuild('arm.7'),
    'c_386.go': goBuild('386.sse2'), 'c_wasm.go': goBuild('wasm.satconv'), 'c_power9.go': goBuild('ppc64le.power9'),
    'c_rva22.go': goBuild('riscv64.rva22u64'),
    'c_tag_linux.go': goBuild('linux'), 'c_tag_android.go': goBuild('android'), 'c_tag_darwin.go': goBuild('darwin'),
    'c_tag_ios.go': goBuild('ios'), 'c_tag_solaris.go': goBuild('solaris'), 'c_tag_illumos.go': goBuild('illumos'),
    'c_unicode.go': goBuild('!ünïcode'),
    // header position and form
    'h_noblank.go': '//go:build windows\npackage bt\n',
    'h_after_block.go': '/* Copyright\n   notice */\n//go:build windows\npackage bt\n',
    'h_in_block.go': '/*\n//go:build windows\n*/\npackage bt\n',
    'h_same_line_block.go': '/* x */ //go:build windows\npackage bt\n',
    'h_after_pkg.go': 'package bt\n\n//go:build windows\n',
    'h_doc_after.go': '//go:build windows\n\n// Package bt is a test.\npackage bt\n',
    'h_after_doc.go': '// Copyright.\n\n//go:build windows\n\n// Package bt.\npackage bt\n',
    'h_crlf.go': '//go:build windows\r\n\r\npackage bt\r\n',
    'h_bom.go': '\uFEFF//go:build windows\n\npackage bt\n',
    'h_indented.go': '  \t//go:build windows\n\npackage bt\n',
    'h_spaced.go': '// go:build windows\n\npackage bt\n',
    'h_buildx.go': '//go:buildwindows\n\npackage bt\n',
    'h_wins.go': '//go:build linux\n// +build windows\n\npackage bt\n',
    // // +build
    'p_windows.go': '// +build windows\n\npackage bt\n', 'p_or.go': '// +build windows darwin\n\npackage bt\n',
    'p_and.go': '// +build linux,amd64\n\npackage bt\n', 'p_not.go': '// +build !windows\n\npackage bt\n',
    'p_lines.go': '// +build linux darwin\n// +build arm64\n\npackage bt\n',
    'p_noblank.go': '// +build windows\npackage bt\n', 'p_noblank2.go': '// Copyright.\n\n// +build windows\npackage bt\n', 'p_nospace.go': '//+build windows\n\npackage bt\n',
    'p_comma.go': '// +build linux,\n\npackage bt\n', 'p_empty.go': '// +build\n\npackage bt\n',
    'p_bang.go': '// +build !\n\npackage bt\n', 'p_double.go': '// +build !!windows\n\npackage bt\n',
    'p_badtag.go': '// +build linux-amd64 darwin\n\npackage bt\n', 'p_notbadtag.go': '// +build !linux-amd64\n\npackage bt\n',
    'p_doc_between.go': '// +build windows\n// Package bt.\n\n// More.\npackage bt\n',
    'p_after_block.go': '/* Copyright */\n\n// +build windows\n\npackage bt\n',
    'p_crlf.go': '// +build windows\r\n\r\npackage bt\r\n',
    // cgo
    'cgo_import.go': cgo, 'cgo_group.go': 'package bt\n\nimport (\n\t_ "unsafe"\n\n\t"C"\n)\n',
    'cgo_linux.go': '//go:build linux\n\n' + cgo, 'cgo_named.go': 'package bt; import C "C"',
  };
  for (const [name, text] of Object.entries(files)) assert.match(headerImports(text)?.pkg ?? '', /^bt$/, name);
  return files;
}

/** Files the go command rejects (InvalidGoFiles) or ignores for what they are, in their own package. */
const EDGE_FILES: Record<string, string> = {
  'ok.go': 'package bt\n',
  'bad_end.go': goBuild('linux &&'), 'bad_double.go': goBuild('!!linux'), 'bad_empty.go': '//go:build\n\npackage bt\n',
  'bad_char.go': goBuild('linux-amd64'), 'bad_amp.go': goBuild('linux & amd64'), 'bad_paren.go': goBuild('(linux'),
  'bad_multi.go': '//go:build linux\n//go:build amd64\n\npackage bt\n', 'bad_windows.go': goBuild('linux &&'),
  'doc.go': 'package documentation\n',
};

interface OracleTarget { name: string; env: Record<string, string>; goMod?: string }

const ORACLE_TARGETS: OracleTarget[] = [
  { name: 'linux/amd64', env: { GOOS: 'linux', GOARCH: 'amd64' } },
  { name: 'windows/arm64', env: { GOOS: 'windows', GOARCH: 'arm64' } },
  { name: 'darwin/arm64', env: { GOOS: 'darwin', GOARCH: 'arm64' } },
  { name: 'android/arm64', env: { GOOS: 'android', GOARCH: 'arm64' } },
  { name: 'linux/amd64 -tags=integration,netgo', env: { GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: '-mod=mod -tags=integration,netgo' } },
  { name: 'linux/amd64 \'-tags=integration osusergo\'', env: { GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: "-mod=mod '-tags=integration osusergo'" } },
  { name: 'linux/amd64 CGO_ENABLED=0', env: { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0' } },
  { name: 'linux/amd64 GOEXPERIMENT=jsonv2,nogreenteagc', env: { GOOS: 'linux', GOARCH: 'amd64', GOEXPERIMENT: 'jsonv2,nogreenteagc' } },
  { name: 'linux/amd64 GOEXPERIMENT=boringcrypto', env: { GOOS: 'linux', GOARCH: 'amd64', GOEXPERIMENT: 'boringcrypto' } },
  { name: 'linux/amd64 GOAMD64=v3', env: { GOOS: 'linux', GOARCH: 'amd64', GOAMD64: 'v3' } },
  { name: 'linux/amd64, go.mod go 1.21', env: { GOOS: 'linux', GOARCH: 'amd64' }, goMod: '1.21' },
  { name: 'ios/arm64', env: { GOOS: 'ios', GOARCH: 'arm64' } },
  { name: 'illumos/amd64', env: { GOOS: 'illumos', GOARCH: 'amd64' } },
  { name: 'solaris/amd64', env: { GOOS: 'solaris', GOARCH: 'amd64' } },
  { name: 'freebsd/arm64 CGO_ENABLED=1', env: { GOOS: 'freebsd', GOARCH: 'arm64', CGO_ENABLED: '1' } },
  { name: 'linux/arm GOARM=6', env: { GOOS: 'linux', GOARCH: 'arm', GOARM: '6' } },
  { name: 'linux/arm64 GOARM64=v9.1', env: { GOOS: 'linux', GOARCH: 'arm64', GOARM64: 'v9.1' } },
  { name: 'linux/386', env: { GOOS: 'linux', GOARCH: '386' } },
  { name: 'linux/ppc64le GOPPC64=power9', env: { GOOS: 'linux', GOARCH: 'ppc64le', GOPPC64: 'power9' } },
  { name: 'linux/riscv64 GORISCV64=rva22u64', env: { GOOS: 'linux', GOARCH: 'riscv64', GORISCV64: 'rva22u64' } },
  { name: 'js/wasm', env: { GOOS: 'js', GOARCH: 'wasm' } },
  { name: 'wasip1/wasm', env: { GOOS: 'wasip1', GOARCH: 'wasm' } },
  { name: 'plan9/amd64', env: { GOOS: 'plan9', GOARCH: 'amd64' } },
  { name: 'aix/ppc64', env: { GOOS: 'aix', GOARCH: 'ppc64' } },
];

/** Variables of the inherited environment that would change the answer: the oracle sets its own. */
const TARGET_VARS = ['GOOS', 'GOARCH', 'CGO_ENABLED', 'GOFLAGS', 'GOEXPERIMENT', 'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOMIPS', 'GOMIPS64', 'GOPPC64', 'GORISCV64', 'GOWASM'];

describe('buildtags: oracle against go list', function () {
  this.timeout(300_000);
  const GO = findGo();
  let dir = '';
  let goMinor = 0;

  before(function () {
    if (!GO) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
    const v = spawnSync(GO!, ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
    const m = /^go1\.(\d+)/.exec(v.stdout.trim());
    if (!m) { console.log(`    (skipped: no Go version from go env GOVERSION: ${v.stdout}${v.stderr})`); this.skip(); }
    goMinor = Number(m![1]); // release tags come from the toolchain, not from go.mod
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-buildtags-'));
    for (const [name, text] of Object.entries(oracleFiles())) fs.writeFileSync(path.join(dir, name), text);
    fs.mkdirSync(path.join(dir, 'edge'));
    for (const [name, text] of Object.entries(EDGE_FILES)) fs.writeFileSync(path.join(dir, 'edge', name), text);
  });

  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  function goEnv(t: OracleTarget): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const v of TARGET_VARS) delete env[v];
    return { ...env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOWORK: 'off', GOENV: 'off', ...t.env };
  }

  function goList(env: NodeJS.ProcessEnv, pkg: string, fields: string[], e = false): string[][] {
    const format = fields.map((f) => `{{join .${f} " "}}`).join('|');
    const r = spawnSync(GO!, ['list', ...(e ? ['-e'] : []), '-f', format, pkg], { cwd: dir, env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `go list ${pkg}: ${r.stderr}`);
    return r.stdout.trim().split('|').map((s) => s.split(' ').filter(Boolean));
  }

  /** The target as targetFromEnv reads the same environment, checked against `go env`. */
  function targetFor(t: OracleTarget, env: NodeJS.ProcessEnv): BuildTarget {
    const target = targetFromEnv(env, goMinor);
    const r = spawnSync(GO!, ['env', 'GOOS', 'GOARCH', 'CGO_ENABLED'], { cwd: dir, env, encoding: 'utf8' });
    const [goos, goarch, cgo] = r.stdout.trim().split('\n');
    assert.deepStrictEqual([target.goos, target.goarch], [goos, goarch], t.name);
    if (target.cgo !== (cgo === '1')) {
      // cmd/go turns the default off when no C compiler is on PATH: not modelled (the host is not inspected).
      assert.strictEqual(env.CGO_ENABLED, undefined, `${t.name}: CGO_ENABLED=${env.CGO_ENABLED} but go env says ${cgo}`);
      console.log(`    (${t.name}: go env CGO_ENABLED=${cgo}, no C compiler? using it)`);
      return { ...target, cgo: cgo === '1' };
    }
    return target;
  }

  for (const t of ORACLE_TARGETS) {
    it(`agrees with go list for ${t.name}`, function () {
      const goMod = path.join(dir, 'go.mod');
      fs.writeFileSync(goMod, `module example.com/bt\n\ngo ${t.goMod ?? '1.22'}\n`);
      const env = goEnv(t);
      const target = targetFor(t, env);
      const [goFiles, cgoFiles, ignored, testFiles] = goList(env, '.', ['GoFiles', 'CgoFiles', 'IgnoredGoFiles', 'TestGoFiles']);
      const built = new Set([...goFiles, ...cgoFiles, ...testFiles]);
      const files = oracleFiles();
      const wrong: string[] = [];
      for (const [name, text] of Object.entries(files)) {
        const listed = built.has(name) ? 'built' : ignored.includes(name) ? 'ignored' : 'missing';
        assert.notStrictEqual(listed, 'missing', `${t.name}: go list does not list ${name}`);
        if (inBuild(name, text, target) !== (listed === 'built')) wrong.push(`${name}: go list says ${listed}, whyExcluded says ${whyExcluded(name, text, target) ?? 'built'}`);
      }
      assert.deepStrictEqual(wrong, [], t.name);
      assert.ok(built.size > 10 && ignored.length > 10, `${t.name}: a one-sided listing`);
    });
  }

  for (const t of [ORACLE_TARGETS[0], ORACLE_TARGETS[1]]) {
    it(`agrees with go list -e on malformed //go:build lines and package documentation for ${t.name}`, function () {
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bt\n\ngo 1.22\n');
      const env = goEnv(t);
      const target = targetFor(t, env);
      const [goFiles, ignored, invalid] = goList(env, './edge', ['GoFiles', 'IgnoredGoFiles', 'InvalidGoFiles'], true);
      for (const [name, text] of Object.entries(EDGE_FILES)) {
        const expected = goFiles.includes(name) && !invalid.includes(name);
        assert.ok(goFiles.includes(name) || ignored.includes(name) || invalid.includes(name), `${name} not listed`);
        assert.strictEqual(inBuild(name, text, target), expected, `${t.name} ${name}: ${whyExcluded(name, text, target)}`);
      }
      assert.ok(invalid.includes('bad_end.go') && ignored.includes('doc.go'), `${invalid} / ${ignored}`);
      // Without -e, one malformed file fails the whole package.
      const r = spawnSync(GO!, ['list', './edge'], { cwd: dir, env, encoding: 'utf8' });
      assert.notStrictEqual(r.status, 0);
      assert.match(r.stderr, /parsing \/\/go:build line/);
    });
  }
});
