/** The tracker routes: lookup by citizens, case creation and events by agencies. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as z from 'zod/mini';
import {
  AppendEventResponse,
  CaseView,
  CreateCaseResponse,
  TrackerProblem,
  type CreateCaseRequest,
} from '../../src/core/api/tracker-contract.js';
import { buildApp } from '../../server/app.js';
import type { Catalogue } from '../../server/catalogue.js';
import { CaseStatus } from '../../server/catalogue-schema.js';
import type { Store } from '../../server/store.js';
import { rateLimitAddress, registerTracker, type LookupLimits } from '../../server/tracker/index.js';
import { mediaType } from './helpers.js';
import { openTestStore, rawQuery } from './test-store.js';

const STATUS_IDS: string[] = [...CaseStatus.shape.id.options];

/**
 * The tracker reads nothing from the catalogue, so the app is built over an empty one: these
 * tests must not fail because someone is halfway through editing data/ (catalogue.test.ts
 * checks that). The status vocabulary is the contract's enum.
 */
const EMPTY_CATALOGUE: Catalogue = {
  counties: { source: { cite: 'test', asOf: '2025-01-01' }, counties: [] },
  agencies: new Map(),
  registries: new Map(),
  documents: new Map(),
  services: new Map(),
  lifeEvents: new Map(),
  calendar: new Map(),
  caseStatuses: [],
};

