/**
 * `npm start`: the reference API on its SQLite default, and the demo host pages that embed
 * every widget from dist/. Prints where to look and the snippet a webmaster pastes.
 */
import { existsSync } from 'node:fs';
import { startApi } from '../server/main.js';
import { startDemoHost } from './demo-host.js';
import { seedSampleCases } from './seed-sample-cases.js';

if (!existsSync('dist/onestop.js')) {
  console.error('dist/ is missing: run `npm run build` first (npm start does this for you).');
  process.exit(1);
}

const api = await startApi();
const apiBase = `${api.address}/`;
const demoPort = Number(process.env.DEMO_PORT ?? 8080);
const demo = await startDemoHost({ apiBase, port: demoPort, host: api.config.host });
// Sample cases for the tracker demo (labelled SAMPLE; seeding is idempotent).
const samples = await seedSampleCases(api.store);

console.log(`
OneStop is running.
  Demo pages:  ${demo.address}/
  API:         ${apiBase}v1/health  (OpenAPI: ${apiBase}v1/openapi.json)
  Database:    ${api.config.databasePath}

Embed on any page (one tag for the script, one for the widget):
  <meta name="onestop-api-base" content="${apiBase}">
  <script type="module" src="${demo.address}/dist/onestop.js"></script>
  <onestop-county-bundle county="TW-TTT"></onestop-county-bundle>

SAMPLE tracker cases (case number, lookup code):
${samples.map((s) => `  ${s.caseNumber.padEnd(24)} ${s.lookupCode}  ${s.title}`).join('\n')}

Press Ctrl+C to stop.`);

const stop = async () => {
  await Promise.allSettled([demo.app.close(), api.app.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
