/**
 * The fault matrix shared by the four widgets' fault tests: every way the API can fail a citizen
 * (HTTP 500 and 404, no answer, connection refused, a body that is not JSON, JSON that breaks the
 * contract, a body that trickles in and never ends, the device going offline), each in English
 * and in Chinese. A widget's test says how a citizen uses it (`Scenario`); `runFaultMatrix`
 * breaks the API at the moment the widget next asks, and checks four promises:
 * a clear message in the reader's language, what the citizen entered is kept, it recovers
 * without a reload, and nothing is thrown uncaught.
 *
 * Assertions here never hand a DOM node to `expect`: on failure the runner serializes it and
 * can hang on a large tree. Texts and booleans only.
 *
 * Importing this module gives the page its own localStorage (test files run two at a time in one
 * origin, and another file's `localStorage.clear()` must not wipe what a test here saved).
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { apiClientFor } from '../../../src/core/api/client.js';

import { pageStorage } from '../page-storage.js';

export { pageStorage };

export type Lang = 'en' | 'zh-Hant-TW';
export type Fault = '500' | '404' | 'timeout' | 'refused' | 'malformed' | 'contract' | 'trickle' | 'offline';
export const FAULTS: readonly Fault[] = ['500', '404', 'timeout', 'refused', 'malformed', 'contract', 'trickle', 'offline'];

/** The shared status view's words for each fault (src/core/status-views.ts and its zh-Hant-TW translation). */
export const MESSAGES: Record<Exclude<Fault, '404'>, Record<Lang, string>> = {
  '500': { en: 'The service has a problem right now.', 'zh-Hant-TW': '服務目前發生問題。' },
  timeout: { en: 'The service is taking too long to answer.', 'zh-Hant-TW': '服務回應時間過長。' },
  trickle: { en: 'The service is taking too long to answer.', 'zh-Hant-TW': '服務回應時間過長。' },
  refused: { en: 'We could not reach the service.', 'zh-Hant-TW': '目前無法連線到服務。' },
  malformed: { en: 'The service sent an answer we cannot read.', 'zh-Hant-TW': '服務傳回的資料無法讀取。' },
  contract: { en: 'The service sent an answer we cannot read.', 'zh-Hant-TW': '服務傳回的資料無法讀取。' },
  offline: { en: 'You seem to be offline.', 'zh-Hant-TW': '您目前似乎沒有連上網路。' },
};
export const NOT_FOUND: Record<Lang, string> = { en: 'We could not find what was asked for.', 'zh-Hant-TW': '找不到您要的資料。' };

/** The time limit the widgets' client gets in these tests, so "no answer" is seen in seconds, not in 30. */
export const TEST_TIMEOUT_MS = 1500;

let baseNumber = 0;
/** A fresh API base whose client has the short time limit (and short backoff): no cache carries over. */
export function freshBase(label: string): string {
  const base = `https://api-fault-${label}-${++baseNumber}.onestop.test/`;
  apiClientFor(base, { timeoutMs: TEST_TIMEOUT_MS, backoffMs: 50, retries: 1 });
  return base;
}

const encoder = new TextEncoder();

/** A body that sends one space every 100 ms and never ends (a proxy holding the line). */
function trickle(until: () => boolean): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      await delay(100);
      // Stop once the fault is lifted or after a minute, so no stream outlives its test.
      if (until() || ++sent > 600) controller.error(new Error('trickle ended'));
      else controller.enqueue(encoder.encode(' '));
    },
  });
}

const problem = (status: number, title: string) =>
  HttpResponse.json({ type: `/v1/problems/${status}`, title, status }, { status, headers: { 'content-type': 'application/problem+json' } });

function setDeviceOffline(offline: boolean) {
  if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as unknown as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

/**
 * A switch in front of the working handlers: while a fault is set, every request to the API
 * (any path under the base) gets it; once lifted, requests fall through to the recorded answers.
 */
export class FaultSwitch {
  private fault: Fault | null = null;
  /** Requests that met the fault (so a test knows the widget really asked while it was on). */
  hits = 0;
  readonly handler: HttpHandler = http.all(/^https:\/\/api-fault-[^/]+\/v1\//, ({ request }) => {
    const fault = this.fault;
    if (!fault) return undefined; // fall through to the working handlers
    this.hits++;
    switch (fault) {
      case '500':
        return problem(500, 'The server failed to answer');
      case '404':
        return problem(404, 'Not found');
      case 'timeout':
        return delay('infinite').then(() => HttpResponse.json({}));
      case 'refused':
      case 'offline':
        return HttpResponse.error();
      case 'malformed':
        return new HttpResponse('<html><body>Bad gateway</body></html>', { headers: { 'content-type': 'text/html' } });
      case 'contract':
        return HttpResponse.json({ unexpected: true, url: request.url });
      case 'trickle': {
        const started = this.fault;
        return new HttpResponse(trickle(() => this.fault !== started), { headers: { 'content-type': 'application/json' } });
      }
    }
  });

  set(fault: Fault) {
    this.fault = fault;
    this.hits = 0;
    if (fault === 'offline') setDeviceOffline(true);
  }

  /** Lifts the fault; for `offline` the network comes back and the page hears `online`. */
  lift() {
    const was = this.fault;
    this.fault = null;
    if (was === 'offline') setDeviceOffline(false);
  }
}

