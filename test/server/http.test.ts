import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { CountiesResponse, Problem } from '../../src/core/api/contract.js';
import { loadCatalogue } from '../../server/catalogue.js';
import { DATA_DIR, mediaType, startApp, type Harness } from './helpers.js';

const ORIGIN = 'https://www.example.gov.tw';

describe('ETag and caching of catalogue routes', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });
  async function etagOf(url: string): Promise<string> {
    const res = await get(url);
    assert.equal(res.statusCode, 200);
    const etag = res.headers.etag;
    assert.equal(typeof etag, 'string');
    return etag as string;
  }

  test('a 200 carries a strong ETag and public, max-age caching', async () => {
    const res = await get('/v1/counties?lang=en');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{32}"$/);
    const cache = String(res.headers['cache-control']);
    assert.match(cache, /^public\b/);
    const maxAge = /\bmax-age=(\d+)\b/.exec(cache);
    assert.ok(maxAge, `max-age in ${cache}`);
    assert.ok(Number(maxAge[1]) > 0);
  });

  test('the ETag is stable for the same request', async () => {
    assert.equal(await etagOf('/v1/counties?lang=en'), await etagOf('/v1/counties?lang=en'));
  });

  test('If-None-Match with the ETag gives 304 with an empty body', async () => {
    const etag = await etagOf('/v1/counties?lang=en');
    const res = await get('/v1/counties?lang=en', { 'if-none-match': etag });
    assert.equal(res.statusCode, 304);
    assert.equal(res.body, '');
    assert.equal(res.headers.etag, etag);
    assert.match(String(res.headers['cache-control']), /^public\b/);
  });

  test('a different lang has a different ETag, and the old one does not match it', async () => {
    const en = await etagOf('/v1/counties?lang=en');
    const zh = await etagOf('/v1/counties?lang=zh-Hant-TW');
    assert.notEqual(en, zh);
    const res = await get('/v1/counties?lang=zh-Hant-TW', { 'if-none-match': en });
    assert.equal(res.statusCode, 200);
    assert.equal(z.parse(CountiesResponse, res.json()).lang, 'zh-Hant-TW');
  });

  test('a weak W/ validator matches (weak comparison)', async () => {
    const etag = await etagOf('/v1/counties?lang=en');
    const res = await get('/v1/counties?lang=en', { 'if-none-match': `W/${etag}` });
    assert.equal(res.statusCode, 304);
    assert.equal(res.body, '');
  });

  test('a list of validators matches when one of them does', async () => {
    const etag = await etagOf('/v1/counties?lang=en');
    for (const header of [`"stale", ${etag}`, `W/"a",W/${etag} , "b"`, `${etag},"other"`]) {
      const res = await get('/v1/counties?lang=en', { 'if-none-match': header });
      assert.equal(res.statusCode, 304, header);
    }
  });

  test('* matches any current representation', async () => {
    const res = await get('/v1/counties', { 'if-none-match': '*' });
    assert.equal(res.statusCode, 304);
  });

  test('validators that do not match give the full 200', async () => {
    const etag = await etagOf('/v1/counties?lang=en');
    const unquoted = etag.slice(1, -1);
    for (const header of ['"stale"', `"stale", W/"older"`, unquoted, `${etag.slice(0, -2)}"`]) {
      const res = await get('/v1/counties?lang=en', { 'if-none-match': header });
      assert.equal(res.statusCode, 200, header);
      assert.equal(z.parse(CountiesResponse, res.json()).counties.length, 22);
    }
  });

  test('the OpenAPI document is cacheable the same way', async () => {
    const etag = await etagOf('/v1/openapi.json');
    const res = await get('/v1/openapi.json', { 'if-none-match': etag });
    assert.equal(res.statusCode, 304);
  });
});

describe('routing and errors', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  for (const [method, url] of [
    ['GET', '/v1/nope'],
    ['GET', '/'],
    ['GET', '/v2/counties'],
    ['POST', '/v1/counties'],
  ] as const) {
    test(`${method} ${url} is a 404 problem+json`, async () => {
      const res = await h.app.inject({ method, url });
      assert.equal(res.statusCode, 404);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
      const body = z.parse(Problem, res.json());
      assert.equal(body.status, 404);
      assert.equal(body.type, '/v1/problems/not-found');
      assert.equal(body.instance, url);
    });
  }

  test('a trailing slash reaches the same route', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/counties/?lang=en' });
    assert.equal(res.statusCode, 200);
    assert.equal(z.parse(CountiesResponse, res.json()).counties.length, 22);
  });

  test('a body that breaks the contract is never sent: 500 problem+json instead', async () => {
    const real = await loadCatalogue(DATA_DIR);
    const broken = await startApp({
      catalogue: { ...real, counties: { ...real.counties, source: { ...real.counties.source, asOf: 'last Tuesday' } } },
    });
    try {
      const res = await broken.app.inject({ method: 'GET', url: '/v1/counties' });
      assert.equal(res.statusCode, 500);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
      const body = z.parse(Problem, res.json());
      assert.equal(body.status, 500);
      assert.equal(body.type, '/v1/problems/internal');
      assert.equal(body.detail, undefined, 'no internals leak to the client');
      assert.doesNotMatch(res.body, /last Tuesday|asOf/);
    } finally {
      await broken.close();
    }
  });
});

describe('CORS', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  const headerList = (value: string | number | string[] | undefined) =>
    String(value ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);

  test('a GET with an Origin is allowed from any origin and exposes the ETag', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/counties', headers: { origin: ORIGIN } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.ok(headerList(res.headers['access-control-expose-headers']).includes('etag'));
    assert.equal(res.headers['access-control-allow-credentials'], undefined, 'no cookies');
  });

  test('errors carry the CORS headers too, so a widget can read them', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/counties?lang=x%21', headers: { origin: ORIGIN } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  test('a preflight asking for If-None-Match is allowed', async () => {
    const res = await h.app.inject({
      method: 'OPTIONS',
      url: '/v1/counties',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.ok(headerList(res.headers['access-control-allow-headers']).includes('if-none-match'));
    assert.ok(headerList(res.headers['access-control-allow-methods']).includes('get'));
    assert.ok(Number(res.headers['access-control-max-age']) > 0);
  });
});
