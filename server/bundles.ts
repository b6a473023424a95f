/**
 * County download bundles (縣市下載包): per county × life event, that county's forms and
 * information sheets, each downloadable alone or all in one ZIP (the Stork circle's proposal:
 * seed B_ch3.txt L640–L642, L680–L700; report-ch3 §6, §C.2).
 *
 * data/bundles/<county>/<event>/bundle.yaml   the manifest: every file with its title, issuing
 *                                             agency and office, format, size, version,
 *                                             effective date and SHA-256
 * data/bundles/<county>/<event>/<id>.pdf|odt  the files themselves, committed, so the server
 *                                             and any CDN serve them as static files
 *
 * `loadBundles` checks every manifest and every byte before the server starts: a missing or
 * altered file, or a manifest naming a county, event, task or agency the catalogue does not
 * have, stops the server with the file's name rather than reaching a citizen.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import {
  BUNDLE_MEDIA_TYPES,
  BundleFileKind,
  BundleFilePath,
  BundleFormat,
  BundleResponse,
  BundleZipManifest,
  CountyBundlesResponse,
  Sha256Hex,
  type BundleCountyRef,
  type BundleFileView,
} from '../src/core/api/bundle-contract.js';
import { CountyCode, Source, type AgencyRef } from '../src/core/api/contract.js';
import type { Catalogue, CountyRecord } from './catalogue.js';
import { IsoDate, Slug, TaskId, Texts } from './catalogue-schema.js';
import { CATALOGUE_CACHE, matchesEtag, notFound, readLang, sendCatalogue } from './http.js';
import { CATALOGUE_BASE_LANG, fallbackChain, pickText, type LocalizedTexts } from './localized-text.js';
import { problem, sendProblem } from './problem.js';

// ---------- the manifest file (what the generator writes and a county would supply) ----------

export const BundleFileRecord = z.object({
  id: Slug,
  kind: BundleFileKind,
  title: Texts,
  /** An agency or office type id from data/agencies. */
  agency: Slug,
  /** The county's office by name, as printed on the form. */
  office: Texts,
  /** The life-event task the file is for. */
  task: z.optional(TaskId),
  format: BundleFormat,
  bytes: z.number().check(z.int(), z.positive()),
  version: z.string().check(z.minLength(1)),
  effective: IsoDate,
  sha256: Sha256Hex,
  /** Under data/bundles/: always `<county>/<event>/<id>.<format>`. */
  path: BundleFilePath,
});
export type BundleFileRecord = z.infer<typeof BundleFileRecord>;

export const BundleManifestFile = z.object({
  county: CountyCode,
  event: Slug,
  title: Texts,
  version: z.string().check(z.minLength(1)),
  effective: IsoDate,
  /** True while the files are generated samples rather than the county's own forms. */
  sample: z.boolean(),
  source: Source,
  files: z.array(BundleFileRecord).check(z.minLength(1)),
});
export type BundleManifestFile = z.infer<typeof BundleManifestFile>;

export const MANIFEST_NAME = 'bundle.yaml';

export class BundleError extends Error {
  override readonly name = 'BundleError';
}

export interface LoadedBundleFile {
  record: BundleFileRecord;
  bytes: Uint8Array;
}

export interface LoadedBundle {
  /** Where the manifest was read from, for messages. */
  manifestPath: string;
  manifest: BundleManifestFile;
  files: LoadedBundleFile[];
  totalBytes: number;
}

/** Every bundle, by county and event, and every file by its path (the only files served). */
export class Bundles {
  private readonly byKey = new Map<string, LoadedBundle>();
  private readonly byPath = new Map<string, { bundle: LoadedBundle; file: LoadedBundleFile }>();

