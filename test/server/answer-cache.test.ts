/** Repeats of public catalogue answers come from memory, byte for byte as built, and nothing private is kept. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { registerAnswerCache } from '../../server/answer-cache.js';
import { startApp, type Harness } from './helpers.js';

describe('answer cache', () => {
  test('keeps public answers only, replays them with their headers, answers 304, and stays within its bounds', async () => {
    const app = Fastify();
    const cache = registerAnswerCache(app, { maxEntries: 3 });
    let built = 0;
    app.get('/public/:n', (request, reply) => {
      built++;
      const { n } = request.params as { n: string };
      return reply.header('cache-control', 'public, max-age=300').header('etag', `"e${n}"`).type('application/json').send(JSON.stringify({ n, built }));
    });
    app.get('/private', (_request, reply) => reply.header('cache-control', 'no-store').header('etag', '"p"').send({ built: ++built }));
    await app.ready();

    const first = await app.inject('/public/1');
    const again = await app.inject('/public/1');
    assert.equal(built, 1, 'the second request did not rebuild the answer');
    assert.equal(again.body, first.body);
    assert.equal(again.headers.etag, '"e1"');
    assert.equal(again.headers['cache-control'], 'public, max-age=300');
    assert.match(String(again.headers['content-type']), /application\/json/);
    const revalidated = await app.inject({ url: '/public/1', headers: { 'if-none-match': '"e1"' } });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, '');

    await app.inject('/private');
    await app.inject('/private');
    assert.equal(built, 3, 'no-store answers are built every time');

    for (const n of [2, 3, 4, 5]) await app.inject(`/public/${n}`);
    assert.equal(cache.size(), 3);
    await app.inject('/public/1');
    assert.equal(built, 8, '/public/1 was the least recently used and was dropped');
    await app.close();
  });
});

describe('answer cache in the API', () => {
  let harness: Harness;
  before(async () => {
    harness = await startApp();
  });
  after(async () => harness.close());

  test('a repeated catalogue answer is the same bytes, with CORS headers for the asking page', async () => {
    const url = '/v1/life-events/death?lang=en';
    const fresh = await harness.app.inject({ url, headers: { origin: 'https://www.example.gov.tw' } });
    const repeat = await harness.app.inject({ url, headers: { origin: 'https://www.example.gov.tw' } });
    assert.equal(repeat.statusCode, 200);
    assert.equal(repeat.body, fresh.body);
    assert.equal(repeat.headers.etag, fresh.headers.etag);
    assert.equal(repeat.headers['access-control-allow-origin'], '*');
    const notModified = await harness.app.inject({ url, headers: { 'if-none-match': String(fresh.headers.etag) } });
    assert.equal(notModified.statusCode, 304);
  });
});
