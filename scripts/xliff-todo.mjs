/**
 * Lists what a locale still lacks, as JSON a translator can fill and give back to
 * scripts/xliff-fill.mjs: { id: { en, zh, note } } with placeholders written {0}, {1}…
 * The zh-Hant-TW target is there as context (it says what the string is for in Taiwan).
 *
 *   node scripts/xliff-todo.mjs vi > drafts/vi-todo.json
 */
import { readFileSync } from 'node:fs';

const locale = process.argv[2];
if (!locale) {
  console.error('usage: node scripts/xliff-todo.mjs <locale>');
  process.exit(2);
}
const units = (file) =>
  new Map(
    [...readFileSync(file, 'utf8').matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => [id, body]),
  );
const plain = (xml) =>
  (xml ?? '')
    .replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const zh = units('locales/zh-Hant-TW.xlf');
const todo = {};
for (const [id, body] of units(`locales/${locale}.xlf`)) {
  if (/<target[\s>]/.test(body)) continue;
  const zhBody = zh.get(id) ?? '';
  todo[id] = {
    en: plain(/<source>([\s\S]*?)<\/source>/.exec(body)?.[1]),
    zh: plain(/<target[^>]*>([\s\S]*?)<\/target>/.exec(zhBody)?.[1]),
    ...(/<note[^>]*>([\s\S]*?)<\/note>/.test(body) ? { note: plain(/<note[^>]*>([\s\S]*?)<\/note>/.exec(body)[1]) } : {}),
  };
}
console.log(JSON.stringify(todo, null, 1));