  constructor(bundles: LoadedBundle[]) {
    for (const bundle of bundles) {
      this.byKey.set(`${bundle.manifest.county}/${bundle.manifest.event}`, bundle);
      for (const file of bundle.files) this.byPath.set(file.record.path, { bundle, file });
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): LoadedBundle[] {
    return [...this.byKey.values()];
  }

  get(county: string, event: string): LoadedBundle | undefined {
    return this.byKey.get(`${county}/${event}`);
  }

  forCounty(county: string): LoadedBundle[] {
    return this.all().filter((b) => b.manifest.county === county);
  }

  /** A file by its exact path under data/bundles/; anything else is not served. */
  file(path: string): { bundle: LoadedBundle; file: LoadedBundleFile } | undefined {
    return this.byPath.get(path);
  }
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function listDir(dir: string): Promise<Array<{ name: string; isDir: boolean }>> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function loadOne(root: string, county: string, event: string, catalogue: Catalogue, problems: string[]): Promise<LoadedBundle | undefined> {
  const dir = join(root, county, event);
  const manifestPath = join(dir, MANIFEST_NAME);
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${manifestPath} is missing` : `${manifestPath} is not valid YAML: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = z.safeParse(BundleManifestFile, raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${manifestPath}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return undefined;
  }
  const manifest = parsed.data;
  const before = problems.length;
  if (manifest.county !== county) problems.push(`${manifestPath}: county is ${manifest.county} but the folder is ${county}`);
  if (manifest.event !== event) problems.push(`${manifestPath}: event is ${manifest.event} but the folder is ${event}`);
  if (!catalogue.counties.counties.some((c) => c.code === manifest.county)) problems.push(`${manifestPath}: no county "${manifest.county}" in counties.yaml`);
  const lifeEvent = catalogue.lifeEvents.get(manifest.event);
  if (!lifeEvent) problems.push(`${manifestPath}: no life event "${manifest.event}" in life-events/`);

  const ids = new Set<string>();
  const files: LoadedBundleFile[] = [];
  for (const [i, record] of manifest.files.entries()) {
    const where = `${manifestPath}: files.${i} (${record.id})`;
    if (ids.has(record.id)) problems.push(`${where}: the id is used twice`);
    ids.add(record.id);
    if (!catalogue.agencies.has(record.agency)) problems.push(`${where}: no agency "${record.agency}" in agencies/`);
    if (record.task && lifeEvent && !lifeEvent.tasks.some((t) => t.id === record.task)) problems.push(`${where}: no task "${record.task}" in life event ${manifest.event}`);
    const expected = `${county}/${event}/${record.id}.${record.format}`;
    if (record.path !== expected) {
      problems.push(`${where}: path is ${record.path}, expected ${expected}`);
      continue;
    }
    const filePath = join(root, record.path);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(filePath));
    } catch (error) {
      problems.push((error as NodeJS.ErrnoException).code === 'ENOENT' ? `${filePath} is missing (listed in ${manifestPath})` : `${filePath} cannot be read: ${(error as Error).message}`);
      continue;
    }
    if (bytes.length !== record.bytes) problems.push(`${filePath} has ${bytes.length} bytes, ${manifestPath} says ${record.bytes}`);
    const digest = sha256Hex(bytes);
    if (digest !== record.sha256) problems.push(`${filePath} has SHA-256 ${digest}, ${manifestPath} says ${record.sha256}`);
    files.push({ record, bytes });
  }
  const listed = new Set(manifest.files.map((f) => `${f.id}.${f.format}`));
  for (const entry of await listDir(dir)) {
    if (entry.name !== MANIFEST_NAME && !listed.has(entry.name)) problems.push(`${join(dir, entry.name)} is not listed in ${manifestPath}`);
  }
  if (problems.length > before) return undefined;
  return { manifestPath, manifest, files, totalBytes: files.reduce((sum, f) => sum + f.bytes.length, 0) };
}

/**
 * Reads every data/bundles/<county>/<event>/bundle.yaml, checks it against the catalogue and
 * every file against its size and SHA-256, and throws a BundleError naming each bad file.
 */
