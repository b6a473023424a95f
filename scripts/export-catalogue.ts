/**
 * `npm run export-catalogue -- <dir> [--listen 127.0.0.1:8088] [--upstream 127.0.0.1:8787]…`
 *
 * Writes the public catalogue (every GET route, all UI languages, manifests, form files,
 * bundle ZIPs) as static files under <dir>, plus `_onestop/headers.json` (the API's headers per
 * file) and `_onestop/nginx.conf` (a server block to include in nginx's http {}; `--upstream`
 * names live API processes for the tracker routes). Point the widgets' api-base at the
 * directory as served, and they work unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allLocales } from '../src/generated/locale-codes.js';
import { buildApp } from '../server/app.js';
import { loadBundles } from '../server/bundles.js';
import { loadCatalogue } from '../server/catalogue.js';
import { renderNginxConfig, STATIC_PROBLEMS, type NginxConfigOptions } from '../server/nginx-config.js';
import { exportCatalogue, type ExportResult } from '../server/static-export.js';
import { Store } from '../server/store.js';

export async function exportFromData(options: { dataDir: string; outDir: string; langs?: readonly string[] }): Promise<ExportResult> {
  const catalogue = await loadCatalogue(options.dataDir);
  const bundles = await loadBundles(options.dataDir, catalogue);
  // The tracker is left out (its routes are live, never exported); the store only answers health.
  const store = new Store(':memory:');
  const routes: string[] = [];
  const app = await buildApp({
    catalogue,
    store,
    bundles,
    tracker: false,
    onRoute: (route) => {
      if ((Array.isArray(route.method) ? route.method : [route.method]).includes('GET')) routes.push(route.url);
    },
  });
  await app.ready();
  try {
    const result = await exportCatalogue({ app, routes, catalogue, bundles, langs: options.langs ?? allLocales, outDir: options.outDir });
    mkdirSync(join(options.outDir, '_onestop', 'problems'), { recursive: true });
    for (const [name, body] of Object.entries(STATIC_PROBLEMS)) {
      writeFileSync(join(options.outDir, '_onestop', 'problems', name), `${JSON.stringify(body)}\n`);
    }
    return result;
  } finally {
    await app.close();
    store.close();
  }
}

/** nginx config for an export directory (reads nothing: give it the export's result). */
export function nginxConfigFor(outDir: string, result: ExportResult, rest: Omit<NginxConfigOptions, 'root' | 'headers'>): string {
  return renderNginxConfig({ ...rest, root: resolve(outDir), headers: { langs: allLocales, files: result.files } });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const outDir = args.find((a) => !a.startsWith('--') && !/^\d|^[a-z0-9.-]+:\d+$/i.test(a)) ?? args[0];
  if (!outDir || outDir.startsWith('--')) {
    console.error('usage: npm run export-catalogue -- <dir> [--listen host:port] [--upstream host:port]…');
    process.exit(2);
  }
  const valuesOf = (flag: string) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]] : []));
  const started = performance.now();
  const result = await exportFromData({ dataDir: resolve(process.env.ONESTOP_DATA ?? 'data'), outDir: resolve(outDir) });
  const conf = nginxConfigFor(outDir, result, { listen: valuesOf('--listen')[0] ?? '127.0.0.1:8088', upstreams: valuesOf('--upstream') });
  writeFileSync(join(outDir, '_onestop', 'nginx.conf'), conf);
  const count = Object.keys(result.files).length;
  console.log(
    `Exported ${count} answers of ${result.routes.length} GET routes to ${resolve(outDir)} ` +
      `(${(result.bytesWritten / 1e6).toFixed(1)} MB written, ${result.filesLinked} identical answers hard-linked) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n` +
      `nginx: include ${resolve(outDir, '_onestop/nginx.conf')} in http {}; CDN: see _onestop/headers.json and the README.`,
  );
}
