import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/life-event-checklist/define.js';
import { apiClientFor } from '../src/core/api/client.js';
import { LifeEventResponse } from '../src/core/api/contract/life-events.js';
import { pickLocale } from '../src/core/i18n.js';
import { PROGRESS_VERSION, storageKey, type SavedPlan } from '../src/life-event-checklist/progress.js';
import { checklistHandlers } from '../test/mocks/life-event-checklist-handlers.js';
import { embedSnippet } from './embed-snippet.js';
import { useHandlers } from '../.storybook/msw.js';

interface ChecklistArgs {
  event?: string;
  county?: string;
  'event-date'?: string;
  groupings?: string;
  persist?: string;
  today?: string;
  /** Where the API is. Each story has its own, so the client's caches never mix. */
  'api-base': string;
}

const apiBase = (story: string) => `https://api.onestop.example/checklist-${story}/`;

const render = (args: ChecklistArgs): TemplateResult =>
  html`<onestop-life-event-checklist
    api-base=${args['api-base']}
    event=${args.event || nothing}
    county=${args.county || nothing}
    event-date=${args['event-date'] || nothing}
    groupings=${args.groupings || nothing}
    persist=${args.persist || nothing}
    today=${args.today || nothing}
  ></onestop-life-event-checklist>`;

/** Starts a story from an empty device (stories share one origin, so one key per event). */
const freshDevice = (event: string) => () => localStorage.removeItem(storageKey(event));

/** A family's progress as it would be on the device: SAMPLE data, no real person. */
const sampleProgress: SavedPlan = {
  eventDate: '2026-01-15',
  answers: { 'death-place': 'hospital', county: 'TW-TTT', 'left-property': true, 'owned-property': true, 'had-debts': false, insurance: ['labour'] },
  progress: {
    D02: { done: true, assignee: 'Mei (sample)' },
    D07: { assignee: 'Wei (sample)', note: 'Sample note: the office opens at 8:00.' },
  },
  grouping: 'deadline',
};

const meta = {
  title: 'Widgets/Life event checklist',
  component: 'onestop-life-event-checklist',
  tags: ['autodocs'],
  render,
  args: { event: 'death', today: '2026-01-20', 'api-base': apiBase('death') },
  argTypes: {
    event: { control: 'select', options: ['', 'death', 'birth', 'moving-house', 'disaster', 'new-resident', 'job-loss'] },
    county: { control: 'text', description: 'ISO 3166-2:TW code answered in advance, e.g. `TW-TTT`.' },
    'event-date': { control: 'text', description: 'The event date answered in advance, `YYYY-MM-DD`.' },
    groupings: { control: 'text', description: 'Groupings offered, from `deadline office category`.' },
    persist: { control: 'select', options: ['', 'false'], description: '`false` keeps nothing on the device.' },
    today: { control: 'text', description: 'The day the plan counts from (fixed in stories so the dates do not drift).' },
    'api-base': { control: 'text', description: 'URL of the OneStop API. Each story has its own (msw answers them all).' },
  },
  loaders: [freshDevice('death')],
  parameters: {
    msw: { handlers: checklistHandlers.ok },
    docs: {
      story: { inline: false, iframeHeight: '40rem' },
      description: {
        component:
          'A personal plan for a life event: plain questions, only the tasks that apply, real last days, where to go and what to bring, ' +
          'progress kept on the device. Every story answers from msw with the reference API\'s recorded data (every service a task links is recorded, ' +
          'so each such task shows its waived documents), or with one of the ways the API can fail. The day is fixed to 20 January 2026.' +
          embedSnippet('onestop-life-event-checklist', 'life-event-checklist.js', 'event="death" county="TW-TTT"', '<a href="https://www.example.gov.tw/after-a-death">What to do after a death</a>'),
      },
    },
  },
} satisfies Meta<ChecklistArgs>;

export default meta;
type Story = StoryObj<ChecklistArgs>;

export const Death: Story = {
  parameters: { docs: { description: { story: 'Nothing answered yet: all 37 tasks are listed, those that depend on a skipped question as "may apply".' } } },
};

export const English: Story = {
  args: { 'api-base': apiBase('english') },
  globals: { locale: 'en' },
};

export const WithProgress: Story = {
  name: 'Answered, with progress (sample)',
  args: { 'api-base': apiBase('progress') },
  loaders: [() => localStorage.setItem(storageKey('death'), JSON.stringify({ v: PROGRESS_VERSION, savedAt: Date.now(), data: sampleProgress }))],
  parameters: {
    docs: {
      description: {
        story: 'A device that already holds SAMPLE answers and progress: date of death 15 January 2026, Taitung County, property, labour insurance; two tasks assigned by name, one done.',
      },
    },
  },
};

