/**
 * A bundle kept on the device for offline use, in the Cache Storage API: the manifest (as the
 * API sent it, with when it was saved) and every file, each under its own URL. Kept until the
 * citizen removes it; a newer version replaces the files that changed.
 *
 * Every function fails soft: where Cache Storage is missing or blocked (plain http, a
 * sandboxed frame, some private modes) reading gives nothing and `offlineSupported()` is false.
 */
import { safeParse } from 'zod/mini';
import { BundleResponse, type BundleFileView } from '../core/api/bundle-contract.js';

export const OFFLINE_CACHE = 'onestop-county-bundle-v1';
const RECORD_VERSION = 1;

export interface KeptBundle {
  /** When the copy was saved or last updated (ms since epoch). */
  savedAt: number;
  bundle: BundleResponse;
}

/** True where this browser can keep files for offline use. */
export function offlineSupported(): boolean {
  return typeof globalThis.caches?.open === 'function' && globalThis.isSecureContext !== false;
}

/** Where the manifest of a kept bundle is stored: a URL the API never serves. */
const recordUrl = (apiBase: string, county: string, event: string) =>
  new URL(`v1/counties/${encodeURIComponent(county)}/bundles/${encodeURIComponent(event)}?onestop-kept=${RECORD_VERSION}`, apiBase).href;

/** A file's absolute URL (the manifest's `url` is relative to the API base). */
export const fileUrl = (apiBase: string, file: Pick<BundleFileView, 'url'>) => new URL(file.url, apiBase).href;

async function open(): Promise<Cache | null> {
  if (!offlineSupported()) return null;
  try {
    return await caches.open(OFFLINE_CACHE);
  } catch {
    return null; // blocked (SecurityError) or broken storage
  }
}

/** The kept copy of a bundle, or null (none, unreadable, or written by an incompatible version). */
export async function loadKept(apiBase: string, county: string, event: string): Promise<KeptBundle | null> {
  const cache = await open();
  if (!cache) return null;
  try {
    const response = await cache.match(recordUrl(apiBase, county, event));
    if (!response) return null;
    const record = (await response.json()) as { v?: unknown; savedAt?: unknown; bundle?: unknown };
    if (record.v !== RECORD_VERSION || typeof record.savedAt !== 'number') return null;
    const parsed = safeParse(BundleResponse, record.bundle);
    return parsed.success ? { savedAt: record.savedAt, bundle: parsed.data } : null;
  } catch {
    return null;
  }
}

/** A kept file's bytes, or null. The caller still checks them against the manifest. */
export async function keptFileBytes(apiBase: string, file: Pick<BundleFileView, 'url'>): Promise<Uint8Array | null> {
  const cache = await open();
  if (!cache) return null;
  try {
    const response = await cache.match(fileUrl(apiBase, file));
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `bundle` with the bytes of every file (already checked by the caller); replaces an
 * earlier copy and drops its files that are no longer listed. Throws when the device refuses
 * (no room: `QuotaExceededError`).
 */
export async function keep(apiBase: string, bundle: BundleResponse, bytes: ReadonlyMap<string, Uint8Array>, now = Date.now()): Promise<KeptBundle> {
  const cache = await open();
  if (!cache) throw new Error('Cache Storage is not available');
  const previous = await loadKept(apiBase, bundle.county.code, bundle.event.id);
  for (const file of bundle.files) {
    const body = bytes.get(file.id);
    if (!body) throw new Error(`No bytes for ${file.id}`);
    await cache.put(
      fileUrl(apiBase, file),
      new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': file.mediaType, 'content-length': String(body.length) } }),
    );
  }
  const record = { v: RECORD_VERSION, savedAt: now, bundle };
  await cache.put(recordUrl(apiBase, bundle.county.code, bundle.event.id), new Response(JSON.stringify(record), { headers: { 'content-type': 'application/json' } }));
  if (previous) {
    const listed = new Set(bundle.files.map((f) => fileUrl(apiBase, f)));
    for (const file of previous.bundle.files) {
      const url = fileUrl(apiBase, file);
      if (!listed.has(url)) await cache.delete(url);
    }
  }
  return { savedAt: now, bundle };
}

/** Removes the kept copy of a bundle and its files. */
export async function removeKept(apiBase: string, county: string, event: string): Promise<void> {
  const cache = await open();
  if (!cache) return;
  const kept = await loadKept(apiBase, county, event);
  for (const file of kept?.bundle.files ?? []) await cache.delete(fileUrl(apiBase, file));
  await cache.delete(recordUrl(apiBase, county, event));
}
