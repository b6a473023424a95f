/** The shared API contract: life-events. See ../contract.ts for the whole. */
import * as z from 'zod/mini';
import { LanguageTag, ServedTextLangs, Source } from './base.js';
import { AgencyRef, ChannelView, DocumentRef, Id, LegalBasisView, QuestionView, RuleJson, TextLang } from './common.js';

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

export const LifeEventSummary = z.object({ id: Id, name: z.string(), summary: z.string(), taskCount: z.number(), ...TextLang });
export type LifeEventSummary = z.infer<typeof LifeEventSummary>;

export const LifeEventsResponse = z.object({ lang: LanguageTag, ...ServedTextLangs, lifeEvents: z.array(LifeEventSummary) });
export type LifeEventsResponse = z.infer<typeof LifeEventsResponse>;

export const LifeEventResponse = z.object({
  lang: LanguageTag,
  ...ServedTextLangs,
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
  ...ServedTextLangs,
  sources: z.array(Source),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;
