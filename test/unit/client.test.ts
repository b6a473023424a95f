import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { ApiClient, postJson, type ApiClientOptions } from '../../src/core/api/client.js';
import { ApiError } from '../../src/core/api/errors.js';

const Thing = z.object({ name: z.string() });
const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

/** A scripted server: each call takes the next answer; records what was asked. */
function scripted(...answers: Array<(request: Request) => Response | Promise<Response>>) {
  const requests: Request[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    return answer(request);
  };
  return { requests, fetch: fetchImpl as typeof fetch };
}

function client(fetchImpl: typeof fetch, options: ApiClientOptions = {}) {
  return new ApiClient('https://api.example.test/', { fetch: fetchImpl, storage: null, backoffMs: 1, timeoutMs: 200, ...options });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('ApiClient', () => {
  it('returns data that match the contract', async () => {
    const server = scripted(() => json({ name: 'Taitung' }));
    const result = await client(server.fetch).get('v1/thing', Thing, { query: { lang: 'en' } });
    expect(result.data).to.deep.equal({ name: 'Taitung' });
    expect(result.stale).to.equal(false);
    expect(server.requests[0].url).to.equal('https://api.example.test/v1/thing?lang=en');
    expect(server.requests[0].credentials).to.equal('omit');
  });

  it('turns a body that breaks the contract into a contract error, without retrying', async () => {
    const server = scripted(() => json({ title: 'no name' }));
    const error = await failure(client(server.fetch).get('v1/thing', Thing));
    expect(error.kind).to.equal('contract');
    expect(server.requests).to.have.length(1);
  });

  it('turns a body that is not JSON into a malformed error', async () => {
    const server = scripted(() => new Response('<html>proxy login</html>', { status: 200 }));
    expect((await failure(client(server.fetch).get('v1/thing', Thing))).kind).to.equal('malformed');
  });

  it('retries transient failures with backoff, then succeeds', async () => {
    const server = scripted(
      () => json({ title: 'busy', status: 503, type: 'x' }, { status: 503 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json({ name: 'third time' }),
    );
    const result = await client(server.fetch, { retries: 2 }).get('v1/thing', Thing);
    expect(result.data.name).to.equal('third time');
    expect(server.requests).to.have.length(3);
  });

  it('gives up after the allowed retries with the last error', async () => {
    const server = scripted(() => json({ type: '/p', title: 'Broken', status: 500 }, { status: 500 }));
    const error = await failure(client(server.fetch, { retries: 2 }).get('v1/thing', Thing));
    expect(error.kind).to.equal('server');
    expect(error.status).to.equal(500);
    expect(error.problem?.title).to.equal('Broken');
    expect(server.requests).to.have.length(3);
  });

  it('does not retry a 404 or a 400', async () => {
    const notFound = scripted(() => json({ type: '/p', title: 'No such case', status: 404 }, { status: 404 }));
    expect((await failure(client(notFound.fetch).get('v1/thing', Thing))).kind).to.equal('not-found');
    expect(notFound.requests).to.have.length(1);
    const bad = scripted(() => new Response('', { status: 400 }));
    expect((await failure(client(bad.fetch).get('v1/thing', Thing))).kind).to.equal('rejected');
    expect(bad.requests).to.have.length(1);
  });

  it('times out a request that never answers', async () => {
    const server = scripted(
      (request) =>
        new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const error = await failure(client(server.fetch, { timeoutMs: 50, retries: 1 }).get('v1/thing', Thing));
    expect(error.kind).to.equal('timeout');
    expect(server.requests).to.have.length(2);
  });

  it('revalidates with the ETag and reuses the body on 304', async () => {
    const server = scripted(
      () => json({ name: 'cached' }, { headers: { etag: '"v1"' } }),
      (request) => (request.headers.get('if-none-match') === '"v1"' ? new Response(null, { status: 304 }) : json({ name: 'wrong' })),
    );
    const api = client(server.fetch);
    await api.get('v1/thing', Thing);
    const second = await api.get('v1/thing', Thing);
    expect(server.requests[1].headers.get('if-none-match')).to.equal('"v1"');
    expect(second.data.name).to.equal('cached');
    expect(second.stale).to.equal(false);
  });

  it('serves the last good answer, marked stale, when the network fails', async () => {
    const server = scripted(
      () => json({ name: 'last good' }, { headers: { etag: '"v1"' } }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    );
    const api = client(server.fetch, { retries: 0 });
    const first = await api.get('v1/thing', Thing);
    const second = await api.get('v1/thing', Thing);
    expect(second.stale).to.equal(true);
    expect(second.data.name).to.equal('last good');
    expect(second.fetchedAt).to.equal(first.fetchedAt);
    expect(second.error?.kind).to.equal('network');
  });

  it('keeps the last good answer across page loads in storage, and ignores a corrupt copy', async () => {
    const storage = window.sessionStorage;
    storage.clear();
    const good = scripted(() => json({ name: 'saved' }));
    await client(good.fetch, { storage }).get('v1/thing', Thing);
    const down = scripted(() => Promise.reject(new TypeError('Failed to fetch')));
    const afterReload = await client(down.fetch, { storage, retries: 0 }).get('v1/thing', Thing);
    expect(afterReload).to.include({ stale: true });
    expect(afterReload.data.name).to.equal('saved');

    for (let i = 0; i < storage.length; i++) storage.setItem(storage.key(i)!, '{not json');
    const error = await failure(client(down.fetch, { storage, retries: 0 }).get('v1/thing', Thing));
    expect(error.kind).to.equal('network');
    storage.clear();
  });

  it('does not hide a 404 behind a stale copy', async () => {
    const server = scripted(
      () => json({ name: 'was here' }),
      () => json({ type: '/p', title: 'Gone', status: 404 }, { status: 404 }),
    );
    const api = client(server.fetch);
    await api.get('v1/thing', Thing);
    expect((await failure(api.get('v1/thing', Thing))).kind).to.equal('not-found');
  });

  it('reports offline at once, without waiting for retries, when the device says so', async () => {
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const server = scripted(() => json({ name: 'unreachable' }));
      const error = await failure(client(server.fetch).get('v1/thing', Thing));
      expect(error.kind).to.equal('offline');
      expect(server.requests).to.have.length(0);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  });

  it('reads a 429 as rate-limited with how long to wait', async () => {
    const server = scripted(() => json({ type: '/p', title: 'Too many tries', status: 429 }, { status: 429, headers: { 'retry-after': '600' } }));
    const error = await failure(client(server.fetch, { retries: 0 }).get('v1/thing', Thing));
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryAfterSeconds).to.equal(600);
  });

  describe('postJson', () => {
    it('sends JSON, omits credentials, bypasses caches, and checks the answer', async () => {
      const server = scripted(async (request) => json({ name: (await request.json()).ask }));
      const answer = await postJson(client(server.fetch), 'v1/cases/lookup', { ask: 'echo' }, Thing);
      expect(answer).to.deep.equal({ name: 'echo' });
      const request = server.requests[0];
      expect(request.method).to.equal('POST');
      expect(request.headers.get('content-type')).to.equal('application/json');
      expect(request.credentials).to.equal('omit');
      expect(request.cache).to.equal('no-store');
    });

    it('is never retried, even after a server error', async () => {
      const server = scripted(() => json({ type: '/p', title: 'Broken', status: 500 }, { status: 500 }));
      const error = await failure(postJson(client(server.fetch, { retries: 3 }), 'v1/x', {}, Thing));
      expect(error.kind).to.equal('server');
      expect(server.requests).to.have.length(1);
    });

    it('turns a 404 problem into not-found and a bad body into a contract error', async () => {
      const missing = scripted(() => json({ type: '/p', title: 'No case', status: 404 }, { status: 404 }));
      expect((await failure(postJson(client(missing.fetch), 'v1/x', {}, Thing))).kind).to.equal('not-found');
      const odd = scripted(() => json({ nope: true }));
      expect((await failure(postJson(client(odd.fetch), 'v1/x', {}, Thing))).kind).to.equal('contract');
    });
  });
});
