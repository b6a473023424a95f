/**
 * Every catalogue route answers what the contract says, in each language, cacheably; unknown
 * ids and bad input get problem+json, never a crash.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { DocFreeCheckResponse, Problem, routes } from '../../src/core/api/contract.js';
import { mediaType, startApp, type Harness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startApp();
});
after(() => h.close());

const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });
const sample = { id: 'death', service: 'death-registration', document: 'household-transcript' };

describe('every GET route of the contract answers its schema, with an ETag', () => {
  for (const [name, route] of Object.entries(routes)) {
    if (route.method !== 'GET') continue;
    for (const lang of ['zh-Hant-TW', 'en']) {
      test(`${name} (${lang})`, async () => {
        const path = route.path.replace('{id}', name === 'service' ? sample.service : name === 'document' ? sample.document : sample.id);
        const res = await get(`${path}?lang=${lang}`);
        assert.equal(res.statusCode, 200, res.body);
        z.parse(route.response as z.ZodMiniType, res.json());
        if (name !== 'health') {
          assert.ok(res.headers.etag);
          assert.equal((await get(`${path}?lang=${lang}`, { 'if-none-match': String(res.headers.etag) })).statusCode, 304);
        }
      });
    }
  }
});

describe('life events', () => {
  test('the list names all six events with their task counts', async () => {
    const body = (await get('/v1/life-events?lang=en')).json() as { lifeEvents: Array<{ id: string; taskCount: number }> };
    assert.deepEqual(body.lifeEvents.map((e) => e.id).sort(), ['birth', 'death', 'disaster', 'job-loss', 'moving-house', 'new-resident']);
    assert.equal(body.lifeEvents.find((e) => e.id === 'death')!.taskCount, 37);
  });

  test('one event carries its questions, rules and tasks with agencies resolved to names', async () => {
    const body = (await get('/v1/life-events/death?lang=en')).json() as z.infer<typeof routes.lifeEvent.response>;
    const registration = body.tasks.find((t) => t.id === 'D07')!;
    assert.equal(registration.agency.id, 'household-registration-office');
    assert.match(registration.agency.name, /Household Registration Office/i);
    assert.deepEqual(registration.deadline?.period, { unit: 'days', count: 30 });
    const zh = (await get('/v1/life-events/death?lang=zh-Hant-TW')).json() as typeof body;
    assert.notEqual(zh.tasks[0].title, body.tasks[0].title);
  });

  test('a language without texts falls back to English and says so', async () => {
    const body = (await get('/v1/life-events/death?lang=th')).json() as { lang: string; textLang: string };
    assert.equal(body.lang, 'th');
    assert.equal(body.textLang, 'en');
  });

  test('an unknown event is a 404 problem', async () => {
    const res = await get('/v1/life-events/wedding');
    assert.equal(res.statusCode, 404);
    assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
    assert.match(z.parse(Problem, res.json()).detail ?? '', /wedding/);
  });
});

describe('services', () => {
  test('search by part of a name, in Chinese or English', async () => {
    const zh = (await get(`/v1/services?lang=en&q=${encodeURIComponent('死亡')}`)).json() as { services: Array<{ id: string }> };
    assert.ok(zh.services.some((s) => s.id === 'death-registration'), JSON.stringify(zh.services.map((s) => s.id)));
    const en = (await get('/v1/services?lang=en&q=register%20A%20DEATH')).json() as { services: Array<{ id: string }> };
    assert.ok(en.services.some((s) => s.id === 'death-registration'));
    const none = (await get('/v1/services?q=zzzz-no-such')).json() as { services: unknown[] };
    assert.deepEqual(none.services, []);
  });

  test('a search text that is too long is a 400 problem', async () => {
    const res = await get(`/v1/services?q=${'x'.repeat(101)}`);
    assert.equal(res.statusCode, 400);
    assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
  });

  test('unknown service and document ids are 404 problems', async () => {
    for (const url of ['/v1/services/no-such-service', '/v1/documents/no-such-document']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
    }
  });
});

describe('POST /v1/doc-free/check', () => {
  const check = (payload: unknown) => h.app.inject({ method: 'POST', url: '/v1/doc-free/check', payload: payload as object });

  test('gives a decision with a reason for every document of the service, and is never cached', async () => {
    const res = await check({ service: 'vehicle-scrapping', answers: {}, lang: 'en' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = z.parse(DocFreeCheckResponse, res.json());
    assert.ok(body.decisions.length > 0);
    for (const decision of body.decisions) assert.ok(decision.because.length > 0);
  });

  test('the same check in Taitung waives more than in Taipei (county variations are rules)', async () => {
    const waived = async (county: string) => {
      const res = await check({ service: 'low-income-household-status', answers: { county }, lang: 'en' });
      assert.equal(res.statusCode, 200, res.body);
      const body = z.parse(DocFreeCheckResponse, res.json());
      return body.decisions.filter((d) => d.outcome === 'waived');
    };
    const taitung = await waived('TW-TTT');
    const taipei = await waived('TW-TPE');
    assert.ok(taitung.length > taipei.length, `Taitung ${taitung.length}, Taipei ${taipei.length}`);
    assert.ok(taitung.some((d) => d.facts.some((f) => f.variable === 'county' && f.value === 'TW-TTT')));
  });

  test('a skipped question that could change a decision is reported as not certain', async () => {
    const services = (await get('/v1/services?lang=en')).json() as { services: Array<{ id: string }> };
    let uncertain = 0;
    for (const { id } of services.services) {
      const body = z.parse(DocFreeCheckResponse, (await check({ service: id, answers: {} })).json());
      uncertain += body.decisions.filter((d) => !d.certain).length;
    }
    assert.ok(uncertain > 0);
  });

  test('a malformed body is a 400 naming the field; an unknown service a 404; a huge body a 413', async () => {
    const bad = await check({ service: 42, answers: {} });
    assert.equal(bad.statusCode, 400);
    assert.match(z.parse(Problem, bad.json()).detail ?? '', /service/);
    const missing = await check({ service: 'no-such-service', answers: {} });
    assert.equal(missing.statusCode, 404);
    const huge = await check({ service: 'death-registration', answers: { note: 'x'.repeat(100_000) } });
    assert.equal(huge.statusCode, 413);
    assert.equal(mediaType(huge.headers['content-type']), 'application/problem+json');
  });
});
