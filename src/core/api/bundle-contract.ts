/**
 * The county download bundles (縣市下載包) of the shared API: per county × life event, that
 * county's forms and information sheets, downloadable one by one or as one ZIP. The idea is
 * the Stork circle's (送子鳥圈): one click for a county's PDFs, documents and forms, chosen by
 * place of residence or household registration (seed B_ch3.txt L640–L642, L680–L700;
 * report-ch3 §6, §C.2).
 *
 * URLs in these answers (`url`, `zip.url`) are relative to the API base, as the client resolves
 * every path (`v1/files/TW-TTT/death/….pdf?v=…`): resolve them against the API base, not
 * against the URL of the answer.
 *
 * Written with `zod/mini`, like contract.ts, so a widget pays little for importing it.
 */
import * as z from 'zod/mini';
// From the per-resource modules, not contract.ts, so a widget bundles only these schemas.
import { LanguageTag, Source } from './contract/base.js';
import { AgencyRef, Id } from './contract/common.js';
import { CountyCode } from './contract/counties.js';
import { isWebUrl } from './safe-link.js';

export const BundleFormat = z.enum(['pdf', 'odt']);
export type BundleFormat = z.infer<typeof BundleFormat>;

/** The media type of each format (ODF: Taiwan's open-document policy for editable forms). */
export const BUNDLE_MEDIA_TYPES = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
} as const satisfies Record<BundleFormat, string>;

/** `form`: to fill in and hand to the office; `information`: to read (tasks and deadlines). */
export const BundleFileKind = z.enum(['form', 'information']);
export type BundleFileKind = z.infer<typeof BundleFileKind>;

/**
 * A URL the widget fetches or offers as a link, relative to the API base: http(s) only, so a
 * `javascript:` or `data:` URL in an answer is refused with the rest of it (a file that cannot be
 * fetched cannot be checked against its SHA-256 either).
 */
export const WebUrl = z.string().check(
  z.minLength(1),
  z.refine((url) => isWebUrl(url), 'an http(s) URL or a path'),
);

export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'));

/** A file's path under the bundle root: `TW-TTT/death/death-registration-application.pdf`. */
export const BundleFilePath = z.string().check(z.regex(/^TW-[A-Z]{3}\/[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*\.(pdf|odt)$/));

export const BundleCountyRef = z.object({
  code: CountyCode,
  name: z.string().check(z.minLength(1)),
  /** The official Chinese name, always sent: forms use it. */
  nameZh: z.string().check(z.minLength(1)),
});
export type BundleCountyRef = z.infer<typeof BundleCountyRef>;

export const BundleFileView = z.object({
  id: Id,
  kind: BundleFileKind,
  title: z.string().check(z.minLength(1)),
  /** The title as printed on the form. */
  titleZh: z.string().check(z.minLength(1)),
  /** The office type or agency that issues or receives it (see /v1/agencies). */
  agency: AgencyRef,
  /** The county's office, by name ("臺東縣臺東市戶政事務所"), in the language asked for. */
  office: z.string().check(z.minLength(1)),
  officeZh: z.string().check(z.minLength(1)),
  /** The life-event task this file is for (the checklist's task id), when there is one. */
  task: z.optional(z.object({ id: Id, title: z.string() })),
  format: BundleFormat,
  mediaType: z.string(),
  bytes: z.number().check(z.int(), z.positive()),
  version: z.string().check(z.minLength(1)),
  effective: z.iso.date(),
  sha256: Sha256Hex,
  path: BundleFilePath,
  /** Where to download it, relative to the API base; changes whenever the bytes change. Never a `javascript:` or `data:` URL. */
  url: WebUrl,
});
export type BundleFileView = z.infer<typeof BundleFileView>;

export const BundleSummary = z.object({
  event: Id,
  /** The life event's name. */
  name: z.string(),
  title: z.string(),
  fileCount: z.number().check(z.int(), z.positive()),
  bytes: z.number().check(z.int(), z.positive()),
  version: z.string(),
  effective: z.iso.date(),
  /** The bundle's manifest (GET), relative to the API base. */
  url: WebUrl,
  /** The whole bundle as one ZIP, relative to the API base. */
  zipUrl: WebUrl,
});
export type BundleSummary = z.infer<typeof BundleSummary>;

/** GET /v1/counties/{code}/bundles: the life events a county has a bundle for. */
export const CountyBundlesResponse = z.object({
  lang: LanguageTag,
  county: BundleCountyRef,
  bundles: z.array(BundleSummary),
});
export type CountyBundlesResponse = z.infer<typeof CountyBundlesResponse>;

/** GET /v1/counties/{code}/bundles/{event}: one bundle, its files with checksums and URLs. */
export const BundleResponse = z.object({
  lang: LanguageTag,
  /** The language the bundle's texts are in (differs from `lang` when a fallback was used). */
  textLang: LanguageTag,
  county: BundleCountyRef,
  event: z.object({ id: Id, name: z.string() }),
  title: z.string(),
  version: z.string(),
  effective: z.iso.date(),
  /** True while the files are generated samples, not forms a county supplied. */
  sample: z.boolean(),
  files: z.array(BundleFileView).check(z.minLength(1)),
  totalBytes: z.number().check(z.int(), z.positive()),
  zip: z.object({ url: WebUrl, fileName: z.string() }),
  source: Source,
});
export type BundleResponse = z.infer<typeof BundleResponse>;

/** The `manifest.json` inside a bundle ZIP: what each file is and how to check it. */
export const BundleZipManifest = z.object({
  lang: LanguageTag,
  county: BundleCountyRef,
  event: z.object({ id: Id, name: z.string() }),
  title: z.string(),
  version: z.string(),
  effective: z.iso.date(),
  sample: z.boolean(),
  files: z.array(
    z.object({
      id: Id,
      /** Its name inside the ZIP. */
      file: z.string().check(z.minLength(1)),
      title: z.string(),
      agency: z.object({ id: Id, name: z.string() }),
      office: z.string(),
      format: BundleFormat,
      bytes: z.number().check(z.int(), z.positive()),
      version: z.string(),
      effective: z.iso.date(),
      sha256: Sha256Hex,
    }),
  ),
  source: Source,
});
export type BundleZipManifest = z.infer<typeof BundleZipManifest>;

/** The JSON routes, in the shape server/openapi.ts's `buildOpenApi(extra)` takes. */
const lang = { lang: LanguageTag };
export const bundleRoutes = {
  countyBundles: {
    method: 'GET',
    path: '/v1/counties/{code}/bundles',
    response: CountyBundlesResponse,
    summary: "The life events a county has a download bundle for (its forms and information sheets)",
    query: lang,
    params: { code: CountyCode },
  },
  countyBundle: {
    method: 'GET',
    path: '/v1/counties/{code}/bundles/{event}',
    response: BundleResponse,
    summary: 'One county bundle: its files with format, size, version, effective date, SHA-256 and URL; /zip gets them all in one ZIP',
    query: lang,
    params: { code: CountyCode, event: Id },
  },
} as const;
