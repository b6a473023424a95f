/**
 * The bundle as one ZIP, built in the browser from the files the citizen downloaded: the files
 * that match the manifest, a `manifest.json` (id, title, agency, version, effective date,
 * SHA-256 of each) and a readable `index.html` in the citizen's language. A file whose bytes do
 * not match its SHA-256, or that could not be fetched, is left out and named (in the result and
 * in index.html, with where to get it).
 *
 * Pure (no DOM): WebCrypto and fflate only, so it is table-tested on Node and loaded by the
 * element with a dynamic import() only when "Download all" is pressed.
 *
 * Entry names and the manifest's shape follow the server's ZIP (server/bundles.ts), so a
 * citizen gets the same folder either way: `01-<title>.pdf`, … `manifest.json`, `index.html`.
 */
import { zipSync, type Zippable } from 'fflate';
import type { BundleFileView, BundleFormat, BundleResponse, BundleZipManifest } from '../core/api/bundle-contract.js';
import { formatBytes, formatIsoDate, safeFileName, type LeftReason } from './bundle-view.js';
import { matchesManifest } from './checksum.js';

/** The words of index.html, in the citizen's language (the element fills them with msg()). */
export interface ZipTexts {
  /** Said at the top when the forms are generated samples. */
  sample: string;
  version: string;
  effective: string;
  files: string;
  file: string;
  office: string;
  format: string;
  size: string;
  formats: Record<BundleFormat, string>;
  /** How to check a file with its SHA-256 after download. */
  check: string;
  source: string;
  /** The heading over the files left out. */
  leftOut: string;
  reasons: Record<LeftReason, string>;
  /** Before the link to a left-out file: "Download it from". */
  getItFrom: string;
}

export interface ZipSource {
  file: BundleFileView;
  /** The bytes as downloaded; absent when the file could not be fetched. */
  bytes?: Uint8Array | undefined;
}

export interface ZipOptions {
  texts: ZipTexts;
  /** The citizen's language: index.html's `lang`, and the language of sizes and dates. */
  locale: string;
  /** The absolute URL of a file, for the links to files left out. */
  fileUrl: (file: BundleFileView) => string;
}

export interface AssembledZip {
  bytes: Uint8Array;
  /** The ZIP's file name, as the API suggests it. */
  fileName: string;
  /** Every file in the ZIP, with its name there. */
  included: Array<{ file: BundleFileView; name: string }>;
  /** Every file of the manifest that is not in the ZIP, and why. */
  left: Array<{ file: BundleFileView; reason: LeftReason }>;
  manifest: BundleZipManifest;
  index: string;
}

export const MANIFEST_ENTRY = 'manifest.json';
export const INDEX_ENTRY = 'index.html';

