// Writes what the settings table (server/src/config/schema.ts) generates: package.json's
// configuration contribution and schemas/go-mapleak.schema.json. Run after changing a setting:
//   npm run settings
import { readFileSync, writeFileSync } from 'fs';
import { configJsonSchema, SCHEMA_FILE, withContribution } from '../server/src/config/generate';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
writeFileSync('package.json', json(withContribution(JSON.parse(readFileSync('package.json', 'utf8')))));
writeFileSync(SCHEMA_FILE, json(configJsonSchema()));
console.log(`wrote package.json (contributes.configuration) and ${SCHEMA_FILE}`);
