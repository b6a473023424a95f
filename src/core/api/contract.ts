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

// ---------- the catalogue, as the API sends it (texts resolved to one language) ----------

/** A JsonLogic rule (see src/core/rules/logic.ts); widgets evaluate it with the shared evaluator. */
export const RuleJson = z.unknown();

export const Id = z.string().check(z.minLength(1), z.maxLength(80));

export const LegalBasisView = z.object({ law: z.string(), article: z.optional(z.string()), url: z.optional(z.string()) });
export type LegalBasisView = z.infer<typeof LegalBasisView>;

export const ChannelView = z.object({
  kind: z.enum(['online', 'counter', 'proxy', 'mail', 'phone', 'home-visit', 'automatic']),
  url: z.optional(z.string()),
  note: z.optional(z.string()),
});
export type ChannelView = z.infer<typeof ChannelView>;

export const AgencyRef = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['agency', 'office-type']),
  finder: z.optional(z.string()),
});
export type AgencyRef = z.infer<typeof AgencyRef>;

export const DocumentRef = z.object({ id: Id, name: z.string() });
export type DocumentRef = z.infer<typeof DocumentRef>;

export const QuestionView = z.object({
  id: Id,
  kind: z.enum(['yes-no', 'choice', 'multi-choice', 'county', 'date']),
  text: z.string(),
  help: z.optional(z.string()),
  options: z.optional(z.array(z.object({ id: Id, text: z.string() }))),
  showWhen: z.optional(RuleJson),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const DeadlineView = z.object({
  from: z.union([z.literal('event'), z.object({ question: Id })]),
  period: z.object({ unit: z.enum(['days', 'months', 'years']), count: z.number() }),
  startDayCounts: z.optional(z.boolean()),
  penaltyPeriod: z.optional(z.boolean()),
  text: z.string(),
  consequence: z.optional(z.string()),
  legalBasis: z.optional(LegalBasisView),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const TaskView = z.object({
  id: Id,
  title: z.string(),
  officialName: z.optional(z.string()),
  summary: z.optional(z.string()),
  category: Id,
  agency: AgencyRef,
  service: z.optional(Id),
  documents: z.array(DocumentRef),
  channels: z.array(ChannelView),
  appliesWhen: z.optional(RuleJson),
  deadline: z.optional(DeadlineView),
  dependsOn: z.array(z.object({ task: Id, why: z.string(), when: z.optional(RuleJson) })),
  doneForYou: z.boolean(),
  fees: z.optional(z.string()),
  notes: z.optional(z.string()),
  legalBasis: z.array(LegalBasisView),
  source: Source,
});
export type TaskView = z.infer<typeof TaskView>;

/** The language a record's texts are in, when a fallback was used for the one asked. */
const TextLang = { textLang: LanguageTag };

export const LifeEventSummary = z.object({ id: Id, name: z.string(), summary: z.string(), taskCount: z.number(), ...TextLang });
export type LifeEventSummary = z.infer<typeof LifeEventSummary>;

export const LifeEventsResponse = z.object({ lang: LanguageTag, lifeEvents: z.array(LifeEventSummary) });
export type LifeEventsResponse = z.infer<typeof LifeEventsResponse>;

export const LifeEventResponse = z.object({
  lang: LanguageTag,
  ...TextLang,
  id: Id,
  name: z.string(),
  summary: z.string(),
  eventDate: z.string(),
  categories: z.array(z.object({ id: Id, name: z.string() })),
  questions: z.array(QuestionView),
  tasks: z.array(TaskView),
  source: Source,
});
export type LifeEventResponse = z.infer<typeof LifeEventResponse>;

export const CalendarResponse = z.object({
  years: z.array(z.number()),
  restDays: z.array(z.object({ date: z.iso.date(), name: z.string() })),
  workDays: z.array(z.object({ date: z.iso.date(), name: z.string() })),
  lang: LanguageTag,
  sources: z.array(Source),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;

export const WaiverBranchView = z.object({
  when: z.optional(RuleJson),
  outcome: z.enum(['waived', 'substitute', 'required']),
  registry: z.optional(z.object({ id: Id, name: z.string() })),
  substitutes: z.optional(z.array(DocumentRef)),
  because: z.string(),
  source: z.optional(Source),
});
export type WaiverBranchView = z.infer<typeof WaiverBranchView>;

export const DocumentView = z.object({
  id: Id,
  name: z.string(),
  proves: z.string(),
  issuer: AgencyRef,
  feeNtd: z.optional(z.number()),
  timeToObtain: z.optional(z.string()),
  onlineAlternative: z.optional(z.object({ name: z.string(), url: z.optional(z.string()) })),
  registry: z.optional(z.object({ id: Id, name: z.string() })),
  source: Source,
  ...TextLang,
});
export type DocumentView = z.infer<typeof DocumentView>;

export const ServiceSummary = z.object({ id: Id, name: z.string(), nameZh: z.string(), agency: AgencyRef, documentCount: z.number(), ...TextLang });
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServicesResponse = z.object({ lang: LanguageTag, query: z.optional(z.string()), services: z.array(ServiceSummary) });
export type ServicesResponse = z.infer<typeof ServicesResponse>;

export const ServiceResponse = z.object({
  lang: LanguageTag,
  ...TextLang,
  id: Id,
  name: z.string(),
  nameZh: z.string(),
  summary: z.optional(z.string()),
  agency: AgencyRef,
  channels: z.array(ChannelView),
  questions: z.array(QuestionView),
  documents: z.array(z.object({ document: DocumentView, waiver: z.array(WaiverBranchView) })),
  legalBasis: z.array(LegalBasisView),
  source: Source,
});
export type ServiceResponse = z.infer<typeof ServiceResponse>;

export const AgenciesResponse = z.object({
  lang: LanguageTag,
  agencies: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: z.enum(['agency', 'office-type']),
      level: z.string(),
      parent: z.optional(Id),
      finder: z.optional(z.string()),
      url: z.optional(z.string()),
      source: Source,
      ...TextLang,
    }),
  ),
});
export type AgenciesResponse = z.infer<typeof AgenciesResponse>;

export const DocumentsResponse = z.object({ lang: LanguageTag, documents: z.array(DocumentView) });
export type DocumentsResponse = z.infer<typeof DocumentsResponse>;

export const CaseStatusesResponse = z.object({
  lang: LanguageTag,
  statuses: z.array(z.object({ id: Id, name: z.string(), whatNext: z.string(), agencyWords: z.array(z.string()), final: z.boolean() })),
});
export type CaseStatusesResponse = z.infer<typeof CaseStatusesResponse>;

/** POST /v1/doc-free/check: the same evaluation the widget does, for agencies that want it server-side. */
export const DocFreeCheckRequest = z.object({
  service: Id,
  answers: z.record(z.string(), z.unknown()),
  lang: z.optional(LanguageTag),
});
export type DocFreeCheckRequest = z.infer<typeof DocFreeCheckRequest>;

// `value` is absent for a question the citizen skipped (JSON has no undefined).
export const FactView = z.object({ variable: z.string(), value: z.optional(z.unknown()), answered: z.boolean() });

export const DocumentDecisionView = z.object({
  document: DocumentRef,
  outcome: z.enum(['waived', 'substitute', 'required']),
  registry: z.optional(z.object({ id: Id, name: z.string() })),
  substitutes: z.optional(z.array(DocumentRef)),
  because: z.string(),
  /** The answers that decided it; `certain` is false when a skipped question could change it. */
  facts: z.array(FactView),
  certain: z.boolean(),
});
export type DocumentDecisionView = z.infer<typeof DocumentDecisionView>;

export const DocFreeCheckResponse = z.object({
  lang: LanguageTag,
  service: z.object({ id: Id, name: z.string() }),
  decisions: z.array(DocumentDecisionView),
  legalBasis: z.array(LegalBasisView),
});
export type DocFreeCheckResponse = z.infer<typeof DocFreeCheckResponse>;

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
