/**
 * The static catalogue export behind Debian's nginx answers as the API does: every exported
 * answer byte for byte with the same content type, cache lifetime and download name, ?lang=
 * mapped by the API's fallback chain, 304 on revalidation, CORS for any host page,
 * problem+json for misses and other methods, and the live routes passed to an API process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportFromData, nginxConfigFor } from '../../scripts/export-catalogue.js';
import { ensureNginx, runningAsRoot, startNginx } from '../../scripts/nginx.mjs';
import { freePort } from '../../scripts/api-processes.js';
import { exportCatalogue, EXPORT_RULES, type ExportResult } from '../../server/static-export.js';
import { DATA_DIR, mediaType, startApp, tempDir, type Harness } from './helpers.js';

describe('static catalogue export served by nginx', () => {
  let api: Harness;
  let apiPort: number;
  let exported: ExportResult;
  let outDir: string;
  let removeDirs: Array<() => Promise<void>> = [];
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let base: string;

  before(async () => {
    const out = await tempDir();
    const prefix = await tempDir();
    removeDirs = [out.remove, prefix.remove];
    outDir = out.dir;
    exported = await exportFromData({ dataDir: DATA_DIR, outDir });
    api = await startApp();
    apiPort = await freePort();
    await api.app.listen({ port: apiPort, host: '127.0.0.1' });
    const port = await freePort();
    const config = nginxConfigFor(outDir, exported, {
      listen: `127.0.0.1:${port}`,
      upstreams: [`127.0.0.1:${apiPort}`],
      standalone: { prefix: prefix.dir, runAsRoot: runningAsRoot() },
    });
    nginx = await startNginx({ config, prefix: prefix.dir, port });
    base = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await nginx?.stop();
    await api?.close();
    for (const remove of removeDirs) await remove();
  });

  test('every GET route the API has is exported (health, which is live, excepted)', () => {
    const patterns = new Set(exported.routes);
    assert.deepEqual([...patterns].sort(), Object.keys(EXPORT_RULES).sort());
    // 70 services and 62 documents in seven languages, 66 bundles and 286 files, at least.
    assert.ok(Object.keys(exported.files).length > 2000, `${Object.keys(exported.files).length} files`);
  });

  test('a GET route without an export rule stops the export instead of being left out', async () => {
    const dir = await tempDir();
    try {
      await assert.rejects(
        exportCatalogue({ app: api.app, routes: ['/v1/counties', '/v1/something-new'], catalogue: undefined as never, langs: ['en'], outDir: dir.dir }),
        /No static export rule for GET \/v1\/something-new/,
      );
    } finally {
      await dir.remove();
    }
  });

  test('nginx answers every exported request with the API’s bytes and headers', async () => {
    const mismatches: string[] = [];
    const requests = Object.entries(exported.files).map(([served, headers]) => {
      const m = /^(.*)\/index\.([^/]+)\.(json|zip)$/.exec(served);
      return { url: m ? `${m[1]}?lang=${encodeURIComponent(m[2]!)}` : served, headers };
    });
    for (let i = 0; i < requests.length; i += 16) {
      await Promise.all(
        requests.slice(i, i + 16).map(async ({ url, headers }) => {
          const [fromNginx, fromApi] = await Promise.all([fetch(base + url), api.app.inject({ method: 'GET', url })]);
          const body = Buffer.from(await fromNginx.arrayBuffer());
          if (fromNginx.status !== 200) return void mismatches.push(`${url}: nginx ${fromNginx.status}`);
          if (!body.equals(fromApi.rawPayload)) return void mismatches.push(`${url}: body differs`);
          for (const name of ['content-type', 'cache-control', 'content-disposition'] as const) {
            const want = name === 'content-type' ? mediaType(headers[name]) : headers[name];
            const got = name === 'content-type' ? mediaType(fromNginx.headers.get(name) ?? '') : (fromNginx.headers.get(name) ?? undefined);
            if (want !== got) mismatches.push(`${url}: ${name} ${got} ≠ ${want}`);
          }
          if (fromNginx.headers.get('access-control-allow-origin') !== '*') mismatches.push(`${url}: no CORS`);
          if (fromNginx.headers.get('etag') !== fromApi.headers.etag) mismatches.push(`${url}: ETag ${fromNginx.headers.get('etag')} ≠ the API's ${fromApi.headers.etag}`);
        }),
      );
    }
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  });

  test('?lang= follows the API’s fallback chain: any Chinese reads zh-Hant-TW, no lang reads zh-Hant-TW, an unknown language reads English', async () => {
    const read = async (query: string) => (await (await fetch(`${base}/v1/services/${[...readServices()][0]}${query}`)).json()) as { lang: string; name: string };
    const zh = await read('?lang=zh-Hant-TW');
    assert.equal((await read('')).name, zh.name);
    assert.equal((await read('?lang=zh-TW')).name, zh.name);
    const en = await read('?lang=en');
    assert.equal((await read('?lang=fr')).name, en.name);
    assert.equal((await read('?lang=en-GB')).name, en.name);
    assert.notEqual(en.name, zh.name);
  });

  test('revalidation with the ETag (the API’s own, so either may answer) gives 304 Not Modified with its headers; another ETag gives the file', async () => {
    for (const url of ['/v1/life-events?lang=vi', '/v1/counties', '/v1/files/TW-TTT/death/death-information-sheet.pdf']) {
      const first = await fetch(base + url);
      const etag = first.headers.get('etag');
      assert.ok(etag, url);
      assert.equal(etag, (await api.app.inject({ url })).headers.etag, url);
      const again = await fetch(base + url, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, url);
      assert.equal(again.headers.get('etag'), etag, url);
      assert.equal(again.headers.get('access-control-allow-origin'), '*', url);
      const other = await fetch(base + url, { headers: { 'if-none-match': '"something-else"' } });
      assert.equal(other.status, 200, url);
    }
    // The same path in another language is another answer: its ETag is not the first one's.
    const vi = (await fetch(`${base}/v1/life-events?lang=vi`)).headers.get('etag')!;
    assert.equal((await fetch(`${base}/v1/life-events?lang=zh-Hant-TW`, { headers: { 'if-none-match': vi } })).status, 200);
  });

  test('a CORS preflight (a conditional GET from another origin) is answered', async () => {
    const preflight = await fetch(`${base}/v1/counties?lang=en`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.gov.tw', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /If-None-Match/i);
  });

  test('misses and other methods are problem+json, like the API’s', async () => {
    for (const [url, init, status] of [
      ['/v1/services/no-such-service?lang=en', {}, 404],
      ['/v1/files/TW-TTT/death/not-listed.pdf', {}, 404],
      ['/v1/../../etc/passwd', {}, 404],
      ['/_onestop/headers.json', {}, 404],
      ['/v1/counties', { method: 'POST', body: '{}' }, 405],
    ] as const) {
      const answer = await fetch(base + url, init);
      assert.equal(answer.status, status, url);
      assert.equal(mediaType(answer.headers.get('content-type') ?? ''), status === 404 || status === 405 ? 'application/problem+json' : '', url);
      assert.equal(((await answer.json()) as { status: number }).status, status, url);
    }
  });

  test('the live routes (search, health, the tracker) pass through to the API process', async () => {
    const search = await fetch(`${base}/v1/services?q=${encodeURIComponent('死亡')}&lang=en`);
    assert.equal(search.status, 200);
    const found = (await search.json()) as { query: string; services: unknown[] };
    assert.equal(found.query, '死亡');
    assert.ok(found.services.length > 0);
    const health = await fetch(`${base}/v1/health`);
    assert.equal(health.status, 200);
    const lookup = await fetch(`${base}/v1/cases/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseNumber: 'SAMPLE-NOT-THERE-01', code: 'SAMP-9999' }),
    });
    assert.ok([404, 400, 422].includes(lookup.status), `lookup through nginx answered ${lookup.status}`);
    assert.equal(mediaType(lookup.headers.get('content-type') ?? ''), 'application/problem+json');
  });

  test('the include-form nginx.conf the CLI writes for deployers passes nginx -t', async () => {
    const dir = await tempDir();
    try {
      writeFileSync(join(dir.dir, 'onestop.conf'), nginxConfigFor(outDir, exported, { listen: '127.0.0.1:1', upstreams: ['127.0.0.1:2'] }));
      writeFileSync(
        join(dir.dir, 'nginx.conf'),
        `pid ${dir.dir}/nginx.pid;\nerror_log ${dir.dir}/error.log;\nevents {}\nhttp {\n    include ${dir.dir}/onestop.conf;\n}\n`,
      );
      assert.doesNotThrow(() => execFileSync(ensureNginx(), ['-t', '-q', '-p', dir.dir, '-c', join(dir.dir, 'nginx.conf')], { stdio: 'pipe' }));
    } finally {
      await dir.remove();
    }
  });

  function readServices(): string[] {
    const list = JSON.parse(readFileSync(`${outDir}/v1/services/index.en.json`, 'utf8')) as { services: Array<{ id: string }> };
    return list.services.map((s) => s.id);
  }
});

