/**
 * The catalogue is read once at start and never changes while a process runs, so a public GET
 * answer is a pure function of its URL: keep the bytes and headers of recent answers and serve
 * repeats (and their revalidations) without rebuilding, re-checking and re-hashing the body.
 * Measured by bench/catalogue-nginx-vs-node.ts: building the answer, not sending it, was the
 * Node server's cost (a 304 cost as much as a 200).
 *
 * Only answers marked `public` in Cache-Control are kept (the tracker's and health's are
 * no-store); the cache is bounded by bytes and count, least recently used dropped first, so
 * odd query strings can't grow it without limit.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { matchesEtag } from './http.js';

interface CachedAnswer {
  body: Buffer;
  headers: Record<string, string>;
  etag: string;
}

export interface AnswerCacheOptions {
  maxBytes?: number;
  maxEntries?: number;
}

/** Headers replayed with a cached answer (CORS headers are per request: the CORS plugin adds them). */
const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'content-disposition', 'x-content-type-options', 'content-language'];

export function registerAnswerCache(app: FastifyInstance, options: AnswerCacheOptions = {}): { size(): number; bytes(): number } {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 4096;
  const answers = new Map<string, CachedAnswer>();
  let bytes = 0;
  const key = (method: string, url: string) => (method === 'GET' || method === 'HEAD' ? url : undefined);

  app.addHook('onRequest', async (request, reply) => {
    const k = key(request.method, request.url);
    const hit = k && answers.get(k);
    if (!hit) return;
    // Most recently used last.
    answers.delete(k);
    answers.set(k, hit);
    for (const [name, value] of Object.entries(hit.headers)) reply.header(name, value);
    if (matchesEtag(request.headers['if-none-match'], hit.etag)) return sendNotModified(reply);
    return reply.code(200).send(hit.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const k = key(request.method, request.url);
    if (!k || request.method !== 'GET' || reply.statusCode !== 200 || answers.has(k)) return payload;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    const etag = reply.getHeader('etag');
    if (!/\bpublic\b/.test(cacheControl) || typeof etag !== 'string') return payload;
    // Chosen by Accept-Language (no ?lang=): the same URL answers each language differently, so not kept.
    if (/accept-language/i.test(String(reply.getHeader('vary') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : undefined;
    if (!body || body.byteLength > maxBytes / 16) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    answers.set(k, { body, headers, etag });
    bytes += body.byteLength;
    while (answers.size > maxEntries || bytes > maxBytes) {
      const [oldest, entry] = answers.entries().next().value!;
      answers.delete(oldest);
      bytes -= entry.body.byteLength;
    }
    return payload;
  });

  return { size: () => answers.size, bytes: () => bytes };
}

function sendNotModified(reply: FastifyReply): FastifyReply {
  reply.removeHeader('content-type');
  return reply.code(304).send();
}
