/**
 * Abuse, over real HTTP against the API as server/main.ts starts it (keys from the agency-key
 * CLI): case-number enumeration, agencies reaching for each other's cases, how keys are kept,
 * and who gets CORS. tracker.test.ts has the rate-limit arithmetic in-process; this file adds
 * what only shows on the wire (forged X-Forwarded-For, the database file on disk, CORS with
 * the deployment's settings).
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSecurityConfig } from '../../server/security-config.js';
import { bearer, call, createKeyWithCli, ESTATE_CASE, routesOf, startApiInProcess, type HttpAnswer } from './live-api.js';
import { everythingStored, testDatabase, type TestDatabase } from './test-store.js';
import { run as agencyKeyCli } from '../../scripts/agency-key.js';

const STATUSES = ['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'rejected', 'completed', 'collected', 'withdrawn'];
const OWNER = 'new-taipei-banqiao-district-office';
const ON_ROUTE = 'ntbna-banqiao-branch';
const STRANGER = 'taipei-daan-land-office';

function assertProblem(res: HttpAnswer, status: number, type?: string): Record<string, unknown> {
  assert.equal(res.status, status, res.text);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  assert.equal(body.status, status);
  if (type) assert.equal(body.type, `/v1/problems/${type}`);
  return body;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The headers a client could tell two answers apart by (not the date or the connection). */
function telling(res: HttpAnswer): Record<string, unknown> {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
  return rest;
}

