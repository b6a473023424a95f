import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as z from 'zod/mini';
import { HealthResponse } from '../../src/core/api/contract.js';
import { VERSION } from '../../src/core/version.js';
import { startApi } from '../../server/main.js';
import { Store } from '../../server/store.js';
import { DATA_DIR, tempDir } from './helpers.js';

test('startApi listens over real HTTP, then closes with its store', async (t) => {
  const tmp = await tempDir();
  t.after(() => tmp.remove());
  const databasePath = join(tmp.dir, 'var', 'onestop.sqlite');
  const { app, address, config } = await startApi({ port: 0, host: '127.0.0.1', databasePath, dataDir: DATA_DIR });
  let closed = false;
  t.after(async () => {
    if (!closed) await app.close();
  });

  assert.equal(config.databasePath, databasePath);
  const url = new URL(address);
  assert.equal(url.hostname, '127.0.0.1');
  assert.ok(Number(url.port) > 0, `a real port was bound: ${address}`);
  assert.ok(existsSync(databasePath), 'the database file was created');

  const health = await fetch(new URL('/v1/health', address));
  assert.equal(health.status, 200);
  assert.equal(health.headers.get('cache-control'), 'no-store');
  assert.deepEqual(z.parse(HealthResponse, await health.json()), {
    status: 'ok',
    version: VERSION,
    database: 'ok',
    catalogue: { counties: 22 },
  });

  const counties = await fetch(new URL('/v1/counties?lang=en', address), { headers: { origin: 'https://example.org' } });
  assert.equal(counties.status, 200);
  assert.equal(counties.headers.get('access-control-allow-origin'), '*');
  const etag = counties.headers.get('etag');
  assert.ok(etag);
  await counties.arrayBuffer();
  const again = await fetch(new URL('/v1/counties?lang=en', address), { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);

  // SQLite keeps the WAL file while a connection is open and removes it when the last one closes.
  assert.ok(existsSync(`${databasePath}-wal`), 'the store is open while the app runs');
  await app.close();
  closed = true;
  await assert.rejects(fetch(new URL('/v1/health', address)), 'nothing listens after close');
  assert.equal(existsSync(`${databasePath}-wal`), false, 'closing the app closed its store');
  const reopened = new Store(databasePath);
  try {
    assert.equal(await reopened.isHealthy(), true);
  } finally {
    await reopened.close();
  }
});
