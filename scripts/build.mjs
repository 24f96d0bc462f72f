// Bundles the client, the server and the CLI with esbuild, and copies the WASM files
// (the tree-sitter runtime and the pinned Go grammar) into grammars/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'fs';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
mkdirSync('grammars', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'grammars/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-go/tree-sitter-go.wasm'), 'grammars/tree-sitter-go.wasm');

// esbuild picks web-tree-sitter's ESM build for our `import`s; in a CJS bundle its import.meta.url
// would be undefined (createRequire throws), so it is defined as the bundle's own file URL.
// Whitespace and syntax are minified (the .vsix stays under 800 KB with three bundles in it);
// identifiers are not, so stack traces still name the functions, and dist/*.map maps them back.
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  minifyWhitespace: true, minifySyntax: true,
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // server-entry.ts runs server.ts, or the big-document worker when the server starts the bundle as one.
  build({ ...common, entryPoints: ['server/src/server-entry.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  // The simulation panel's page script: Chart.js and server/src/sim (pure) for the browser.
  build({ entryPoints: ['client/src/panel/page.mts'], outfile: 'dist/panel.js', bundle: true, platform: 'browser', format: 'iife',
    target: 'chrome120', minify: true, sourcemap: false, logLevel: 'warning', legalComments: 'eof' }),
]);

// dist/panel.html, the page outside VS Code (browser tests, a look without an editor): its HTML
// comes from the same template as the webview's (client/src/panel/html.ts).
const page = await build({ entryPoints: ['client/src/panel/standalone.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const mod = { exports: {} };
new Function('module', 'exports', page.outputFiles[0].text)(mod, mod.exports);
writeFileSync('dist/panel.html', mod.exports.standaloneHtml());
