/**
 * Marks a locale's translations as reviewed or not by a native speaker, and keeps the
 * file-level note that says so (lit-localize extract keeps both):
 *
 *   node scripts/xliff-review-state.mjs zh-Hant-TW needs-review        # every target without a state
 *   node scripts/xliff-review-state.mjs vi reviewed s1234… s5678…      # these units, after review
 *   node scripts/xliff-review-state.mjs vi reviewed --all              # the whole file, after review
 *
 * Run it under `flock /tmp/xliff.lock` like the other XLIFF tools. "needs-review" never
 * downgrades a target already marked reviewed (state="translated"); "reviewed" sets
 * state="translated", which scripts/xliff-fill.mjs --reviewed also writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [locale, mode, ...ids] = process.argv.slice(2);
if (!locale || !['needs-review', 'reviewed'].includes(mode ?? '') || (mode === 'reviewed' && !ids.length)) {
  console.error('usage: node scripts/xliff-review-state.mjs <locale> needs-review | reviewed (--all | <id>…)');
  process.exit(2);
}
const path = `locales/${locale}.xlf`;
let xml = readFileSync(path, 'utf8');
const all = ids.includes('--all');
let changed = 0;
xml = xml.replace(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g, (unit, id, body) => {
  const target = /<target(\s[^>]*)?>/.exec(body);
  if (!target) return unit;
  const attrs = target[1] ?? '';
  let next;
  if (mode === 'needs-review') {
    if (/\sstate="/.test(attrs)) return unit;
    next = `<target${attrs} state="needs-review-translation">`;
  } else {
    if (!all && !ids.includes(id)) return unit;
    next = /\sstate="/.test(attrs) ? `<target${attrs.replace(/\sstate="[^"]*"/, ' state="translated"')}>` : `<target${attrs} state="translated">`;
  }
  if (next === target[0]) return unit;
  changed++;
  return `<trans-unit id="${id}">${body.replace(target[0], next)}</trans-unit>`;
});

// The file-level note, so a reader of the XLIFF learns the status without counting states.
const pending = (xml.match(/state="needs-review-translation"/g) ?? []).length;
const note = pending
  ? `Targets marked state="needs-review-translation" were written by developers or drafted with a tool, and have not been reviewed by a native speaker. See scripts/xliff-review-state.mjs.`
  : 'Every target has been reviewed by a native speaker.';
const header = `<header><note from="onestop">${note}</note></header>`;
xml = /<header><note from="onestop">[\s\S]*?<\/note><\/header>/.test(xml)
  ? xml.replace(/<header><note from="onestop">[\s\S]*?<\/note><\/header>/, header)
  : xml.replace(/(<file [^>]*>\n?)/, `$1${header}\n`);
writeFileSync(path, xml);
console.log(`${path}: ${changed} target(s) marked ${mode}; ${pending} await a native speaker's review`);
