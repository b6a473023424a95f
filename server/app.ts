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
}

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

  registerCatalogueRoutes(app, catalogue);
  if (options.bundles) registerBundleRoutes(app, { bundles: options.bundles, catalogue });
  if (options.tracker !== false) {
    await registerTracker(app, {
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
