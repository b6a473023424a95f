/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { parse } from 'zod/mini';
import '../src/county-bundle/define.js';
import { BundleResponse } from '../src/core/api/bundle-contract.js';
import { apiClientFor } from '../src/core/api/client.js';
import { pickLocale } from '../src/core/i18n.js';
import { keep, OFFLINE_CACHE } from '../src/county-bundle/offline.js';
import { countyBundleHandlers, recordedBundle } from '../test/mocks/county-bundle-handlers.js';
import { countiesHandlers } from '../test/mocks/handlers.js';
import { embedSnippet } from './embed-snippet.js';
import { useHandlers, type MswHandler } from '../.storybook/msw.js';

// The real committed SAMPLE files of the recorded bundles, served by Vite as assets, so every
// SHA-256 check in the stories is real.
const assets = import.meta.glob<string>('../data/bundles/{TW-TTT,TW-NWT}/*/*.{pdf,odt}', { query: '?url', import: 'default', eager: true });
const fromAssets = (path: string) => assets[`../data/bundles/${path}`] ?? `/missing/${path}`;
const bundles = countyBundleHandlers(fromAssets);

interface CountyBundleArgs {
  /** ISO 3166-2:TW code of the county. */
  county?: string;
  /** The life event whose forms to show. */
  event?: string;
  /** `residence` or `registration`. */
  basis?: string;
  'hide-county-picker'?: boolean;
  /** Where the API is. Each story has its own, so the client's caches never mix. */
  'api-base': string;
}

/** A fake API base per story; msw answers every request to it. */
const apiBase = (story: string) => `https://api.onestop.example/${story}/`;

// Args are named after the element's attributes, so they merge with the custom-elements.json rows.
const render = ({ county, event, basis, 'hide-county-picker': hide, 'api-base': base }: CountyBundleArgs): TemplateResult =>
  html`<onestop-county-bundle
    api-base=${base}
    county=${county || nothing}
    event=${event || nothing}
    basis=${basis || nothing}
    ?hide-county-picker=${hide}
  ></onestop-county-bundle>`;

const handlers = (...list: MswHandler[]) => ({ msw: { handlers: list } });

/** The widget in the story's canvas, once it has drawn its files. */
async function listed(canvas: HTMLElement) {
  const el = canvas.querySelector('onestop-county-bundle')!;
  for (let i = 0; i < 200 && !el.shadowRoot?.querySelector('.card:not(.skeleton)'); i++) await new Promise((r) => setTimeout(r, 50));
  return el.shadowRoot!;
}

/** Presses "Download all" (the stories that show what happens while and after it runs). */
const pressDownloadAll = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const root = await listed(canvasElement);
  root.querySelector<HTMLButtonElement>('[part="download-all"]')?.click();
};

/** Starts a story with nothing kept on the device. */
const clearDevice = async () => void (await caches.delete(OFFLINE_CACHE));

/** Keeps the Taitung death bundle on the device, as "Keep on this device" would. */
async function keepDeathBundle(base: string, locale: string, version?: string) {
  const lang = pickLocale(locale) === 'en' ? 'en' : 'zh-Hant-TW';
  const bundle = parse(BundleResponse, recordedBundle('TW-TTT', 'death', lang));
  const bytes = new Map<string, Uint8Array>();
  for (const file of bundle.files) bytes.set(file.id, new Uint8Array(await (await fetch(fromAssets(file.path))).arrayBuffer()));
  await keep(base, version ? { ...bundle, version } : bundle, bytes, Date.UTC(2026, 0, 5, 9, 30));
}

