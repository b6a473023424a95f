/** The shared API contract: case-statuses. See ../contract.ts for the whole. */
import * as z from 'zod/mini';
import { LanguageTag } from './base.js';
import { Id } from './common.js';

export const CaseStatusesResponse = z.object({
  lang: LanguageTag,
  statuses: z.array(z.object({ id: Id, name: z.string(), whatNext: z.string(), agencyWords: z.array(z.string()), final: z.boolean() })),
});
export type CaseStatusesResponse = z.infer<typeof CaseStatusesResponse>;
