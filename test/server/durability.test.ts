/**
 * Durability: the API as its own process is killed with SIGKILL in the middle of a burst of
 * agency event writes, then started again on the same database. Every write that got a 2xx
 * must be there after the restart, each event whole (every field as sent) or absent, never
 * twice, and the case's history must go on from where it stopped.
 *
 * Only HTTP and the agency-key CLI are used, so the same test holds on SQLite (default) and on
 * PostgreSQL (ONESTOP_TEST_STORE=postgres: a schema of its own, as test-store.ts gives).
 */
import assert from 'node:assert/strict';
import { request as httpRequest, Agent } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { TEST_ENGINE, testDatabase, type TestDatabase } from './test-store.js';
import { bearer, call, ChildApi, createKeyWithCli, ESTATE_CASE, freePort } from './live-api.js';

const OWNER = 'new-taipei-banqiao-district-office';
const BURST = 600;
const IN_FLIGHT = 24;
/** Kill after this many writes were acknowledged, so the kill lands mid-burst with writes in flight. */
const KILL_AFTER_ACKS = 120;

interface EventView {
  at: string;
  agencyId: string;
  status: string;
  agencyWord?: string;
  note?: Record<string, string>;
  action?: { text: Record<string, string>; dueDate?: string };
  expectedCompletion?: { date?: string; earliest?: string; latest?: string; confidence: string };
}

/** The i-th write: several fields, all derived from i, so a half-written event would show. */
function eventBody(i: number) {
  const needsMore = i % 5 === 0;
  return {
    status: needsMore ? 'needs-more' : 'in-review',
    agencyWord: `w${i}`,
    note: { 'zh-Hant-TW': `第${i}筆`, en: `burst-${i}` },
    ...(needsMore ? { action: { text: { 'zh-Hant-TW': `補件${i}`, en: `bring document ${i}` }, dueDate: '2027-01-15' } } : {}),
    expectedCompletion: { date: `2027-02-${String((i % 28) + 1).padStart(2, '0')}`, confidence: 'estimate' },
  };
}

function assertWhole(event: EventView, i: number): void {
  const sent = eventBody(i);
  assert.equal(event.status, sent.status, `event ${i}: status`);
  assert.equal(event.agencyWord, sent.agencyWord, `event ${i}: agencyWord`);
  assert.deepEqual(event.note, sent.note, `event ${i}: note`);
  assert.deepEqual(event.action, sent.action, `event ${i}: action`);
  assert.deepEqual(event.expectedCompletion, sent.expectedCompletion, `event ${i}: expectedCompletion`);
  assert.equal(event.agencyId, OWNER, `event ${i}: agency`);
  assert.ok(!Number.isNaN(Date.parse(event.at)), `event ${i}: at`);
}

describe(`durability: SIGKILL during a burst of agency writes (${TEST_ENGINE})`, { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let api: ChildApi;
  let token: string;
  let caseNumber: string;
  let lookupCode: string;

  before(async () => {
    database = await testDatabase();
    token = (await createKeyWithCli(database.env, OWNER)).token;
    api = new ChildApi(await freePort(), database.env);
    await api.start();
    const created = await call(api.base, 'POST', '/v1/agency/cases', { headers: bearer(token), json: { ...ESTATE_CASE, route: [] } });
    assert.equal(created.status, 201, created.text);
    ({ caseNumber, lookupCode } = created.json<{ caseNumber: string; lookupCode: string }>());
  });

  after(async () => {
    await api?.kill('SIGKILL');
    await database?.remove();
  });

  test('every acknowledged event survives, none is half-written or doubled, and the history goes on', async () => {
    const acknowledged = new Set<number>();
    const unanswered = new Set<number>();
    const refused: string[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    let killed: Promise<void> | undefined;
    let inFlightAtKill = 0;
    let inFlight = 0;

    const write = (i: number) =>
      new Promise<void>((resolve) => {
        const body = Buffer.from(JSON.stringify(eventBody(i)));
        const url = new URL(api.base);
        inFlight++;
        const req = httpRequest(
          { host: url.hostname, port: url.port, method: 'POST', path: `/v1/agency/cases/${caseNumber}/events`, agent, headers: { ...bearer(token), 'content-type': 'application/json', 'content-length': String(body.length) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              inFlight--;
              if (res.statusCode === 201) acknowledged.add(i);
              else refused.push(`${i}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`);
              if (acknowledged.size === KILL_AFTER_ACKS && !killed) {
                inFlightAtKill = inFlight;
                killed = api.kill('SIGKILL');
              }
              resolve();
            });
            res.on('error', () => {
              inFlight--;
              unanswered.add(i);
              resolve();
            });
          },
        );
        req.on('error', () => {
          inFlight--;
          unanswered.add(i);
          resolve();
        });
        req.end(body);
      });

    // IN_FLIGHT writers, each taking the next number until the burst is spent.
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < BURST) await write(next++);
      }),
    );
    await killed;
    agent.destroy();

    assert.ok(killed, `the kill happened mid-burst (acknowledged ${acknowledged.size} of ${BURST})`);
    assert.deepEqual(refused, [], 'no write was refused before the kill');
    assert.ok(inFlightAtKill > 0, 'writes were in flight when the process was killed');
    console.log(`durability (${TEST_ENGINE}): ${acknowledged.size} writes acknowledged, ${unanswered.size} without an answer (${inFlightAtKill} in flight at the kill), then SIGKILL and restart`);

    // The same database, a new process.
    api = new ChildApi(await freePort(), database.env);
    await api.start();
    const lookup = await call(api.base, 'POST', '/v1/cases/lookup', { json: { caseNumber, lookupCode } });
    assert.equal(lookup.status, 200, lookup.text);
    const events = lookup.json<{ events: EventView[]; status: { id: string } }>().events;

    assert.equal(events[0]!.status, 'received', 'the history starts with the case being received');
    const seen = new Map<number, number>();
    for (const event of events.slice(1)) {
      const i = Number(/^burst-(\d+)$/.exec(event.note?.en ?? '')?.[1]);
      assert.ok(Number.isInteger(i) && i >= 0 && i < BURST, `an event that was sent: ${JSON.stringify(event)}`);
      seen.set(i, (seen.get(i) ?? 0) + 1);
      assertWhole(event, i);
    }
    for (const [i, n] of seen) assert.equal(n, 1, `event ${i} is stored once`);
    const lost = [...acknowledged].filter((i) => !seen.has(i));
    assert.deepEqual(lost, [], 'every acknowledged write is there');
    const extra = [...seen.keys()].filter((i) => !acknowledged.has(i));
    console.log(`durability (${TEST_ENGINE}): after the restart ${seen.size} burst events, all whole: ${acknowledged.size} acknowledged + ${extra.length} committed whose answer the kill cut off`);
    // A write can be committed just before the kill and its answer lost: present and whole, never partial.
    assert.ok(extra.every((i) => unanswered.has(i)), 'events present without an acknowledgement were among those cut off');
    assert.ok(extra.length <= inFlightAtKill + IN_FLIGHT, 'at most the writes in flight at the kill landed without an answer');

    // The history goes on after the restart, and the new event comes last.
    const more = await call(api.base, 'POST', `/v1/agency/cases/${caseNumber}/events`, { headers: bearer(token), json: { status: 'approved', agencyWord: 'after' } });
    assert.equal(more.status, 201, more.text);
    const view = more.json<{ case: { events: EventView[]; status: { id: string } } }>().case;
    assert.equal(view.events.length, events.length + 1);
    assert.equal(view.events.at(-1)!.agencyWord, 'after');
    assert.equal(view.status.id, 'approved');
  });
});
