import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { VERSION } from '../../src/core/version.js';
import { trackerRoutes } from '../../src/core/api/tracker-contract.js';
import { bundleRoutes } from '../../src/core/api/bundle-contract.js';
import { buildOpenApi } from '../../server/openapi.js';
import { mediaType, startApp, type Harness } from './helpers.js';

type Json = Record<string, unknown>;
/** Walks a JSON document by keys, failing with the path when one is missing. */
function at(doc: unknown, ...keys: string[]): Json {
  let node = doc;
  for (const [i, key] of keys.entries()) {
    assert.ok(node && typeof node === 'object' && key in node, `missing ${keys.slice(0, i + 1).join(' > ')}`);
    node = (node as Json)[key];
  }
  assert.ok(node && typeof node === 'object', `${keys.join(' > ')} is an object`);
  return node as Json;
}

describe('GET /v1/openapi.json', () => {
  let h: Harness;
  let doc: Json;
  before(async () => {
    h = await startApp();
    const res = await h.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.equal(mediaType(res.headers['content-type']), 'application/json');
    doc = res.json<Json>();
  });
  after(() => h.close());

  test('is OpenAPI 3.1.0 with the library version', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(at(doc, 'info').version, VERSION);
    assert.equal(typeof at(doc, 'info').title, 'string');
  });

  test('is what buildOpenApi generates', () => {
    assert.deepEqual(doc, buildOpenApi({ ...trackerRoutes, ...bundleRoutes }));
  });

  test('documents /v1/health with its 200 schema', () => {
    const schema = at(doc, 'paths', '/v1/health', 'get', 'responses', '200', 'content', 'application/json', 'schema');
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(at(schema, 'properties')).sort(), ['catalogue', 'database', 'status', 'version']);
    assert.deepEqual([...(schema.required as string[])].sort(), ['catalogue', 'database', 'status', 'version']);
  });

  test('documents /v1/counties with its 200 schema and the lang parameter', () => {
    const get = at(doc, 'paths', '/v1/counties', 'get');
    const schema = at(get, 'responses', '200', 'content', 'application/json', 'schema');
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(at(schema, 'properties')).sort(), ['counties', 'lang', 'source', 'textLangs']);
    const county = at(schema, 'properties', 'counties', 'items', 'properties');
    assert.deepEqual(Object.keys(county).sort(), ['code', 'kind', 'name', 'nameLang', 'nameZh']);
    assert.deepEqual(at(county, 'kind').enum, ['special-municipality', 'city', 'county']);
    assert.ok(Array.isArray(get.parameters));
    assert.deepEqual(
      (get.parameters as Json[]).map((p) => [p.name, p.in]),
      [['lang', 'query']],
    );
    assert.ok(at(get, 'responses', '304'));
  });

  test('errors refer to components.schemas.Problem', () => {
    const problem = at(doc, 'components', 'schemas', 'Problem');
    assert.equal(problem.type, 'object');
    assert.deepEqual(Object.keys(at(problem, 'properties')).sort(), ['detail', 'instance', 'status', 'title', 'type']);
    assert.deepEqual([...(problem.required as string[])].sort(), ['status', 'title', 'type']);
    for (const path of ['/v1/health', '/v1/counties']) {
      for (const code of ['4XX', '5XX']) {
        const schema = at(doc, 'paths', path, 'get', 'responses', code, 'content', 'application/problem+json', 'schema');
        assert.equal(schema.$ref, '#/components/schemas/Problem');
      }
    }
  });
});

test('VERSION in src/core/version.ts equals package.json version', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(VERSION, pkg.version);
});
