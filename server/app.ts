/**
 * The reference shared API. Public catalogue routes are GET only, cacheable (ETag,
 * Cache-Control) and the same for every citizen, so a CDN can serve them; every error is
 * application/problem+json; every body is checked against the contract before it is sent.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { HealthResponse } from '../src/core/api/contract.js';
import { VERSION } from '../src/core/version.js';
import type { Catalogue } from './catalogue.js';
import { registerCatalogueRoutes } from './catalogue-routes.js';
import { sendCatalogue } from './http.js';
import { buildOpenApi } from './openapi.js';
import { registerAnswerCache } from './answer-cache.js';
import { originAllowed, readSecurityConfig, type SecurityConfig } from './security-config.js';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, sendProblem } from './problem.js';
import type { Store } from './store.js';
import { registerTracker, type TrackerOptions } from './tracker/index.js';
import { registerBundleRoutes, type Bundles } from './bundles.js';
import { bundleRoutes } from '../src/core/api/bundle-contract.js';
import { trackerRoutes } from '../src/core/api/tracker-contract.js';

export interface AppOptions {
  catalogue: Catalogue;
  store: Store;
  logger?: boolean;
  /** Tracker settings (limits, clock), or false to leave the tracker out (its own tests add it). */
  tracker?: Partial<Omit<TrackerOptions, 'store' | 'statuses'>> | false;
  /** County download bundles, from loadBundles(dataDir, catalogue). */
  bundles?: Bundles;
  /** Allowed origins, trusted proxy, lookup limits; default: from the environment (server/security-config.ts). */
  security?: SecurityConfig;
  /** Called with each route as it is registered (the static export checks it covers every GET). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** Keep recent public answers in memory (server/answer-cache.ts); default on. */
  answerCache?: boolean;
}

/** Routes that carry case data: a browser may call them only from the configured host origins. */
const TRACKER_PREFIXES = ['/v1/cases/', '/v1/agency/'];

const isTrackerUrl = (url: string) => TRACKER_PREFIXES.some((prefix) => url.toLowerCase().startsWith(prefix));

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** A malformed HTTP message (bad request line, NUL in the path, oversized headers) still gets a problem+json answer. */
function clientErrorAnswer(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    status === 431
      ? problem(431, 'headers-too-large', 'The request headers are too large')
      : status === 408
        ? problem(408, 'request-timeout', 'The request took too long to arrive')
        : problem(400, 'malformed-request', 'The request is not well-formed HTTP'),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { catalogue, store } = options;
  const security = options.security ?? readSecurityConfig();
  const app = Fastify({
    // Errors are logged by default (a 500 must not pass unseen); request lines only when asked (ONESTOP_LOG_LEVEL).
    logger: options.logger ?? { level: security.logLevel },
    routerOptions: { ignoreTrailingSlash: true },
    // A hop count as proxy-addr reads it (Fastify's types take only a function for it).
    trustProxy: typeof security.trustProxy === 'number' ? trustHops(security.trustProxy) : security.trustProxy,
    clientErrorHandler: clientErrorAnswer,
    // A request (head and body) must arrive within a minute (Fastify's default is never): a client
    // trickling a body cannot hold a connection open for ever. Answered 408 by clientErrorAnswer.
    requestTimeout: 60_000,
    // A path that is not valid percent-encoded UTF-8, or a path parameter over 100 characters,
    // is refused by the router before any hook runs: answer it as problem+json too.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      return sendProblem(
        reply,
        tooLong
          ? problem(414, 'uri-too-long', 'A part of the path is too long', 'Each path segment may have at most 100 characters.')
          : problem(400, 'bad-url', 'The path is not valid', 'The path has a percent-escape that is not UTF-8.'),
      );
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  // Any site may embed the catalogue widgets, so the public routes answer any origin (no
  // cookies are used, and they hold nothing private). The tracker routes carry case data:
  // only the configured host origins get Access-Control-Allow-Origin there, so no other
  // site's page can read a case (ONESTOP_ALLOWED_ORIGINS, server/security-config.ts).
  const common = {
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowedHeaders: ['Accept', 'Content-Type', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Retry-After'],
    maxAge: 86400,
    // A bare OPTIONS (no Origin or method) is not refused with a text/plain 400: it gets the same 204.
    strictPreflight: false,
  };
  // Set before any plugin registers routes: a plugin's routes keep the handler of the moment they were added
  // (the CORS plugin's OPTIONS route would otherwise answer a bad body with Fastify's plain JSON).
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

  // A preflight from a page the tracker does not serve gets a plain answer instead of a bare 404.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (request.method !== 'OPTIONS' || !origin || !isTrackerUrl(request.url) || originAllowed(security.trackerOrigins, origin)) return undefined;
    reply.header('vary', 'Origin');
    return sendProblem(
      reply,
      problem(403, 'origin-not-allowed', 'This site may not call the case tracker', 'The API operator lists the host sites that may (ONESTOP_ALLOWED_ORIGINS).', request.url),
    );
  });
  await app.register(cors, {
    delegator: (request, callback) => {
      if (!isTrackerUrl(request.url)) return callback(null, { ...common, origin: '*' });
      const origin = request.headers.origin;
      return callback(null, {
        ...common,
        allowedHeaders: [...common.allowedHeaders, 'Authorization'],
        origin: originAllowed(security.trackerOrigins, origin) ? origin! : false,
      });
    },
  });

  // After CORS (its headers are per request), before the routes: repeats of public answers skip them.
  if (options.answerCache !== false) registerAnswerCache(app);

  app.get('/v1/health', async (_request, reply) => {
    if (!(await store.isHealthy())) {
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

  registerCatalogueRoutes(app, catalogue);
  if (options.bundles) registerBundleRoutes(app, { bundles: options.bundles, catalogue });
  if (options.tracker !== false) {
    await registerTracker(app, {
      limits: security.lookupLimits,
      ...options.tracker,
      store,
      statuses: catalogue.caseStatuses.map((s) => s.id),
      serviceIds: catalogue.services.keys(),
    });
  }

  const openApi = JSON.stringify(buildOpenApi({ ...trackerRoutes, ...bundleRoutes }));
  app.get('/v1/openapi.json', (request, reply) =>
    sendCatalogue(request, reply, z.unknown(), JSON.parse(openApi) as unknown),
  );

  return app;
}
