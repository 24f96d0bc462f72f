// What is generated from the settings table (config/schema.ts): VS Code's configuration
// contribution in package.json and the JSON Schema of .go-mapleak.yaml/.json. `npm run settings`
// writes both; test/config-schema.test.ts fails when the committed files are not what it writes.
import { SETTINGS, type SettingSpec } from './schema';

export const SCHEMA_FILE = 'schemas/go-mapleak.schema.json';
export const SCHEMA_ID = 'https://github.com/go-mapleak/go-mapleak/blob/main/schemas/go-mapleak.schema.json';

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
