/**
 * Prints min+gzip (-9) and brotli bytes of every built entry, counting the chunks it imports
 * statically (what a browser must fetch before the widget can run), and fails when one is
 * over its budget in size-budget.json. Size is deterministic, so it may fail the build.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotli, closureBytes, gzip } from './bundle-bytes.mjs';

const dist = 'dist';
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));

if (!existsSync(dist)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const rows = [];
let failed = false;
// Widget entries without their own budget get the default one.
const entries = { ...budget.entries };
for (const name of readdirSync(dist)) {
  if (name.endsWith('.js') && !(name in entries)) entries[name] = budget.widgetDefault;
}
for (const [entry, limit] of Object.entries(entries)) {
  const path = join(dist, entry);
  if (!existsSync(path)) {
    rows.push({ file: entry, gzip: NaN, brotli: NaN, budget: limit, status: 'MISSING' });
    failed = true;
    continue;
  }
  const { files, gzip: gz, brotli: br } = closureBytes(path);
  const ok = gz <= limit;
  failed ||= !ok;
  rows.push({ file: entry, parts: files.map((f) => relative(dist, f)).join(' + '), gzip: gz, brotli: br, budget: limit, status: ok ? 'ok' : 'OVER' });
}
// Each locale is built twice (once importing the core chunk, once onestop.js): same words, so
// one row per locale, the larger of its files.
const localeDir = join(dist, 'locales');
const locales = new Map();
for (const name of existsSync(localeDir) ? readdirSync(localeDir).filter((f) => f.endsWith('.js')) : []) {
  const buffer = readFileSync(join(localeDir, name));
  const locale = name.replace(/-[\w-]{8}\.js$/, '');
  const row = { file: `locales/${locale}-*.js`, gzip: gzip(buffer), brotli: brotli(buffer) };
  if (!locales.has(locale) || locales.get(locale).gzip < row.gzip) locales.set(locale, row);
}
for (const row of [...locales.values()].sort((a, b) => a.file.localeCompare(b.file))) {
  const ok = row.gzip <= budget.localeChunk;
  failed ||= !ok;
  rows.push({ ...row, budget: budget.localeChunk, status: ok ? 'ok' : 'OVER' });
}

const kb = (n) => (Number.isNaN(n) ? '-' : `${(n / 1024).toFixed(2)} KB`);
console.log('\nBundle sizes (min + gzip -9; brotli q11 for reference)');
console.log(['file'.padEnd(34), 'gzip'.padStart(10), 'brotli'.padStart(10), 'budget'.padStart(10), '  status'].join(''));
for (const row of rows) {
  console.log(
    [row.file.padEnd(34), kb(row.gzip).padStart(10), kb(row.brotli).padStart(10), kb(row.budget).padStart(10), `  ${row.status}`].join(''),
  );
  if (row.parts && row.parts.includes('+')) console.log(`  (${row.parts})`);
}
if (failed) {
  console.error('\nSize budget exceeded (see size-budget.json).');
  process.exit(1);
}
