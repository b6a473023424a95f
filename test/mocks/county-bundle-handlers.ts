/**
 * msw handlers for the county bundle's unit tests and stories: the reference API's recorded
 * answers (scripts/record-fixtures.ts: Taitung's three bundles and New Taipei's death bundle, in
 * English and Chinese), the real committed SAMPLE files from data/bundles (so every SHA-256
 * check is real), and each way the API can fail. Counties without a recording answer 404, as
 * the API does for a county it does not know.
 *
 * Where the file bytes come from is the caller's: the test runner serves the repository root,
 * Storybook serves the files as Vite assets. Never used by the demo or the end-to-end tests.
 */
import { bypass, delay, http, HttpResponse, type HttpHandler } from 'msw';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';

/** The URL to fetch a committed file from, by its path under data/bundles (`TW-TTT/death/x.pdf`). */
export type FileSource = (path: string) => string;

/** The test runner serves the repository root: data/bundles is right there. */
export const repoFiles: FileSource = (path) => new URL(`../../data/bundles/${path}`, import.meta.url).href;

const langOf = (request: Request) => ((new URL(request.url).searchParams.get('lang') ?? 'zh-Hant-TW').toLowerCase().startsWith('zh') ? 'zh-Hant-TW' : 'en');
const recorded = (key: string) => (recordedAnswers as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
const problem = (status: number, title: string) =>
  HttpResponse.json({ type: status === 404 ? '/v1/problems/not-found' : '/v1/problems/internal', title, status }, { status, headers: { 'content-type': 'application/problem+json' } });

const LIST = '*/v1/counties/:code/bundles';
const BUNDLE = '*/v1/counties/:code/bundles/:event';
const FILE = '*/v1/files/:county/:event/:name';

type Recorded = { files: Array<Record<string, unknown>> } & Record<string, unknown>;

/** The recorded bundle list of a county, or null. */
export const recordedList = (code: string, lang: 'en' | 'zh-Hant-TW') => (recorded(`bundles.${code}.${lang}`) as Recorded | undefined) ?? null;
/** The recorded manifest of a bundle, or null. */
export const recordedBundle = (code: string, event: string, lang: 'en' | 'zh-Hant-TW') => (recorded(`bundle.${code}.${event}.${lang}`) as Recorded | undefined) ?? null;

function listAnswer(request: Request, code: string) {
  const answer = recorded(`bundles.${code}.${langOf(request)}`);
  if (answer) return answer;
  // New Taipei has one recorded bundle: its list is that one, as the API would list it.
  const one = recorded(`bundle.${code}.death.${langOf(request)}`) as Recorded | undefined;
  if (!one) return null;
  const files = one.files as Array<{ bytes: number }>;
  const event = one.event as { id: string; name: string };
  const path = `v1/counties/${code}/bundles/${event.id}`;
  return {
    lang: one.lang,
    county: one.county,
    bundles: [
      { event: event.id, name: event.name, title: one.title, fileCount: files.length, bytes: one.totalBytes, version: one.version, effective: one.effective, url: path, zipUrl: `${path}/zip` },
    ],
  };
}

const list = http.get(LIST, ({ request, params }) => {
  const answer = listAnswer(request, String(params.code));
  return answer ? HttpResponse.json(answer, { headers: { etag: '"recorded"' } }) : problem(404, 'No such county');
});

const bundle = http.get(BUNDLE, ({ request, params }) => {
  const answer = recorded(`bundle.${String(params.code)}.${String(params.event)}.${langOf(request)}`);
  return answer ? HttpResponse.json(answer, { headers: { etag: '"recorded"' } }) : problem(404, 'No such bundle');
});

async function realBytes(source: FileSource, params: Record<string, unknown>): Promise<Uint8Array | null> {
  const response = await fetch(bypass(source(`${String(params.county)}/${String(params.event)}/${String(params.name)}`)));
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

const fileResponse = (bytes: Uint8Array, name: string) =>
  new HttpResponse(bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': name.endsWith('.pdf') ? 'application/pdf' : 'application/vnd.oasis.opendocument.text', 'content-length': String(bytes.length) },
  });

/** The real file, or with `alter` applied to its bytes when `alter` says so for this file. */
function files(source: FileSource, alter?: (name: string, bytes: Uint8Array) => Uint8Array | 'network-error' | 'server-error' | undefined, wait = 0): HttpHandler {
  return http.get(FILE, async ({ params }) => {
    if (wait) await delay(wait);
    const bytes = await realBytes(source, params);
    if (!bytes) return problem(404, 'No such file');
    const name = String(params.name);
    const altered = alter?.(name, bytes);
    if (altered === 'network-error') return HttpResponse.error();
    if (altered === 'server-error') return problem(500, 'The server failed to answer');
    return fileResponse(altered ?? bytes, name);
  });
}

/** One bit flipped in the middle: same length, another SHA-256. */
export function flipOneBit(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0x01;
  return copy;
}

/** Every way the bundle routes can answer, with file bytes from `source`. */
export function countyBundleHandlers(source: FileSource = repoFiles) {
  const ok = [list, bundle, files(source)];
  return {
    /** Everything from the recordings and the real files. */
    ok,
    /** Files arrive slowly (each after `ms`), so the progress can be seen. */
    slowFiles: (ms = 400) => [list, bundle, files(source, undefined, ms)],
    /** The file named `name` (e.g. `death-registration-authorization.odt`) arrives altered by one bit. */
    corruptFile: (name: string) => [list, bundle, files(source, (n, bytes) => (n === name ? flipOneBit(bytes) : undefined))],
    /** The file named `name` cannot be fetched (the connection fails). */
    failingFile: (name: string) => [list, bundle, files(source, (n) => (n === name ? 'network-error' : undefined))],
    /** The files after the first `n` fail: the API went down mid-download. */
    downAfter: (n: number) => {
      let served = 0;
      return [list, bundle, files(source, () => (served++ < n ? undefined : 'network-error'))];
    },
    /** The bundle list never answers: the loading state. */
    listLoading: [http.get(LIST, async () => (await delay('infinite'), HttpResponse.json({}))), bundle, files(source)],
    /** The bundle never answers (the list does). */
    bundleLoading: [list, http.get(BUNDLE, async () => (await delay('infinite'), HttpResponse.json({}))), files(source)],
    /** The county has no bundles. */
    emptyList: [http.get(LIST, ({ request, params }) => HttpResponse.json({ ...listAnswer(request, String(params.code)), bundles: [] })), bundle, files(source)],
    /** The bundle route fails with HTTP 500. */
    bundleServerError: [list, http.get(BUNDLE, () => problem(500, 'The server failed to answer')), files(source)],
    /** Both routes fail with HTTP 500. */
    serverError: [http.get(LIST, () => problem(500, 'The server failed to answer')), http.get(BUNDLE, () => problem(500, 'The server failed to answer')), files(source)],
    /** The connection fails for everything. */
    networkError: [http.get(LIST, () => HttpResponse.error()), http.get(BUNDLE, () => HttpResponse.error()), http.get(FILE, () => HttpResponse.error())],
    /** A manifest that breaks the contract (a file without its SHA-256). */
    contractBreak: [
      list,
      http.get(BUNDLE, ({ request, params }) => {
        const answer = recorded(`bundle.${String(params.code)}.${String(params.event)}.${langOf(request)}`) as Recorded;
        return HttpResponse.json({ ...answer, files: answer.files.map(({ sha256: _sha, ...rest }) => rest) });
      }),
      files(source),
    ],
  } satisfies Record<string, HttpHandler[] | ((...args: never[]) => HttpHandler[])>;
}
