/**
 * THE shared API contract. The reference server validates what it sends with these schemas
 * and generates `/v1/openapi.json` from them; every widget checks every answer against them,
 * so a response that breaks the contract becomes an error state, never a half-drawn page.
 *
 * Written with `zod/mini` because it is tree-shakable: classic zod costs ~23 KB gzip in a
 * widget bundle, zod/mini ~5 KB (see ../shared/reference/toolchain-facts.md).
 *
 * One file per resource under contract/, so a widget bundles only the schemas it uses (zod
 * calls are not marked pure, so an unused schema in an imported file would stay); this module
 * re-exports them all, with the route table, for the server and for readers.
 */
import * as z from 'zod/mini';
export * from './contract/base.js';
export * from './contract/common.js';
export * from './contract/counties.js';
export * from './contract/health.js';
export * from './contract/life-events.js';
export * from './contract/services.js';
export * from './contract/case-statuses.js';
import { CaseStatusesResponse } from './contract/case-statuses.js';
import { LanguageTag } from './contract/base.js';
import { Id } from './contract/common.js';
import { CountiesResponse } from './contract/counties.js';
import { HealthResponse } from './contract/health.js';
import { CalendarResponse, LifeEventResponse, LifeEventsResponse } from './contract/life-events.js';
import { AgenciesResponse, DocFreeCheckRequest, DocFreeCheckResponse, DocumentView, DocumentsResponse, ServiceResponse, ServicesResponse } from './contract/services.js';

/** The routes, for the OpenAPI generator and for anyone reading the contract. */
const lang = { lang: LanguageTag };
export const routes = {
  health: { method: 'GET', path: '/v1/health', response: HealthResponse, summary: 'Liveness and store check' },
  counties: {
    method: 'GET',
    path: '/v1/counties',
    response: CountiesResponse,
    summary: 'The 22 counties and cities of Taiwan with ISO 3166-2:TW codes',
    query: lang,
  },
  lifeEvents: { method: 'GET', path: '/v1/life-events', response: LifeEventsResponse, summary: 'Life events with a checklist', query: lang },
  lifeEvent: {
    method: 'GET',
    path: '/v1/life-events/{id}',
    response: LifeEventResponse,
    summary: 'One life event: its questions, categories and tasks with deadlines, dependencies and rules',
    query: lang,
    params: { id: Id },
  },
  calendar: { method: 'GET', path: '/v1/calendar', response: CalendarResponse, summary: 'The government office calendar (rest days) for deadlines', query: lang },
  agencies: { method: 'GET', path: '/v1/agencies', response: AgenciesResponse, summary: 'Agencies and office types', query: lang },
  documents: { method: 'GET', path: '/v1/documents', response: DocumentsResponse, summary: 'Documents citizens were asked to bring', query: lang },
  document: { method: 'GET', path: '/v1/documents/{id}', response: DocumentView, summary: 'One document', query: lang, params: { id: Id } },
  services: {
    method: 'GET',
    path: '/v1/services',
    response: ServicesResponse,
    summary: 'Services, optionally filtered by part of a name in any language (?q=)',
    query: { ...lang, q: z.string().check(z.maxLength(100)) },
  },
  service: {
    method: 'GET',
    path: '/v1/services/{id}',
    response: ServiceResponse,
    summary: 'One service with its documents and their waiver rules',
    query: lang,
    params: { id: Id },
  },
  caseStatuses: { method: 'GET', path: '/v1/case-statuses', response: CaseStatusesResponse, summary: 'The case status vocabulary', query: lang },
  docFreeCheck: {
    method: 'POST',
    path: '/v1/doc-free/check',
    request: DocFreeCheckRequest,
    response: DocFreeCheckResponse,
    summary: 'Which documents a service waives for these answers, and why',
  },
} as const;
