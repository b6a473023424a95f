import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/doc-free-check/define.js';
import type { OnestopDocFreeCheck } from '../src/doc-free-check/doc-free-check.js';
import { apiClientFor } from '../src/core/api/client.js';
import { CountiesResponse } from '../src/core/api/contract/counties.js';
import { ServiceResponse, ServicesResponse } from '../src/core/api/contract/services.js';
import { pickLocale } from '../src/core/i18n.js';
import { countiesHandlers } from '../test/mocks/handlers.js';
import { docFreeCheckOk, serviceHandlers, servicesHandlers } from '../test/mocks/doc-free-check-handlers.js';
import { embedSnippet } from './embed-snippet.js';
import { useHandlers } from '../.storybook/msw.js';

interface DocFreeCheckArgs {
  /** Catalogue id of the preset service. */
  service?: string;
  /** ISO 3166-2:TW code answering the county question. */
  county?: string;
  /** Where the API is. Each story has its own, so the client's caches never mix. */
  'api-base': string;
}

/** A fake API base per story; msw answers every request to it. */
const apiBase = (story: string) => `https://api.onestop.example/doc-free-check/${story}/`;

// Args are named after the element's attributes, so they merge with the custom-elements.json rows.
const render = ({ service, county, 'api-base': base }: DocFreeCheckArgs): TemplateResult =>
  html`<onestop-doc-free-check api-base=${base} service=${service || nothing} county=${county || nothing}></onestop-doc-free-check>`;

