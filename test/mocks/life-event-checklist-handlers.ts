/**
 * msw handlers for the life-event checklist's unit tests and stories: the reference API's
 * recorded answers (scripts/record-fixtures.ts), and each way the API can fail. Services that
 * were not recorded answer 404, as the API does for an unknown id; the widget then lists the
 * task's documents without waiver reasons.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';

const langOf = (request: Request) => ((new URL(request.url).searchParams.get('lang') ?? 'zh-Hant-TW').toLowerCase().startsWith('zh') ? 'zh-Hant-TW' : 'en');
const recorded = (key: string) => (recordedAnswers as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
const notFound = (what: string) =>
  HttpResponse.json(
    { type: '/v1/problems/not-found', title: `No such ${what}`, status: 404 },
    { status: 404, headers: { 'content-type': 'application/problem+json' } },
  );
const serverError = () =>
  HttpResponse.json(
    { type: '/v1/problems/internal', title: 'The server failed to answer', status: 500 },
    { status: 500, headers: { 'content-type': 'application/problem+json' } },
  );

const LIST = '*/v1/life-events';
const EVENT = '*/v1/life-events/:id';
const CALENDAR = '*/v1/calendar';
const COUNTIES = '*/v1/counties';
const SERVICE = '*/v1/services/:id';

/** The life event as recorded, or null. */
export const recordedEvent = (id: string, lang: 'en' | 'zh-Hant-TW') => recorded(`life-event.${id}.${lang}`) ?? null;

const list = http.get(LIST, ({ request }) => HttpResponse.json(recorded(`life-events.${langOf(request)}`)));
const event = http.get(EVENT, ({ request, params }) => {
  const answer = recorded(`life-event.${String(params.id)}.${langOf(request)}`);
  return answer ? HttpResponse.json(answer, { headers: { etag: '"recorded"' } }) : notFound('life event');
});
const calendar = http.get(CALENDAR, ({ request }) => HttpResponse.json(recorded(`calendar.${langOf(request)}`)));
const counties = http.get(COUNTIES, ({ request }) => HttpResponse.json(recorded(`counties.${langOf(request)}`)));
const service = http.get(SERVICE, ({ request, params }) => {
  const answer = recorded(`service.${String(params.id)}.${langOf(request)}`);
  return answer ? HttpResponse.json(answer) : notFound('service');
});

/** Everything answers from the recordings. */
const ok: HttpHandler[] = [list, event, calendar, counties, service];

export const checklistHandlers = {
  ok,
  /** The life event never answers: the loading state. */
  loading: [http.get(EVENT, async () => (await delay('infinite'), HttpResponse.json({}))), http.get(LIST, async () => (await delay('infinite'), HttpResponse.json({}))), calendar, counties, service],
  /** The list of life events is empty. */
  emptyList: [http.get(LIST, ({ request }) => HttpResponse.json({ ...recorded(`life-events.${langOf(request)}`), lifeEvents: [] })), ...ok],
  /** The life event has no tasks. */
  noTasks: [
    http.get(EVENT, ({ request, params }) => HttpResponse.json({ ...recorded(`life-event.${String(params.id)}.${langOf(request)}`), tasks: [] })),
    ...ok,
  ],
  /** The life event's route fails with HTTP 500. */
  serverError: [http.get(EVENT, serverError), http.get(LIST, serverError), calendar, counties, service],
  /** The connection fails. */
  networkError: [http.get(EVENT, () => HttpResponse.error()), http.get(LIST, () => HttpResponse.error()), http.get(CALENDAR, () => HttpResponse.error()), http.get(COUNTIES, () => HttpResponse.error()), http.get(SERVICE, () => HttpResponse.error())],
  /** 200 with an HTML page instead of JSON. */
  malformed: [http.get(EVENT, () => new HttpResponse('<html>Gateway page</html>', { headers: { 'content-type': 'text/html' } })), ...ok],
  /** Valid JSON that breaks the contract (tasks without ids). */
  contractBreak: [
    http.get(EVENT, ({ request, params }) => {
      const answer = recorded(`life-event.${String(params.id)}.${langOf(request)}`) as { tasks: Array<Record<string, unknown>> };
      return HttpResponse.json({ ...answer, tasks: answer.tasks.map(({ id: _id, ...rest }) => rest) });
    }),
    ...ok,
  ],
  /** The calendar route fails: deadlines count weekends only, and the widget says so. */
  noCalendar: [http.get(CALENDAR, serverError), ...ok],
} satisfies Record<string, HttpHandler[]>;
