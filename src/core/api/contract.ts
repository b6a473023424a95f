/**
 * THE shared API contract. The reference server validates what it sends with these schemas
 * and generates `/v1/openapi.json` from them; every widget checks every answer against them,
 * so a response that breaks the contract becomes an error state, never a half-drawn page.
 *
 * Written with `zod/mini` because it is tree-shakable: classic zod costs ~23 KB gzip in a
 * widget bundle, zod/mini ~5 KB (see ../shared/reference/toolchain-facts.md).
 */
import * as z from 'zod/mini';

/** Where a fact comes from and the date it holds for. Every catalogue record carries one. */
export const Source = z.object({
  cite: z.string().check(z.minLength(1)),
  asOf: z.iso.date(),
  url: z.optional(z.url()),
});
export type Source = z.infer<typeof Source>;

/** A BCP 47 tag as sent in `?lang=`: loose on purpose, the server picks the nearest it has. */
export const LanguageTag = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

export const CountyKind = z.enum(['special-municipality', 'city', 'county']);
export type CountyKind = z.infer<typeof CountyKind>;

/** ISO 3166-2:TW subdivision code, e.g. TW-TPE. */
export const CountyCode = z.string().check(z.regex(/^TW-[A-Z]{3}$/));

export const County = z.object({
  code: CountyCode,
  kind: CountyKind,
  /** The name in the language that was asked for, or the nearest one in the fallback chain. */
  name: z.string().check(z.minLength(1)),
  /** The language `name` is actually in (differs from the request when a fallback was used). */
  nameLang: LanguageTag,
  /** The official Chinese name, always sent: addresses and forms use it. */
  nameZh: z.string().check(z.minLength(1)),
});
export type County = z.infer<typeof County>;

export const CountiesResponse = z.object({
  lang: LanguageTag,
  counties: z.array(County),
  source: Source,
});
export type CountiesResponse = z.infer<typeof CountiesResponse>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.literal('ok'),
  catalogue: z.object({ counties: z.number().check(z.int(), z.nonnegative()) }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** RFC 9457 problem details, the body of every error the API sends. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;

/** The routes, for the OpenAPI generator and for anyone reading the contract. */
export const routes = {
  health: { method: 'GET', path: '/v1/health', response: HealthResponse, summary: 'Liveness and store check' },
  counties: {
    method: 'GET',
    path: '/v1/counties',
    response: CountiesResponse,
    summary: 'The 22 counties and cities of Taiwan with ISO 3166-2:TW codes',
    query: { lang: LanguageTag },
  },
} as const;