describe('abuse: enumerating case numbers', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let api: Awaited<ReturnType<typeof startApiInProcess>>;
  /** Three cases: the timing test spends four wrong codes on each of the first two (under the lock of 5), the lock test the third. */
  const cases: { caseNumber: string; lookupCode: string }[] = [];

  before(async () => {
    db = await testDatabase();
    const owner = await createKeyWithCli(db.env, OWNER);
    // The proxy in front is this machine: X-Forwarded-For from it names the client.
    api = await startApiInProcess(db.env, { ONESTOP_TRUST_PROXY: '127.0.0.1', ONESTOP_LOOKUP_PER_IP: '12', ONESTOP_LOOKUP_PER_CASE: '5' });
    for (let i = 0; i < 3; i++) {
      const created = await call(api.base, 'POST', '/v1/agency/cases', { headers: bearer(owner.token), json: ESTATE_CASE });
      assert.equal(created.status, 201, created.text);
      cases.push(created.json<{ caseNumber: string; lookupCode: string }>());
    }
  });
  after(async () => {
    await api?.close();
    await db?.remove();
  });

  let client = 0;
  /** A lookup from its own client address (so only the limit under test applies). */
  const lookup = (body: unknown, ip = `203.0.113.${++client % 250}`) =>
    call(api.base, 'POST', '/v1/cases/lookup', { headers: { 'x-forwarded-for': ip }, json: body });

  test('an unknown number and a wrong code: same status, headers and bytes, and about the same time on the wire', async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    let first: [HttpAnswer, HttpAnswer] | undefined;
    for (let i = 0; i < 8; i++) {
      // Alternate, and use a fresh case number per unknown try, so neither side gets a warmer cache or a lock.
      const a = await lookup({ caseNumber: `OS-2026-UNKN${String(i).padStart(4, '0')}`, lookupCode: 'AAAA-AAAA' });
      const b = await lookup({ caseNumber: cases[i % 2]!.caseNumber, lookupCode: i % 4 < 2 ? 'ZZZZ-ZZZZ' : 'AAAA-AAA0' });
      unknown.push(a.ms);
      wrong.push(b.ms);
      first ??= [a, b];
      assert.equal(a.status, 404);
      assert.equal(b.status, 404);
      assert.equal(a.text, b.text, 'the same bytes');
      assert.deepEqual(telling(a), telling(b), 'the same headers');
    }
    const ratio = median(unknown) / median(wrong);
    console.log(`abuse: lookup of an unknown case ${median(unknown).toFixed(1)} ms, wrong code ${median(wrong).toFixed(1)} ms (median of 8 each)`);
    // Both do one scrypt check (tens of ms); without the dummy check an unknown case would answer in ~1 ms.
    assert.ok(ratio > 0.25 && ratio < 4, `timings differ by ${ratio.toFixed(2)}×`);
    assert.ok(median(unknown) > 5, 'an unknown case costs a hash check too');
  });

  test('four wrong codes later, the right code still opens the case', async () => {
    for (const { caseNumber, lookupCode } of cases.slice(0, 2)) {
      const res = await lookup({ caseNumber, lookupCode });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json<{ caseNumber: string }>().caseNumber, caseNumber);
    }
  });

  test('a locked real case and a locked unknown one answer alike: 429, Retry-After, the same body but for the wait', async () => {
    const ghost = 'OS-2026-GH0ST000';
    const locked: HttpAnswer[] = [];
    for (const number of [cases[2]!.caseNumber, ghost]) {
      let last: HttpAnswer | undefined;
      for (let i = 0; i < 7; i++) last = await lookup({ caseNumber: number, lookupCode: 'QQQQ-QQQQ' });
      locked.push(last!);
    }
    const [real, unknown] = locked as [HttpAnswer, HttpAnswer];
    for (const res of locked) {
      const body = assertProblem(res, 429, 'too-many-lookups');
      assert.match(String(res.headers['retry-after']), /^\d+$/);
      assert.equal(body.retryAfterSeconds, Number(res.headers['retry-after']));
    }
    const strip = (res: HttpAnswer) => res.text.replace(/\d+/g, 'N');
    assert.equal(strip(real), strip(unknown));
  });

  test('sweeping many numbers from one address is stopped at the per-address limit, with Retry-After', async () => {
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    let refused: HttpAnswer | undefined;
    for (let i = 0; i < 15; i++) {
      const res = await lookup({ caseNumber: `OS-2026-SWEP${String(i).padStart(4, '0')}`, lookupCode: 'AAAA-AAAA' }, ip);
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    assert.deepEqual(statuses, [...Array<number>(12).fill(404), ...Array<number>(3).fill(429)]);
    assertProblem(refused!, 429, 'too-many-lookups');
    assert.ok(Number(refused!.headers['retry-after']) > 0);
  });

  test('a forged X-Forwarded-For from an untrusted sender does not dodge the per-address limit', async () => {
    const dbPlain = await testDatabase();
    const plain = await startApiInProcess(dbPlain.env, { ONESTOP_TRUST_PROXY: '', ONESTOP_LOOKUP_PER_IP: '10' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++) {
        const res = await call(plain.base, 'POST', '/v1/cases/lookup', { headers: { 'x-forwarded-for': `10.0.${i}.1` }, json: { caseNumber: `OS-2026-XFF0${String(i).padStart(4, '0')}`, lookupCode: 'AAAA-AAAA' } });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [...Array<number>(10).fill(404), ...Array<number>(4).fill(429)]);
    } finally {
      await plain.close();
      await dbPlain.remove();
    }
  });
});