const meta = {
  title: 'Widgets/County bundle',
  component: 'onestop-county-bundle',
  tags: ['autodocs'],
  render,
  args: { county: 'TW-TTT', event: 'death', 'api-base': apiBase('loaded') },
  argTypes: {
    county: { control: 'text', description: 'ISO 3166-2:TW code of the county, e.g. `TW-TTT` (recorded: `TW-TTT`, `TW-NWT`).' },
    event: { control: 'select', options: ['', 'death', 'birth', 'moving-house'], description: 'The life event whose forms to show.' },
    basis: { control: 'select', options: ['', 'residence', 'registration'], description: 'Where the citizen lives, or where their household is registered.' },
    'hide-county-picker': { control: 'boolean', description: 'A county site: only the county in `county`, no picker.' },
    'api-base': {
      control: 'text',
      description: 'URL of the OneStop API. Each story has its own (msw answers them all), so the client caches never mix.',
    },
  },
  loaders: [clearDevice],
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.ok),
    docs: {
      // One iframe per story on the docs page: msw handlers live in the page that makes the
      // request, so inline stories would all share whichever story's handlers were set last.
      story: { inline: false, iframeHeight: '40rem' },
      description: {
        component:
          "A county's forms for a life event: the citizen picks the county (where they live or where they are registered) and the event, " +
          'sees each form with its office, format, size, version and date, downloads one, or all as one ZIP built in the browser with every ' +
          'file checked against its SHA-256, and can keep them on the device. Every story answers from msw with the reference API\'s ' +
          'recorded data (Taitung County and New Taipei City) and the real SAMPLE files, or with one of the ways the API can fail. ' +
          'Use the Language toolbar to switch the `lang` of the page around the widget.' +
          embedSnippet('onestop-county-bundle', 'county-bundle.js', 'county="TW-TTT" event="death"', '<a href="https://www.example.gov.tw/forms">Download the forms</a>'),
      },
    },
  },
} satisfies Meta<CountyBundleArgs>;

export default meta;
type Story = StoryObj<CountyBundleArgs>;

export const Loaded: Story = {
  args: { 'api-base': apiBase('loaded') },
  parameters: {
    docs: { description: { story: 'Taitung County, after a death: five SAMPLE forms as summary cards, Download all, the server ZIP and "use without internet".' } },
  },
};

export const ChooseEverything: Story = {
  name: 'Choose county and event',
  args: { county: '', event: '', 'api-base': apiBase('choose') },
  parameters: {
    docs: { description: { story: 'Nothing preset: the citizen picks the county (try Taitung or New Taipei, the recorded ones), says whether they live or are registered there, then the life event.' } },
  },
};

export const RegisteredThere: Story = {
  name: 'Where the household is registered',
  args: { basis: 'registration', event: 'birth', 'api-base': apiBase('registered') },
  parameters: { docs: { description: { story: '`basis="registration"`: the wording says the county is where the household is registered (戶籍地).' } } },
};

export const CountySite: Story = {
  name: 'County site (no picker)',
  args: { 'hide-county-picker': true, 'api-base': apiBase('county-site') },
  parameters: { docs: { description: { story: '`hide-county-picker`: a county site shows only its own county; the county list is not even asked for.' } } },
};

export const English: Story = {
  args: { county: 'TW-NWT', 'api-base': apiBase('english') },
  globals: { locale: 'en' },
  parameters: {
    docs: { description: { story: 'The page has `lang="en"`: titles and offices from the API in English, with the title printed on each form in Chinese beneath.' } },
  },
};

export const Loading: Story = {
  args: { 'api-base': apiBase('loading') },
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.bundleLoading),
    docs: {
      description: {
        story:
          'The county\'s list has arrived, the bundle has not: its title and as many placeholder cards as it has files hold the space. ' +
          'The client gives up after its time limit and retries (about 30 seconds), then shows the timeout error.',
      },
    },
  },
};

export const EventsLoading: Story = {
  name: 'Loading the life events',
  args: { event: '', 'api-base': apiBase('events-loading') },
  parameters: { ...handlers(countiesHandlers.ok, ...bundles.listLoading), docs: { description: { story: 'The list of the county\'s bundles never answers.' } } },
};

export const Empty: Story = {
  args: { event: '', 'api-base': apiBase('empty') },
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.emptyList),
    docs: { description: { story: 'A county with no bundles yet: the widget says so and offers to try again.' } },
  },
};

export const EventNotOffered: Story = {
  name: 'Preset event not offered',
  args: { event: 'disaster', 'api-base': apiBase('not-offered') },
  parameters: { docs: { description: { story: '`event="disaster"`, which this county has no bundle for: the widget says so and offers the ones it has.' } } },
};

export const ServerError: Story = {
  name: 'Server error',
  args: { 'api-base': apiBase('server-error') },
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.bundleServerError),
    docs: { description: { story: 'The bundle route answers HTTP 500: after two automatic retries, a plain message and Try again.' } },
  },
};

export const NetworkError: Story = {
  name: 'Network error',
  args: { 'api-base': apiBase('network-error') },
  parameters: {
    ...handlers(countiesHandlers.networkError, ...bundles.networkError),
    docs: { description: { story: 'No connection and nothing saved: every part says it could not reach the service, each with Try again.' } },
  },
};

