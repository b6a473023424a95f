/** The shared API contract: services. See ../contract.ts for the whole. */
import * as z from 'zod/mini';
import { LanguageTag, ServedTextLangs, Source } from './base.js';
import { AgencyRef, ChannelView, DocumentRef, FactView, Id, LegalBasisView, QuestionView, RuleJson, TextLang } from './common.js';

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

export const ServicesResponse = z.object({ lang: LanguageTag, ...ServedTextLangs, query: z.optional(z.string()), services: z.array(ServiceSummary) });
export type ServicesResponse = z.infer<typeof ServicesResponse>;

export const ServiceResponse = z.object({
  lang: LanguageTag,
  ...ServedTextLangs,
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
  ...ServedTextLangs,
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

export const DocumentsResponse = z.object({ lang: LanguageTag, ...ServedTextLangs, documents: z.array(DocumentView) });
export type DocumentsResponse = z.infer<typeof DocumentsResponse>;

/** POST /v1/doc-free/check: the same evaluation the widget does, for agencies that want it server-side. */
export const DocFreeCheckRequest = z.object({
  service: Id,
  answers: z.record(z.string(), z.unknown()),
  lang: z.optional(LanguageTag),
});
export type DocFreeCheckRequest = z.infer<typeof DocFreeCheckRequest>;

// `value` is absent for a question the citizen skipped (JSON has no undefined).
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
