/**
 * Records real answers of the reference API (in-process, from data/) into a module that the
 * unit tests and Storybook serve through msw. Mocks then carry the catalogue's own data and
 * can't drift from what the server really sends. Run by `npm run fixtures`.
 *
 * Widgets that need another answer add a line to RECORDINGS.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { buildApp } from '../server/app.js';
import { loadCatalogue } from '../server/catalogue.js';
import { loadBundles } from '../server/bundles.js';
import { Store } from '../server/store.js';
import { seedSampleCases } from './seed-sample-cases.js';

type Recording = { method: 'GET'; url: string } | { method: 'POST'; url: string; body: unknown };

const both = (name: string, url: string): Array<[string, Recording]> =>
  ['en', 'zh-Hant-TW'].map((lang) => [`${name}.${lang}`, { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}` }]);

const SAMPLE_SERVICES = [
  'death-registration',
  'low-income-household-status',
  'vehicle-scrapping',
  'land-inheritance-registration',
  'estate-tax-return',
  // the services of the SAMPLE tracker cases
  'birth-registration',
  'low-income-funeral-subsidy',
];

const RECORDINGS: Array<[string, Recording]> = [
  ...both('counties', '/v1/counties'),
  ...both('life-events', '/v1/life-events'),
  ...['death', 'birth', 'moving-house', 'disaster', 'new-resident', 'job-loss'].flatMap((id) => both(`life-event.${id}`, `/v1/life-events/${id}`)),
  ...both('calendar', '/v1/calendar'),
  ...both('agencies', '/v1/agencies'),
  ...both('services', '/v1/services'),
  ...SAMPLE_SERVICES.flatMap((id) => both(`service.${id}`, `/v1/services/${id}`)),
  ...both('case-statuses', '/v1/case-statuses'),
  ...both('bundles.TW-TTT', '/v1/counties/TW-TTT/bundles'),
  ...['death', 'birth', 'moving-house'].flatMap((event) => both(`bundle.TW-TTT.${event}`, `/v1/counties/TW-TTT/bundles/${event}`)),
  ...both('bundle.TW-NWT.death', '/v1/counties/TW-NWT/bundles/death'),
  ...both('bundles.TW-NWT', '/v1/counties/TW-NWT/bundles'),
];

const store = new Store(':memory:');
const catalogue = await loadCatalogue('data');
const app = await buildApp({ catalogue, store, bundles: await loadBundles('data', catalogue) });
// Every service a life-event task links, so the checklist's mocks can show every waiver.
const linked = new Set([...catalogue.lifeEvents.values()].flatMap((e) => e.tasks.flatMap((t) => (t.service ? [t.service] : []))));
for (const id of [...linked].filter((id) => !SAMPLE_SERVICES.includes(id)).sort()) RECORDINGS.push(...both(`service.${id}`, `/v1/services/${id}`));
// The SAMPLE tracker cases, looked up as a citizen would.
for (const sample of await seedSampleCases(store)) {
  RECORDINGS.push([`case.${sample.caseNumber}`, { method: 'POST', url: '/v1/cases/lookup', body: { caseNumber: sample.caseNumber, lookupCode: sample.lookupCode } }]);
}

const answers: Record<string, unknown> = {};
for (const [name, recording] of RECORDINGS) {
  const response = await app.inject(
    recording.method === 'GET' ? { method: 'GET', url: recording.url } : { method: 'POST', url: recording.url, payload: recording.body as object },
  );
  if (response.statusCode !== 200) throw new Error(`${name}: HTTP ${response.statusCode} ${response.body}`);
  answers[name] = response.json();
}
await app.close();
store.close();

await mkdir('test/fixtures/recorded', { recursive: true });
await writeFile(
  'test/fixtures/recorded/api-answers.ts',
  `// Recorded from the reference API by scripts/record-fixtures.ts. Do not edit.\n` +
    `export const recordedAnswers = ${JSON.stringify(answers, null, 2)} as const;\n`,
);
console.log(`recorded ${Object.keys(answers).length} API answers into test/fixtures/recorded/api-answers.ts`);