export const ContractBreak: Story = {
  name: 'Contract break',
  args: { 'api-base': apiBase('contract-break') },
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.contractBreak),
    docs: { description: { story: 'A manifest whose files have no SHA-256: refused, rather than listing files that cannot be checked.' } },
  },
};

export const OfflineWithLastGoodData: Story = {
  name: 'Offline with last good data',
  args: { 'api-base': apiBase('offline') },
  loaders: [
    // First good answers through the client the widget uses (one per API base), so it keeps
    // last good copies; then the network fails for the widget's own requests.
    async ({ args, globals }) => {
      await useHandlers([countiesHandlers.ok, ...bundles.ok]);
      const lang = pickLocale(globals.locale as string | undefined);
      const client = apiClientFor(args['api-base']);
      await client.get('v1/counties/TW-TTT/bundles/death', BundleResponse, { query: { lang } });
      await useHandlers([countiesHandlers.networkError, ...bundles.networkError]);
    },
  ],
  parameters: { docs: { description: { story: 'The bundle was loaded once, then the connection failed: the saved list, with when it was saved and Check for updates.' } } },
};

export const OfflineKeptCopy: Story = {
  name: 'Offline with the copy kept on the device',
  args: { 'api-base': apiBase('kept-offline') },
  loaders: [
    async ({ args, globals }) => {
      await keepDeathBundle(args['api-base'], globals.locale as string);
      await useHandlers([countiesHandlers.networkError, ...bundles.networkError]);
    },
  ],
  parameters: {
    docs: {
      description: {
        story:
          'The citizen kept the bundle on the device (Cache Storage), and now there is no connection and no other saved answer: the kept copy is shown, ' +
          'with when it was kept; files and Download all come from the device.',
      },
    },
  },
};

export const KeptAndCurrent: Story = {
  name: 'Kept on the device, newest version',
  args: { 'api-base': apiBase('kept-current') },
  loaders: [async ({ args, globals }) => keepDeathBundle(args['api-base'], globals.locale as string)],
  parameters: { docs: { description: { story: 'Kept on the device and the same as the API now: when it was last refreshed, and Remove.' } } },
};

export const NewerVersion: Story = {
  name: 'Kept on the device, newer version exists',
  args: { 'api-base': apiBase('kept-newer') },
  loaders: [async ({ args, globals }) => keepDeathBundle(args['api-base'], globals.locale as string, '2025.1')],
  parameters: { docs: { description: { story: 'The kept copy is version 2025.1 and the API has 2026.1: the widget says a newer version exists and offers to update it.' } } },
};

export const Downloading: Story = {
  args: { 'api-base': apiBase('downloading') },
  play: pressDownloadAll,
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.slowFiles(1500)),
    docs: { description: { story: '"Download all" pressed, files arriving slowly: the progress bar, file n of 5 and the bytes so far. The ZIP is then saved.' } },
  },
};

export const FileRefused: Story = {
  name: 'A file does not match its SHA-256',
  args: { 'api-base': apiBase('refused') },
  play: pressDownloadAll,
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.corruptFile('funeral-subsidy-application.odt')),
    docs: {
      description: {
        story: 'One file arrives altered by one bit: it is refused and named; the citizen can save the ZIP without it (index.html says where to get it) or try again.',
      },
    },
  },
};

export const ApiDownMidDownload: Story = {
  name: 'API down mid-download',
  args: { 'api-base': apiBase('down-mid') },
  play: pressDownloadAll,
  parameters: {
    ...handlers(countiesHandlers.ok, ...bundles.downAfter(2)),
    docs: { description: { story: 'The connection fails after two files: the three missing ones are named with why, and Try again fetches only those.' } },
  },
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { 'api-base': apiBase('narrow') },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  decorators: [(story) => html`<div style="inline-size: 320px; max-inline-size: 100%">${story()}</div>`],
  parameters: { docs: { description: { story: 'In a 320px column, the narrowest phone it must work on: labels beside values as far as they fit, nothing cut off.' } } },
};

export const Print: Story = {
  args: { 'api-base': apiBase('print') },
  parameters: {
    docs: {
      description: {
        story:
          "Open the browser's print preview (Ctrl+P or ⌘P) on this story: the controls disappear and each form is printed with its title, office, " +
          'format, size, version, date and where to get it (the office, or the URL).',
      },
    },
  },
};
