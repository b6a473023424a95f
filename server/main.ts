/** Runs the reference API: `PORT`, `HOST`, `ONESTOP_DB` and `ONESTOP_DATA` from the environment. */
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { loadBundles } from './bundles.js';
import { loadCatalogue } from './catalogue.js';
import { readConfig } from './config.js';
import { Store } from './store.js';

export async function startApi(config = readConfig()) {
  const catalogue = await loadCatalogue(config.dataDir);
  const store = new Store(config.databasePath);
  const bundles = await loadBundles(config.dataDir, catalogue);
  const app = await buildApp({ catalogue, store, bundles });
  app.addHook('onClose', () => store.close());
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address, config, store };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { address, config } = await startApi();
  console.log(`OneStop API listening on ${address} (database ${config.databasePath})`);
}
