import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { HealthResponse, Problem } from '../../src/core/api/contract.js';
import { VERSION } from '../../src/core/version.js';
import { mediaType, startApp, type Harness } from './helpers.js';
import { rawQuery } from './test-store.js';

describe('GET /v1/health', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  test('answers 200 with a body that matches HealthResponse', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(mediaType(res.headers['content-type']), 'application/json');
    const body = z.parse(HealthResponse, res.json());
    assert.deepEqual(body, { status: 'ok', version: VERSION, database: 'ok', catalogue: { counties: 22 } });
  });

  test('is never cached', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/health' });
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.etag, undefined);
  });
});

describe('GET /v1/health with an unhealthy store', () => {
  async function expectUnavailable(h: Harness) {
    const res = await h.app.inject({ method: 'GET', url: '/v1/health' });
    assert.equal(res.statusCode, 503);
    assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = z.parse(Problem, res.json());
    assert.equal(body.status, 503);
    assert.equal(body.type, '/v1/problems/store-unavailable');
    assert.ok(body.title.length > 0);
  }

  test('answers 503 problem+json when the database is closed', async () => {
    const h = await startApp();
    try {
      await h.store.close();
      assert.equal(await h.store.isHealthy(), false);
      await expectUnavailable(h);
    } finally {
      await h.close();
    }
  });

  test('answers 503 problem+json when the migrations table is gone', async () => {
    const h = await startApp();
    try {
      assert.equal(await h.store.isHealthy(), true);
      await rawQuery(h.store, 'drop table schema_migrations');
      await expectUnavailable(h);
    } finally {
      await h.close();
    }
  });
});
