/**
 * msw handlers for the application tracker's unit tests and stories: the reference API's
 * recorded answers (scripts/record-fixtures.ts looks the SAMPLE cases up as a citizen would),
 * and each way the API can fail. Never used by the demo or the end-to-end test.
 *
 * The look-up answers a SAMPLE case only for its own lookup code (SAMP-0001…0004, as
 * scripts/seed-sample-cases.ts seeds them) and gives the server's one 404 otherwise, so a
 * wrong code and an unknown case look the same here too. Services that were not recorded
 * answer 404, as the API does for an unknown id.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';

const LOOKUP = '*/v1/cases/lookup';
const STATUSES = '*/v1/case-statuses';
const SERVICE = '*/v1/services/:id';

type Recorded = Record<string, unknown>;
const recorded = (key: string) => (recordedAnswers as Record<string, unknown>)[key] as Recorded | undefined;
const langOf = (request: Request) => ((new URL(request.url).searchParams.get('lang') ?? 'zh-Hant-TW').toLowerCase().startsWith('zh') ? 'zh-Hant-TW' : 'en');

/** SAMPLE cases and their lookup codes, as the seed script creates them. */
export const SAMPLE_CASES = {
  'SAMPLE-ESTATE-TAX-01': 'SAMP-0001',
  'SAMPLE-LAND-INHERIT-01': 'SAMP-0002',
  'SAMPLE-BIRTH-REG-01': 'SAMP-0003',
  'SAMPLE-FUNERAL-AID-01': 'SAMP-0004',
} as const;
export type SampleCaseNumber = keyof typeof SAMPLE_CASES;

/** A SAMPLE case as the API answered its look-up. */
export const sampleCase = (caseNumber: SampleCaseNumber) => structuredClone(recorded(`case.${caseNumber}`)!) as unknown as SampleView;

export interface SampleView {
  caseNumber: string;
  serviceId: string;
  status: { id: string; agencyWord?: string; at: string; agencyId: string; office: Record<string, string> };
  events: Array<{ at: string; agencyId: string; office: Record<string, string>; status: string; agencyWord?: string; note?: Record<string, string>; action?: unknown }>;
  [key: string]: unknown;
}

/** The same case one event later, as an agency appending through the write API would leave it. */
export function withEvent(view: SampleView, event: { status: string; agencyWord?: string; note?: Record<string, string> }, minutesLater = 5): SampleView {
  const last = view.status;
  const at = new Date(Date.parse(last.at) + minutesLater * 60_000).toISOString();
  const added = { at, agencyId: last.agencyId, office: last.office, ...event };
  return { ...view, status: { id: event.status, at, agencyId: last.agencyId, office: last.office, ...(event.agencyWord ? { agencyWord: event.agencyWord } : {}) }, events: [...view.events, added] };
}

// The server normalises codes this way (server/tracker/secrets.ts).
const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

/** The one 404 the API sends for an unknown case and for a wrong code, byte for byte. */
export const CASE_NOT_FOUND = {
  type: '/v1/problems/case-not-found',
  title: 'No case matches this case number and lookup code',
  status: 404,
  detail: 'Check both against your receipt. The lookup code has 8 letters or digits (XXXX-XXXX).',
  instance: '/v1/cases/lookup',
};

const problem = (body: object, status: number, headers: Record<string, string> = {}) =>
  HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json', ...headers } });

async function readLookup(request: Request): Promise<{ caseNumber: string; lookupCode: string }> {
  return (await request.json()) as { caseNumber: string; lookupCode: string };
}

/** Answers SAMPLE cases for their own codes, through `answer` when given (to change a case over time). */
function lookupHandler(answer?: (caseNumber: SampleCaseNumber) => SampleView): HttpHandler {
  return http.post(LOOKUP, async ({ request }) => {
    const { caseNumber, lookupCode } = await readLookup(request);
    const number = caseNumber.trim().toUpperCase() as SampleCaseNumber;
    const code = SAMPLE_CASES[number];
    if (!code || normalizeCode(lookupCode) !== normalizeCode(code)) return problem(CASE_NOT_FOUND, 404);
    return HttpResponse.json(answer ? answer(number) : sampleCase(number), { headers: { 'cache-control': 'no-store' } });
  });
}

