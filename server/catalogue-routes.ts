/**
 * The public catalogue: GET only, the same for every citizen, cacheable (ETag,
 * Cache-Control) so a CDN can serve the whole country; `?lang=` picks the texts.
 * And POST /v1/doc-free/check, the document check evaluated on the server.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import {
  AgenciesResponse,
  CalendarResponse,
  CaseStatusesResponse,
  CountiesResponse,
  DocFreeCheckRequest,
  DocFreeCheckResponse,
  DocumentsResponse,
  DocumentView,
  LanguageTag,
  LifeEventResponse,
  LifeEventsResponse,
  ServiceResponse,
  ServicesResponse,
  type County,
} from '../src/core/api/contract.js';
import { decideDocument } from '../src/doc-free-check/rules.js';
import type { Catalogue } from './catalogue.js';
import type { Service } from './catalogue-schema.js';
import { notFound, readLang, sendCatalogue } from './http.js';
import { CATALOGUE_BASE_LANG, pickText } from './localized-text.js';
import { problem, sendProblem } from './problem.js';
import { Localizer } from './views.js';

/** Lower-cased names in every language, for "type part of its name" search. */
function searchableNames(service: Service): string {
  return Object.values(service.names).join(' ').toLowerCase();
}

export function registerCatalogueRoutes(app: FastifyInstance, catalogue: Catalogue): void {
  const at = (lang: string) => new Localizer(catalogue, lang);

  app.get('/v1/counties', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const counties: County[] = catalogue.counties.counties.map((record) => {
      const name = pickText(record.names, lang);
      return { code: record.code, kind: record.kind, name: name.text, nameLang: name.lang, nameZh: pickText(record.names, CATALOGUE_BASE_LANG).text };
    });
    return sendCatalogue(request, reply, CountiesResponse, { lang, counties, source: catalogue.counties.source });
  });

  app.get('/v1/life-events', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const l = at(lang);
    const lifeEvents = [...catalogue.lifeEvents.values()].map((event) => ({
      id: event.id,
      name: l.text(event.names),
      summary: l.text(event.summary),
      taskCount: event.tasks.length,
      textLang: l.textLang(event.names),
    }));
    return sendCatalogue(request, reply, LifeEventsResponse, { lang, lifeEvents });
  });

  app.get<{ Params: { id: string } }>('/v1/life-events/:id', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const event = catalogue.lifeEvents.get(request.params.id);
    if (!event) return notFound(reply, 'life event', request.params.id, request.url);
    return sendCatalogue(request, reply, LifeEventResponse, at(lang).lifeEvent(event));
  });

  app.get('/v1/calendar', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const l = at(lang);
    const years = [...catalogue.calendar.values()].sort((a, b) => a.year - b.year);
    return sendCatalogue(request, reply, CalendarResponse, {
      lang,
      years: years.map((y) => y.year),
      restDays: years.flatMap((y) => y.restDays.map((d) => ({ date: d.date, name: l.text(d.name) }))),
      workDays: years.flatMap((y) => y.workDays.map((d) => ({ date: d.date, name: l.text(d.name) }))),
      sources: years.map((y) => y.source),
    });
  });

  app.get('/v1/agencies', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const l = at(lang);
    const agencies = [...catalogue.agencies.values()].map((a) => ({
      id: a.id,
      name: l.text(a.names),
      kind: a.kind,
      level: a.level,
      ...(a.parent ? { parent: a.parent } : {}),
      ...(a.finder ? { finder: l.text(a.finder) } : {}),
      ...(a.url ? { url: a.url } : {}),
      source: a.source,
      textLang: l.textLang(a.names),
    }));
    return sendCatalogue(request, reply, AgenciesResponse, { lang, agencies });
  });

  app.get('/v1/documents', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const l = at(lang);
    return sendCatalogue(request, reply, DocumentsResponse, { lang, documents: [...catalogue.documents.values()].map((d) => l.document(d)) });
  });

  app.get<{ Params: { id: string } }>('/v1/documents/:id', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const document = catalogue.documents.get(request.params.id);
    if (!document) return notFound(reply, 'document', request.params.id, request.url);
    return sendCatalogue(request, reply, DocumentView, at(lang).document(document));
  });

  const ServicesQuery = z.object({ q: z.optional(z.string().check(z.maxLength(100))) });

  app.get('/v1/services', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const parsed = z.safeParse(ServicesQuery, { q: (request.query as Record<string, unknown>).q });
    if (!parsed.success) {
      return sendProblem(reply, problem(400, 'invalid-query', 'The search text must be one string of at most 100 characters', undefined, request.url));
    }
    const query = parsed.data.q?.trim().toLowerCase();
    const l = at(lang);
    const services = [...catalogue.services.values()]
      .filter((service) => !query || searchableNames(service).includes(query) || service.id.includes(query))
      .map((service) => ({
        id: service.id,
        name: l.text(service.names),
        nameZh: l.zh(service.names),
        agency: l.agency(service.agency),
        documentCount: service.documents.length,
        textLang: l.textLang(service.names),
      }));
    return sendCatalogue(request, reply, ServicesResponse, { lang, ...(query ? { query } : {}), services });
  });

  app.get<{ Params: { id: string } }>('/v1/services/:id', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const service = catalogue.services.get(request.params.id);
    if (!service) return notFound(reply, 'service', request.params.id, request.url);
    const l = at(lang);
    return sendCatalogue(request, reply, ServiceResponse, {
      lang,
      textLang: l.textLang(service.names),
      id: service.id,
      name: l.text(service.names),
      nameZh: l.zh(service.names),
      ...(service.summary ? { summary: l.text(service.summary) } : {}),
      agency: l.agency(service.agency),
      channels: service.channels.map((c) => l.channel(c)),
      questions: (service.questions ?? []).map((q) => l.question(q)),
      documents: service.documents.map((requirement) => ({
        document: l.document(catalogue.documents.get(requirement.document)!),
        waiver: requirement.waiver.map((branch) => ({
          ...(branch.when !== undefined ? { when: branch.when } : {}),
          outcome: branch.outcome,
          ...(branch.outcome === 'waived' ? { registry: l.registryRef(branch.registry) } : {}),
          ...(branch.outcome === 'substitute' ? { substitutes: branch.substitutes.map((id) => l.documentRef(id)) } : {}),
          because: l.text(branch.because),
          ...(branch.source ? { source: branch.source } : {}),
        })),
      })),
      legalBasis: service.legalBasis.map((b) => l.legalBasis(b)),
      source: service.source,
    });
  });

  app.get('/v1/case-statuses', (request, reply) => {
    const lang = readLang(request, reply);
    if (!lang) return reply;
    const l = at(lang);
    return sendCatalogue(request, reply, CaseStatusesResponse, {
      lang,
      statuses: catalogue.caseStatuses.map((s) => ({ id: s.id, name: l.text(s.names), whatNext: l.text(s.whatNext), agencyWords: s.agencyWords, final: s.final })),
    });
  });

  // Answers to a handful of questions fit in a few hundred bytes; refuse anything near a DoS.
  app.post('/v1/doc-free/check', { bodyLimit: 16 * 1024 }, (request, reply) => {
    const parsed = z.safeParse(DocFreeCheckRequest, request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendProblem(
        reply,
        problem(400, 'invalid-body', 'The request body does not match the contract', `${issue.path.join('.') || '(body)'}: ${issue.message}`, request.url),
      );
    }
    const { service: serviceId, answers } = parsed.data;
    const lang = z.safeParse(LanguageTag, parsed.data.lang ?? CATALOGUE_BASE_LANG).success ? (parsed.data.lang ?? CATALOGUE_BASE_LANG) : CATALOGUE_BASE_LANG;
    const service = catalogue.services.get(serviceId);
    if (!service) return notFound(reply, 'service', serviceId, request.url);
    const l = at(lang);
    const decisions = service.documents.map((requirement) => {
      const { branch, facts, certain } = decideDocument(requirement.waiver, answers);
      return {
        document: l.documentRef(requirement.document),
        outcome: branch.outcome,
        ...(branch.outcome === 'waived' ? { registry: l.registryRef(branch.registry) } : {}),
        ...(branch.outcome === 'substitute' ? { substitutes: branch.substitutes.map((id) => l.documentRef(id)) } : {}),
        because: l.text(branch.because),
        facts,
        certain,
      };
    });
    const body = z.parse(DocFreeCheckResponse, {
      lang,
      service: { id: service.id, name: l.text(service.names) },
      decisions,
      legalBasis: service.legalBasis.map((b) => l.legalBasis(b)),
    });
    // Answers are personal: never cached by a shared cache.
    return reply.header('cache-control', 'no-store').send(body);
  });
}
