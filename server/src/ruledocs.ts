// Where each rule's documentation page (docs/rules/<name>.md) is, for the LSP's codeDescription
// and hover links and for the SARIF rule help. The pages ship beside the bundles in the .vsix.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

let dir: string | undefined;

/** docs/rules, found from the bundle (dist/) or from the sources (server/src/...). */
export function ruleDocsDir(): string {
  dir ??= [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')]
    .find((d) => fs.existsSync(d)) ?? path.join(__dirname, '..', 'docs', 'rules');
  return dir;
}

const uris = new Map<string, string>();

/** A file: URI of the rule's page (made once: every diagnostic of every publish carries one). */
export function ruleDocUri(rule: string, docsDir = ruleDocsDir()): string {
  const key = `${docsDir}\0${rule}`;
  let uri = uris.get(key);
  if (uri === undefined) uris.set(key, (uri = pathToFileURL(path.join(docsDir, rule + '.md')).href));
  return uri;
}

/** The page's Markdown, or undefined when it cannot be read. */
export function ruleDocMarkdown(rule: string, docsDir = ruleDocsDir()): string | undefined {
  try { return fs.readFileSync(path.join(docsDir, rule + '.md'), 'utf8'); } catch { return undefined; }
}
