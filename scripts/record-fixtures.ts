/**
 * Records real answers of the reference API (in-process, from data/) into a module that the
 * unit tests and Storybook serve through msw. Mocks then carry the catalogue's own data and
 * can't drift from what the server really sends. Run by `npm run fixtures`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { buildApp } from '../server/app.js';
import { loadCatalogue } from '../server/catalogue.js';
import { Store } from '../server/store.js';

const store = new Store(':memory:');
const app = await buildApp({ catalogue: await loadCatalogue('data'), store });
const answers: Record<string, unknown> = {};
for (const lang of ['en', 'zh-Hant-TW']) {
  const response = await app.inject({ method: 'GET', url: `/v1/counties?lang=${lang}` });
  if (response.statusCode !== 200) throw new Error(`counties ${lang}: HTTP ${response.statusCode}`);
  answers[`counties.${lang}`] = response.json();
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
