/**
 * msw handlers for <onestop-doc-free-check> in unit tests and Storybook: the real API's recorded
 * answers (the service list and five sample services), and each way the API can fail. They match
 * any API base (`*`). Never used by the demo or the end-to-end tests, which talk to the real server.
 */
import { delay, http, HttpResponse } from 'msw';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';
import { countiesHandlers } from './handlers.js';

const SERVICES = '*/v1/services';
const SERVICE = '*/v1/services/:id';

type Lang = 'en' | 'zh-Hant-TW';
const langOf = (request: Request): Lang => ((new URL(request.url).searchParams.get('lang') ?? 'zh-Hant-TW').toLowerCase().startsWith('zh') ? 'zh-Hant-TW' : 'en');

/** The services whose detail was recorded (scripts/record-fixtures.ts). */
export const RECORDED_SERVICES = ['death-registration', 'low-income-household-status', 'vehicle-scrapping', 'land-inheritance-registration', 'estate-tax-return'] as const;
type RecordedId = (typeof RECORDED_SERVICES)[number];

export const recordedService = (id: RecordedId, lang: Lang) => recordedAnswers[`service.${id}.${lang}`];
export const recordedServices = (lang: Lang) => recordedAnswers[`services.${lang}`];

const problem = (status: number, title: string) =>
  HttpResponse.json({ type: `/v1/problems/${status}`, title, status }, { status, headers: { 'content-type': 'application/problem+json' } });

const notFound = () => problem(404, 'No such service');

/** A recorded service changed for one story or test (`change` gets a deep copy). */
function serviceWith(change: (service: ReturnType<typeof structuredCloneService>) => void) {
  return http.get(SERVICE, ({ request, params }) => {
    const id = String(params.id);
    if (!(RECORDED_SERVICES as readonly string[]).includes(id)) return notFound();
    const copy = structuredCloneService(id as RecordedId, langOf(request));
    change(copy);
    return HttpResponse.json(copy);
  });
}
function structuredCloneService(id: RecordedId, lang: Lang) {
  return JSON.parse(JSON.stringify(recordedService(id, lang))) as { documents: Array<{ waiver: Array<Record<string, unknown>> }> } & Record<string, unknown>;
}

export const servicesHandlers = {
  /** The real list of 70 services, in the language asked for. */
  ok: http.get(SERVICES, ({ request }) => HttpResponse.json(recordedServices(langOf(request)), { headers: { etag: '"recorded"' } })),
  /** Never answers. */
  loading: http.get(SERVICES, async () => {
    await delay('infinite');
    return HttpResponse.json({});
  }),
  serverError: http.get(SERVICES, () => problem(500, 'The server failed to answer')),
  networkError: http.get(SERVICES, () => HttpResponse.error()),
};

export const serviceHandlers = {
  /** The five recorded services; any other id is a 404 problem, as the real API answers. */
  ok: http.get(SERVICE, ({ request, params }) => {
    const id = String(params.id);
    if (!(RECORDED_SERVICES as readonly string[]).includes(id)) return notFound();
    return HttpResponse.json(recordedService(id as RecordedId, langOf(request)), { headers: { etag: '"recorded"' } });
  }),
  /** Never answers. */
  loading: http.get(SERVICE, async () => {
    await delay('infinite');
    return HttpResponse.json({});
  }),
  serverError: http.get(SERVICE, () => problem(500, 'The server failed to answer')),
  networkError: http.get(SERVICE, () => HttpResponse.error()),
  /** Valid JSON that breaks the contract: waiver branches with an outcome the contract does not know. */
  contractBreak: serviceWith((s) => {
    for (const d of s.documents) for (const b of d.waiver) b.outcome = 'maybe';
  }),
  /** Passes the contract, but a rule uses an operator the evaluator does not have. SAMPLE breakage. */
  brokenRules: serviceWith((s) => {
    s.documents[0].waiver[0].when = { regex: [{ var: 'county' }, '^TW-T'] };
  }),
  /** A service that asks for no documents (SAMPLE: a recorded service with its documents removed). */
  noDocuments: serviceWith((s) => {
    s.documents = [];
  }),
};

/** Everything a working API answers for this widget. */
export const docFreeCheckOk = [servicesHandlers.ok, serviceHandlers.ok, countiesHandlers.ok];
