/**
 * Runs the reference API: `PORT`, `HOST`, `ONESTOP_DB` (or `DATABASE_URL` for PostgreSQL) and
 * `ONESTOP_DATA` from the environment. Holds nothing another process needs (the rate limit is
 * in the store), so several can run behind a load balancer on one PostgreSQL database.
 */
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { loadBundles } from './bundles.js';
import { loadCatalogue } from './catalogue.js';
import { readConfig } from './config.js';
import { openStore } from './store.js';

export async function startApi(config = readConfig()) {
  const catalogue = await loadCatalogue(config.dataDir);
  const store = await openStore(config);
  let app;
  try {
    const bundles = await loadBundles(config.dataDir, catalogue);
    app = await buildApp({ catalogue, store, bundles });
  } catch (error) {
    await store.close();
    throw error;
  }
  app.addHook('onClose', () => store.close());
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address, config, store };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { app, address, store } = await startApi();
  console.log(`OneStop API listening on ${address} (database ${store.engine}: ${store.description}, pid ${process.pid})`);
  // A stop from the process manager or the load balancer's host: finish the requests in
  // flight, release the database, then exit.
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
