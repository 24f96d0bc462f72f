// Where the UI tests save their screenshots. A plain test run writes them under .e2e/screenshots/
// (ignored), so `npm test` leaves the tree clean; `UPDATE_SCREENSHOTS=1 npm test` writes
// docs/screenshots/, the pictures the README shows — so those are always ones a test run took.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, '.e2e', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