/** The widget in the story, once the part the story needs is drawn. */
async function widget(canvas: HTMLElement, ready: (el: OnestopDocFreeCheck) => unknown): Promise<OnestopDocFreeCheck> {
  const el = canvas.querySelector('onestop-doc-free-check')!;
  for (let i = 0; i < 200 && !ready(el); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  return el;
}
const searchField = (el: OnestopDocFreeCheck) => el.shadowRoot?.querySelector<HTMLInputElement>('#search:enabled');

/** Types into the search as a citizen would (one input event with the whole text). */
async function typeInSearch(canvas: HTMLElement, text: string) {
  const el = await widget(canvas, searchField);
  const input = searchField(el)!;
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
}

const meta = {
  title: 'Widgets/Doc-free check',
  component: 'onestop-doc-free-check',
  tags: ['autodocs'],
  render,
  args: { 'api-base': apiBase('search') },
  argTypes: {
    service: { control: 'text', description: 'Catalogue id of the preset service, e.g. `low-income-household-status`.' },
    county: { control: 'text', description: 'ISO 3166-2:TW code answering the county question, e.g. `TW-TTT`.' },
    'api-base': {
      control: 'text',
      description: 'URL of the OneStop API. Each story has its own (msw answers them all), so the client caches never mix.',
    },
  },
  parameters: {
    msw: { handlers: docFreeCheckOk },
    docs: {
      // One iframe per story: msw handlers live in the page that makes the request.
      story: { inline: false, iframeHeight: '40rem' },
      description: {
        component:
          'Tells a citizen, before they set out, which documents they no longer need to bring for a service (免附書證謄本): ' +
          'the office looks some up in government registries itself, accepts a lighter document for others, and still needs the rest, each with its reason. ' +
          'Every story answers from msw with the reference API\'s recorded data (five sample services and the full list), or with one of the ways the API can fail. ' +
          'Use the Language toolbar to switch the `lang` of the page around the widget.' +
          embedSnippet('onestop-doc-free-check', 'doc-free-check.js', 'service="low-income-household-status"', '<a href="https://www.example.gov.tw/documents">Which documents to bring</a>'),
      },
    },
  },
} satisfies Meta<DocFreeCheckArgs>;

export default meta;
type Story = StoryObj<DocFreeCheckArgs>;

export const Search: Story = {
  args: { 'api-base': apiBase('search') },
  parameters: { docs: { description: { story: 'No service preset: the citizen starts by typing part of its name.' } } },
};

export const SearchResults: Story = {
  name: 'Search results',
  args: { 'api-base': apiBase('search-results') },
  play: ({ canvasElement, globals }) => typeInSearch(canvasElement, pickLocale(globals.locale as string) === 'en' ? 'income' : '收入'),
  parameters: {
    docs: {
      description: {
        story:
          'The citizen typed part of a name: matching services in a listbox (ARIA combobox pattern), each with its Chinese name and agency. ' +
          'Arrow keys move through the list, Enter picks, Escape closes.',
      },
    },
  },
};

export const NoMatch: Story = {
  name: 'No match',
  args: { 'api-base': apiBase('no-match') },
  play: ({ canvasElement }) => typeInSearch(canvasElement, 'passport'),
  parameters: { docs: { description: { story: 'Nothing matches what was typed: the widget says so and suggests what to try.' } } },
};

export const WaivedInTaitung: Story = {
  name: 'Waived (Taitung)',
  args: { service: 'low-income-household-status', county: 'TW-TTT', 'api-base': apiBase('taitung') },
  parameters: {
    docs: {
      description: {
        story:
          'Low-income household status in Taitung County: the County Residents\' Service Centre looks the household transcript up itself, ' +
          'so it moves to "The office looks these up for you", with the registry, the reason and the answer that decided it.',
      },
    },
  },
};

export const LighterDocument: Story = {
  name: 'Lighter document (elsewhere)',
  args: { service: 'low-income-household-status', county: 'TW-TXG', 'api-base': apiBase('taichung') },
  parameters: {
    docs: { description: { story: 'The same service in Taichung: a copy of the household register book or an electronic transcript replaces the paper transcript.' } },
  },
};

export const QuestionSkipped: Story = {
  name: 'Question skipped (may change)',
  args: { service: 'low-income-household-status', 'api-base': apiBase('skipped') },
  parameters: {
    docs: {
      description: {
        story: 'The county is not answered: the result shows the default and says "this may change if you answer …", with a button that goes to the question.',
      },
    },
  },
};

export const VehiclePayee: Story = {
  name: 'Vehicle scrapping: payee is not the owner',
  args: { service: 'vehicle-scrapping', 'api-base': apiBase('vehicle') },
  play: async ({ canvasElement }) => {
    const fieldsets = (el: OnestopDocFreeCheck) => el.shadowRoot?.querySelectorAll('fieldset') ?? [];
    let el = await widget(canvasElement, (e) => fieldsets(e).length === 1);
    fieldsets(el)[0].querySelectorAll('input')[1].click(); // the owner has not died or been renamed
    el = await widget(canvasElement, (e) => fieldsets(e).length === 2);
    fieldsets(el)[1].querySelectorAll('input')[1].click(); // someone else collects the payment
  },
  parameters: {
    docs: {
      description: {
        story:
          'The follow-up question appears only when the owner is alive and kept their name. Someone else collecting the payment makes the household transcript required again.',
      },
    },
  },
};

export const ManyDocuments: Story = {
  name: 'Many documents (land inheritance)',
  args: { service: 'land-inheritance-registration', 'api-base': apiBase('land') },
  parameters: { docs: { description: { story: 'Nine documents, two yes-no questions: what a long result looks like.' } } },
};

export const NoDocuments: Story = {
  name: 'Service without documents',
  args: { service: 'death-registration', 'api-base': apiBase('no-documents') },
  parameters: {
    msw: { handlers: [servicesHandlers.ok, serviceHandlers.noDocuments, countiesHandlers.ok] },
    docs: { description: { story: 'SAMPLE: a recorded service with its documents removed. The widget says the catalogue lists none.' } },
  },
};

export const Loading: Story = {
  args: { service: 'vehicle-scrapping', 'api-base': apiBase('loading') },
  parameters: {
    msw: { handlers: [servicesHandlers.loading, serviceHandlers.loading] },
    docs: {
      description: {
        story:
          'The API never answers: a disabled search field and a block holding the place of the result. ' +
          'The client gives up after its 10-second limit and two retries, and then shows the timeout error.',
      },
    },
  },
};

export const UnknownService: Story = {
  name: 'Unknown service',
  args: { service: 'no-such-service', 'api-base': apiBase('unknown') },
  parameters: { docs: { description: { story: 'The page presets a service id the catalogue does not know (404): a clear message, and the search still works.' } } },
};

export const ContractBreak: Story = {
  name: 'Contract break',
  args: { service: 'low-income-household-status', 'api-base': apiBase('contract-break') },
  parameters: {
    msw: { handlers: [servicesHandlers.ok, serviceHandlers.contractBreak, countiesHandlers.ok] },
    docs: { description: { story: 'The service answer breaks the shared contract (an unknown outcome): an error, never a half-drawn result.' } },
  },
};

export const RulesBroken: Story = {
  name: 'Rules that cannot be evaluated',
  args: { service: 'low-income-household-status', 'api-base': apiBase('rules-broken') },
  parameters: {
    msw: { handlers: [servicesHandlers.ok, serviceHandlers.brokenRules, countiesHandlers.ok] },
    docs: {
      description: {
        story: 'SAMPLE breakage: a waiver rule uses an operator the evaluator does not have. The widget refuses to guess and says to ask the office.',
      },
    },
  },
};

export const ServerError: Story = {
  name: 'Server error',
  args: { service: 'vehicle-scrapping', 'api-base': apiBase('server-error') },
  parameters: {
    msw: { handlers: [servicesHandlers.serverError, serviceHandlers.serverError] },
    docs: { description: { story: 'The API answers HTTP 500. After two automatic retries: a plain message with Try again.' } },
  },
};

export const NetworkError: Story = {
  name: 'Network error',
  args: { service: 'vehicle-scrapping', 'api-base': apiBase('network-error') },
  parameters: {
    msw: { handlers: [servicesHandlers.networkError, serviceHandlers.networkError] },
    docs: { description: { story: 'The connection fails and nothing was saved before: the widget says it could not reach the service.' } },
  },
};

export const OfflineWithLastGoodData: Story = {
  name: 'Offline with last good data',
  args: { service: 'low-income-household-status', county: 'TW-NWT', 'api-base': apiBase('offline') },
  loaders: [
    // First good answers through the client the widget uses, then the network fails.
    async ({ args, globals }) => {
      const lang = pickLocale(globals.locale as string | undefined);
      const client = apiClientFor(args['api-base']);
      await useHandlers(docFreeCheckOk);
      await client.get('v1/services', ServicesResponse, { query: { lang } });
      await client.get('v1/services/low-income-household-status', ServiceResponse, { query: { lang } });
      await client.get('v1/counties', CountiesResponse, { query: { lang } });
      await useHandlers([servicesHandlers.networkError, serviceHandlers.networkError, countiesHandlers.networkError]);
    },
  ],
  parameters: {
    docs: {
      description: {
        story: 'The service was loaded once, then the connection failed. The saved copy is shown with its date, and answers still change the result: the rules run on the device.',
      },
    },
  },
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { service: 'low-income-household-status', county: 'TW-TXG', 'api-base': apiBase('narrow') },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  decorators: [(story) => html`<div style="inline-size: 320px; max-inline-size: 100%">${story()}</div>`],
  parameters: { docs: { description: { story: 'In a 320px column, the narrowest phone screen: nothing may overflow.' } } },
};

export const Print: Story = {
  args: { service: 'low-income-household-status', county: 'TW-TPE', 'api-base': apiBase('print') },
  parameters: {
    docs: {
      description: {
        story:
          'Open the print preview (Ctrl+P or ⌘P) on this story: the search, questions and buttons disappear, each document to bring gets a box to tick, ' +
          'and the answers are printed ("what to bring" on paper).',
      },
    },
  },
};
