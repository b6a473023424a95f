/**
 * Fails when a locale misses a string the source has: every trans-unit in locales/*.xlf needs
 * a <target>, and every msg() in the source must have been extracted (run
 * `npm run localize:extract` after changing strings). Prints coverage per locale.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const files = readdirSync('locales').filter((f) => f.endsWith('.xlf'));
const before = Object.fromEntries(files.map((f) => [f, readFileSync(`locales/${f}`, 'utf8')]));
// Re-extract and compare: a changed file means strings in the source that the XLIFF lacks.
execFileSync('node_modules/.bin/lit-localize', ['extract', '--config', 'lit-localize.json'], { stdio: 'ignore' });
let failed = false;
for (const file of files) {
  const text = readFileSync(`locales/${file}`, 'utf8');
  const units = [...text.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)];
  const missing = units.filter(([, , body]) => !/<target>[\s\S]*?<\/target>/.test(body)).map(([, id, body]) => `${id}: ${/<source>([\s\S]*?)<\/source>/.exec(body)?.[1]}`);
  const covered = units.length - missing.length;
  console.log(`${file}: ${covered}/${units.length} strings translated (${units.length ? Math.round((covered / units.length) * 100) : 100}%)`);
  if (text !== before[file]) {
    console.error(`  ${file} was out of date with the source: run npm run localize:extract and commit it`);
    failed = true;
  }
  for (const line of missing) console.error(`  missing: ${line}`);
  failed ||= missing.length > 0;
}
process.exit(failed ? 1 : 0);