const statuses = http.get(STATUSES, ({ request }) => HttpResponse.json(recorded(`case-statuses.${langOf(request)}`), { headers: { etag: '"recorded"' } }));
const service = http.get(SERVICE, ({ request, params }) => {
  const answer = recorded(`service.${String(params.id)}.${langOf(request)}`);
  return answer
    ? HttpResponse.json(answer, { headers: { etag: '"recorded"' } })
    : problem({ type: '/v1/problems/not-found', title: 'No such service', status: 404 }, 404);
});

/** The catalogue answers the tracker needs besides the look-up. */
const catalogue: HttpHandler[] = [statuses, service];

/** A look-up answer that changes: each call takes the next view, the last one repeats. */
export function changingCase(views: SampleView[]): HttpHandler[] {
  let call = 0;
  return [lookupHandler(() => views[Math.min(call++, views.length - 1)]!), ...catalogue];
}

export const trackerHandlers = {
  /** SAMPLE cases for their own codes; anything else is the server's 404. */
  ok: [lookupHandler(), ...catalogue],
  /** Every look-up: the server's 404 (an unknown case or a wrong code). */
  notFound: [http.post(LOOKUP, () => problem(CASE_NOT_FOUND, 404)), ...catalogue],
  /** Too many tries: 429 with Retry-After 600 (10 minutes), as the server sends it. */
  rateLimited: [
    http.post(LOOKUP, () =>
      problem(
        {
          type: '/v1/problems/too-many-lookups',
          title: 'Too many lookups',
          status: 429,
          detail: 'Too many wrong lookup codes for this case number. Try again in 10 minutes, or ask the office on your receipt.',
          instance: '/v1/cases/lookup',
          retryAfterSeconds: 600,
        },
        429,
        { 'retry-after': '600' },
      ),
    ),
    ...catalogue,
  ],
  /** The look-up never answers: the loading state. */
  loading: [http.post(LOOKUP, async () => (await delay('infinite'), HttpResponse.json({}))), ...catalogue],
  /** HTTP 500 with a problem body. */
  serverError: [http.post(LOOKUP, () => problem({ type: '/v1/problems/internal', title: 'The server failed to answer', status: 500 }, 500)), ...catalogue],
  /** The connection fails (server down, refused). */
  networkError: [http.post(LOOKUP, () => HttpResponse.error()), ...catalogue],
  /** Everything fails, the catalogue too (the offline device, for the client's own cache). */
  allDown: [http.post(LOOKUP, () => HttpResponse.error()), http.get(STATUSES, () => HttpResponse.error()), http.get(SERVICE, () => HttpResponse.error())],
  /** 200 with a gateway's HTML page instead of JSON. */
  malformed: [http.post(LOOKUP, () => new HttpResponse('<html>Gateway page</html>', { headers: { 'content-type': 'text/html' } })), ...catalogue],
  /** Valid JSON that breaks the contract (a case without its history). */
  contractBreak: [
    http.post(LOOKUP, async ({ request }) => {
      const { caseNumber } = await readLookup(request);
      const view = recorded(`case.${caseNumber.trim().toUpperCase()}`) ?? sampleCase('SAMPLE-LAND-INHERIT-01');
      const { events: _events, ...rest } = view as SampleView;
      return HttpResponse.json(rest);
    }),
    ...catalogue,
  ],
  /** The status vocabulary fails; the look-up works. */
  statusesDown: [lookupHandler(), http.get(STATUSES, () => problem({ type: '/v1/problems/internal', title: 'The server failed to answer', status: 500 }, 500)), service],
};
