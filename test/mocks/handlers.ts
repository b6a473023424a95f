/**
 * msw handlers for unit tests and Storybook: the real API's recorded answers, and each way
 * the API can fail. They match any API base (`*`), so a widget's `api-base` does not matter.
 * Never used by the demo or the end-to-end tests, which talk to the real server.
 */
import { delay, http, HttpResponse } from 'msw';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';

const COUNTIES = '*/v1/counties';

function countiesFor(request: Request) {
  const lang = new URL(request.url).searchParams.get('lang') ?? 'zh-Hant-TW';
  return lang.toLowerCase().startsWith('zh') ? recordedAnswers['counties.zh-Hant-TW'] : recordedAnswers['counties.en'];
}

export const countiesHandlers = {
  /** The real list, in the language asked for. */
  ok: http.get(COUNTIES, ({ request }) => HttpResponse.json(countiesFor(request), { headers: { etag: '"recorded"' } })),
  /** A valid answer with no counties in it. */
  empty: http.get(COUNTIES, ({ request }) => HttpResponse.json({ ...countiesFor(request), counties: [] })),
  /** Never answers: the loading state, for as long as one looks. */
  loading: http.get(COUNTIES, async () => {
    await delay('infinite');
    return HttpResponse.json({});
  }),
  /** HTTP 500 with a problem+json body. */
  serverError: http.get(COUNTIES, () =>
    HttpResponse.json(
      { type: '/v1/problems/internal', title: 'The server failed to answer', status: 500 },
      { status: 500, headers: { 'content-type': 'application/problem+json' } },
    ),
  ),
  /** The connection fails (server down, refused). */
  networkError: http.get(COUNTIES, () => HttpResponse.error()),
  /** 200 with a body that is not JSON. */
  malformed: http.get(COUNTIES, () => new HttpResponse('<html>Gateway page</html>', { headers: { 'content-type': 'text/html' } })),
  /** Valid JSON that breaks the contract (a county without its code). */
  contractBreak: http.get(COUNTIES, ({ request }) => {
    const answer = countiesFor(request);
    return HttpResponse.json({ ...answer, counties: answer.counties.map(({ code: _code, ...rest }) => rest) });
  }),
};