export const Overdue: Story = {
  args: { today: '2026-03-01', 'event-date': '2026-01-15', 'api-base': apiBase('overdue') },
  parameters: { docs: { description: { story: 'Six weeks after the death: the registration\'s last day has passed and comes first.' } } },
};

export const OfficeGrouping: Story = {
  name: 'Grouped by office only',
  args: { groupings: 'office', county: 'TW-TPE', 'api-base': apiBase('office') },
  parameters: { docs: { description: { story: '`groupings="office"`: one trip per office; the county names the office.' } } },
};

export const Birth: Story = {
  args: { event: 'birth', 'api-base': apiBase('birth') },
  loaders: [freshDevice('birth')],
  parameters: { docs: { description: { story: 'Having a baby: tasks the government does unasked say "nothing to do".' } } },
};

export const Picker: Story = {
  name: 'No event: pick one',
  args: { event: '', 'api-base': apiBase('picker') },
};

export const NotKept: Story = {
  name: 'Not kept on the device',
  args: { persist: 'false', 'api-base': apiBase('not-kept') },
};

export const CorruptSavedCopy: Story = {
  name: 'Saved copy unreadable',
  args: { 'api-base': apiBase('corrupt') },
  loaders: [() => localStorage.setItem(storageKey('death'), '{"v":1,"data":{"eventDate":"soon"}}')],
  parameters: { docs: { description: { story: 'The copy on the device is damaged: it is set aside (not deleted) and the widget says so.' } } },
};

export const Loading: Story = {
  args: { 'api-base': apiBase('loading') },
  parameters: { msw: { handlers: checklistHandlers.loading } },
};

export const EmptyList: Story = {
  name: 'Empty list of events',
  args: { event: '', 'api-base': apiBase('empty-list') },
  parameters: { msw: { handlers: checklistHandlers.emptyList } },
};

export const NoTasks: Story = {
  name: 'Event without tasks',
  args: { 'api-base': apiBase('no-tasks') },
  parameters: { msw: { handlers: checklistHandlers.noTasks } },
};

export const ServerError: Story = {
  name: 'Server error',
  args: { 'api-base': apiBase('server-error') },
  parameters: { msw: { handlers: checklistHandlers.serverError } },
};

export const NetworkError: Story = {
  name: 'Network error',
  args: { 'api-base': apiBase('network-error') },
  parameters: { msw: { handlers: checklistHandlers.networkError } },
};

export const MalformedAnswer: Story = {
  name: 'Malformed answer',
  args: { 'api-base': apiBase('malformed') },
  parameters: { msw: { handlers: checklistHandlers.malformed } },
};

export const ContractBreak: Story = {
  name: 'Contract break',
  args: { 'api-base': apiBase('contract-break') },
  parameters: { msw: { handlers: checklistHandlers.contractBreak } },
};

export const NoCalendar: Story = {
  name: 'Office calendar unavailable',
  args: { 'event-date': '2026-01-15', 'api-base': apiBase('no-calendar') },
  parameters: { msw: { handlers: checklistHandlers.noCalendar } },
};

export const CalendarNotPublished: Story = {
  name: 'Calendar not published yet',
  args: { today: '2027-09-01', 'event-date': '2027-08-31', 'api-base': apiBase('unpublished') },
};

export const OfflineWithLastGoodData: Story = {
  name: 'Offline with last good data',
  args: { 'api-base': apiBase('offline') },
  loaders: [
    async ({ args, globals }) => {
      await useHandlers(checklistHandlers.ok);
      await apiClientFor(args['api-base']).get('v1/life-events/death', LifeEventResponse, { query: { lang: pickLocale(globals.locale as string | undefined) } });
      await useHandlers(checklistHandlers.networkError);
    },
  ],
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { 'event-date': '2026-01-15', 'api-base': apiBase('narrow') },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  decorators: [(story) => html`<div style="inline-size: 320px; max-inline-size: 100%">${story()}</div>`],
};

export const Print: Story = {
  args: { 'event-date': '2026-01-15', 'api-base': apiBase('print') },
  loaders: [() => localStorage.setItem(storageKey('death'), JSON.stringify({ v: PROGRESS_VERSION, savedAt: Date.now(), data: sampleProgress }))],
  parameters: {
    docs: {
      description: {
        story: "Open the browser's print preview on this story: questions and buttons go, every task prints with its tick box, last day and details, followed by the answers.",
      },
    },
  },
};
