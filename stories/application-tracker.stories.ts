import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/application-tracker/define.js';
import type { OnestopApplicationTracker } from '../src/application-tracker/application-tracker.js';
import { SAVED_CASES_KEY } from '../src/application-tracker/lookup-input.js';
import { changingCase, sampleCase, trackerHandlers, withEvent, SAMPLE_CASES, type SampleCaseNumber } from '../test/mocks/application-tracker-handlers.js';
import { embedSnippet } from './embed-snippet.js';
import { useHandlers } from '../.storybook/msw.js';

interface TrackerArgs {
  /** A case number to fill in. */
  'case-number'?: string;
  /** Where the API is. Each story has its own, so the client's caches never mix. */
  'api-base': string;
}

/** A fake API base per story; msw answers every request to it. */
const apiBase = (story: string) => `https://api.onestop.example/application-tracker/${story}/`;

// Args are named after the element's attributes, so they merge with the custom-elements.json rows.
const render = ({ 'case-number': caseNumber, 'api-base': base }: TrackerArgs): TemplateResult =>
  html`<onestop-application-tracker api-base=${base} case-number=${caseNumber || nothing}></onestop-application-tracker>`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The widget in the story, once `ready` holds. */
async function widget(canvas: HTMLElement, ready: (el: OnestopApplicationTracker) => unknown = () => true): Promise<OnestopApplicationTracker> {
  const el = canvas.querySelector('onestop-application-tracker')!;
  for (let i = 0; i < 200 && !(el.shadowRoot?.querySelector('form') && ready(el)); i++) await sleep(25);
  return el;
}

/** Fills in the form and sends it, as a citizen would (one input event per field). */
async function lookUp(canvas: HTMLElement, caseNumber: string, lookupCode: string, options: { remember?: boolean; refreshSeconds?: number } = {}) {
  const el = await widget(canvas);
  if (options.refreshSeconds !== undefined) el.refreshSeconds = options.refreshSeconds;
  const root = el.shadowRoot!;
  for (const [id, value] of [
    ['case-number', caseNumber],
    ['lookup-code', lookupCode],
  ] as const) {
    const field = root.querySelector<HTMLInputElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value, inputType: 'insertText' }));
  }
  if (options.remember) root.querySelector<HTMLInputElement>('#remember')?.click();
  await el.updateComplete;
  root.querySelector('form')!.requestSubmit();
  return el;
}

/** A story that looks up one SAMPLE case with its own code. */
const sampleLookup = (caseNumber: SampleCaseNumber, options: { refreshSeconds?: number } = {}) => ({
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await lookUp(canvasElement, caseNumber, SAMPLE_CASES[caseNumber], { refreshSeconds: options.refreshSeconds ?? 0 });
  },
});

const meta = {
  title: 'Widgets/Application tracker',
  component: 'onestop-application-tracker',
  tags: ['autodocs'],
  render,
  args: { 'api-base': apiBase('form') },
  argTypes: {
    'case-number': { control: 'text', description: 'A case number to fill in, e.g. `SAMPLE-LAND-INHERIT-01`. The lookup code never comes from the page.' },
    'api-base': {
      control: 'text',
      description: 'URL of the OneStop API. Each story has its own (msw answers them all), so the client caches never mix.',
    },
  },
  // Each story starts without saved case numbers, unless it sets some itself.
  loaders: [async () => localStorage.removeItem(SAVED_CASES_KEY)],
  parameters: {
    msw: { handlers: trackerHandlers.ok },
    docs: {
      // One iframe per story on the docs page: msw handlers live in the page that makes the request.
      story: { inline: false, iframeHeight: '44rem' },
      description: {
        component:
          'Where a case is, what happens next and when. A citizen enters the case number and the lookup code from the receipt; ' +
          'the widget shows the status in plain words (from the API\'s vocabulary), what they must do by when, the expected completion ' +
          'and how sure it is, their contact person, and the history across offices. Every story answers from msw with the reference ' +
          'API\'s recorded SAMPLE cases (codes SAMP-0001…0004), or with one of the ways the API can fail. ' +
          'Stories that show a case fill in the form and send it themselves. Use the Language toolbar to switch the page\'s `lang`.' +
          embedSnippet('onestop-application-tracker', 'application-tracker.js', '', '<a href="https://www.example.gov.tw/case-status">Check your case</a>'),
      },
    },
  },
} satisfies Meta<TrackerArgs>;