interface TrackerHarness {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** As test/server/helpers.ts builds the app (with a given catalogue), plus the tracker, registered before the first inject. */
async function startTracker(options: { store?: Store; now?: () => Date; limits?: LookupLimits; bodyLimit?: number; statuses?: string[] } = {}): Promise<TrackerHarness> {
  const store = options.store ?? (await openTestStore());
  const app = await buildApp({ catalogue: EMPTY_CATALOGUE, store, tracker: false });
  await registerTracker(app, {
    store,
    statuses: options.statuses ?? STATUS_IDS,
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  });
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

const zh = (text: string) => ({ 'zh-Hant-TW': text });

const ESTATE_CASE: CreateCaseRequest = {
  serviceId: 'estate-tax-return',
  receivingOffice: { 'zh-Hant-TW': '新北市板橋區公所', en: 'Banqiao District Office' },
  route: [{ agencyId: 'ntbna-banqiao-branch', office: { 'zh-Hant-TW': '財政部北區國稅局板橋分局', en: 'Banqiao Branch, NTBNA' } }],
  contact: { name: '林怡君', phone: '(02) 2960-0000 #101', email: 'case@example.org' },
  expectedCompletion: { earliest: '2025-07-01', latest: '2025-08-15', confidence: 'estimate' },
  agencyWord: '收件',
};

const LAX: LookupLimits = { perCase: { failures: 1000, windowSeconds: 900 }, perIp: { lookups: 1000, windowSeconds: 900 } };

function post(app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string) {
  return app.inject({ method: 'POST', url, payload: payload as object, headers, ...(remoteAddress ? { remoteAddress } : {}) });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function assertProblem(res: LightMyRequestResponse, status: number, type?: string): TrackerProblem {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
  const body = z.parse(TrackerProblem, res.json());
  assert.equal(body.status, status);
  if (type) assert.equal(body.type, `/v1/problems/${type}`);
  return body;
}

async function openCase(app: FastifyInstance, token: string, body: CreateCaseRequest = ESTATE_CASE) {
  const res = await post(app, '/v1/agency/cases', body, bearer(token));
  assert.equal(res.statusCode, 201, res.body);
  return z.parse(CreateCaseResponse, res.json());
}

describe('tracker: agencies open cases and append events', () => {
  let h: TrackerHarness;
  let owner: string;
  let routeAgency: string;
  let stranger: string;
  before(async () => {
    h = await startTracker({ limits: LAX });
    owner = (await h.store.createAgencyKey('new-taipei-banqiao-district-office', new Date())).token;
    routeAgency = (await h.store.createAgencyKey('ntbna-banqiao-branch', new Date())).token;
    stranger = (await h.store.createAgencyKey('taipei-daan-land-office', new Date())).token;
  });
  after(() => h.close());

  test('a key opens a case: its number, a lookup code once, and the case as received', async () => {
    const res = await post(h.app, '/v1/agency/cases', ESTATE_CASE, bearer(owner));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const created = z.parse(CreateCaseResponse, res.json());
    assert.match(created.caseNumber, /^OS-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.match(created.lookupCode, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const view = created.case;
    assert.equal(view.receivingOffice.agencyId, 'new-taipei-banqiao-district-office', 'owned by the key’s agency');
    assert.deepEqual(view.route, ESTATE_CASE.route);
    assert.deepEqual(view.contact, ESTATE_CASE.contact);
    assert.deepEqual(view.expectedCompletion, ESTATE_CASE.expectedCompletion);
    assert.equal(view.status.id, 'received');
    assert.equal(view.status.agencyWord, '收件');
    assert.equal(view.events.length, 1);
    const again = await openCase(h.app, owner);
    assert.notEqual(again.caseNumber, created.caseNumber);
    assert.notEqual(again.lookupCode, created.lookupCode);
  });

  test('missing, malformed, unknown and revoked keys are 401 problems', async () => {
    const missing = await post(h.app, '/v1/agency/cases', ESTATE_CASE);
    assertProblem(missing, 401, 'unauthorized');
    assert.match(String(missing.headers['www-authenticate']), /^Bearer/);
    assertProblem(await post(h.app, '/v1/agency/cases', ESTATE_CASE, { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'unauthorized');
    assertProblem(await post(h.app, '/v1/agency/cases', ESTATE_CASE, bearer('not-a-key')), 401, 'invalid-key');
    // Right key id, wrong secret.
    const [keyId] = owner.split('.');
    assertProblem(await post(h.app, '/v1/agency/cases', ESTATE_CASE, bearer(`${keyId}.${'A'.repeat(43)}`)), 401, 'invalid-key');
    // Unknown key id, well-formed secret.
    assertProblem(await post(h.app, '/v1/agency/cases', ESTATE_CASE, bearer(`k-0000000000000000.${owner.split('.')[1]}`)), 401, 'invalid-key');

    const doomed = await h.store.createAgencyKey('new-taipei-banqiao-district-office', new Date());
    const created = await openCase(h.app, doomed.token);
    assert.equal(await h.store.revokeAgencyKey(doomed.keyId, new Date()), 'revoked');
    assertProblem(await post(h.app, '/v1/agency/cases', ESTATE_CASE, bearer(doomed.token)), 401, 'invalid-key');
    assertProblem(await post(h.app, `/v1/agency/cases/${created.caseNumber}/events`, { status: 'in-review' }, bearer(doomed.token)), 401, 'invalid-key');
  });

  test('the owner appends events; they come back oldest first, newest last', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    const forwarded = await post(h.app, `/v1/agency/cases/${caseNumber}/events`, { status: 'forwarded', agencyWord: '轉件', note: zh('已轉送國稅局') }, bearer(owner));
    assert.equal(forwarded.statusCode, 201, forwarded.body);
    const body = z.parse(AppendEventResponse, forwarded.json());
    assert.equal(body.event.status, 'forwarded');
    assert.deepEqual(body.event.office, ESTATE_CASE.receivingOffice, 'the owner’s office by default');

    const lookup = await post(h.app, '/v1/cases/lookup', { caseNumber, lookupCode });
    const view = z.parse(CaseView, lookup.json());
    assert.deepEqual(view.events.map((e) => e.status), ['received', 'forwarded']);
    assert.equal(view.status.id, 'forwarded');
  });

  test('an agency on the route appends its own handling; withdrawn stays with the owner', async () => {
    const { caseNumber } = await openCase(h.app, owner);
    const url = `/v1/agency/cases/${caseNumber}/events`;
    for (const status of ['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'completed', 'collected']) {
      const body = status === 'needs-more' ? { status, action: { text: zh('請補附繼承系統表'), dueDate: '2025-07-15' } } : { status };
      const res = await post(h.app, url, body, bearer(routeAgency));
      assert.equal(res.statusCode, 201, `${status}: ${res.body}`);
      const event = z.parse(AppendEventResponse, res.json()).event;
      assert.equal(event.agencyId, 'ntbna-banqiao-branch');
      assert.deepEqual(event.office, ESTATE_CASE.route![0]!.office, 'the route stop’s office by default');
    }
    const withdrawn = assertProblem(await post(h.app, url, { status: 'withdrawn' }, bearer(routeAgency)), 403, 'owner-only-status');
    assert.match(withdrawn.detail ?? '', /"withdrawn" is recorded by the owner/);
    assert.equal((await post(h.app, url, { status: 'withdrawn', agencyWord: '撤件' }, bearer(owner))).statusCode, 201);
  });

  test('another agency’s key (not owner, not on the route) is refused with 403', async () => {
    const { caseNumber } = await openCase(h.app, owner);
    const res = await post(h.app, `/v1/agency/cases/${caseNumber}/events`, { status: 'in-review' }, bearer(stranger));
    const problem = assertProblem(res, 403, 'not-your-case');
    assert.match(problem.detail ?? '', /new-taipei-banqiao-district-office/);
  });

  test('an unknown case is 404', async () => {
    assertProblem(await post(h.app, '/v1/agency/cases/OS-2025-NOSUCH00/events', { status: 'in-review' }, bearer(owner)), 404, 'case-not-found');
    assertProblem(await post(h.app, '/v1/agency/cases/%E2%9C%93/events', { status: 'in-review' }, bearer(owner)), 404, 'case-not-found');
  });

  test('an unknown status id is a 400 that names the field', async () => {
    const { caseNumber } = await openCase(h.app, owner);
    const res = await post(h.app, `/v1/agency/cases/${caseNumber}/events`, { status: 'approved-maybe' }, bearer(owner));
    const problem = assertProblem(res, 400, 'invalid-body');
    assert.deepEqual(problem.errors?.map((e) => e.field), ['status']);
    assert.match(problem.detail ?? '', /^status: unknown status id "approved-maybe"/);
  });

  test('malformed bodies are 400s naming each field; unknown fields are refused', async () => {
    const { caseNumber } = await openCase(h.app, owner);
    const url = `/v1/agency/cases/${caseNumber}/events`;
    const fields = async (payload: unknown, token = owner, to = url) => {
      const problem = assertProblem(await post(h.app, to, payload, bearer(token)), 400);
      return problem.errors?.map((e) => e.field);
    };
    assert.deepEqual(await fields({ status: 'in-review', reviewer: 'x' }), ['reviewer']);
    assert.deepEqual(await fields({}), ['status']);
    assert.deepEqual(await fields({ status: 'needs-more' }), ['action'], 'needs-more must say what to do');
    assert.deepEqual(await fields({ status: 'needs-more', action: { text: zh('補件'), dueDate: '15/07/2025' } }), ['action.dueDate']);
    assert.deepEqual(await fields({ status: 'in-review', note: { en: 'English only' } }), ['note']);
    assert.deepEqual(await fields({ status: 'in-review', expectedCompletion: { earliest: '2025-09-01', latest: '2025-08-01', confidence: 'target' } }), ['expectedCompletion.earliest']);
    assert.deepEqual(await fields({ status: 'in-review', expectedCompletion: { date: '2025-09-01', confidence: 'sure' } }), ['expectedCompletion.confidence']);
    assert.deepEqual(await fields([]), ['(body)']);
    assert.deepEqual(await fields({ ...ESTATE_CASE, serviceId: 'Estate Tax' }, owner, '/v1/agency/cases'), ['serviceId']);
    assert.deepEqual(await fields({ ...ESTATE_CASE, route: [{ agencyId: 'x', office: zh('甲') }, { agencyId: 'x', office: zh('乙') }] }, owner, '/v1/agency/cases'), ['route']);
    assert.deepEqual(await fields({ ...ESTATE_CASE, contact: { name: '林', email: 'nope' } }, owner, '/v1/agency/cases'), ['contact.email']);
    assert.deepEqual(await fields({ ...ESTATE_CASE, lookupCode: 'AAAA-BBBB' }, owner, '/v1/agency/cases'), ['lookupCode'], 'an agency cannot choose the code');

    const invalidJson = await h.app.inject({ method: 'POST', url, payload: '{"status":', headers: { ...bearer(owner), 'content-type': 'application/json' } });
    assertProblem(invalidJson, 400, 'invalid-json');
  });

  test('event times: not in the future, not before the case was received; a revised estimate shows in the view', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner, { ...ESTATE_CASE, receivedAt: '2025-06-02T09:00:00+08:00' });
    const url = `/v1/agency/cases/${caseNumber}/events`;
    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.deepEqual(assertProblem(await post(h.app, url, { status: 'in-review', at: future }, bearer(owner)), 400).errors?.[0]?.field, 'at');
    assert.deepEqual(assertProblem(await post(h.app, url, { status: 'in-review', at: '2025-06-01T09:00:00+08:00' }, bearer(owner)), 400).errors?.[0]?.field, 'at');
    const revised = { date: '2025-08-02', confidence: 'statutory' } as const;
    const res = await post(h.app, url, { status: 'received', at: '2025-06-04T10:15:00+08:00', expectedCompletion: revised }, bearer(routeAgency));
    assert.equal(res.statusCode, 201, res.body);
    // An event that happened earlier than the last one recorded sorts by when it happened.
    assert.equal((await post(h.app, url, { status: 'forwarded', at: '2025-06-03T16:00:00+08:00' }, bearer(owner))).statusCode, 201);
    const view = z.parse(CaseView, (await post(h.app, '/v1/cases/lookup', { caseNumber, lookupCode })).json());
    assert.deepEqual(view.events.map((e) => e.status), ['received', 'forwarded', 'received']);
    assert.equal(view.events[0]!.at, '2025-06-02T01:00:00.000Z', 'times are stored in UTC');
    assert.deepEqual(view.expectedCompletion, revised);
    assert.equal(view.status.agencyId, 'ntbna-banqiao-branch');
  });

  test('a body over the limit is a 413 problem', async () => {
    const big = 'x'.repeat(20 * 1024);
    assertProblem(await post(h.app, '/v1/agency/cases', { ...ESTATE_CASE, note: zh(big) }, bearer(owner)), 413, 'body-too-large');
    assertProblem(await post(h.app, '/v1/cases/lookup', { caseNumber: 'OS-2025-AAAAAAAA', lookupCode: 'AAAA-AAAA', pad: big }), 413, 'body-too-large');
    const { caseNumber } = await openCase(h.app, owner);
    assertProblem(await post(h.app, `/v1/agency/cases/${caseNumber}/events`, { status: 'in-review', note: zh(big) }, bearer(owner)), 413, 'body-too-large');
  });

  test('the tracker refuses to start without "received" in the status vocabulary', async () => {
    const store = await openTestStore();
    const app = await buildApp({ catalogue: EMPTY_CATALOGUE, store, tracker: false });
    try {
      await assert.rejects(registerTracker(app, { store, statuses: ['in-review'] }), /received/);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('tracker: citizens look up a case', () => {
  let h: TrackerHarness;
  let owner: string;
  let keyId: string;
  before(async () => {
    h = await startTracker({ limits: LAX });
    ({ token: owner, keyId } = await h.store.createAgencyKey('taipei-daan-land-office', new Date()));
  });
  after(() => h.close());

  test('the right number and code give the case view, not cached', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    await post(h.app, `/v1/agency/cases/${caseNumber}/events`, { status: 'needs-more', agencyWord: '補正', action: { text: zh('請補附遺產稅繳清證明書'), dueDate: '2025-07-15' } }, bearer(owner));
    const res = await post(h.app, '/v1/cases/lookup', { caseNumber, lookupCode });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(mediaType(res.headers['content-type']), 'application/json');
    const view = z.parse(CaseView, res.json());
    assert.equal(view.caseNumber, caseNumber);
    assert.equal(view.serviceId, 'estate-tax-return');
    assert.equal(view.status.id, 'needs-more');
    assert.deepEqual(view.events.at(-1)!.action, { text: zh('請補附遺產稅繳清證明書'), dueDate: '2025-07-15' });
    assert.deepEqual(view.contact, ESTATE_CASE.contact);
  });

  test('the code is read as typed from a receipt: any case, no hyphen, O for 0, I or L for 1', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    const typed = lookupCode.replace('-', '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    assert.equal((await post(h.app, '/v1/cases/lookup', { caseNumber: caseNumber.toLowerCase(), lookupCode: ` ${typed} ` })).statusCode, 200);
  });

  test('the view has no hash, key id or lookup code', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    const res = await post(h.app, '/v1/cases/lookup', { caseNumber, lookupCode });
    assert.equal(res.statusCode, 200);
    const raw = res.body;
    for (const secret of [lookupCode, lookupCode.replace('-', ''), keyId, owner, 'scrypt', '$']) {
      assert.ok(!raw.includes(secret), `the view does not contain ${secret}`);
    }
    assert.doesNotMatch(raw, /hash|lookupCode|createdBy|keyId|key_id|salt/i);
    const [stored] = await rawQuery<{ lookup_hash: string }>(h.store, 'select lookup_hash from cases where case_number = ?', [caseNumber]);
    assert.ok(stored);
    assert.ok(!raw.includes(stored.lookup_hash.split('$').at(-1)!));
    assert.deepEqual(Object.keys(res.json()).sort(), ['caseNumber', 'contact', 'events', 'expectedCompletion', 'receivedAt', 'receivingOffice', 'route', 'serviceId', 'status']);
  });

  test('"no such case" and "wrong code" give the same 404, byte for byte, after comparable work', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    const wrongCode = lookupCode === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA';
    const wrong = await post(h.app, '/v1/cases/lookup', { caseNumber, lookupCode: wrongCode });
    const missing = await post(h.app, '/v1/cases/lookup', { caseNumber: 'OS-2025-NOSUCH00', lookupCode });
    assertProblem(wrong, 404, 'case-not-found');
    assert.equal(missing.statusCode, wrong.statusCode);
    assert.equal(missing.body, wrong.body);
    assert.equal(missing.headers['content-type'], wrong.headers['content-type']);
    assert.equal(missing.headers['content-length'], wrong.headers['content-length']);

    // Work, not speed: both run one scrypt check (the missing case against a dummy hash), which
    // costs tens of ms; without the dummy a missing case answers in about 1 ms. Alternating the
    // two and allowing a factor of 4 keeps the check meaningful on a loaded machine.
    const wrongTimes: number[] = [];
    const missingTimes: number[] = [];
    const time = async (body: object, into: number[]) => {
      const start = process.hrtime.bigint();
      await post(h.app, '/v1/cases/lookup', body);
      into.push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    for (let i = 0; i < 7; i++) {
      await time({ caseNumber, lookupCode: wrongCode }, wrongTimes);
      await time({ caseNumber: 'OS-2025-NOSUCH00', lookupCode }, missingTimes);
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[3]!;
    const wrongMs = median(wrongTimes);
    const missingMs = median(missingTimes);
    assert.ok(missingMs > wrongMs / 4 && missingMs < wrongMs * 4, `comparable times: missing ${missingMs.toFixed(1)} ms, wrong ${wrongMs.toFixed(1)} ms`);
  });

  test('a malformed lookup is a 400 naming the field; the number and code never go in a URL', async () => {
    const problem = assertProblem(await post(h.app, '/v1/cases/lookup', { caseNumber: 'OS-2025-AAAAAAAA', lookupCode: '12' }), 400, 'invalid-body');
    assert.deepEqual(problem.errors?.map((e) => e.field), ['lookupCode']);
    assert.deepEqual(assertProblem(await post(h.app, '/v1/cases/lookup', { caseNumber: 'OS 2025', lookupCode: 'AAAA-AAAA', extra: 1 }), 400).errors?.map((e) => e.field).sort(), ['caseNumber', 'extra']);
    const get = await h.app.inject({ method: 'GET', url: '/v1/cases/lookup?caseNumber=OS-2025-AAAAAAAA&lookupCode=AAAA-AAAA' });
    assertProblem(get, 404, 'not-found');
  });
});

describe('tracker: lookups are rate limited', () => {
  const WINDOW = 900;
  let clock = Date.parse('2025-06-02T01:00:00Z');
  const now = () => new Date(clock);
  let h: TrackerHarness;
  let owner: string;
  before(async () => {
    h = await startTracker({ now, limits: { perCase: { failures: 5, windowSeconds: WINDOW }, perIp: { lookups: 12, windowSeconds: WINDOW } } });
    owner = (await h.store.createAgencyKey('taipei-daan-land-office', new Date())).token;
  });
  after(() => h.close());

  const lookup = (body: object, ip = '203.0.113.7') => post(h.app, '/v1/cases/lookup', body, {}, ip);

  test('per case: 5 wrong codes lock the number (even for the right code), with Retry-After; it opens when the window passes', async () => {
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    const start = clock;
    for (let i = 0; i < 5; i++) {
      clock = start + i * 60_000; // one a minute, from different addresses
      assertProblem(await lookup({ caseNumber, lookupCode: 'ZZZZ-ZZZZ' }, `198.51.100.${i + 1}`), 404);
    }
    clock = start + 5 * 60_000;
    const locked = await lookup({ caseNumber, lookupCode }, '198.51.100.99');
    const problem = assertProblem(locked, 429, 'too-many-lookups');
    // The oldest failure (at start) leaves the window at start + 900 s: 600 s from now.
    assert.equal(problem.retryAfterSeconds, 600);
    assert.equal(locked.headers['retry-after'], '600');
    assert.match(problem.detail ?? '', /case number/);

    // Another case from the same address is not affected.
    const other = await openCase(h.app, owner);
    assert.equal((await lookup({ caseNumber: other.caseNumber, lookupCode: other.lookupCode }, '198.51.100.99')).statusCode, 200);

    clock = start + WINDOW * 1000 - 1;
    assertProblem(await lookup({ caseNumber, lookupCode }, '198.51.100.99'), 429);
    clock = start + WINDOW * 1000;
    assert.equal((await lookup({ caseNumber, lookupCode }, '198.51.100.99')).statusCode, 200, 'one failure left the window');
  });

  test('per case: an unknown number locks the same way (no hint that it does not exist)', async () => {
    clock += 3600_000;
    for (let i = 0; i < 5; i++) assertProblem(await lookup({ caseNumber: 'OS-2025-GHOST000', lookupCode: 'AAAA-AAAA' }, `192.0.2.${i + 1}`), 404);
    assertProblem(await lookup({ caseNumber: 'OS-2025-GHOST000', lookupCode: 'AAAA-AAAA' }, '192.0.2.50'), 429, 'too-many-lookups');
  });

  test('per address: 12 lookups in the window, then 429 with Retry-After, whatever the case; other addresses go on', async () => {
    clock += 3600_000;
    const start = clock;
    const { caseNumber, lookupCode } = await openCase(h.app, owner);
    for (let i = 0; i < 12; i++) {
      clock = start + i * 10_000;
      // Successful lookups count too (a scraper with valid codes is still a scraper).
      const res = i % 3 === 0 ? await lookup({ caseNumber, lookupCode }) : await lookup({ caseNumber: `OS-2025-IP${String(i).padStart(6, '0')}`, lookupCode: 'AAAA-AAAA' });
      assert.notEqual(res.statusCode, 429, `lookup ${i + 1} is allowed`);
    }
    clock = start + 120_000;
    const refused = await lookup({ caseNumber, lookupCode });
    const problem = assertProblem(refused, 429, 'too-many-lookups');
    assert.equal(problem.retryAfterSeconds, WINDOW - 120);
    assert.equal(refused.headers['retry-after'], String(WINDOW - 120));
    assert.match(problem.detail ?? '', /network/);
    assert.equal((await lookup({ caseNumber, lookupCode }, '203.0.113.8')).statusCode, 200, 'another address is not limited');
  });

  test('per case: a burst of concurrent guesses gets no more than the limit checked', async () => {
    clock += 3600_000;
    const { caseNumber } = await openCase(h.app, owner);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup({ caseNumber, lookupCode: `ZZZZ-ZZ${String(i).padStart(2, '0')}` }, `192.0.2.${150 + i}`)));
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [...Array<number>(5).fill(404), ...Array<number>(15).fill(429)], 'the attempt is counted before scrypt runs');
  });

  test('per address: IPv6 clients are counted by their /64, IPv4-mapped addresses as IPv4', async () => {
    assert.equal(rateLimitAddress('203.0.113.7'), '203.0.113.7');
    assert.equal(rateLimitAddress('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(rateLimitAddress('2001:db8:0:12:abcd::1'), '2001:db8:0:12::/64');
    assert.equal(rateLimitAddress('2001:0db8:0000:0012:ffff:ffff:ffff:ffff'), '2001:db8:0:12::/64');
    assert.equal(rateLimitAddress('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(rateLimitAddress('::1'), '0:0:0:0::/64');
    assert.equal(rateLimitAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');

    clock += 3600_000;
    for (let i = 0; i < 12; i++) await lookup({ caseNumber: `OS-2025-SIX${String(i).padStart(5, '0')}`, lookupCode: 'AAAA-AAAA' }, `2001:db8:0:12::${(i + 1).toString(16)}`);
    assertProblem(await lookup({ caseNumber: 'OS-2025-SIXNEXT0', lookupCode: 'AAAA-AAAA' }, '2001:db8:0:12:ffff::9'), 429, 'too-many-lookups');
    assertProblem(await lookup({ caseNumber: 'OS-2025-SIXNEXT0', lookupCode: 'AAAA-AAAA' }, '2001:db8:0:13::1'), 404);
  });

  test('429 bodies reach the browser: problem+json, no-store, Retry-After exposed by CORS', async () => {
    clock += 3600_000;
    for (let i = 0; i < 5; i++) await lookup({ caseNumber: 'OS-2025-CORS0000', lookupCode: 'AAAA-AAAA' }, `192.0.2.${100 + i}`);
    const res = await post(h.app, '/v1/cases/lookup', { caseNumber: 'OS-2025-CORS0000', lookupCode: 'AAAA-AAAA' }, { origin: 'http://localhost:8080' }, '192.0.2.200');
    assertProblem(res, 429);
    assert.equal(res.headers['cache-control'], 'no-store');
    // A loopback host page is allowed by default (ONESTOP_ALLOWED_ORIGINS unset; see abuse.test.ts).
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:8080');
    assert.match(String(res.headers['access-control-expose-headers']), /Retry-After/i);
  });
});
