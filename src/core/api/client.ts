/**
 * The one way widgets talk to the shared API.
 * - a time limit on every request;
 * - retries with exponential backoff and jitter, for idempotent GETs and transient failures;
 * - ETag revalidation (If-None-Match, 304 reuses the cached body);
 * - the last good answer kept (memory and localStorage) and served, marked stale, when the
 *   network fails, so a citizen offline still sees what they saw before;
 * - every body checked against the zod contract before a widget sees it.
 */
import { safeParse, type ZodMiniType } from 'zod/mini';
import { Problem } from './contract/base.js';
import { ApiError } from './errors.js';

export interface ApiResult<T> {
  data: T;
  /** True when the network failed and this is the last good answer instead. */
  stale: boolean;
  /** When `data` was last confirmed by the server (ms since epoch). */
  fetchedAt: number;
  /** Why the data are stale, when they are. */
  error?: ApiError;
}

export interface ApiClientOptions {
  timeoutMs?: number;
  /** Extra attempts after the first, for transient failures of GETs. */
  retries?: number;
  /** First backoff delay; doubles each attempt. */
  backoffMs?: number;
  fetch?: typeof fetch;
  /** Where last good answers survive a reload; `null` keeps them in memory only. */
  storage?: Storage | null;
}

interface CacheEntry {
  etag: string | null;
  body: unknown;
  fetchedAt: number;
}

const STORAGE_PREFIX = 'onestop:cache:v1:';

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings, sandboxed iframe)
  }
}

/** Read through a function so TypeScript does not narrow it: it changes while we wait. */
const deviceOffline = () => globalThis.navigator?.onLine === false;

/**
 * One request's time limit and cancellation, shared by every fetch the widgets make: aborts on
 * the caller's signal or after `ms`, and says what a failed fetch was (the time limit, the
 * caller's own abort, passed on as it is, or the network, offline when the device says so).
 * Throws `offline` at once when the device is offline. Call `done()` in a finally.
 */