export async function loadBundles(dataDir: string, catalogue: Catalogue): Promise<Bundles> {
  const root = join(dataDir, 'bundles');
  const problems: string[] = [];
  const loaded: LoadedBundle[] = [];
  for (const county of await listDir(root)) {
    if (!county.isDir) continue; // sample-offices.yaml and the like: generator inputs
    if (!catalogue.counties.counties.some((c) => c.code === county.name)) {
      problems.push(`${join(root, county.name)}: no county "${county.name}" in counties.yaml`);
      continue;
    }
    for (const event of await listDir(join(root, county.name))) {
      if (!event.isDir) {
        problems.push(`${join(root, county.name, event.name)}: expected only one folder per life event`);
        continue;
      }
      const bundle = await loadOne(root, county.name, event.name, catalogue, problems);
      if (bundle) loaded.push(bundle);
    }
  }
  if (problems.length) throw new BundleError(`The bundles in ${root} have ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return new Bundles(loaded);
}

// ---------- views ----------

/** `?v=` pins a file URL to its bytes, so the URL can be cached for good. */
const versionTag = (sha256: string) => sha256.slice(0, 16);
export const fileUrl = (record: BundleFileRecord) => `v1/files/${record.path}?v=${versionTag(record.sha256)}`;
const bundleUrl = (county: string, event: string) => `v1/counties/${county}/bundles/${event}`;

const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

function countyRef(record: CountyRecord, lang: string): BundleCountyRef {
  return { code: record.code, name: pickText(record.names, lang).text, nameZh: pickText(record.names, CATALOGUE_BASE_LANG).text };
}

/** RFC 6266 / RFC 8187: an ASCII fallback and the UTF-8 name. */
export function attachment(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** A name safe as a file name on Windows, macOS and Linux. */
const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();

const UI: Record<'zh-Hant-TW' | 'en', Record<string, string>> = {
  'zh-Hant-TW': {
    sample: '範例表單 SAMPLE — 這些是產生的範例，不是正式表單。實際表單與規定請向各機關洽詢。',
    files: '檔案',
    file: '檔案',
    office: '機關',
    format: '格式',
    size: '大小',
    version: '版本',
    effective: '生效日期',
    check: '下載後可用 SHA-256 核對每個檔案（例如 sha256sum），與 manifest.json 相同即未被更動。',
    source: '來源',
  },
  en: {
    sample: 'SAMPLE — these are generated samples, not official forms. Ask each office for its current forms and rules.',
    files: 'Files',
    file: 'File',
    office: 'Office',
    format: 'Format',
    size: 'Size',
    version: 'Version',
    effective: 'Effective',
    check: 'Check each file after download with its SHA-256 (for example with sha256sum): if it matches manifest.json, it has not been altered.',
    source: 'Source',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const formatSize = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Resolves every text of a bundle in one language, for the JSON answer and the ZIP. */
class BundleTexts {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly lang: string,
  ) {}

  text(texts: LocalizedTexts): string {
    return pickText(texts, this.lang).text;
  }

  agency(id: string): AgencyRef {
    const agency = this.catalogue.agencies.get(id)!;
    return { id, name: this.text(agency.names), kind: agency.kind, ...(agency.finder ? { finder: this.text(agency.finder) } : {}) };
  }

  county(code: string): BundleCountyRef {
    return countyRef(this.catalogue.counties.counties.find((c) => c.code === code)!, this.lang);
  }

  event(id: string) {
    return { id, name: this.text(this.catalogue.lifeEvents.get(id)!.names) };
  }

  file(bundle: LoadedBundle, file: LoadedBundleFile): BundleFileView {
    const { record } = file;
    const task = record.task ? this.catalogue.lifeEvents.get(bundle.manifest.event)?.tasks.find((t) => t.id === record.task) : undefined;
    return {
      id: record.id,
      kind: record.kind,
      title: this.text(record.title),
      titleZh: pickText(record.title, CATALOGUE_BASE_LANG).text,
      agency: this.agency(record.agency),
      office: this.text(record.office),
      officeZh: pickText(record.office, CATALOGUE_BASE_LANG).text,
      ...(task ? { task: { id: task.id, title: this.text(task.title) } } : {}),
      format: record.format,
      mediaType: BUNDLE_MEDIA_TYPES[record.format],
      bytes: record.bytes,
      version: record.version,
      effective: record.effective,
      sha256: record.sha256,
      path: record.path,
      url: fileUrl(record),
    };
  }
}

/** Every language any text of this bundle is in, lower-cased, to the tag as written. */
function languagesOf(bundle: LoadedBundle, catalogue: Catalogue): Map<string, string> {
  const langs = new Map<string, string>();
  const add = (texts: LocalizedTexts | undefined) => Object.keys(texts ?? {}).forEach((l) => langs.set(l.toLowerCase(), l));
  const { manifest } = bundle;
  add(manifest.title);
  add(catalogue.counties.counties.find((c) => c.code === manifest.county)?.names);
  add(catalogue.lifeEvents.get(manifest.event)?.names);
  for (const { record } of bundle.files) {
    add(record.title);
    add(record.office);
    add(catalogue.agencies.get(record.agency)?.names);
  }
  for (const l of Object.keys(UI)) langs.set(l.toLowerCase(), l);
  return langs;
}

/**
 * The part of the fallback chain this bundle's texts can answer: two requests with the same
 * effective chain get the same ZIP, byte for byte (the cache key, and the ZIP's language).
 */
function effectiveChain(bundle: LoadedBundle, catalogue: Catalogue, lang: string): string[] {
  const langs = languagesOf(bundle, catalogue);
  return fallbackChain(lang).filter((l) => langs.has(l)).map((l) => langs.get(l)!);
}

/** A fixed time for every ZIP entry: the bundle's effective date at midnight, local time as ZIP stores it. */
function zipTime(effective: string): Date {
  const [y, m, d] = effective.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 0, 0, 0);
}

/**
 * The bundle as one ZIP: the files (named by title in the language asked for), a
 * manifest.json (id, title, agency, version, effective date, SHA-256 of each) and a readable
 * index.html. Entry times are fixed, so the same data give the same bytes and the same ETag.
 */
export function buildBundleZip(bundle: LoadedBundle, catalogue: Catalogue, lang: string): { bytes: Uint8Array; sha256: string; fileName: string; asciiName: string } {
  const texts = new BundleTexts(catalogue, lang);
  const { manifest } = bundle;
  const county = texts.county(manifest.county);
  const event = texts.event(manifest.event);
  const textLang = pickText(manifest.title, lang).lang;
  // The fallback chain always ends with en and zh-Hant-TW: the first of those two it meets.
  const ui = fallbackChain(lang).find((l) => l === 'en' || l === 'zh-hant-tw') === 'en' ? UI.en : UI['zh-Hant-TW'];
  const width = String(bundle.files.length).length < 2 ? 2 : String(bundle.files.length).length;
  const entries = bundle.files.map((file, i) => ({
    file,
    name: `${String(i + 1).padStart(width, '0')}-${safeFileName(texts.text(file.record.title))}.${file.record.format}`,
  }));
  const zipManifest = z.parse(BundleZipManifest, {
    lang: textLang,
    county,
    event,
    title: texts.text(manifest.title),
    version: manifest.version,
    effective: manifest.effective,
    sample: manifest.sample,
    files: entries.map(({ file: { record }, name }) => ({
      id: record.id,
      file: name,
      title: texts.text(record.title),
      agency: { id: record.agency, name: texts.agency(record.agency).name },
      office: texts.text(record.office),
      format: record.format,
      bytes: record.bytes,
      version: record.version,
      effective: record.effective,
      sha256: record.sha256,
    })),
    source: manifest.source,
  });
  const rows = zipManifest.files
    .map(
      (f) =>
        `<tr><td><a href="${encodeURI(f.file)}">${escapeHtml(f.title)}</a></td><td>${escapeHtml(f.office)}</td><td>${f.format.toUpperCase()}</td>` +
        `<td>${formatSize(f.bytes)}</td><td>${escapeHtml(f.version)}</td><td>${f.effective}</td><td><code>${f.sha256}</code></td></tr>`,
    )
    .join('\n');
  const title = escapeHtml(zipManifest.title);
  const index = `<!doctype html>
<html lang="${escapeHtml(textLang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1.5rem; max-width: 60rem; color: #1b1b1b; }
.sample { border: 2px solid #b3261e; color: #b3261e; padding: 0.5rem 0.75rem; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #6b6b6b; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
code { font-size: 0.75rem; word-break: break-all; }
</style>
</head>
<body>
<h1>${title}</h1>
${manifest.sample ? `<p class="sample">${escapeHtml(ui.sample)}</p>\n` : ''}<p>${escapeHtml(county.name)} · ${escapeHtml(event.name)} · ${escapeHtml(ui.version)} ${escapeHtml(manifest.version)} · ${escapeHtml(ui.effective)} ${manifest.effective}</p>
<h2>${escapeHtml(ui.files)}</h2>
<table>
<thead><tr><th>${escapeHtml(ui.file)}</th><th>${escapeHtml(ui.office)}</th><th>${escapeHtml(ui.format)}</th><th>${escapeHtml(ui.size)}</th><th>${escapeHtml(ui.version)}</th><th>${escapeHtml(ui.effective)}</th><th>SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>${escapeHtml(ui.check)}</p>
<p>${escapeHtml(ui.source)}: ${escapeHtml(manifest.source.cite)} (${manifest.source.asOf})</p>
</body>
</html>
`;
  const mtime = zipTime(manifest.effective);
  const encoder = new TextEncoder();
  const zippable: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {};
  zippable['index.html'] = [encoder.encode(index), { level: 6, mtime }];
  zippable['manifest.json'] = [encoder.encode(`${JSON.stringify(zipManifest, null, 2)}\n`), { level: 6, mtime }];
  // PDFs are compressed inside, and an .odt is a ZIP already: store them as they are.
  for (const { file, name } of entries) zippable[name] = [file.bytes, { level: 0, mtime }];
  const bytes = zipSync(zippable, { mtime });
  return {
    bytes,
    sha256: sha256Hex(bytes),
    fileName: buildZipName(texts, manifest),
    asciiName: `${manifest.county}-${manifest.event}.zip`,
  };
}

// ---------- routes ----------

export interface BundleRouteOptions {
  bundles: Bundles;
  catalogue: Catalogue;
}

/**
 * GET /v1/counties/:code/bundles                the events a county has bundles for
 * GET /v1/counties/:code/bundles/:event         one bundle's manifest, texts in ?lang=
 * GET /v1/counties/:code/bundles/:event/zip     the whole bundle as one ZIP (no JavaScript needed)
 * GET /v1/files/<county>/<event>/<id>.<format>  one file, as listed in a manifest, nothing else
 */
export function registerBundleRoutes(app: FastifyInstance, { bundles, catalogue }: BundleRouteOptions): void {
  const countyOf = (code: string) => catalogue.counties.counties.find((c) => c.code === code);

  app.get<{ Params: { code: string } }>('/v1/counties/:code/bundles', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const county = countyOf(request.params.code);
    if (!county) return notFound(reply, 'county', request.params.code, request.url);
    const texts = new BundleTexts(catalogue, lang);
    const list = bundles
      .forCounty(county.code)
      .map((bundle) => ({ bundle, order: [...catalogue.lifeEvents.keys()].indexOf(bundle.manifest.event) }))
      .sort((a, b) => a.order - b.order)
      .map(({ bundle: { manifest, files, totalBytes } }) => ({
        event: manifest.event,
        name: texts.event(manifest.event).name,
        title: texts.text(manifest.title),
        fileCount: files.length,
        bytes: totalBytes,
        version: manifest.version,
        effective: manifest.effective,
        url: bundleUrl(county.code, manifest.event),
        zipUrl: `${bundleUrl(county.code, manifest.event)}/zip`,
      }));
    return sendCatalogue(request, reply, CountyBundlesResponse, { lang, county: texts.county(county.code), bundles: list });
  });

  const findBundle = (request: FastifyRequest<{ Params: { code: string; event: string } }>, reply: FastifyReply) => {
    const { code, event } = request.params;
    if (!countyOf(code)) return void notFound(reply, 'county', code, request.url);
    if (!catalogue.lifeEvents.has(event)) return void notFound(reply, 'life event', event, request.url);
    const bundle = bundles.get(code, event);
    if (!bundle) return void notFound(reply, 'bundle', `${code}/${event}`, request.url);
    return bundle;
  };

  app.get<{ Params: { code: string; event: string } }>('/v1/counties/:code/bundles/:event', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const bundle = findBundle(request, reply);
    if (!bundle) return reply;
    const texts = new BundleTexts(catalogue, lang);
    const { manifest } = bundle;
    const zipName = buildZipName(texts, manifest);
    return sendCatalogue(request, reply, BundleResponse, {
      lang,
      textLang: pickText(manifest.title, lang).lang,
      county: texts.county(manifest.county),
      event: texts.event(manifest.event),
      title: texts.text(manifest.title),
      version: manifest.version,
      effective: manifest.effective,
      sample: manifest.sample,
      files: bundle.files.map((file) => texts.file(bundle, file)),
      totalBytes: bundle.totalBytes,
      zip: { url: `${bundleUrl(manifest.county, manifest.event)}/zip?lang=${encodeURIComponent(lang)}`, fileName: zipName },
      source: manifest.source,
    });
  });

  // Built on first request per bundle and effective language; bounded, oldest dropped first.
  const zipCache = new Map<string, ReturnType<typeof buildBundleZip>>();
  const ZIP_CACHE_MAX = 256;

  app.get<{ Params: { code: string; event: string } }>('/v1/counties/:code/bundles/:event/zip', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const bundle = findBundle(request, reply);
    if (!bundle) return reply;
    const chain = effectiveChain(bundle, catalogue, lang);
    const key = `${bundle.manifest.county}/${bundle.manifest.event}/${chain.join(',')}`;
    let zip = zipCache.get(key);
    if (!zip) {
      zip = buildBundleZip(bundle, catalogue, chain[0] ?? CATALOGUE_BASE_LANG);
      if (zipCache.size >= ZIP_CACHE_MAX) zipCache.delete(zipCache.keys().next().value!);
      zipCache.set(key, zip);
    }
    const etag = `"${zip.sha256}"`;
    reply
      .header('etag', etag)
      .header('cache-control', CATALOGUE_CACHE)
      .header('content-disposition', attachment(zip.asciiName, zip.fileName))
      .header('x-content-type-options', 'nosniff');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/zip').send(Buffer.from(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength));
  });

  app.get<{ Params: { '*': string } }>('/v1/files/*', (request, reply) => {
    const path = request.params['*'];
    // Only the exact paths the manifests list are served: no traversal, no other file.
    const hit = z.safeParse(BundleFilePath, path).success ? bundles.file(path) : undefined;
    if (!hit) return sendProblem(reply, problem(404, 'not-found', 'No such file', `No bundle file is served at ${request.url}`, request.url));
    const { record, bytes } = hit.file;
    const county = countyOf(record.path.slice(0, 6))!;
    const etag = `"${record.sha256}"`;
    const pinned = (request.query as Record<string, unknown> | undefined)?.v === versionTag(record.sha256);
    const zhName = `${pickText(county.names, CATALOGUE_BASE_LANG).text}-${pickText(record.title, CATALOGUE_BASE_LANG).text}.${record.format}`;
    reply
      .header('etag', etag)
      // A URL pinned to these bytes (?v=, as the manifest gives it) never changes; a bare path may, next year.
      .header('cache-control', pinned ? IMMUTABLE_CACHE : CATALOGUE_CACHE)
      .header('content-disposition', attachment(`${county.code}-${record.id}.${record.format}`, safeFileName(zhName)))
      .header('x-content-type-options', 'nosniff');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(BUNDLE_MEDIA_TYPES[record.format]).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function buildZipName(texts: BundleTexts, manifest: BundleManifestFile): string {
  return `${safeFileName(`${texts.county(manifest.county).name}-${texts.event(manifest.event).name}`)}.zip`;
}
