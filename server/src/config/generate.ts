// What is generated from the settings table (config/schema.ts): VS Code's configuration
// contribution in package.json and the JSON Schema of .go-mapleak.yaml/.json. `npm run settings`
// writes both; test/config-schema.test.ts fails when the committed files are not what it writes.
// `go-mapleak config init` writes the commented default file made here.
import { SETTINGS, type SettingSpec } from './schema';
import { CONFIG_NAMES } from './file';

export const SCHEMA_FILE = 'schemas/go-mapleak.schema.json';
// Where the repository serves it (an assumption until the project is published under this name).
export const SCHEMA_ID = 'https://raw.githubusercontent.com/go-mapleak/go-mapleak/main/schemas/go-mapleak.schema.json';

type Json = Record<string, unknown>;

/** The JSON Schema of one value (without description or scope). */
function valueSchema(spec: SettingSpec, forEditor: boolean): Json {
  switch (spec.type) {
    case 'boolean': return { type: 'boolean', default: spec.default };
    case 'enum': return { type: 'string', enum: [...spec.values], default: spec.default };
    case 'string': return { type: 'string', default: spec.default, pattern: spec.pattern };
    case 'strings': return { type: 'array', items: { type: 'string' }, default: [...spec.default] };
    case 'size': return forEditor
      ? { type: ['string', 'number'], default: spec.default }
      : { anyOf: [{ type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*([KMG]i?B|B)?\\s*$' }, { type: 'number', minimum: 0 }], default: spec.default };
    case 'count': return { type: 'integer', minimum: spec.min, maximum: spec.max, default: spec.default };
  }
}

/** package.json contributes.configuration. */
export function contribution(): Json {
  const properties: Json = {};
  for (const spec of SETTINGS) {
    const v = valueSchema(spec, true);
    const descriptions = spec.type === 'enum' && spec.valueDescriptions ? { enumDescriptions: [...spec.valueDescriptions] } : {};
    properties[`goMapleak.${spec.key}`] = { ...v, markdownDescription: spec.markdownDescription, scope: spec.scope, ...descriptions };
  }
  return { title: 'Go Map Leak', properties };
}

/** The config file's schema: the same keys, nested at their dots; nothing else is allowed. */
export function configJsonSchema(): Json {
  const root: Json = {
    $schema: 'http://json-schema.org/draft-07/schema#', $id: SCHEMA_ID, title: 'go-mapleak configuration (.go-mapleak.yaml)',
    type: 'object', additionalProperties: false, properties: {},
  };
  for (const spec of SETTINGS) {
    const parts = spec.key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const props = node.properties as Json;
      props[part] ??= { type: 'object', additionalProperties: false, properties: {} };
      node = props[part] as Json;
    }
    const v = valueSchema(spec, false);
    const descriptions = spec.type === 'enum' && spec.valueDescriptions ? { markdownEnumDescriptions: [...spec.valueDescriptions] } : {};
    (node.properties as Json)[parts[parts.length - 1]] = { ...v, markdownDescription: spec.markdownDescription, description: plain(spec.markdownDescription), ...descriptions };
  }
  return root;
}

/** package.json with its generated parts as the table makes them (the rest as it is). */
export function withContribution(pkg: Json): Json {
  const contributes = { ...(pkg.contributes as Json) };
  contributes.configuration = contribution();
  // Completion and checks in .go-mapleak.json (VS Code) and .go-mapleak.yaml (with the YAML extension).
  contributes.jsonValidation = [{ fileMatch: '.go-mapleak.json', url: `./${SCHEMA_FILE}` }];
  contributes.yamlValidation = [{ fileMatch: ['.go-mapleak.yaml', '.go-mapleak.yml'], url: `./${SCHEMA_FILE}` }];
  return { ...pkg, contributes };
}

/** Markdown without its code marks, for editors that show `description` only. */
export function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

/**
 * A .go-mapleak.yaml that sets every key to its default, each under its description: what
 * `go-mapleak config init` writes, for a team to edit. The first line points YAML editors at the schema.
 */
export function defaultConfigText(): string {
  const out = [
    `# yaml-language-server: $schema=${SCHEMA_ID}`,
    `# ${CONFIG_NAMES[0]}: go-mapleak's settings for this directory and those below it, read by the`,
    '# command line (walking up from each linted directory, or --config) and by the editor extension,',
    '# where its keys win over the editor\'s goMapleak.* settings. Every key is at its default; delete',
    '# the ones you keep as they are. docs/cli.md#configuration describes the file.',
  ];
  let prev: string[] = [];
  for (const spec of SETTINGS) {
    const parts = spec.key.split('.');
    let same = 0;
    while (same < parts.length - 1 && same < prev.length - 1 && parts[same] === prev[same]) same++;
    for (let i = same; i < parts.length - 1; i++) {
      if (i === 0) out.push('');
      out.push(`${'  '.repeat(i)}${parts[i]}:`);
    }
    const indent = '  '.repeat(parts.length - 1);
    if (!out[out.length - 1].endsWith(':')) out.push('');
    const note = spec.editorOnly ? ' (Only the editor reads it.)' : '';
    for (const line of wrap(plain(spec.markdownDescription) + note, 100 - indent.length - 2)) out.push(`${indent}# ${line}`);
    if (spec.type === 'enum') out.push(`${indent}# One of: ${spec.values.join(', ')}.`);
    out.push(`${indent}${parts[parts.length - 1]}: ${JSON.stringify(spec.default)}`);
    prev = parts;
  }
  return out.join('\n') + '\n';
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
