/**
 * Fills <target>s of one locale's XLIFF from a JSON file of drafts, so a translator (or a
 * drafting tool) never edits XML by hand and never races `lit-localize extract`:
 *
 *   node scripts/xliff-fill.mjs vi drafts/vi.json [--replace] [--reviewed]
 *
 * The JSON maps trans-unit id → text, with placeholders written {0}, {1}… for the source's
 * <x id="0" …/> tags (each must appear exactly as often as in the source). Text is
 * XML-escaped here. Targets are marked state="needs-review-translation" unless --reviewed:
 * nobody on the team is a native speaker of these languages, and the XLIFF should say so.
 * Existing targets are kept unless --replace.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [locale, draftsFile, ...flags] = process.argv.slice(2);
if (!locale || !draftsFile) {
  console.error('usage: node scripts/xliff-fill.mjs <locale> <drafts.json> [--replace] [--reviewed]');
  process.exit(2);
}
const replace = flags.includes('--replace');
const state = flags.includes('--reviewed') ? 'translated' : 'needs-review-translation';
const path = `locales/${locale}.xlf`;
const drafts = JSON.parse(readFileSync(draftsFile, 'utf8'));
let xml = readFileSync(path, 'utf8');

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const problems = [];
let filled = 0;
xml = xml.replace(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g, (unit, id, body) => {
  if (!(id in drafts)) return unit;
  const hasTarget = /<target[\s>]/.test(body);
  if (hasTarget && !replace) return unit;
  const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
  const tags = new Map([...source.matchAll(/<x id="(\d+)"[^>]*\/>/g)].map((m) => [m[1], m[0]]));
  const draft = String(drafts[id]);
  const used = [...draft.matchAll(/\{(\d+)\}/g)].map((m) => m[1]);
  for (const n of tags.keys()) {
    if (!used.includes(n)) problems.push(`${id}: placeholder {${n}} missing`);
  }
  for (const n of used) {
    if (!tags.has(n)) problems.push(`${id}: placeholder {${n}} is not in the source`);
  }
  const target = draft
    .split(/(\{\d+\})/)
    .map((part) => {
      const m = /^\{(\d+)\}$/.exec(part);
      return m && tags.has(m[1]) ? tags.get(m[1]) : escapeXml(part);
    })
    .join('');
  const targetXml = `<target state="${state}">${target}</target>`;
  filled++;
  const newBody = hasTarget
    ? body.replace(/<target[\s\S]*?<\/target>/, targetXml)
    : body.replace(/(<\/source>)/, `$1\n  ${targetXml}`);
  return `<trans-unit id="${id}">${newBody}</trans-unit>`;
});
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
writeFileSync(path, xml);
const total = (xml.match(/<trans-unit /g) ?? []).length;
const done = (xml.match(/<target[\s>]/g) ?? []).length;
console.log(`${path}: filled ${filled}; ${done}/${total} units have a target`);
