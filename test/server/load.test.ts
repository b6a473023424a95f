/**
 * The bounded load test, short (3 s per scenario; LOAD_SECONDS to change): a catalogue route
 * and the tracker lookup on loopback against the API as its own process. It must hold with no
 * socket error, no timeout and no answer but the intended one; the figures print. The full
 * run is `npx tsx bench/load-tracker-and-catalogue.ts`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLoad } from '../../bench/load-tracker-and-catalogue.js';
import { TEST_ENGINE, testDatabase } from './test-store.js';

test(`load on loopback (${TEST_ENGINE}): catalogue and tracker lookup hold with 0 errors and only the intended statuses`, { timeout: 240_000 }, async () => {
  const database = await testDatabase();
  let results: Awaited<ReturnType<typeof runLoad>>;
  try {
    results = await runLoad({ seconds: Number(process.env.LOAD_SECONDS ?? 3), database: database.env });
  } finally {
    await database.remove();
  }
  for (const r of results) {
    assert.equal(r.errors, 0, `${r.scenario.label}: socket errors`);
    assert.equal(r.timeouts, 0, `${r.scenario.label}: timeouts`);
    assert.deepEqual(r.unexpected, {}, `${r.scenario.label}: answers other than ${r.scenario.expect}`);
    assert.ok(r.requests > 0, `${r.scenario.label}: some requests were answered`);
  }
});
