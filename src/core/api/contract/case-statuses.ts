/** The shared API contract: case-statuses. See ../contract.ts for the whole. */
import * as z from 'zod/mini';
import { LanguageTag, ServedTextLangs } from './base.js';
import { Id } from './common.js';

export const CaseStatusesResponse = z.object({
  lang: LanguageTag,
  ...ServedTextLangs,
  statuses: z.array(z.object({ id: Id, name: z.string(), whatNext: z.string(), agencyWords: z.array(z.string()), final: z.boolean() })),
});
export type CaseStatusesResponse = z.infer<typeof CaseStatusesResponse>;
