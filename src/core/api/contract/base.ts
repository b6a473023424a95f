/** The shared API contract: what every answer uses (sources, languages, problems). See ../contract.ts. */
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

/**
 * Spread into every catalogue answer: the languages its texts are really in, when the API
 * tracked them (the fallback chain may serve English, or Chinese, for a language asked).
 * The same list is sent as `Content-Language`. A widget compares it with the language it
 * asked for and says "Some information is shown in English". Optional: older answers (and
 * recorded fixtures) lack it.
 */
export const ServedTextLangs = {
  textLangs: z.optional(
    z.array(LanguageTag).register(z.globalRegistry, {
      description:
        'The languages the texts of this answer are in, after the fallback chain (?lang= or Accept-Language, then English, then zh-Hant-TW). Also sent as Content-Language. When it holds a language other than the one asked for, show a note such as "Some information is shown in English".',
    }),
  ),
};

/** RFC 9457 problem details, the body of every error the API sends. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;