export default meta;
type Story = StoryObj<TrackerArgs>;

export const Form: Story = {
  name: 'Form (initial)',
  args: { 'api-base': apiBase('form') },
  parameters: { docs: { description: { story: 'What a citizen first sees: the two fields from the receipt, with the format as a hint, and the opt-in to remember the case number.' } } },
};

export const PrefilledCaseNumber: Story = {
  name: 'Prefilled case number',
  args: { 'case-number': 'SAMPLE-LAND-INHERIT-01', 'api-base': apiBase('prefilled') },
  parameters: { docs: { description: { story: 'The page sets `case-number` (for example from a link in a notice); the citizen only types the lookup code.' } } },
};

export const InvalidInput: Story = {
  name: 'Invalid input',
  args: { 'api-base': apiBase('invalid') },
  play: async ({ canvasElement }) => void (await lookUp(canvasElement, 'OS/2025/7K3M', 'SAMP-002')),
  parameters: {
    docs: { description: { story: 'A case number with slashes and a code one character short: a message beside each field, what was typed is kept, nothing is sent.' } },
  },
};

export const NeedsMore: Story = {
  name: 'Needs more from you (補正)',
  args: { 'api-base': apiBase('needs-more') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    docs: {
      description: {
        story:
          'SAMPLE-LAND-INHERIT-01 / SAMP-0002: the land office needs two documents. "What you need to do" says which, by when (with the days left) and where; ' +
          'the expected date is on hold while the office waits.',
      },
    },
  },
};

export const Forwarded: Story = {
  name: 'Forwarded between offices (代收轉件)',
  args: { 'api-base': apiBase('forwarded') },
  ...sampleLookup('SAMPLE-ESTATE-TAX-01'),
  parameters: {
    docs: {
      description: {
        story: 'SAMPLE-ESTATE-TAX-01 / SAMP-0001: taken by a district office, forwarded to the tax office, which is checking it. The route shows where it is; the history is grouped by office; the date is set by law.',
      },
    },
  },
};

export const InReview: Story = {
  name: 'In review with an estimated range',
  args: { 'api-base': apiBase('in-review') },
  ...sampleLookup('SAMPLE-FUNERAL-AID-01'),
  parameters: {
    docs: {
      description: {
        story:
          'SAMPLE-FUNERAL-AID-01 / SAMP-0004: being checked at the welfare department, expected between two dates (an estimate).',
      },
    },
  },
};

export const Completed: Story = {
  args: { 'api-base': apiBase('completed') },
  ...sampleLookup('SAMPLE-BIRTH-REG-01'),
  parameters: { docs: { description: { story: 'SAMPLE-BIRTH-REG-01 / SAMP-0003: done the same day. Nothing to do, no date to wait for, and the page stops checking.' } } },
};

export const English: Story = {
  args: { 'api-base': apiBase('english') },
  globals: { locale: 'en' },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    docs: {
      description: {
        story: 'The page has `lang="en"`: the status names and "what happens next" come from the API in English; the offices\' own texts in English where the agency wrote them, else in Chinese, marked so.',
      },
    },
  },
};

export const Loading: Story = {
  args: { 'api-base': apiBase('loading') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    msw: { handlers: trackerHandlers.loading },
    docs: {
      description: {
        story: 'The look-up never answers: a placeholder the height of a case\'s first part, so the form above never moves. (After 10 seconds the client gives up and shows the timeout error; a look-up is never retried by itself.)',
      },
    },
  },
};

export const NotFound: Story = {
  name: 'Not found (wrong code or unknown case)',
  args: { 'api-base': apiBase('not-found') },
  play: async ({ canvasElement }) => void (await lookUp(canvasElement, 'SAMPLE-LAND-INHERIT-01', 'SAMP-9999')),
  parameters: {
    docs: {
      description: { story: 'A wrong code for a real case. An unknown case number gets exactly the same message, so the widget never tells a stranger that a case exists.' },
    },
  },
};

export const RateLimited: Story = {
  name: 'Rate limited',
  args: { 'api-base': apiBase('rate-limited') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    msw: { handlers: trackerHandlers.rateLimited },
    docs: { description: { story: 'Too many tries: the API answers 429 with Retry-After 600. The widget says how long to wait, and offers no retry that could not work.' } },
  },
};

export const ServerError: Story = {
  name: 'Server error',
  args: { 'api-base': apiBase('server-error') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    msw: { handlers: trackerHandlers.serverError },
    docs: { description: { story: 'The API answers 500. The error says it is not the citizen\'s fault, with Try again (which re-sends the code from memory).' } },
  },
};