describe('abuse: one agency and another agency’s cases', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let api: Awaited<ReturnType<typeof startApiInProcess>>;
  const keys: Record<string, { keyId: string; token: string }> = {};
  let caseNumber: string;
  let lookupCode: string;
  let writeRoutes: string[];

  before(async () => {
    db = await testDatabase();
    for (const agency of [OWNER, ON_ROUTE, STRANGER]) keys[agency] = await createKeyWithCli(db.env, agency);
    keys.revoked = await createKeyWithCli(db.env, OWNER);
    const revoked = await agencyKeyCli(['revoke', keys.revoked.keyId], { ...process.env, ...db.env }, () => {}, () => {});
    assert.equal(revoked, 0);
    api = await startApiInProcess(db.env, { ONESTOP_LOOKUP_PER_IP: '1000' });
    const created = await call(api.base, 'POST', '/v1/agency/cases', { headers: bearer(keys[OWNER]!.token), json: ESTATE_CASE });
    assert.equal(created.status, 201, created.text);
    ({ caseNumber, lookupCode } = created.json<{ caseNumber: string; lookupCode: string }>());
    // Every agency route that writes, from the router (a new one is covered without editing this list).
    writeRoutes = routesOf(api.app.printRoutes())
      .filter((r) => r.methods.includes('POST'))
      .map((r) => r.path);
  });
  after(async () => {
    await api?.close();
    await db?.remove();
  });

  const events = async () => {
    const res = await call(api.base, 'POST', '/v1/cases/lookup', { json: { caseNumber, lookupCode } });
    assert.equal(res.status, 200, res.text);
    return res.json<{ events: unknown[] }>().events;
  };

  test('a key of an agency neither owning nor on the route is refused on every event status, and the case is unchanged', async () => {
    const before = await events();
    for (const status of STATUSES) {
      const body = status === 'needs-more' ? { status, action: { text: { en: 'x' } } } : { status };
      const res = await call(api.base, 'POST', `/v1/agency/cases/${caseNumber}/events`, { headers: bearer(keys[STRANGER]!.token), json: body });
      assertProblem(res, 403, 'not-your-case');
      // Also as typed by hand (lower case): the same refusal.
      const lower = await call(api.base, 'POST', `/v1/agency/cases/${caseNumber.toLowerCase()}/events`, { headers: bearer(keys[STRANGER]!.token), json: body });
      assertProblem(lower, 403, 'not-your-case');
    }
    assert.deepEqual(await events(), before);
  });

  test('an agency on the route may not record what only the owner records (withdrawn)', async () => {
    const before = await events();
    assertProblem(await call(api.base, 'POST', `/v1/agency/cases/${caseNumber}/events`, { headers: bearer(keys[ON_ROUTE]!.token), json: { status: 'withdrawn' } }), 403, 'owner-only-status');
    assert.deepEqual(await events(), before);
  });

  test('a case opened with a key belongs to that key’s agency: no body field makes it another’s', async () => {
    const res = await call(api.base, 'POST', '/v1/agency/cases', {
      headers: bearer(keys[STRANGER]!.token),
      json: { ...ESTATE_CASE, ownerAgencyId: OWNER, receivingOffice: { agencyId: OWNER, en: 'x' } },
    });
    assertProblem(res, 400, 'invalid-body');
    const own = await call(api.base, 'POST', '/v1/agency/cases', { headers: bearer(keys[STRANGER]!.token), json: { ...ESTATE_CASE, route: [] } });
    assert.equal(own.status, 201, own.text);
    assert.equal(own.json<{ case: { receivingOffice: { agencyId: string } } }>().case.receivingOffice.agencyId, STRANGER);
    // …and the first owner cannot write to it either.
    const theirs = own.json<{ caseNumber: string }>().caseNumber;
    assertProblem(await call(api.base, 'POST', `/v1/agency/cases/${theirs}/events`, { headers: bearer(keys[OWNER]!.token), json: { status: 'in-review' } }), 403, 'not-your-case');
  });

  test('every agency write route refuses a missing, revoked, wrong-length and same-length-wrong key with 401, never 5xx', async () => {
    assert.deepEqual(writeRoutes.filter((r) => r.startsWith('/v1/agency/')).sort(), ['/v1/agency/cases', '/v1/agency/cases/:caseNumber/events'], `write routes: ${writeRoutes.join(', ')}`);
    const good = keys[OWNER]!.token;
    const [keyId, secret] = good.split('.') as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    const wrongKeys: Record<string, string | undefined> = {
      none: undefined,
      revoked: `Bearer ${keys.revoked!.token}`,
      'same length, last character wrong': `Bearer ${keyId}.${flipped}`,
      'same length, another key id': `Bearer k-${'0'.repeat(16)}.${secret}`,
      'one character short': `Bearer ${good.slice(0, -1)}`,
      'one character long': `Bearer ${good}A`,
      'a 4 KB key': `Bearer ${'A'.repeat(4096)}`,
      'not base64': `Bearer ${keyId}.${'é'.repeat(43)}`,
      'the secret alone': `Bearer ${secret}`,
      'two keys': `Bearer ${good} ${good}`,
      basic: `Basic ${Buffer.from(`x:${good}`).toString('base64')}`,
    };
    for (const route of writeRoutes.filter((r) => r.startsWith('/v1/agency/'))) {
      const path = route.replace(':caseNumber', caseNumber);
      for (const [label, authorization] of Object.entries(wrongKeys)) {
        const res = await call(api.base, 'POST', path, { headers: authorization ? { authorization } : {}, json: { status: 'in-review', ...ESTATE_CASE } });
        assert.equal(res.status, 401, `${label} on ${path}: ${res.text}`);
        assertProblem(res, 401);
        assert.match(String(res.headers['www-authenticate']), /^Bearer/);
      }
    }
    assert.equal((await call(api.base, 'GET', '/v1/health')).status, 200);
  });

  test('keys and lookup codes are stored hashed: neither the key nor the code is anywhere in the database', async () => {
    let bytes: Buffer;
    if (db.env.ONESTOP_DB) {
      // SQLite: the raw files (main file, WAL, shared memory), read while the server runs, so
      // freed pages and not-yet-checkpointed writes are searched too.
      const dir = dirname(db.env.ONESTOP_DB);
      const files = (await readdir(dir)).filter((f) => f.startsWith(basename(db.env.ONESTOP_DB!)));
      assert.ok(files.length >= 1);
      bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(join(dir, f)))));
    } else {
      // PostgreSQL: every value of every table, binary as base64url, and as raw bytes.
      const store = await db.open();
      try {
        const text = await everythingStored(store);
        bytes = Buffer.concat([Buffer.from(text), ...text.split('\n').map((v) => Buffer.from(v, 'base64url'))]);
      } finally {
        await store.close();
      }
    }
    assert.ok(bytes.includes(Buffer.from(caseNumber)), 'the case itself is in the files (the search is looking in the right place)');
    for (const agency of [OWNER, ON_ROUTE, STRANGER, 'revoked']) {
      const { token, keyId } = keys[agency]!;
      const secret = token.split('.')[1]!;
      assert.ok(bytes.includes(Buffer.from(keyId)), `${agency}'s key id is stored (to find the row)`);
      assert.ok(!bytes.includes(Buffer.from(secret)), `${agency}'s secret is not stored`);
      assert.ok(!bytes.includes(Buffer.from(secret, 'base64url')), `${agency}'s secret bytes are not stored`);
    }
    for (const form of [lookupCode, lookupCode.replace('-', '')]) assert.ok(!bytes.includes(Buffer.from(form)), `the lookup code (${form.length} chars) is not stored`);
  });
});

