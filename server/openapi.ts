/** The OpenAPI document, generated from the zod contract so the two can never disagree. */
import * as z from 'zod/mini';
import { Problem, routes } from '../src/core/api/contract.js';
import { VERSION } from '../src/core/version.js';

const schema = (s: z.ZodMiniType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any' });

/** Extra routes registered outside the catalogue contract (the tracker adds its own). */
export interface ExtraRoute {
  method: string;
  path: string;
  summary: string;
  request?: z.ZodMiniType;
  response: z.ZodMiniType;
  /** The success status when not 200 (201 for creations). */
  status?: number;
}

export function buildOpenApi(extra: Record<string, ExtraRoute> = {}): Record<string, unknown> {
  const problemResponse = {
    description: 'An error, as RFC 9457 problem details',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries({ ...routes, ...extra } as Record<string, ExtraRoute & { query?: Record<string, z.ZodMiniType>; params?: Record<string, z.ZodMiniType> }>)) {
    const parameters = [
      ...Object.entries(route.params ?? {}).map(([param, s]) => ({ name: param, in: 'path', required: true, schema: schema(s) })),
      ...Object.entries(route.query ?? {}).map(([param, s]) => ({ name: param, in: 'query', required: false, schema: schema(s) })),
    ];
    const cacheable = route.method === 'GET';
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      parameters,
      ...(route.request ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.request) } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: route.summary,
          ...(cacheable ? { headers: { ETag: { schema: { type: 'string' } } } } : {}),
          content: { 'application/json': { schema: schema(route.response) } },
        },
        ...(cacheable ? { '304': { description: 'Not modified (If-None-Match matched the ETag)' } } : {}),
        '4XX': problemResponse,
        '5XX': problemResponse,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneStop shared API',
      version: VERSION,
      description: 'The public catalogue and case tracker behind the OneStop widgets. Language by ?lang=.',
    },
    paths,
    components: { schemas: { Problem: schema(Problem) } },
  };
}
