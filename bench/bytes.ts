/**
 * Bytes a page downloads: min + gzip -9 and brotli q11 of each widget entry with the chunks it
 * imports statically, the core chunk, the all-in-one module, the classic script and each locale
 * chunk; beside them, built in the same run with the same rollup + terser settings, a minimal
 * Lit element, Shoelace's <sl-button> and SGDS's Button. Then what the core chunk is made of.
 *
 *   npx tsx bench/bytes.ts          (needs dist/: npm run build)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup, type OutputChunk } from 'rollup';
import { brotli, closureBytes, gzip } from '../scripts/bundle-bytes.mjs';
import { plugins } from '../rollup.config.mjs';
import { ensurePeers, PEERS_DIR } from './lib/peers.js';
import { report, type Row } from './lib/report.js';

const dist = 'dist';
if (!existsSync(join(dist, 'onestop.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const rows: Row[] = [];
const add = (key: string, label: string, gz: number, br: number) => {
  rows.push({ id: `bytes.gzip.${key}`, group: 'bytes', label: `${label} (min+gzip)`, value: gz, unit: 'B' });
  rows.push({ id: `bytes.brotli.${key}`, group: 'bytes', label: `${label} (brotli)`, value: br, unit: 'B' });
};

// Our builds.
const widgets = readdirSync(dist).filter((f) => f.endsWith('.js') && !f.startsWith('onestop'));
for (const entry of widgets.sort()) {
  const { files, gzip: gz, brotli: br } = closureBytes(join(dist, entry));
  add(entry, `${entry} with its ${files.length - 1} static chunks`, gz, br);
}
const core = readdirSync(join(dist, 'chunks')).find((f) => /^core-.*\.js$/.test(f));
if (core) {
  const buffer = readFileSync(join(dist, 'chunks', core));
  add('core-chunk', `chunks/${core} alone (Lit, base element, client, localize)`, gzip(buffer), brotli(buffer));
}
for (const file of ['onestop.js', 'onestop.classic.js']) {
  const buffer = readFileSync(join(dist, file));
  add(file, `${file} (every widget, one file)`, gzip(buffer), brotli(buffer));
}
// Each locale is built twice (importing the core chunk, or onestop.js): one row, the larger.
const localeDir = join(dist, 'locales');
const locales = new Map<string, { gz: number; br: number }>();
for (const file of existsSync(localeDir) ? readdirSync(localeDir).filter((f) => f.endsWith('.js')) : []) {
  const buffer = readFileSync(join(localeDir, file));
  const locale = file.replace(/-[\w-]{8}\.js$/, '');
  const gz = gzip(buffer);
  if ((locales.get(locale)?.gz ?? -1) < gz) locales.set(locale, { gz, br: brotli(buffer) });
}
for (const [locale, { gz, br }] of [...locales].sort()) add(`locale.${locale}`, `locales/${locale} chunk`, gz, br);

// Peers, each one file, same plugins as ours.
ensurePeers();
const peerVersion = (name: string) => JSON.parse(readFileSync(`${PEERS_DIR}/node_modules/${name}/package.json`, 'utf8')).version as string;
const peers = [
  { key: 'peer.lit-minimal', label: `minimal Lit ${peerVersion('lit')} element`, entry: 'lit-minimal.js' },
  { key: 'peer.shoelace-button', label: `Shoelace ${peerVersion('@shoelace-style/shoelace')} <sl-button>`, entry: 'shoelace-button.js' },
  { key: 'peer.sgds-button', label: `SGDS ${peerVersion('@govtechsg/sgds-web-component')} Button`, entry: 'sgds-button.js' },
];
const quiet = { onwarn: () => {} };
for (const peer of peers) {
  const bundle = await rollup({ input: join(PEERS_DIR, 'entries', peer.entry), plugins: plugins(), ...quiet });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const code = Buffer.from((output[0] as OutputChunk).code);
  add(peer.key, peer.label, gzip(code), brotli(code));
}

// What the core chunk is made of, from its source map: the shipped (minified) bytes each source
// module produced, gzipped on their own (their sum is larger than the chunk's, which compresses
// across modules; the order is what counts). Reading the map is instant; rebuilding is not.
const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = VLQ.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
const breakdown: Array<{ module: string; gzip: number }> = [];
if (core) {
  const code = readFileSync(join(dist, 'chunks', core), 'utf8').split('\n');
  const map = JSON.parse(readFileSync(join(dist, 'chunks', `${core}.map`), 'utf8')) as { sources: string[]; mappings: string };
  const texts = map.sources.map(() => [] as string[]);
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    const segments = line ? line.split(',').map(decodeSegment) : [];
    const starts = segments.map((segment) => {
      column += segment[0]!;
      if (segment.length >= 4) source += segment[1]!;
      return { column, source: segment.length >= 4 ? source : -1 };
    });
    starts.forEach((start, i) => {
      if (start.source >= 0) texts[start.source]!.push(code[lineIndex]!.slice(start.column, starts[i + 1]?.column));
    });
  });
  map.sources.forEach((path, i) => {
    const text = texts[i]!.join('');
    if (text) breakdown.push({ module: path.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, ''), gzip: gzip(Buffer.from(text)) });
  });
}
breakdown.sort((a, b) => b.gzip - a.gzip);
const byPackage = new Map<string, number>();
for (const { module, gzip: gz } of breakdown) {
  const pkg = module.startsWith('src/') ? module : module.split('/').slice(0, module.startsWith('@') ? 2 : 1).join('/');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + gz);
}
const total = breakdown.reduce((sum, b) => sum + b.gzip, 0);
const lines = [`Core chunk by module (min+gzip of each alone; sum ${(total / 1024).toFixed(1)} KB):`];
for (const [pkg, gz] of [...byPackage].sort((a, b) => b[1] - a[1])) lines.push(`  ${pkg.padEnd(52)} ${(gz / 1024).toFixed(2).padStart(6)} KB ${((100 * gz) / total).toFixed(0).padStart(3)}%`);
console.error(lines.join('\n'));

report(rows);
