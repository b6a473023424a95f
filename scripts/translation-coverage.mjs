/**
 * Translation coverage per locale, read from locales/*.xlf (nothing is written):
 *
 *   node scripts/translation-coverage.mjs          # the table
 *   node scripts/translation-coverage.mjs --json   # the same as JSON
 *
 * "translated" counts units with a <target>; "needs review" those whose target is marked
 * state="needs-review-translation" (drafted by a developer or a drafting tool, not yet read by
 * a native speaker: scripts/xliff-fill.mjs writes them so, and scripts/xliff-review-state.mjs
 * changes the mark once a native speaker has reviewed them). `npm run check-translations`
 * prints this table too, and fails on a missing target.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One row per locale: { locale, total, translated, needsReview, missing: [{ id, source }] }. */
export function coverage(dir = 'locales') {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xlf'))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const locale = /target-language="([^"]+)"/.exec(text)?.[1] ?? file.replace(/\.xlf$/, '');
      const units = [...text.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)];
      let translated = 0;
      let needsReview = 0;
      const missing = [];
      for (const [, id, body] of units) {
        const target = /<target(\s[^>]*)?>([\s\S]*?)<\/target>/.exec(body);
        if (!target || !target[2].trim()) {
          missing.push({ id, source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '' });
          continue;
        }
        translated++;
        if (/state="needs-review-translation"/.test(target[1] ?? '')) needsReview++;
      }
      return { locale, file, total: units.length, translated, needsReview, missing };
    });
}

const percent = (n, total) => `${total ? Math.floor((n / total) * 1000) / 10 : 100}%`;

/** The table, as lines of text. */
export function coverageTable(rows) {
  const lines = [
    'locale       translated        needs native review   total',
    ...rows.map(
      (r) =>
        `${r.locale.padEnd(12)} ${`${r.translated} (${percent(r.translated, r.total)})`.padEnd(17)} ${`${r.needsReview} (${percent(r.needsReview, r.total)})`.padEnd(21)} ${r.total}`,
    ),
  ];
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = coverage();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows.map(({ missing, ...r }) => ({ ...r, missing: missing.map((m) => m.id) })), null, 2));
  else console.log(coverageTable(rows).join('\n'));
}
