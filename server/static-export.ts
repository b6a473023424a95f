/**
 * The public catalogue as static files, for a CDN or nginx: every GET route the API serves to
 * every citizen alike (all languages, bundle manifests, form files, bundle ZIPs), answered by
 * the real app (so the bytes are the API's own) and written under the same paths.
 *
 * A language-dependent route is written as `<path>/index.<lang>.<ext>` (one file per UI
 * language); a CDN maps `?lang=` onto it (server/nginx-config.ts does it for nginx). Files that
 * are the same bytes (a ZIP in Vietnamese and in Thai both fall back to English) are
 * hard-linked, not copied. The headers the API sent with each answer go to
 * `_onestop/headers.json` for CDNs that set headers per path.
 *
 * Every GET route of the app must have a rule here: a new route without one fails the export
 * (and its test), so the export cannot silently fall behind the API.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Bundles } from './bundles.js';
import type { Catalogue } from './catalogue.js';

/** Routes that are not the same for everyone, or not cacheable: never exported. */
export const DYNAMIC_GET_ROUTES = new Set(['/v1/health']);

/** How one GET route pattern expands to concrete paths, and whether `?lang=` changes it. */
interface ExportRule {
  paths: (catalogue: Catalogue, bundles: Bundles | undefined) => string[];
  byLanguage: boolean;
}

const enc = encodeURIComponent;

export const EXPORT_RULES: Record<string, ExportRule> = {
  '/v1/openapi.json': { paths: () => ['/v1/openapi.json'], byLanguage: false },
  '/v1/counties': { paths: () => ['/v1/counties'], byLanguage: true },
  '/v1/life-events': { paths: () => ['/v1/life-events'], byLanguage: true },
  '/v1/life-events/:id': { paths: (c) => [...c.lifeEvents.keys()].map((id) => `/v1/life-events/${enc(id)}`), byLanguage: true },
  '/v1/calendar': { paths: () => ['/v1/calendar'], byLanguage: true },
  '/v1/agencies': { paths: () => ['/v1/agencies'], byLanguage: true },
  '/v1/documents': { paths: () => ['/v1/documents'], byLanguage: true },
  '/v1/documents/:id': { paths: (c) => [...c.documents.keys()].map((id) => `/v1/documents/${enc(id)}`), byLanguage: true },
  // `?q=` search is not exportable (any text); the widgets search the full list on the device.
  '/v1/services': { paths: () => ['/v1/services'], byLanguage: true },
  '/v1/services/:id': { paths: (c) => [...c.services.keys()].map((id) => `/v1/services/${enc(id)}`), byLanguage: true },
  '/v1/case-statuses': { paths: () => ['/v1/case-statuses'], byLanguage: true },
  '/v1/counties/:code/bundles': { paths: (c) => c.counties.counties.map((county) => `/v1/counties/${enc(county.code)}/bundles`), byLanguage: true },
  '/v1/counties/:code/bundles/:event': {
    paths: (_c, b) => (b?.all() ?? []).map(({ manifest }) => `/v1/counties/${enc(manifest.county)}/bundles/${enc(manifest.event)}`),
    byLanguage: true,
  },
  '/v1/counties/:code/bundles/:event/zip': {
    paths: (_c, b) => (b?.all() ?? []).map(({ manifest }) => `/v1/counties/${enc(manifest.county)}/bundles/${enc(manifest.event)}/zip`),
    byLanguage: true,
  },
  '/v1/files/*': { paths: (_c, b) => (b?.all() ?? []).flatMap((bundle) => bundle.files.map((f) => `/v1/files/${f.record.path}`)), byLanguage: false },
};

/** The headers a static host must send with a file to answer as the API does. */
export interface ExportedHeaders {
  'content-type': string;
  'cache-control': string;
  etag: string;
  'content-disposition'?: string;
}

export interface ExportResult {
  /** Served path (as nginx sees `$uri` after picking the file) → headers. */
  files: Record<string, ExportedHeaders>;
  routes: string[];
  bytesWritten: number;
  filesLinked: number;
}

/** The file a request for `path` in `lang` is written to (the CDN/nginx mapping follows this). */
export function exportedFilePath(path: string, lang: string | undefined, contentType: string): string {
  if (lang === undefined) return path;
  const ext = contentType.startsWith('application/zip') ? 'zip' : 'json';
  return `${path}/index.${lang}.${ext}`;
}

/**
 * Writes the export of `app` (built with the catalogue and bundles, route patterns collected
 * by `routes`) into `outDir`, for the languages `langs`.
 */
export async function exportCatalogue(options: {
  app: FastifyInstance;
  routes: string[];
  catalogue: Catalogue;
  bundles?: Bundles;
  langs: readonly string[];
  outDir: string;
}): Promise<ExportResult> {
  const { app, catalogue, bundles, langs, outDir } = options;
  const getRoutes = [...new Set(options.routes)].filter((route) => !DYNAMIC_GET_ROUTES.has(route)).sort();
  const unknown = getRoutes.filter((route) => !(route in EXPORT_RULES));
  if (unknown.length) {
    throw new Error(`No static export rule for GET ${unknown.join(', ')}: add one to EXPORT_RULES or list it in DYNAMIC_GET_ROUTES`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, ExportedHeaders> = {};
  const firstPathOfHash = new Map<string, string>();
  let bytesWritten = 0;
  let filesLinked = 0;

  for (const route of getRoutes) {
    const rule = EXPORT_RULES[route];
    for (const path of rule.paths(catalogue, bundles)) {
      for (const lang of rule.byLanguage ? langs : [undefined]) {
        const url = lang === undefined ? path : `${path}?lang=${enc(lang)}`;
        const response = await app.inject({ method: 'GET', url });
        if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
        const headers: ExportedHeaders = {
          'content-type': String(response.headers['content-type']),
          'cache-control': String(response.headers['cache-control']),
          etag: String(response.headers.etag),
          ...(response.headers['content-disposition'] ? { 'content-disposition': String(response.headers['content-disposition']) } : {}),
        };
        const served = exportedFilePath(path, lang, headers['content-type']);
        const target = join(outDir, decodeURIComponent(served));
        mkdirSync(dirname(target), { recursive: true });
        const bytes = response.rawPayload;
        const hash = createHash('sha256').update(bytes).digest('hex');
        const same = firstPathOfHash.get(hash);
        if (same && !existsSync(target)) {
          linkSync(same, target);
          filesLinked++;
        } else {
          writeFileSync(target, bytes);
          bytesWritten += bytes.byteLength;
          firstPathOfHash.set(hash, target);
        }
        files[served] = headers;
      }
    }
  }
  mkdirSync(join(outDir, '_onestop'), { recursive: true });
  writeFileSync(join(outDir, '_onestop', 'headers.json'), `${JSON.stringify({ langs, files }, null, 1)}\n`);
  return { files, routes: getRoutes, bytesWritten, filesLinked };
}
