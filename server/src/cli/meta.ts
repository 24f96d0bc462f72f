// What the CLI says about itself: its name and version.
// The version comes from package.json at build time (esbuild inlines the JSON field).
import { version } from '../../../package.json';

export const TOOL_NAME = 'go-mapleak';
export const TOOL_VERSION: string = version;
