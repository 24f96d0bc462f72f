// What the CLI says about itself: its name, version and where its documentation lives.
// The version comes from package.json at build time (esbuild inlines the JSON field).
import { version, repository } from '../../../package.json';

export const TOOL_NAME = 'go-mapleak';
export const TOOL_VERSION: string = version;

/** The project's home page, from package.json's repository URL. */
export const INFORMATION_URI: string = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The documentation page of a rule (docs/rules/<name>.md in the repository). */
export function ruleDocUri(rule: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${encodeURIComponent(rule)}.md`;
}