describe('abuse: CORS', { timeout: 120_000 }, () => {
  const dbs: TestDatabase[] = [];
  const apis: Awaited<ReturnType<typeof startApiInProcess>>[] = [];
  const start = async (env: NodeJS.ProcessEnv) => {
    const db = await testDatabase();
    dbs.push(db);
    const api = await startApiInProcess(db.env, env);
    apis.push(api);
    return api.base;
  };
  after(async () => {
    for (const api of apis) await api.close();
    for (const db of dbs) await db.remove();
  });

  const preflight = (base: string, path: string, origin: string) =>
    call(base, 'OPTIONS', path, { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  const lookupFrom = (base: string, origin: string) => call(base, 'POST', '/v1/cases/lookup', { headers: { origin }, json: { caseNumber: 'OS-2026-AAAAAAAA', lookupCode: 'AAAA-AAAA' } });

  test('configured host origins only: they get their own origin back (with Vary), others get no CORS at all', async () => {
    const base = await start({ ONESTOP_ALLOWED_ORIGINS: 'https://www.gov.taipei, https://www.ntpc.gov.tw' });
    for (const origin of ['https://www.gov.taipei', 'https://www.ntpc.gov.tw']) {
      const pre = await preflight(base, '/v1/cases/lookup', origin);
      assert.equal(pre.status, 204, pre.text);
      assert.equal(pre.headers['access-control-allow-origin'], origin);
      assert.match(String(pre.headers.vary), /Origin/i);
      const res = await lookupFrom(base, origin);
      assert.equal(res.status, 404);
      assert.equal(res.headers['access-control-allow-origin'], origin);
      assert.match(String(res.headers.vary), /Origin/i);
    }
    for (const origin of ['https://evil.example', 'https://www.gov.taipei.evil.example', 'http://www.gov.taipei', 'null', 'http://localhost:8080']) {
      const pre = await preflight(base, '/v1/cases/lookup', origin);
      assertProblem(pre, 403, 'origin-not-allowed');
      assert.equal(pre.headers['access-control-allow-origin'], undefined, origin);
      const res = await lookupFrom(base, origin);
      assert.equal(res.headers['access-control-allow-origin'], undefined, origin);
      const agency = await preflight(base, '/v1/agency/cases', origin);
      assert.equal(agency.headers['access-control-allow-origin'], undefined, origin);
    }
  });

  test('the public catalogue answers any origin with *, whatever the tracker allows', async () => {
    const base = await start({ ONESTOP_ALLOWED_ORIGINS: 'https://www.gov.taipei' });
    for (const path of ['/v1/counties', '/v1/services?q=%E6%88%B6', '/v1/life-events/death', '/v1/openapi.json']) {
      const res = await call(base, 'GET', path, { headers: { origin: 'https://any-county-site.example' } });
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.equal(res.headers['access-control-allow-origin'], '*', path);
      assert.equal(res.headers['access-control-allow-credentials'], undefined, 'no cookies, ever');
    }
    const check = await call(base, 'POST', '/v1/doc-free/check', { headers: { origin: 'https://any-county-site.example' }, json: { service: 'estate-tax-return', answers: {} } });
    assert.equal(check.headers['access-control-allow-origin'], '*');
  });

  test('unset: loopback host pages only (development); "*" opens the tracker to any origin when an operator says so', async () => {
    const loopback = await start({ ONESTOP_ALLOWED_ORIGINS: '' });
    assert.equal((await lookupFrom(loopback, 'http://127.0.0.1:5173')).headers['access-control-allow-origin'], 'http://127.0.0.1:5173');
    assert.equal((await lookupFrom(loopback, 'http://localhost:8080')).headers['access-control-allow-origin'], 'http://localhost:8080');
    assert.equal((await lookupFrom(loopback, 'https://www.gov.taipei')).headers['access-control-allow-origin'], undefined);
    assert.equal((await lookupFrom(loopback, 'http://localhost.evil.example')).headers['access-control-allow-origin'], undefined);
    const open = await start({ ONESTOP_ALLOWED_ORIGINS: '*' });
    assert.equal((await lookupFrom(open, 'https://anywhere.example')).headers['access-control-allow-origin'], 'https://anywhere.example');
  });

  test('settings that would open more than meant are refused at start', () => {
    assert.throws(() => readSecurityConfig({ ONESTOP_ALLOWED_ORIGINS: 'https://www.gov.taipei/' }), /not an origin/);
    assert.throws(() => readSecurityConfig({ ONESTOP_ALLOWED_ORIGINS: 'www.gov.taipei' }), /not an origin/);
    assert.throws(() => readSecurityConfig({ ONESTOP_TRUST_PROXY: 'true' }), /trust X-Forwarded-For from anyone/);
    assert.throws(() => readSecurityConfig({ ONESTOP_LOOKUP_PER_IP: '0' }), /at least 1/);
    const config = readSecurityConfig({ ONESTOP_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', ONESTOP_LOOKUP_PER_CASE: '3' });
    assert.equal(config.trustProxy, '10.0.0.0/8, 127.0.0.1');
    assert.equal(config.lookupLimits.perCase.failures, 3);
    assert.equal(readSecurityConfig({ ONESTOP_TRUST_PROXY: '2' }).trustProxy, 2);
  });
});

describe('abuse: one client’s headers do not decide another’s answer', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let api: Awaited<ReturnType<typeof startApiInProcess>>;
  before(async () => {
    db = await testDatabase();
    api = await startApiInProcess(db.env);
  });
  after(async () => {
    await api?.close();
    await db?.remove();
  });

  test('an answer chosen by Accept-Language is not served to a client asking in another language (no cache poisoning)', async () => {
    for (const path of ['/v1/life-events', '/v1/counties', '/v1/services/estate-tax-return']) {
      // The first asker sets nothing for the next: each gets its own language, and says it varies.
      for (const [asked, expected] of [['vi', 'vi'], ['en', 'en'], ['ja', 'ja'], ['id', 'id'], ['vi', 'vi']] as const) {
        const res = await call(api.base, 'GET', path, { headers: { 'accept-language': asked } });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.json<{ lang: string }>().lang, expected, `${path} asked in ${asked}`);
        assert.match(String(res.headers.vary), /Accept-Language/i, `${path} asked in ${asked}: Vary`);
      }
    }
  });
});
