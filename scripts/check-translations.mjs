/**
 * Fails when a locale misses a string the source has: every trans-unit in locales/*.xlf needs
 * a non-empty <target>, and every msg() in the source must have been extracted (run
 * `npm run localize:extract` after changing strings). Prints the coverage table per locale
 * (translated / needing a native speaker's review / total; scripts/translation-coverage.mjs).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { coverage, coverageTable } from './translation-coverage.mjs';

const files = readdirSync('locales').filter((f) => f.endsWith('.xlf'));
const before = Object.fromEntries(files.map((f) => [f, readFileSync(`locales/${f}`, 'utf8')]));
// Re-extract and compare: a changed file means strings in the source that the XLIFF lacks.
execFileSync('node_modules/.bin/lit-localize', ['extract', '--config', 'lit-localize.json'], { stdio: 'ignore' });
let failed = false;
const rows = coverage();
console.log(coverageTable(rows).join('\n'));
for (const row of rows) {
  if (readFileSync(`locales/${row.file}`, 'utf8') !== before[row.file]) {
    console.error(`  ${row.file} was out of date with the source: run npm run localize:extract and commit it`);
    failed = true;
  }
  for (const { id, source } of row.missing) console.error(`  ${row.locale} missing: ${id}: ${source}`);
  failed ||= row.missing.length > 0;
}
const drafted = rows.filter((r) => r.needsReview > 0).map((r) => r.locale);
if (drafted.length) console.log(`Not yet reviewed by a native speaker (state="needs-review-translation"): ${drafted.join(', ')}.`);
process.exit(failed ? 1 : 0);