export const NetworkError: Story = {
  name: 'Network error',
  args: { 'api-base': apiBase('network-error') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: { msw: { handlers: trackerHandlers.networkError }, docs: { description: { story: 'The connection fails: the service could not be reached, with Try again.' } } },
};

export const MalformedAnswer: Story = {
  name: 'Malformed answer',
  args: { 'api-base': apiBase('malformed') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: { msw: { handlers: trackerHandlers.malformed }, docs: { description: { story: 'A gateway answers 200 with an HTML page: the widget says it cannot read the answer.' } } },
};

export const ContractBreak: Story = {
  name: 'Contract break',
  args: { 'api-base': apiBase('contract-break') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    msw: { handlers: trackerHandlers.contractBreak },
    docs: { description: { story: 'JSON without the case\'s history breaks the contract: an error, never a half-drawn case.' } },
  },
};

export const OfflineWithLastCase: Story = {
  name: 'Offline with the last case',
  args: { 'api-base': apiBase('offline') },
  play: async ({ canvasElement }) => {
    const el = await lookUp(canvasElement, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002', { refreshSeconds: 0 });
    await widget(canvasElement, () => el.shadowRoot!.querySelector('#case-title'));
    // Then the network goes: the next check fails and the case stays, marked with its time.
    await useHandlers(trackerHandlers.allDown);
    el.refreshSeconds = 1;
  },
  parameters: {
    docs: {
      description: {
        story: 'The case was shown, then the network went. After the next check fails, the case stays on screen with the time it was last confirmed and a button to check again; checks back off while it lasts.',
      },
    },
  },
};

export const StatusChange: Story = {
  name: 'Status changes while open',
  args: { 'api-base': apiBase('status-change') },
  play: async ({ canvasElement }) => {
    const el = await lookUp(canvasElement, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001', { refreshSeconds: 4 });
    await widget(canvasElement, () => el.shadowRoot!.querySelector('#case-title'));
  },
  parameters: {
    msw: {
      handlers: changingCase([
        sampleCase('SAMPLE-ESTATE-TAX-01'),
        withEvent(sampleCase('SAMPLE-ESTATE-TAX-01'), {
          status: 'approved',
          agencyWord: '核定',
          note: { 'zh-Hant-TW': '（範例）應納稅額已核定，核定通知書將郵寄給您。', en: '(SAMPLE) The tax is assessed; the assessment notice is on its way by post.' },
        }),
      ]),
    },
    docs: {
      description: {
        story:
          'Checks every 4 seconds here (60 on a real page). The tax office records "approved" (a SAMPLE event): the new status appears, a screen reader hears "Update: case … is now …", and the page gets `onestop-case-status` with `changed: true`.',
      },
    },
  },
};

export const SavedCaseNumbers: Story = {
  name: 'Saved case numbers',
  args: { 'api-base': apiBase('saved') },
  loaders: [
    async () =>
      localStorage.setItem(
        SAVED_CASES_KEY,
        JSON.stringify({ v: 1, savedAt: Date.now(), data: { caseNumbers: ['SAMPLE-LAND-INHERIT-01', 'SAMPLE-ESTATE-TAX-01', 'SAMPLE-FUNERAL-AID-01'] } }),
      ),
  ],
  parameters: {
    docs: {
      description: {
        story:
          'A family\'s three SAMPLE cases kept on this device (the citizen opted in). "Check" fills in the number and asks for the code, which is never kept; "Forget" and "Forget all" remove them.',
      },
    },
  },
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { 'api-base': apiBase('narrow') },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  decorators: [(story) => html`<div style="inline-size: 320px; max-inline-size: 100%">${story()}</div>`],
  ...sampleLookup('SAMPLE-ESTATE-TAX-01'),
  parameters: { docs: { description: { story: 'A forwarded case in a 320px-wide column, the narrowest phone it must work on: nothing may overflow.' } } },
};

export const Print: Story = {
  args: { 'api-base': apiBase('print') },
  ...sampleLookup('SAMPLE-LAND-INHERIT-01'),
  parameters: {
    docs: {
      description: {
        story: 'Open the browser\'s print preview (Ctrl+P or ⌘P) on this story: the form, the saved list and the buttons disappear; the case, what to do by when, and the history print in full.',
      },
    },
  },
};
