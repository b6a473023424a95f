/** The shared API contract: pieces the catalogue answers share (texts resolved to one language). See ../contract.ts. */
import * as z from 'zod/mini';
import { LanguageTag } from './base.js';

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

/** The language a record's texts are in, when a fallback was used for the one asked. */
export const TextLang = { textLang: LanguageTag };

export const FactView = z.object({ variable: z.string(), value: z.optional(z.unknown()), answered: z.boolean() });
