import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/county-bundle/define.js';
import { apiClientFor } from '../src/core/api/client.js';
import { CountiesResponse } from '../src/core/api/contract.js';
import { pickLocale } from '../src/core/i18n.js';
import { countiesHandlers } from '../test/mocks/handlers.js';
import { useHandlers } from '../.storybook/msw.js';

interface CountyBundleArgs {
  /** ISO 3166-2:TW code of the preselected county. */
  county?: string;
  /** The life event whose forms to offer. */
  event?: string;
  /** Where the API is. Each story has its own, so the client's caches never mix. */
  'api-base': string;
}

/** A fake API base per story; msw answers every request to it. */
const apiBase = (story: string) => `https://api.onestop.example/${story}/`;

// Args are named after the element's attributes, so they merge with the custom-elements.json rows.
const render = ({ county, event, 'api-base': base }: CountyBundleArgs): TemplateResult =>
  html`<onestop-county-bundle api-base=${base} county=${county || nothing} event=${event || nothing}></onestop-county-bundle>`;

const meta = {
  title: 'Widgets/County bundle',
  component: 'onestop-county-bundle',
  tags: ['autodocs'],
  render,
  args: { 'api-base': apiBase('loaded') },
  argTypes: {
    county: { control: 'text', description: 'ISO 3166-2:TW code of the preselected county, e.g. `TW-TTT`.' },
    event: { control: 'text', description: 'The life event whose forms to offer, e.g. `death` (not used yet).' },
    'api-base': {
      control: 'text',
      description: 'URL of the OneStop API. Each story has its own (msw answers them all), so the client caches never mix.',
    },
  },
  parameters: {
    msw: { handlers: [countiesHandlers.ok] },
    docs: {
      // One iframe per story on the docs page: msw handlers live in the page that makes the
      // request, so inline stories would all share whichever story's handlers were set last.
      story: { inline: false, iframeHeight: '16rem' },
      description: {
        component:
          'Lets a citizen pick their county or city, to get its forms for a life event. ' +
          'Every story answers from msw with the reference API\'s recorded data, or with one of the ways the API can fail. ' +
          'Use the Language toolbar to switch the `lang` of the page around the widget.',
      },
    },
  },
} satisfies Meta<CountyBundleArgs>;

export default meta;
type Story = StoryObj<CountyBundleArgs>;

export const Loaded: Story = {
  args: { 'api-base': apiBase('loaded') },
  parameters: {
    docs: { description: { story: 'The API answers with the full list: the picker groups special municipalities, cities and counties.' } },
  },
};

export const PreselectedCounty: Story = {
  name: 'Preselected county',
  args: { county: 'TW-TTT', 'api-base': apiBase('preselected') },
  parameters: {
    docs: {
      description: {
        story: 'The page sets `county="TW-TTT"` (Taitung County): it is selected once the list arrives, and the widget says so.',
      },
    },
  },
};

export const English: Story = {
  args: { 'api-base': apiBase('english') },
  globals: { locale: 'en' },
  parameters: {
    docs: {
      description: {
        story: 'The page around the widget has `lang="en"`: the widget asks the API for English names and shows its own text in English.',
      },
    },
  },
};

export const Loading: Story = {
  args: { 'api-base': apiBase('loading') },
  parameters: {
    msw: { handlers: [countiesHandlers.loading] },
    docs: {
      description: {
        story:
          'The API never answers. The widget shows a disabled picker with the same height as the loaded one, so the page does not move. ' +
          'Note: the client gives up after its 10-second time limit and two retries (about 30 seconds), and then shows the timeout error.',
      },
    },
  },
};

export const Empty: Story = {
  args: { 'api-base': apiBase('empty') },
  parameters: {
    msw: { handlers: [countiesHandlers.empty] },
    docs: { description: { story: 'A valid answer with no counties in it: the widget says so and offers to try again.' } },
  },
};

export const ServerError: Story = {
  name: 'Server error',
  args: { 'api-base': apiBase('server-error') },
  parameters: {
    msw: { handlers: [countiesHandlers.serverError] },
    docs: {
      description: {
        story: 'The API answers HTTP 500. After two automatic retries the widget explains that the service has a problem, with a Try again button.',
      },
    },
  },
};

export const NetworkError: Story = {
  name: 'Network error',
  args: { 'api-base': apiBase('network-error') },
  parameters: {
    msw: { handlers: [countiesHandlers.networkError] },
    docs: {
      description: {
        story: 'The connection fails and there is no saved copy: after two retries the widget says it could not reach the service.',
      },
    },
  },
};

export const MalformedAnswer: Story = {
  name: 'Malformed answer',
  args: { 'api-base': apiBase('malformed') },
  parameters: {
    msw: { handlers: [countiesHandlers.malformed] },
    docs: {
      description: {
        story: 'The API (or a gateway in front of it) answers 200 with an HTML page instead of JSON: the widget says it cannot read the answer.',
      },
    },
  },
};

export const ContractBreak: Story = {
  name: 'Contract break',
  args: { 'api-base': apiBase('contract-break') },
  parameters: {
    msw: { handlers: [countiesHandlers.contractBreak] },
    docs: {
      description: {
        story:
          'Valid JSON that breaks the shared contract (the counties have no code). The widget refuses it rather than drawing a half-working picker.',
      },
    },
  },
};

export const OfflineWithLastGoodData: Story = {
  name: 'Offline with last good data',
  args: { 'api-base': apiBase('offline') },
  loaders: [
    // First a good answer through the same client the widget uses (one per API base), so it
    // keeps a last good copy; then the network fails for the widget's own request.
    async ({ args, globals }) => {
      await useHandlers([countiesHandlers.ok]);
      await apiClientFor(args['api-base']).get('v1/counties', CountiesResponse, {
        query: { lang: pickLocale(globals.locale as string | undefined) },
      });
      await useHandlers([countiesHandlers.networkError]);
    },
  ],
  parameters: {
    docs: {
      description: {
        story:
          'The list was loaded once, then the connection failed. The widget still shows the saved list, with a notice saying when it was saved and a button to check for updates.',
      },
    },
  },
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { county: 'TW-TPE', 'api-base': apiBase('narrow') },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => html`<div style="inline-size: 320px; max-inline-size: 100%">${story()}</div>`],
  parameters: {
    docs: {
      description: {
        story: 'The widget in a 320px-wide column, the narrowest phone screen it must work on: nothing may overflow or be cut off.',
      },
    },
  },
};

export const Print: Story = {
  args: { county: 'TW-TTT', 'api-base': apiBase('print') },
  parameters: {
    docs: {
      description: {
        story:
          'With a county chosen. On screen this looks like the preselected story; open the browser\'s print preview (Ctrl+P or ⌘P) on this story ' +
          'to check the print rules: the panel border and the picker disappear and the chosen county is printed as plain text.',
      },
    },
  },
};
