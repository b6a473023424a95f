/**
 * How long <onestop-county-bundle> takes to build its ZIP, and how much memory it needs, for the
 * largest bundle in data/ (the same code the browser runs: WebCrypto SHA-256 of every file, then
 * fflate's zipSync). Prints figures, not a pass/fail:
 *
 *   node --expose-gc --import tsx bench/county-bundle-zip.ts
 *
 * Also a SYNTHETIC bundle: the largest one with every file's bytes repeated to about 1 MB each,
 * to see how the time and memory grow if a county one day supplies scanned forms. Its bytes are
 * not real forms (SAMPLE data), only their sizes matter.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { BundleResponse, type BundleFileView } from '../src/core/api/bundle-contract.js';
import { assembleBundleZip, type ZipTexts } from '../src/county-bundle/zip.js';
import { startApp } from '../test/server/helpers.js';

const TEXTS: ZipTexts = {
  sample: 'SAMPLE',
  version: 'Version',
  effective: 'Effective',
  files: 'Files',
  file: 'File',
  office: 'Issuing office',
  format: 'Format',
  size: 'Size',
  formats: { pdf: 'PDF to print', odt: 'ODF to edit' },
  check: 'Check each file with its SHA-256.',
  source: 'Source',
  leftOut: 'Not in this ZIP',
  reasons: { mismatch: 'Did not match.', unavailable: 'Could not be downloaded.' },
  getItFrom: 'Download it from',
};
const RUNS = 20;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function measure(name: string, bundle: BundleResponse, bytes: Map<string, Uint8Array>) {
  const sources = bundle.files.map((file) => ({ file, bytes: bytes.get(file.id) }));
  const options = { texts: TEXTS, locale: 'en', fileUrl: (f: BundleFileView) => `https://api.example/${f.url}` };
  await assembleBundleZip(bundle, sources, options); // warm-up (JIT)
  // Time first, alone; then memory, sampled while the build runs (the digests are async, so the
  // sampler gets turns between files; zipSync is one synchronous step, measured right after).
  const times: number[] = [];
  let zipBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const zip = await assembleBundleZip(bundle, sources, options);
    times.push(performance.now() - started);
    zipBytes = zip.bytes.length;
    if (zip.left.length) throw new Error(`${name}: ${zip.left.length} file(s) left out`);
  }
  let peak = 0;
  for (let run = 0; run < 5; run++) {
    gc?.();
    const before = memory();
    let high = before;
    const sampler = setInterval(() => (high = Math.max(high, memory())), 0);
    const zip = await assembleBundleZip(bundle, sources, options);
    clearInterval(sampler);
    high = Math.max(high, memory());
    peak = Math.max(peak, high - before);
    void zip;
  }
  times.sort((a, b) => a - b);
  const input = [...bytes.values()].reduce((sum, b) => sum + b.length, 0);
  console.log(
    `${name}: ${bundle.files.length} files, ${mb(input)} in, ZIP ${mb(zipBytes)}; ` +
      `build ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms median, ${times[RUNS - 1]!.toFixed(1)} ms max (${RUNS} runs); ` +
      `peak extra memory ${mb(peak)} (${(peak / input).toFixed(1)}× the files)${gc ? '' : ' [run with --expose-gc for steadier figures]'}`,
  );
}

const harness = await startApp();
try {
  // The largest bundle by bytes, over every county and event.
  const { counties } = (await harness.app.inject({ url: '/v1/counties?lang=en' })).json() as { counties: Array<{ code: string }> };
  let largest: BundleResponse | undefined;
  for (const { code } of counties) {
    for (const event of ['death', 'birth', 'moving-house']) {
      const bundle = z.parse(BundleResponse, (await harness.app.inject({ url: `/v1/counties/${code}/bundles/${event}?lang=en` })).json());
      if (!largest || bundle.totalBytes > largest.totalBytes) largest = bundle;
    }
  }
  const bundle = largest!;
  const bytes = new Map<string, Uint8Array>();
  for (const file of bundle.files) bytes.set(file.id, new Uint8Array((await harness.app.inject({ url: `/${file.url}` })).rawPayload));
  await measure(`largest real bundle (${bundle.county.code} ${bundle.event.id})`, bundle, bytes);

  // SYNTHETIC: each file's bytes repeated to about 1 MB, with the manifest saying so.
  const big = new Map<string, Uint8Array>();
  const files = bundle.files.map((file) => {
    const original = bytes.get(file.id)!;
    const copies = Math.ceil(1_048_576 / original.length);
    const grown = new Uint8Array(original.length * copies);
    for (let i = 0; i < copies; i++) grown.set(original, i * original.length);
    big.set(file.id, grown);
    return { ...file, bytes: grown.length, sha256: createHash('sha256').update(grown).digest('hex') };
  });
  const synthetic = { ...bundle, files, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0) };
  await measure('SYNTHETIC bundle, files grown to ~1 MB each', synthetic, big);
} finally {
  await harness.close();
}
