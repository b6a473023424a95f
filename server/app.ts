/**
 * The reference shared API. Public catalogue routes are GET only, cacheable (ETag,
 * Cache-Control) and the same for every citizen, so a CDN can serve them; every error is
 * application/problem+json; every body is checked against the contract before it is sent.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { CountiesResponse, HealthResponse, LanguageTag, type County } from '../src/core/api/contract.js';
import { VERSION } from '../src/core/version.js';
import type { Catalogue } from './catalogue.js';
import { CATALOGUE_BASE_LANG, pickText } from './localized-text.js';
import { buildOpenApi } from './openapi.js';
import { problem, sendProblem } from './problem.js';
import type { Store } from './store.js';

export interface AppOptions {
  catalogue: Catalogue;
  store: Store;
  logger?: boolean;
}

const CATALOGUE_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a catalogue body: checked against its schema (a server bug must not reach a widget as
 * a half-valid answer), with an ETag over the exact bytes, answering 304 when it matches.
 */
function sendCatalogue<T>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodMiniType<T>, body: T): FastifyReply {
  const checked = z.parse(schema, body);
  const json = JSON.stringify(checked);
  const etag = etagOf(json);
  reply.header('etag', etag).header('cache-control', CATALOGUE_CACHE);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

const LangQuery = z.object({ lang: z.optional(LanguageTag) });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { catalogue, store } = options;
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { ignoreTrailingSlash: true } });

  // Any site may embed the widgets, so the public API answers any origin; no cookies are used.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowedHeaders: ['Accept', 'Content-Type', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Retry-After'],
    maxAge: 86400,
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not-found', 'No such resource', `Nothing is served at ${request.url}`, request.url)),
  );
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    const body =
      status === 500
        ? problem(500, 'internal', 'The server failed to answer', undefined, request.url)
        : problem(status, 'bad-request', 'The request could not be understood', error.message, request.url);
    return sendProblem(reply, body);
  });

  function readLang(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const parsed = z.safeParse(LangQuery, request.query);
    if (!parsed.success) {
      sendProblem(reply, problem(400, 'invalid-lang', 'The lang parameter is not a language tag', 'Use a BCP 47 tag such as zh-Hant-TW or en.', request.url));
      return undefined;
    }
    return parsed.data.lang ?? CATALOGUE_BASE_LANG;
  }

  app.get('/v1/health', (_request, reply) => {
    if (!store.isHealthy()) {
      return sendProblem(reply, problem(503, 'store-unavailable', 'The database does not answer'));
    }
    const body: HealthResponse = {
      status: 'ok',
      version: VERSION,
      database: 'ok',
      catalogue: { counties: catalogue.counties.counties.length },
    };
    return reply.header('cache-control', 'no-store').send(z.parse(HealthResponse, body));
  });

  app.get('/v1/counties', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const counties: County[] = catalogue.counties.counties.map((record) => {
      const name = pickText(record.names, lang);
      return {
        code: record.code,
        kind: record.kind,
        name: name.text,
        nameLang: name.lang,
        nameZh: pickText(record.names, CATALOGUE_BASE_LANG).text,
      };
    });
    return sendCatalogue(request, reply, CountiesResponse, { lang, counties, source: catalogue.counties.source });
  });

  const openApi = JSON.stringify(buildOpenApi());
  app.get('/v1/openapi.json', (request, reply) =>
    sendCatalogue(request, reply, z.unknown(), JSON.parse(openApi) as unknown),
  );

  return app;
}