/** A file's name inside the ZIP: its place in the manifest, its title, its format (`01-…pdf`). */
export function entryName(position: number, count: number, file: Pick<BundleFileView, 'title' | 'format'>): string {
  const width = Math.max(2, String(count).length);
  return `${String(position + 1).padStart(width, '0')}-${safeFileName(file.title)}.${file.format}`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** manifest.json: what each file in the ZIP is and how to check it (the contract's BundleZipManifest). */
export function buildZipManifest(bundle: BundleResponse, included: ReadonlyArray<{ file: BundleFileView; name: string }>): BundleZipManifest {
  return {
    lang: bundle.textLang,
    county: bundle.county,
    event: bundle.event,
    title: bundle.title,
    version: bundle.version,
    effective: bundle.effective,
    sample: bundle.sample,
    files: included.map(({ file, name }) => ({
      id: file.id,
      file: name,
      title: file.title,
      agency: { id: file.agency.id, name: file.agency.name },
      office: file.office,
      format: file.format,
      bytes: file.bytes,
      version: file.version,
      effective: file.effective,
      sha256: file.sha256,
    })),
    source: bundle.source,
  };
}

/** index.html: the list a citizen can open from the unzipped folder, in their language. */
export function buildIndexHtml(
  bundle: BundleResponse,
  included: ReadonlyArray<{ file: BundleFileView; name: string }>,
  left: ReadonlyArray<{ file: BundleFileView; reason: LeftReason }>,
  { texts, locale, fileUrl }: ZipOptions,
): string {
  const t = (text: string) => escapeHtml(text);
  const rows = included
    .map(
      ({ file, name }) =>
        `<tr><td><a href="${t(encodeURI(name))}">${t(file.title)}</a></td><td>${t(file.office)}</td><td>${t(texts.formats[file.format])}</td>` +
        `<td>${t(formatBytes(file.bytes, locale))}</td><td>${t(file.version)}</td><td>${t(formatIsoDate(file.effective, locale))}</td><td><code>${file.sha256}</code></td></tr>`,
    )
    .join('\n');
  const leftOut = left.length
    ? `<h2>${t(texts.leftOut)}</h2>\n<ul>\n${left
        .map(({ file, reason }) => `<li><strong>${t(file.title)}</strong> (${t(file.office)}): ${t(texts.reasons[reason])} ${t(texts.getItFrom)} <a href="${t(fileUrl(file))}">${t(fileUrl(file))}</a></li>`)
        .join('\n')}\n</ul>\n`
    : '';
  return `<!doctype html>
<html lang="${t(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(bundle.title)}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1.5rem; max-width: 60rem; color: #1b1b1b; }
.sample { border: 2px solid #b3261e; color: #b3261e; padding: 0.5rem 0.75rem; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #6b6b6b; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
code { font-size: 0.75rem; word-break: break-all; }
</style>
</head>
<body>
<h1>${t(bundle.title)}</h1>
${bundle.sample ? `<p class="sample">${t(texts.sample)}</p>\n` : ''}<p>${t(bundle.county.name)} · ${t(bundle.event.name)} · ${t(texts.version)} ${t(bundle.version)} · ${t(texts.effective)} ${t(formatIsoDate(bundle.effective, locale))}</p>
<h2>${t(texts.files)}</h2>
<table>
<thead><tr><th>${t(texts.file)}</th><th>${t(texts.office)}</th><th>${t(texts.format)}</th><th>${t(texts.size)}</th><th>${t(texts.version)}</th><th>${t(texts.effective)}</th><th>SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${leftOut}<p>${t(texts.check)}</p>
<p>${t(texts.source)}: ${t(bundle.source.cite)} (${t(bundle.source.asOf)})</p>
</body>
</html>
`;
}

/** Every entry's time: the bundle's effective date at midnight, so the same files give the same ZIP. */
function entryTime(effective: string): Date {
  const [y, m, d] = effective.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 0, 0, 0);
}

/**
 * Checks every source against the manifest (length and SHA-256) and zips those that match, with
 * manifest.json and index.html. Files of the manifest with no bytes, or bytes that don't match,
 * are left out and reported. Sources for files the manifest does not list are ignored.
 */
export async function assembleBundleZip(bundle: BundleResponse, sources: readonly ZipSource[], options: ZipOptions): Promise<AssembledZip> {
  const bytesById = new Map<string, Uint8Array | undefined>();
  for (const source of sources) if (source.bytes) bytesById.set(source.file.id, source.bytes);
  const included: AssembledZip['included'] = [];
  const left: AssembledZip['left'] = [];
  const payload: Array<[string, Uint8Array]> = [];
  for (const [position, file] of bundle.files.entries()) {
    const bytes = bytesById.get(file.id);
    if (!bytes) {
      left.push({ file, reason: 'unavailable' });
    } else if (!(await matchesManifest(file, bytes))) {
      left.push({ file, reason: 'mismatch' });
    } else {
      const name = entryName(position, bundle.files.length, file);
      included.push({ file, name });
      payload.push([name, bytes]);
    }
  }
  const manifest = buildZipManifest(bundle, included);
  const index = buildIndexHtml(bundle, included, left, options);
  const mtime = entryTime(bundle.effective);
  const encoder = new TextEncoder();
  const zippable: Zippable = {
    [INDEX_ENTRY]: [encoder.encode(index), { level: 6, mtime }],
    [MANIFEST_ENTRY]: [encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6, mtime }],
  };
  // PDFs are compressed inside and an .odt is a ZIP already: stored as they are.
  for (const [name, bytes] of payload) zippable[name] = [bytes, { level: 0, mtime }];
  return { bytes: zipSync(zippable, { mtime }), fileName: bundle.zip.fileName, included, left, manifest, index };
}
