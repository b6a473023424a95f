/** Shared set-up for the server tests: the app built in-process over the real catalogue. */
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/app.js';
import { loadCatalogue, type Catalogue } from '../../server/catalogue.js';
import type { Store } from '../../server/store.js';
import { loadBundles } from '../../server/bundles.js';
import { openTestStore } from './test-store.js';

/** The repository's data/ directory, whatever the working directory. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface Harness {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/**
 * Builds the app over the real catalogue (or the one given) and a fresh store on the test
 * engine (test-store.ts: SQLite in memory, or a PostgreSQL schema of its own), or the one given.
 */
export async function startApp(options: { catalogue?: Catalogue; store?: Store } = {}): Promise<Harness> {
  const catalogue = options.catalogue ?? (await loadCatalogue(DATA_DIR));
  const store = options.store ?? (await openTestStore());
  const bundles = options.catalogue ? undefined : await loadBundles(DATA_DIR, catalogue);
  const app = await buildApp({ catalogue, store, bundles });
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A fresh temporary directory, and a function that removes it. */
export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'onestop-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Asserts helper: the media type of a content-type header, without parameters. */
export function mediaType(header: string | number | string[] | undefined): string {
  return String(header ?? '').split(';')[0]!.trim().toLowerCase();
}
