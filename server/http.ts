/** HTTP helpers every route shares: cacheable catalogue answers, the `lang` parameter. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { LanguageTag } from '../src/core/api/contract.js';
import { preferredFromAcceptLanguage } from '../src/core/locale-match.js';
import { CATALOGUE_BASE_LANG, servedLangs, trackServedLangs } from './localized-text.js';
import { problem, sendProblem } from './problem.js';

export const CATALOGUE_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a catalogue body: checked against its schema (a server bug must not reach a widget as
 * a half-valid answer), with an ETag over the exact bytes, answering 304 when it matches.
 */
export function sendCatalogue<T>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodMiniType<T>, body: T): FastifyReply {
  // Which languages the texts are really in (see readLang): `textLangs` in the body (schemas
  // that declare it keep it) and Content-Language, so a widget can say "shown in English".
  const langs = servedLangs(request);
  if (langs?.length) reply.header('content-language', langs.join(', '));
  const withLangs = langs?.length && body && typeof body === 'object' && !Array.isArray(body) ? { ...body, textLangs: langs } : body;
  const checked = z.parse(schema, withLangs);
  const json = JSON.stringify(checked);
  const etag = etagOf(json);
  reply.header('etag', etag).header('cache-control', CATALOGUE_CACHE);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

const LangQuery = z.object({ lang: z.optional(LanguageTag) });

/**
 * The language a request asks for: `?lang=`, else the first of `Accept-Language` we have a
 * locale for (else its first range), else zh-Hant-TW. Answers that followed the header say
 * `Vary: Accept-Language`, so a shared cache keeps one copy per language. Starts tracking
 * the languages the answer's texts come out in (sendCatalogue reports them).
 * Undefined after sending a 400 problem for a malformed `?lang=`.
 */
export function readLang(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const parsed = z.safeParse(LangQuery, { lang: (request.query as Record<string, unknown> | undefined)?.lang });
  if (!parsed.success) {
    sendProblem(reply, problem(400, 'invalid-lang', 'The lang parameter is not a language tag', 'Use a BCP 47 tag such as zh-Hant-TW or en.', request.url));
    return undefined;
  }
  let lang = parsed.data.lang;
  if (!lang) {
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
    const header = request.headers['accept-language'];
    const preferred = preferredFromAcceptLanguage(Array.isArray(header) ? header.join(',') : header);
    lang = preferred && z.safeParse(LanguageTag, preferred).success ? preferred : CATALOGUE_BASE_LANG;
  }
  trackServedLangs(request, lang);
  return lang;
}

export function notFound(reply: FastifyReply, what: string, id: string, url: string): FastifyReply {
  return sendProblem(reply, problem(404, 'not-found', `No such ${what}`, `There is no ${what} "${id}" in the catalogue.`, url));
}
