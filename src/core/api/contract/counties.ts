/** The shared API contract: counties. See ../contract.ts for the whole. */
import * as z from 'zod/mini';
import { LanguageTag, ServedTextLangs, Source } from './base.js';

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
  ...ServedTextLangs,
  counties: z.array(County),
  source: Source,
});
export type CountiesResponse = z.infer<typeof CountiesResponse>;