export function guardRequest(url: string, signal: AbortSignal | undefined, ms: number) {
  if (deviceOffline()) throw new ApiError('offline', url, 'The device is offline');
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    /** The error to throw for `cause`, a fetch (or body read) that failed. */
    failure(cause: unknown, timeoutMessage: string): unknown {
      if (timedOut) return new ApiError('timeout', url, timeoutMessage);
      if (signal?.aborted) return cause;
      return new ApiError(deviceOffline() ? 'offline' : 'network', url, String(cause));
    },
    done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiClient {
  readonly base: string;
  /** @internal */ readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  /** @internal */ readonly fetchImpl: typeof fetch;
  private readonly storage: Storage | null;
  private readonly memory = new Map<string, CacheEntry>();

  constructor(base: string, options: ApiClientOptions = {}) {
    this.base = base.endsWith('/') ? base : `${base}/`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 400;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
  }

  /** The absolute URL of an API path such as `v1/counties`. */
  url(path: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    return url.href;
  }

  /** GET a catalogue resource, checked against `schema`. Throws ApiError when nothing usable exists. */
  async get<T>(
    path: string,
    schema: ZodMiniType<T>,
    options: { query?: Record<string, string | undefined>; signal?: AbortSignal } = {},
  ): Promise<ApiResult<T>> {
    const url = this.url(path, options.query);
    const cached = this.readCache(url, schema);
    try {
      return await this.fetchWithRetry(url, schema, cached, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const apiError = error instanceof ApiError ? error : new ApiError('network', url, String(error));
      // A last good answer beats an error page, but not when the server says the thing is gone
      // or our request was wrong: then the citizen must see that.
      if (cached && apiError.kind !== 'not-found' && apiError.kind !== 'rejected') {
        return { data: cached.body as T, stale: true, fetchedAt: cached.fetchedAt, error: apiError };
      }
      throw apiError;
    }
  }

  private async fetchWithRetry<T>(
    url: string,
    schema: ZodMiniType<T>,
    cached: CacheEntry | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ApiResult<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(url, schema, cached, signal);
      } catch (error) {
        const retryable = error instanceof ApiError && error.transient && !signal?.aborted;
        if (!retryable || attempt >= this.retries) throw error;
        const delay = this.backoffMs * 2 ** attempt;
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  }

  private async fetchOnce<T>(
    url: string,
    schema: ZodMiniType<T>,
    cached: CacheEntry | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ApiResult<T>> {
    const request = guardRequest(url, signal, this.timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      let response: Response;
      try {
        response = await this.fetchImpl(url, { headers, signal: request.signal, credentials: 'omit' });
      } catch (cause) {
        throw request.failure(cause, `No answer within ${this.timeoutMs} ms`);
      }
      if (response.status === 304 && cached) {
        const entry = { ...cached, fetchedAt: Date.now() };
        this.writeCache(url, entry);
        return { data: cached.body as T, stale: false, fetchedAt: entry.fetchedAt };
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        if (request.timedOut) throw new ApiError('timeout', url, `Body not complete within ${this.timeoutMs} ms`);
        throw new ApiError('network', url, String(cause));
      }
      if (!response.ok) throw this.httpError(url, response.status, text, response.headers);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ApiError('malformed', url, 'The answer was not JSON', response.status);
      }
      const parsed = safeParse(schema, json);
      if (!parsed.success) {
        throw new ApiError('contract', url, `The answer broke the contract: ${parsed.error.message}`, response.status);
      }
      const entry: CacheEntry = { etag: response.headers.get('etag'), body: parsed.data, fetchedAt: Date.now() };
      this.writeCache(url, entry);
      return { data: parsed.data, stale: false, fetchedAt: entry.fetchedAt };
    } finally {
      request.done();
    }
  }

  /** @internal */ httpError(url: string, status: number, body: string, headers?: Headers): ApiError {
    let problem: Problem | undefined;
    try {
      const parsed = safeParse(Problem, JSON.parse(body));
      if (parsed.success) problem = parsed.data;
    } catch {
      // not a problem+json body; the status alone will do
    }
    const kind = status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : status >= 500 ? 'server' : 'rejected';
    const retryAfter = Number(headers?.get('retry-after'));
    return new ApiError(kind, url, problem?.title ?? `HTTP ${status}`, status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }

  private readCache<T>(url: string, schema: ZodMiniType<T>): CacheEntry | undefined {
    let entry = this.memory.get(url);
    if (!entry && this.storage) {
      try {
        const raw = this.storage.getItem(STORAGE_PREFIX + url);
        if (raw) entry = JSON.parse(raw) as CacheEntry;
      } catch {
        entry = undefined; // unreadable or corrupt: as if never stored
      }
    }
    // A stored copy written by an older contract must not reach a widget.
    if (!entry || typeof entry.fetchedAt !== 'number' || !safeParse(schema, entry.body).success) return undefined;
    this.memory.set(url, entry);
    return entry;
  }

  private writeCache(url: string, entry: CacheEntry): void {
    this.memory.set(url, entry);
    try {
      this.storage?.setItem(STORAGE_PREFIX + url, JSON.stringify(entry));
    } catch {
      // quota full or storage blocked: the memory copy still serves this page
    }
  }
}

/**
 * POST a JSON body through `client` and check the answer against `schema`. Never retried (the server may have
 * acted on it, and lookups are rate limited) and never cached (answers are personal).
 * A function, not a method, so widgets that never POST don't carry it.
 */
export async function postJson<T>(
  client: ApiClient,
  path: string,
  body: unknown,
  schema: ZodMiniType<T>,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  const url = client.url(path);
  const request = guardRequest(url, options.signal, client.timeoutMs);
  try {
    let response: Response;
    let text: string;
    try {
      response = await client.fetchImpl(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: request.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      text = await response.text();
    } catch (cause) {
      throw request.failure(cause, `No answer within ${client.timeoutMs} ms`);
    }
    if (!response.ok) throw client.httpError(url, response.status, text, response.headers);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError('malformed', url, 'The answer was not JSON', response.status);
    }
    const parsed = safeParse(schema, json);
    if (!parsed.success) throw new ApiError('contract', url, `The answer broke the contract: ${parsed.error.message}`, response.status);
    return parsed.data;
  } finally {
    request.done();
  }
}

const clients = new Map<string, ApiClient>();

/**
 * One client per API base, so widgets on a page share one cache. `options` apply only when this
 * call creates the client: a page (or a test) that wants another time limit for a base says so
 * before the first widget for that base asks.
 */
export function apiClientFor(base: string, options?: ApiClientOptions): ApiClient {
  let client = clients.get(base);
  if (!client) {
    client = new ApiClient(base, options);
    clients.set(base, client);
  }
  return client;
}