/** Collects what reaches the window uncaught: an error or a rejected promise no one handled. */
export function watchUncaught() {
  const seen: string[] = [];
  const onError = (event: ErrorEvent) => seen.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => seen.push(`unhandledrejection: ${String(event.reason?.stack ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    seen,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

export const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The words of every alert the widget shows (empty alert regions, kept for announcements, left out). */
export const alertTexts = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((node) => clean(node.textContent)).filter(Boolean);

/** How a citizen uses one widget, for the matrix. */
export interface Scenario<El extends HTMLElement> {
  /** Short label for API base names. */
  label: string;
  /** Handlers that stay between tests (for requests a widget may still make after its test). */
  always?: HttpHandler[];
  /** The recorded answers of a working API. */
  working: HttpHandler[];
  /** Mounts the widget on `base` with the API working and enters what a citizen would. */
  enter(base: string, lang: Lang): Promise<El>;
  /** What the citizen does next that makes the widget ask the API something new; returns the element to watch. */
  provoke(el: El, base: string, lang: Lang): Promise<El>;
  /** The text of the message the widget shows for the failure, once it shows one (waited for by the driver). */
  message(el: El): string | null;
  /** The words expected for this fault, when they differ from the shared status view's. */
  expected?(fault: Fault, lang: Lang): string | undefined;
  /** Asserts that what the citizen entered is still there (called while failing and after recovery). */
  kept(el: El, phase: 'failing' | 'recovered'): void | Promise<void>;
  /** How the citizen tries again when the widget offers no button (a 404 is not worth retrying as is). */
  tryAgain?(el: El, fault: Fault): Promise<void>;
  /** Resolves once the widget shows data from the API again. */
  recovered(el: El): Promise<unknown>;
}

/** Defines the matrix: one `it` per fault per language. */
export function runFaultMatrix<El extends HTMLElement>(name: string, scenario: Scenario<El>) {
  // Requests still in flight when a test ends (the checklist's services) meet these, not an msw error.
  const worker = setupWorker(...(scenario.always ?? []));
  const faults = new FaultSwitch();

  describe(`${name}: fault matrix`, function () {
    this.timeout(30_000);
    before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
    after(() => worker.stop());
    afterEach(() => {
      faults.lift();
      fixtureCleanup();
      worker.resetHandlers();
      pageStorage.clear();
    });

    for (const lang of ['en', 'zh-Hant-TW'] as const) {
      for (const fault of FAULTS) {
        it(`${fault} (${lang}): a clear message, the entries kept, recovery without a reload, nothing uncaught`, async () => {
          const uncaught = watchUncaught();
          try {
            worker.use(faults.handler, ...scenario.working);
            const base = freshBase(scenario.label);
            let el = await scenario.enter(base, lang);

            faults.set(fault);
            el = await scenario.provoke(el, base, lang);
            const expected =
              scenario.expected?.(fault, lang) ?? (fault === '404' ? NOT_FOUND[lang] : MESSAGES[fault][lang]);
            await waitUntil(() => scenario.message(el)?.includes(expected), `no "${expected}" shown`, { timeout: 15_000 }).catch(() => {
              throw new Error(`expected "${expected}", shown: "${scenario.message(el)}" (requests that met the fault: ${faults.hits})`);
            });
            if (fault !== 'offline') expect(faults.hits, 'the widget asked the API while it failed').to.be.greaterThan(0);
            // Every widget marks itself aria-busy while it asks: judge (and retry) once all it asked has failed.
            await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'still busy after the failure', { timeout: 15_000 });
            await scenario.kept(el, 'failing');

            // Recovery: the API works again; the citizen presses "Try again" (or the network comes back).
            faults.lift();
            if (fault !== 'offline') {
              const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="alert"] [part="retry-button"]')];
              if (buttons.length) buttons.forEach((b) => b.click());
              else if (scenario.tryAgain) await scenario.tryAgain(el, fault);
              else throw new Error(`no way to try again after ${fault}`);
            }
            await scenario.recovered(el);
            expect(alertTexts(el), 'an error still shown after recovery').to.deep.equal([]);
            await scenario.kept(el, 'recovered');
            // Let late timers and stream ends settle before judging.
            await delay(150);
            expect(uncaught.seen, 'thrown uncaught').to.deep.equal([]);
          } finally {
            uncaught.stop();
          }
        });
      }
    }
  });
}
